import { py, ruleTester } from './rule-tester';

ruleTester('FXT004', {
  valid: [
    { name: 'every test uses the setup, one through a helper', code: py`
      import unittest
      class CartTest(unittest.TestCase):
          def setUp(self):
              self.cart = Cart()
          def _fill(self):
              self.cart.add('a')
          def test_add(self):
              self.cart.add('a')
          def test_fill(self):
              self._fill()
    ` },
    { name: 'setup that also acts (a fixture, a patch, a cleanup) may serve a test through its effect', code: py`
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              self.cart = Cart()
              self.addCleanup(reset_prices)
          def test_add(self):
              self.cart.add('a')
          def test_tax(self):
              self.assertEqual(121, price_with_tax(100))
    ` },
    { name: 'a product built by a fixture counts as an effect', code: py`
      import testtools
      class T(testtools.TestCase):
          def setUp(self):
              super().setUp()
              self.db = self.useFixture(DatabaseFixture())
          def test_add(self):
              self.db.add('a')
          def test_tax(self):
              self.assertEqual(121, price_with_tax(100))
    ` },
    { name: 'a single test', code: py`
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              self.cart = Cart()
          def test_tax(self):
              self.assertEqual(121, price_with_tax(100))
    ` },
    { name: 'a test that may read anything through an unseen helper', code: py`
      from nova import test
      class T(test.TestCase):
          def setUp(self):
              super().setUp()
              self.flavor = make_flavor()
          def test_a(self):
              self.assertEqual(1, self.flavor.vcpus)
          def test_b(self):
              self._create_server()
    ` },
  ],
  invalid: [
    { name: 'a test that reads nothing the setup builds, exact range on its name', code: py`
      import unittest
      class CartTest(unittest.TestCase):
          def setUp(self):
              self.catalog = Catalog.load('catalog.json')
              self.cart = Cart(self.catalog)
          def test_add(self):
              self.cart.add('apple')
          def test_tax(self):
              self.assertEqual(121, price_with_tax(100, rate=21))
    `, errors: [{ line: 8, column: 9, endLine: 8, endColumn: 17, severity: 'info', message: '`test_tax` uses nothing that `setUp()` builds (`self.catalog`, `self.cart`)' }] },
    { name: 'a literal product is a product too', code: py`
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              self.name = 'vm1'
          def test_a(self):
              self.assertEqual('vm1', self.name)
          def test_b(self):
              self.assertTrue(True)
    `, errors: [{ line: 7, message: '`test_b`' }] },
  ],
});
