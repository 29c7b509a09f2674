import { py, ruleTester } from './rule-tester';

ruleTester('SML016', {
  valid: [
    { name: 'distinct names; conditional definitions', code: py`
      import sys, unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(a())
          if sys.platform == 'win32':
              def test_b(self):
                  self.assertTrue(b())
          else:
              def test_b(self):
                  self.assertTrue(c())
    ` },
    { name: 'property setters, overloads, and a name used before it is redefined', code: py`
      import typing, unittest
      class T(unittest.TestCase):
          @property
          def value(self):
              return 1
          @value.setter
          def value(self, v):
              pass
          def test_x(self):
              self.assertTrue(x())
          test_x_alias = test_x
          def test_x(self):
              self.assertTrue(y())
    ` },
    { name: 'not a test class', code: py`
      class Helper:
          def run(self):
              return 1
          def run(self):
              return 2
    ` },
  ],
  invalid: [
    { name: 'the first definition is reported, naming the line of the second', code: py`
      import unittest
      class VolumeTest(unittest.TestCase):
          def test_extend(self):
              self.assertEqual(2, extend(2))
          def test_extend(self):
              self.assertRaises(ValueError, extend, 0)
    `, errors: [{ line: 3, column: 9, endLine: 3, endColumn: 20, severity: 'error', message: 'defined again on line 5 in `VolumeTest`' }] },
    { name: 'decorated duplicates and helpers; module-level pytest tests', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def _helper(self):
              return 1
          @mock.patch('a.b')
          def test_a(self, m):
              self.assertTrue(m)
          def _helper(self):
              return 2
          @mock.patch('a.c')
          def test_a(self, m):
              self.assertTrue(m)
      def test_b():
          assert b()
      def test_b():
          assert c()
    `, errors: [{ line: 4, message: 'dead code' }, { line: 7, message: 'test never runs' }, { line: 14, message: 'line 16' }] },
  ],
});
