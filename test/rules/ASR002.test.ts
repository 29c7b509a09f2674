import { py, ruleTester } from './rule-tester';

ruleTester('ASR002', {
  valid: [
    { name: 'assertIs/assertIsNot with a bool is the exact form the rule recommends', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertIs(flag, True)
              self.assertIsNot(flag, False)
    ` },
    { name: 'None as the third (message) argument is not compared', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(a, b, None)
    ` },
    { name: 'membership compared to a bool belongs to ASR003', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual('vm1' in names, True)
    ` },
    { name: 'two literals, a splat, keyword arguments', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(None, None)
              self.assertEqual(*pair)
              self.assertEqual(first=x, second=None)
    ` },
    { name: 'other assertions and non-self receivers', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertIsNone(x)
              self.assertIn(None, values)
              mock_obj.assertEqual(x, None)
    ` },
  ],
  invalid: [
    { name: 'assertEqual(x, None): exact range and fix', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(migration.error, None)
    `, errors: [{ line: 3, column: 9, endLine: 3, endColumn: 48, severity: 'info', message: '`assertIsNone(migration.error)`', fixTitle: 'assertIsNone' }],
      output: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertIsNone(migration.error)
    ` },
    { name: 'None first, all four methods, message kept', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(None, x, 'm')
              self.assertNotEqual(x, None, msg='m')
              self.assertIs(x, None)
              self.assertIsNot(None,
                               x)
    `, errors: [{ line: 3 }, { line: 4, message: 'assertIsNotNone' }, { line: 5, message: 'long way' }, { line: 6 }],
      output: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertIsNone(x, 'm')
              self.assertIsNotNone(x, msg='m')
              self.assertIsNone(x)
              self.assertIsNotNone(x)
    ` },
    { name: 'bools: a suggestion, no automatic fix', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(migration.cancelled, True)
              self.assertEqual(False, flag)
              self.assertNotEqual(flag, True)
    `, errors: [
      { line: 3, fixTitle: null, message: /assertIs\(migration.cancelled, True\).*assertTrue\(migration.cancelled\)/ },
      { line: 4, fixTitle: null, message: 'assertIs(flag, False)' },
      { line: 5, fixTitle: null, message: 'assertIsNot(flag, True)' },
    ] },
  ],
});
