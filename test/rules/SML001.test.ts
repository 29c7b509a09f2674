import { py, ruleTester } from './rule-tester';

ruleTester('SML001', {
  valid: [
    { name: 'two unlabeled assertions are below the threshold', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(1, f())
              self.assertTrue(g())
    ` },
    { name: 'messages, subTest and self-describing assertions count as labeled', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(1, f(), 'f of nothing')
              self.assertAlmostEqual(1.0, g(), 3, 'g rounded')
              with self.assertRaises(ValueError):
                  h()
              m.assert_called_once_with(1)
              for case in cases:
                  with self.subTest(case=case):
                      self.assertTrue(case.ok)
                      self.assertFalse(case.failed)
    ` },
    { name: 'assertions in nested helpers are not the test\'s own', code: py`
      def test_a():
          def check(x):
              assert x
              assert x > 1
              assert x < 5
          check(run())
    ` },
    { name: 'helper methods are not tests', code: py`
      import unittest
      class T(unittest.TestCase):
          def _check(self, x):
              self.assertTrue(x)
              self.assertTrue(x.a)
              self.assertTrue(x.b)
    ` },
  ],
  invalid: [
    { name: 'three unlabeled unittest assertions: range is the test name', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_resize(self):
              self.assertEqual(1, a())
              self.assertEqual(2, b())
              self.assertTrue(c())
    `, errors: [{ line: 3, column: 9, endLine: 3, endColumn: 20, severity: 'info', message: '3 assertions, 3 of them without a message' }] },
    { name: 'pytest asserts; a message on one still leaves two unlabeled', code: py`
      def test_parse():
          assert parse('1') == 1
          assert parse('2') == 2, 'two'
          assert parse('3') == 3
    `, errors: [{ line: 1, message: '2 of them without a message' }] },
    { name: 'keyword msg counts as a message; positional places does not', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(1, a(), msg='a')
              self.assertAlmostEqual(1.0, b(), 3)
              self.assertIsNone(c())
    `, errors: [{ line: 3 }] },
  ],
});
