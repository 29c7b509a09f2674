import { py, ruleTester } from './rule-tester';

ruleTester('SML008', {
  valid: [
    { name: 'real values', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(result.ok)
              self.assertEqual(expected, actual)
              self.assertIsNone(find('x'))
    ` },
    { name: 'tests of comparison compare a value with itself on purpose', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_equality(self):
              self.assertEqual(ev, ev)
          def test_kevent(self):
              self.assertEqual(ev, ev)
              self.assertNotEqual(ev, other)
    ` },
    { name: 'an object compared with itself runs its __eq__, which may fail', code: py`
      def test_config():
          cfg = Config()
          assert cfg == cfg
    ` },
    { name: 'a file defining __eq__', code: py`
      import unittest
      class Money:
          def __eq__(self, other):
              return NotImplemented
      class T(unittest.TestCase):
          def test_a(self):
              m = Money()
              self.assertEqual(m, m)
    ` },
    { name: 'tests of the assert statement; strings and tuples are ASR012', code: py`
      def test_assert():
          assert 1
      def test_b():
          assert "text"
    ` },
    { name: 'outside test code', code: py`
      def helper(self):
          self.assertTrue(True)
    ` },
  ],
  invalid: [
    { name: 'assertEqual of a name with itself: exact range', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_rename(self):
              expected = "web-01"
              self.assertEqual(expected, expected)
    `, errors: [{ line: 5, column: 9, endLine: 5, endColumn: 45, severity: 'error', message: 'compares `expected` with itself' }] },
    { name: 'literal checks', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(True)
              self.assertTrue(1)
              self.assertTrue("reached")
              self.assertFalse(0)
              self.assertIsNone(None)
              self.assertIsNotNone(3)
              self.assertIs(self.x, self.x)
              self.assertEqual(0, 0)
    `, errors: [{ line: 4 }, { line: 5 }, { line: 6 }, { line: 7, message: 'always false' }, { line: 8 }, { line: 9 }, { line: 10, message: '`self.x`' }, { line: 11 }] },
    { name: 'pytest forms', code: py`
      def test_a():
          assert True
          assert 7
          x = 'web-01'
          assert x == x
          assert f"{x}" == f"{x}"
    `, errors: [{ line: 2 }, { line: 3 }, { line: 5, message: 'compares `x` with itself' }] },
  ],
});
