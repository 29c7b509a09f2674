import { py, ruleTester } from './rule-tester';

ruleTester('ASR003', {
  valid: [
    { name: 'assertIn/assertNotIn already', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertIn(a, b)
              self.assertNotIn(a, b)
    ` },
    { name: 'assertIs on a membership test checks that `in` gives the bool singleton (tests of bool do this)', code: py`
      class T(unittest.TestCase):
          def test_contains(self):
              self.assertIs(1 in x, True)
              self.assertIsNot(0 in x, True)
    ` },
    { name: 'other comparisons and chained membership are not this rule', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(a == b, True)
              self.assertEqual(a < b in c, True)
              self.assertEqual(a in b, c in d)
    ` },
    { name: 'not a self assertion, or splatted', code: py`
      def test_a():
          checker.assertEqual(a in b, True)
          self.assertEqual(*args)
    ` },
  ],
  invalid: [
    { name: 'assertEqual(a in b, True): exact range, message and fix', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual('vm1' in names, True)
    `, errors: [{ line: 3, column: 9, endLine: 3, endColumn: 47, severity: 'warning', message: "`assertIn('vm1', names)` prints the item and the container", fixTitle: 'assertIn' }],
      output: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertIn('vm1', names)
    ` },
    { name: 'every spelling maps to assertIn or assertNotIn, either order, keeping the message', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(True, a in b)
              self.assertEqual(a in b, False, 'm')
              self.assertEqual(a not in b, True)
              self.assertEqual(False, (a not in b), msg='m')
              self.assertNotEqual(a in b, True)
              self.assertNotEqual(a not in b, True)
    `, errors: Array.from({ length: 6 }, (_, i) => ({ line: 3 + i, severity: 'warning' as const })),
      output: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertIn(a, b)
              self.assertNotIn(a, b, 'm')
              self.assertNotIn(a, b)
              self.assertIn(a, b, 'm')
              self.assertNotIn(a, b)
              self.assertIn(a, b)
    ` },
    { name: 'a multi-line call keeps its message on the next line', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(data in test_data, True,
                               "wrong data")
    `, errors: [{ line: 3, endLine: 4 }],
      output: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertIn(data, test_data,
                               "wrong data")
    ` },
    { name: 'unknown keywords: reported without a fix', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(a in b, True, message='m')
    `, errors: [{ line: 3, fixTitle: null }] },
  ],
});
