import { py, ruleTester } from './rule-tester';

ruleTester('ASR004', {
  valid: [
    { name: 'the recommended forms', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertIsInstance(port, int)
              self.assertIs(type(port), int)
              self.assertIsNot(type(port), bool)
              self.assertTrue(type(port) is int)
    ` },
    { name: 'type() with three arguments builds a class; attributes of a type are not types', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(type('X', (), {}), other)
              self.assertEqual(type(x).__name__, 'int')
              self.assertTrue(type(x).__name__ == 'int')
    ` },
    { name: 'not a self assertion', code: py`
      def test_a():
          checker.assertEqual(type(x), int)
          assert type(x) == int
    ` },
  ],
  invalid: [
    { name: 'assertEqual(type(x), T): exact range and both suggestions, no fix', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(type(port), int)
    `, errors: [{ line: 3, column: 9, endLine: 3, endColumn: 42, severity: 'info', message: '`assertIsInstance(port, int)` if subclasses are fine, or `assertIs(type(port), int)`', fixTitle: null }] },
    { name: 'either order, assertNotEqual, and the assertTrue/assertFalse forms', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(ipaddress.IPv6Network, type(net))
              self.assertNotEqual(type(x), bool)
              self.assertTrue(type(tree) == ast.Module)
              self.assertFalse(type(tree) == ast.Module)
              self.assertTrue(type(tree) != ast.Module, 'msg')
    `, errors: [
      { line: 3, message: 'assertIsInstance(net, ipaddress.IPv6Network)' },
      { line: 4, message: 'assertNotIsInstance(x, bool)' },
      { line: 5, message: 'assertIsInstance(tree, ast.Module)' },
      { line: 6, message: 'assertIsNot(type(tree), ast.Module)' },
      { line: 7, message: 'assertNotIsInstance(tree, ast.Module)' },
    ] },
    { name: 'two types compared: only the exact-type advice makes sense', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(type(a), type(b))
    `, errors: [{ line: 3, message: /^`assertEqual\(type\(a\), type\(b\)\)` compares types with `==`; write `assertIs\(type\(a\), type\(b\)\)`/ }] },
  ],
});
