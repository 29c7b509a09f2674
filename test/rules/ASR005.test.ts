import { py, ruleTester } from './rule-tester';

ruleTester('ASR005', {
  valid: [
    { name: 'modern names', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(a, b)
              self.assertCountEqual(a, b)
              self.assertRaisesRegex(ValueError, 'x', f)
    ` },
    { name: 'an alias on another object is not a TestCase method', code: py`
      def test_a():
          np.testing.assert_(x)
          helper.assertEquals(a, b)
    ` },
    { name: 'a method defining the alias is not a call', code: py`
      class Compat:
          def assertItemsEqual(self, a, b):
              return sorted(a) == sorted(b)
    ` },
  ],
  invalid: [
    { name: 'assertEquals on plain unittest: error, range is the method name, rename fix', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEquals(10, quotas['instances'])
    `, errors: [{ line: 4, column: 14, endLine: 4, endColumn: 26, severity: 'error', message: 'removed in Python 3.12', fixTitle: 'assertEqual' }],
      output: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(10, quotas['instances'])
    ` },
    { name: 'every renamed alias', code: py`
      from unittest import TestCase
      class T(TestCase):
          def test_a(self):
              self.assertNotEquals(a, b)
              self.assert_(a)
              self.failUnless(a)
              self.failIf(a)
              self.failUnlessEqual(a, b)
              self.failIfEqual(a, b)
              self.failUnlessRaises(E, f)
              self.assertAlmostEquals(a, b)
              self.assertNotAlmostEquals(a, b)
              self.failUnlessAlmostEqual(a, b)
              self.failIfAlmostEqual(a, b)
              self.assertRegexpMatches(s, r)
              self.assertNotRegexpMatches(s, r)
              self.assertRaisesRegexp(E, r, f)
              self.assertItemsEqual(a, b)
    `, errors: Array.from({ length: 15 }, (_, i) => ({ line: 4 + i, severity: 'error' as const })),
      output: py`
      from unittest import TestCase
      class T(TestCase):
          def test_a(self):
              self.assertNotEqual(a, b)
              self.assertTrue(a)
              self.assertTrue(a)
              self.assertFalse(a)
              self.assertEqual(a, b)
              self.assertNotEqual(a, b)
              self.assertRaises(E, f)
              self.assertAlmostEqual(a, b)
              self.assertNotAlmostEqual(a, b)
              self.assertAlmostEqual(a, b)
              self.assertNotAlmostEqual(a, b)
              self.assertRegex(s, r)
              self.assertNotRegex(s, r)
              self.assertRaisesRegex(E, r, f)
              self.assertCountEqual(a, b)
    ` },
    { name: 'aliases testtools still keeps are a warning outside direct unittest subclasses', code: py`
      from nova import test
      class T(test.TestCase):
          def test_a(self):
              self.assertEquals(a, b)
              self.assertItemsEqual(a, b)
              self.assertRaisesRegexp(E, r, f)
    `, errors: [
      { line: 4, severity: 'warning', message: 'testtools alias' },
      { line: 5, severity: 'warning', message: 'Python 2' },
      { line: 6, severity: 'error' },
    ] },
    { name: 'assertDictContainsSubset: advice, no fix', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertDictContainsSubset({'a': 1}, result)
    `, errors: [{ line: 4, column: 14, endColumn: 38, fixTitle: null, message: "assertEqual({**result, **{'a': 1}}, result)" }] },
  ],
});
