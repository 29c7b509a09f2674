import { py, ruleTester } from './rule-tester';

ruleTester('SML007', {
  valid: [
    { name: 'a call between them changes state', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(0, q.size)
              q.put(1)
              self.assertEqual(0, q.size)
    ` },
    { name: 'assertions that call code may answer differently', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(1, next(it))
              self.assertEqual(1, next(it))
              self.assertRaises(StopIteration, next, it)
              self.assertRaises(StopIteration, next, it)
              self.assertRaisesSyntaxError('def f(:')
              self.assertRaisesSyntaxError('def f(:')
    ` },
    { name: 'strings that differ only inside an escape', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertIn("a\\n", out)
              self.assertIn("a\\t", out)
    ` },
    { name: 'a comment between explains the repeat; a cached property read again', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertIsInstance([], Iterable)
              # The second check takes the cached path.
              self.assertIsInstance([], Iterable)
              self.assertEqual(1, a.cp)
              self.assertEqual(2, b.cp)
              self.assertEqual(1, a.cp)
      def test_cache():
          assert a.prop == 2
          assert a.calls == 1
          assert a.prop == 2
          assert a.calls == 1
    ` },
    { name: 'different blocks', code: py`
      def test_a():
          if x:
              assert y == 1
          else:
              assert y == 1
    ` },
  ],
  invalid: [
    { name: 'repeated unittest assertion, deleted by the fix; exact range', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              flavor = get()
              self.assertEqual(2048, flavor["ram"])
              self.assertEqual(1, flavor["vcpus"])
              self.assertEqual(2048,  flavor["ram"])  # again
    `, errors: [{ line: 7, column: 9, endLine: 7, endColumn: 47, severity: 'info', message: 'repeats the one 2 lines above', fixTitle: 'Delete' }],
    output: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              flavor = get()
              self.assertEqual(2048, flavor["ram"])
              self.assertEqual(1, flavor["vcpus"])
    ` },
    { name: 'plain asserts with pure builtins, and mock assertions', code: py`
      def test_a(m):
          assert len(items) == 2
          assert len(items) == 2
          m.assert_called_once_with(1)
          m.assert_called_once_with(1)
    `, errors: [{ line: 3 }, { line: 5 }],
    output: py`
      def test_a(m):
          assert len(items) == 2
          m.assert_called_once_with(1)
    ` },
    { name: 'no fix when the statement shares its line', code: py`
      def test_a():
          assert x == 1
          assert x == 1; y = 2
    `, errors: [{ line: 3, fixTitle: null }] },
  ],
});
