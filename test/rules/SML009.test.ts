import { py, ruleTester } from './rule-tester';

ruleTester('SML009', {
  valid: [
    { name: 'small numbers, 100 and named values', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(3, len(items))
              self.assertEqual(-1, find('x'))
              self.assertEqual(100, percent())
              self.assertEqual(PAGE_SIZE, size())
              assert count() <= 10
    ` },
    { name: 'places, delta and message positions are not compared values', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertAlmostEqual(ratio(), 0.5 * 2, 7)
              self.assertTrue(ok(), 404)
    ` },
    { name: 'numbers outside assertions', code: py`
      def test_a():
          server = boot(ram=4096)
          assert server.ok
    ` },
  ],
  invalid: [
    { name: 'a bare quota in assertEqual: exact range', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_quota(self):
              self.assertEqual(51200, quota()["ram"])
    `, errors: [{ line: 4, column: 26, endLine: 4, endColumn: 31, severity: 'info', message: '`51200` in `assertEqual`' }] },
    { name: 'operands of an asserted comparison, negative and float', code: py`
      def test_a():
          assert offset() == -42
          assert ratio() < 0.75
    `, errors: [{ line: 2, message: '`-42`' }, { line: 3, message: '`0.75`' }] },
  ],
});
