import { py, ruleTester } from './rule-tester';

ruleTester('ASR013', {
  valid: [
    { name: 'conditions, and assertTrue(True) (a tautology, not a failure)', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              assert x
              self.assertTrue(True)
              self.assertFalse(False)
              self.fail('why')
    ` },
    { name: 'tests of the assert statement itself catch the AssertionError', code: py`
      class T(unittest.TestCase):
          def test_assert(self):
              try:
                  assert False, 'msg'
              except AssertionError as e:
                  self.assertEqual(e.args[0], 'msg')
              try:
                  assert 0
              except BaseException:
                  pass
    ` },
  ],
  invalid: [
    { name: 'assert False in a TestCase method: exact range, self.fail', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              if state == 'error':
                  assert False, 'migration failed'
    `, errors: [{ line: 5, column: 13, endLine: 5, endColumn: 45, severity: 'info', message: '`assert False` always fails, but `python -O` removes it', fixTitle: 'self.fail' }],
      output: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              if state == 'error':
                  self.fail('migration failed')
    ` },
    { name: 'pytest.fail in a pytest test with pytest imported; AssertionError inside try/with, nested defs and without pytest', code: py`
      import pytest
      def test_a():
          if bad:
              assert 0, "bad " f"{x}"
          try:
              assert None
          except Exception:
              pass
          with lock:
              assert False, 'locked'
          def cb():
              assert False
      def helper():
          assert False, 42
          assert False, (
              'a long '
              'message')
    `, errors: [
      { line: 4, fixTitle: 'pytest.fail' },
      { line: 6, fixTitle: 'AssertionError' },
      { line: 10, fixTitle: 'AssertionError' },
      { line: 12, fixTitle: 'AssertionError' },
      { line: 14, fixTitle: 'AssertionError' },
      { line: 15, endLine: 17, fixTitle: 'AssertionError' },
    ],
      output: py`
      import pytest
      def test_a():
          if bad:
              pytest.fail("bad " f"{x}")
          try:
              raise AssertionError()
          except Exception:
              pass
          with lock:
              raise AssertionError('locked')
          def cb():
              raise AssertionError()
      def helper():
          raise AssertionError(42)
          raise AssertionError('a long '
              'message')
    ` },
    { name: 'a non-string message cannot go to pytest.fail; a pytest class method gets pytest.fail', code: py`
      import pytest
      class TestX:
          def test_a(self):
              assert False, (1, 2)
          def test_b(self):
              assert False
    `, errors: [{ line: 4, fixTitle: 'AssertionError' }, { line: 6, fixTitle: 'pytest.fail' }],
      output: py`
      import pytest
      class TestX:
          def test_a(self):
              raise AssertionError((1, 2))
          def test_b(self):
              pytest.fail()
    ` },
    { name: 'self.assertTrue(False) and assertFalse(True) become self.fail, keeping the message', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(False)
              self.assertTrue(0, 'never')
              self.assertFalse(True, msg='never')
    `, errors: [{ line: 3, column: 9, endLine: 3, endColumn: 31, message: '"False is not true"' }, { line: 4 }, { line: 5, message: '"True is not false"' }],
      output: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.fail()
              self.fail('never')
              self.fail('never')
    ` },
  ],
});
