# expect: none
import unittest
from unittest import mock

from shop.cart import Cart
from shop.pricing import PriceList


class CartTotalTest(unittest.TestCase):

    def setUp(self):
        super().setUp()
        self.prices = PriceList({'apple': 30, 'pear': 45})
        self.cart = Cart(self.prices)

    def test_total_of_empty_cart_is_zero(self):
        self.assertEqual(0, self.cart.total())

    def test_total_adds_quantities(self):
        self.cart.add('apple', quantity=2)
        self.cart.add('pear')
        self.assertEqual(105, self.cart.total())

    def test_unknown_item_is_refused(self):
        with self.assertRaisesRegex(KeyError, 'banana'):
            self.cart.add('banana')

    @mock.patch.object(PriceList, 'discount', return_value=10, autospec=True)
    def test_discount_is_applied_once(self, mock_discount):
        self.cart.add('apple')
        self.assertEqual(20, self.cart.total())
        mock_discount.assert_called_once_with(self.prices, 'apple')
