import { py, ruleTester } from './rule-tester';

ruleTester('SML005', {
  valid: [
    { name: 'assertRaises already', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertRaises(ValueError):
                  parse('x')
    ` },
    { name: 'handlers that skip or re-raise', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  import numpy
              except ImportError:
                  self.skipTest('needs numpy')
              try:
                  run()
              except OSError as e:
                  if e.errno != 38:
                      raise
                  self.skipTest('not supported')
    ` },
    { name: 'the try raises itself: a test of raise/except', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  raise KeyError('k')
              except KeyError as e:
                  self.assertEqual(('k',), e.args)
              else:
                  self.fail('not raised')
    ` },
    { name: 'specific "must not raise" check with a message', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  parse('1')
              except ValueError:
                  self.fail('parse rejected a valid number')
    ` },
    { name: 'success path checked in the try; poll loops', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  self.assertEqual(1, send())
              except ValueError as e:
                  self.assertIn('closed', str(e))
              while pending():
                  try:
                      os.stat(name)
                  except FileNotFoundError as e:
                      self.assertEqual(2, e.errno)
    ` },
    { name: 'a comment above explains why not assertRaises', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              # Avoid self.assertRaises(RecursionError): it adds frames.
              try:
                  recurse(1000)
              except RecursionError:
                  pass
              else:
                  self.fail('no RecursionError')
    ` },
    { name: 'nested functions and helpers are not the test body', code: py`
      import unittest
      class T(unittest.TestCase):
          def _check(self):
              try:
                  f()
                  self.fail('x')
              except E:
                  pass
    ` },
  ],
  invalid: [
    { name: 'try/fail/except pass: fix to assertRaises, range is `try`', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  parse('x')
                  self.fail('no error')
              except ValueError:
                  pass
              self.assertTrue(True)
    `, errors: [{ line: 4, column: 9, endLine: 4, endColumn: 12, severity: 'warning', message: 'Hand-written expected exception', fixTitle: 'self.assertRaises', unsafe: false }],
    output: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertRaises(ValueError):
                  parse('x')
              self.assertTrue(True)
    ` },
    { name: 'the except catches its own self.fail: error, unsafe fix', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  parse('x')
                  self.fail('no error')
              except Exception:
                  pass
    `, errors: [{ line: 4, severity: 'error', message: 'caught by its own `except Exception`', unsafe: true }],
    output: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertRaises(Exception):
                  parse('x')
    ` },
    { name: 'pytest: else-fail form, fix uses pytest.raises only for the plain shape', code: py`
      import pytest
      def test_a():
          try:
              parse('x')
              pytest.fail('no error')
          except (ValueError, TypeError):
              pass
      def test_b():
          try:
              parse('y')
          except ValueError:
              pass
          else:
              pytest.fail('no error')
    `, errors: [{ line: 3, fixTitle: 'pytest.raises' }, { line: 9, fixTitle: null }],
    output: py`
      import pytest
      def test_a():
          with pytest.raises((ValueError, TypeError)):
              parse('x')
      def test_b():
          try:
              parse('y')
          except ValueError:
              pass
          else:
              pytest.fail('no error')
    ` },
    { name: 'checks only in the handler', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  parse('x')
              except ValueError as e:
                  self.assertIn('bad', str(e))
    `, errors: [{ line: 4, message: 'run only if the code raises', fixTitle: null }] },
    { name: 'broad catch only to fail', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  build()
              except Exception:
                  self.fail('build raised')
    `, errors: [{ line: 4, message: 'catches every error only to call `fail()`' }] },
  ],
});
