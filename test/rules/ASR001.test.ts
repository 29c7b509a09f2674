import { py, ruleTester } from './rule-tester';

ruleTester('ASR001', {
  valid: [
    { name: 'specific assertions already', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(a, b)
              self.assertIn(a, b)
    ` },
    { name: 'chained comparison has two operators', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(0 < x < 10)
    ` },
    { name: 'plain truthiness and boolean operators', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(x)
              self.assertTrue(a == b and c == d)
              self.assertFalse(not a == b)
    ` },
    { name: 'not a self assertion', code: py`
      def test_a():
          checker.assertTrue(a == b)
          assertTrue(a == b)
    ` },
    { name: 'a type compared by equality belongs to ASR004', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(type(x) == int)
              self.assertFalse(int != type(x))
    ` },
    { name: 'isinstance with a wrong arity is not rewritten', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(isinstance(x))
    ` },
  ],
  invalid: [
    { name: 'a file that defines comparison methods: assertFalse(a == b) keeps its finding but gets no fix', code: py`
      class Odd:
          def __ne__(self, other):
              return False
      class T(unittest.TestCase):
          def test_a(self):
              self.assertFalse(Odd() == 1)
              self.assertTrue(Odd() == Odd())
    `, errors: [{ line: 6, fixTitle: null }, { line: 7, fixTitle: 'assertEqual' }] },
    { name: 'assertTrue(a == b): exact range, message and fix', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(flavor.name == 'small')
    `, errors: [{ line: 3, column: 9, endLine: 3, endColumn: 48, severity: 'warning', message: "`assertEqual(flavor.name, 'small')` prints both values", fixTitle: 'assertEqual' }],
      output: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(flavor.name, 'small')
    ` },
    { name: 'every operator under assertTrue, keeping a positional msg', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(a != b, 'm')
              self.assertTrue(a < b)
              self.assertTrue(a <= b)
              self.assertTrue(a > b)
              self.assertTrue(a >= b)
              self.assertTrue(a in b)
              self.assertTrue(a not in b)
              self.assertTrue(a is b)
              self.assertTrue(a is not b)
              self.assertTrue(a is None)
              self.assertTrue(None is not a)
              self.assertTrue(isinstance(a, (int, float)), 'm')
    `, errors: Array.from({ length: 12 }, (_, i) => ({ line: 3 + i })),
      output: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertNotEqual(a, b, 'm')
              self.assertLess(a, b)
              self.assertLessEqual(a, b)
              self.assertGreater(a, b)
              self.assertGreaterEqual(a, b)
              self.assertIn(a, b)
              self.assertNotIn(a, b)
              self.assertIs(a, b)
              self.assertIsNot(a, b)
              self.assertIsNone(a)
              self.assertIsNotNone(a)
              self.assertIsInstance(a, (int, float), 'm')
    ` },
    { name: 'assertFalse inverts equality, membership, identity and isinstance', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertFalse(a == b)
              self.assertFalse(a != b)
              self.assertFalse(a in b, msg='why')
              self.assertFalse(a not in b)
              self.assertFalse(a is b)
              self.assertFalse(a is not b)
              self.assertFalse(a is None)
              self.assertFalse(a is not None)
              self.assertFalse(isinstance(a, int))
    `, errors: Array.from({ length: 9 }, (_, i) => ({ line: 3 + i, message: 'True is not false' })),
      output: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertNotEqual(a, b)
              self.assertEqual(a, b)
              self.assertNotIn(a, b, 'why')
              self.assertIn(a, b)
              self.assertIsNot(a, b)
              self.assertIs(a, b)
              self.assertIsNotNone(a)
              self.assertIsNone(a)
              self.assertNotIsInstance(a, int)
    ` },
    { name: 'assertFalse(a < b) is reported without a fix: not inverted', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertFalse(a < b)
    `, errors: [{ line: 3, fixTitle: null, message: 'assertGreaterEqual(a, b)' }] },
    { name: 'count form: ASR008 advice in the message (one finding)', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(len(servers) > 2)
    `, errors: [{ line: 3, message: /assertGreater\(len\(servers\), 2\).*comparing `servers` itself/ }],
      output: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertGreater(len(servers), 2)
    ` },
    { name: 'parenthesized, multi-line condition and msg= becomes positional', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(
                  (server['status'] ==
                   'ACTIVE'),
                  msg='not active')
    `, errors: [{ line: 3, endLine: 6 }],
      output: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(
                  server['status'], 'ACTIVE',
                  'not active')
    ` },
    { name: 'an unexpected keyword or a splat: reported, but no guessing rewrite', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(a == b, *extra)
              self.assertTrue(a == b, message='testtools spelling')
    `, errors: [{ line: 3, fixTitle: null }, { line: 4, fixTitle: null }] },
  ],
});
