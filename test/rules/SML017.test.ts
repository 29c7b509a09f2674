import { py, ruleTester } from './rule-tester';

ruleTester('SML017', {
  valid: [
    { name: 'helpers called through self, getattr prefixes, and by subclasses', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self._check(1)
              self.verify_state()
          def test_b(self):
              getattr(self, '_' + self._testMethodName)()
          def _check(self, x):
              self.assertTrue(x)
          def verify_state(self):
              self.assertTrue(state())
          def _test_b(self):
              self.assertTrue(client())
    ` },
    { name: 'methods that take arguments, or do not assert, or are hooks', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(1)
          def test_b(self):
              self.assertTrue(2)
          def check_value(self, value):
              self.assertTrue(value)
          def build(self):
              return make()
          def runTest(self):
              self.assertTrue(run())
          def setup_method(self):
              self.assertTrue(ready())
    ` },
    { name: 'generic names in a class with a base from elsewhere, or with fewer than two tests', code: py`
      import unittest
      from project import BaseTest
      class T(BaseTest):
          def test_a(self):
              self.assertTrue(1)
          def test_b(self):
              self.assertTrue(2)
          def check_invariants(self):
              self.assertTrue(inv())
      class U(unittest.TestCase):
          def test_a(self):
              self.assertTrue(1)
          def check_invariants(self):
              self.assertTrue(inv())
    ` },
  ],
  invalid: [
    { name: 'a typo in test: range is the name', code: py`
      import unittest
      class KeypairTest(unittest.TestCase):
          def test_create(self):
              self.assertTrue(create())
          def tset_delete(self):
              self.assertEqual([], delete())
    `, errors: [{ line: 5, column: 9, endLine: 5, endColumn: 20, severity: 'warning', message: '`tset_delete` of `KeypairTest` asserts like a test' }] },
    { name: 'disabled prefixes, a capitalised Test, pytest classes and module functions', code: py`
      import pytest
      from project import BaseTest
      class TestThing(BaseTest):
          def _test_resize(self):
              self.assertTrue(resize())
          def Test_rebuild(self):
              self.assertTrue(rebuild())
      class TestPlain:
          def tets_plain(self):
              assert plain()
      def tes_module():
          assert module()
    `, errors: [{ line: 4 }, { line: 6 }, { line: 9 }, { line: 11 }] },
    { name: 'a generic name in a plain TestCase with two tests', code: py`
      import unittest
      class PlutilTest(unittest.TestCase):
          def test_a(self):
              self.assertTrue(1)
          def test_b(self):
              self.assertTrue(2)
          def check_content(self):
              self.assertEqual(b'x', read())
    `, errors: [{ line: 7, message: 'rename it `test_...` or call it from a test' }] },
  ],
});
