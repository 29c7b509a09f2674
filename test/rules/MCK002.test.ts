import { py, ruleTester } from './rule-tester';

ruleTester('MCK002', {
  valid: [
    { name: 'assertions called', code: py`
      def test_x(m):
          m.assert_called_once()
          m.assert_has_calls([1])
    ` },
    { name: 'aliasing an assertion method on self', code: py`
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              self.assert_called_with = self.assertEqual
    ` },
    { name: 'a fake that provides its own assert_valid', code: py`
      def test_x(fake):
          fake.assert_valid = lambda: True
    ` },
    { name: 'comparing, not assigning', code: py`
      def test_x(m):
          assert m.assert_called is not None
    ` },
    { name: 'a bare lookup that is expected to raise', code: py`
      import pytest
      import unittest
      class T(unittest.TestCase):
          def test_spec(self):
              with self.assertRaises(AttributeError):
                  self.spec_mock.assert_called_once
      def test_spec_pytest(m):
          with pytest.raises(AttributeError):
              m.assert_not_called
    ` },
    { name: 'attributes that merely start with fail or assert', code: py`
      def test_x(result):
          result.failures
          result.assertions
    ` },
  ],
  invalid: [
    { name: 'assigning a list to assert_has_calls, exact range and fix', code: py`
      from unittest import mock
      def test_x(m):
          m.assert_has_calls = [mock.call(1), mock.call(2)]
    `, errors: [{ line: 3, column: 5, endLine: 3, endColumn: 54, severity: 'error', message: 'replaces the assertion', fixTitle: 'assert_has_calls' }],
    output: py`
      from unittest import mock
      def test_x(m):
          m.assert_has_calls([mock.call(1), mock.call(2)])
    ` },
    { name: 'a tuple becomes the argument list', code: py`
      def test_x(m):
          m.assert_called_once_with = ('a', 1)
          m.assert_called_with = 'b', 2
    `, errors: [{ line: 2 }, { line: 3 }],
    output: py`
      def test_x(m):
          m.assert_called_once_with('a', 1)
          m.assert_called_with('b', 2)
    ` },
    { name: 'assert_not_called = True becomes the call; = False has no fix', code: py`
      def test_x(m, n):
          m.assert_not_called = True
          n.assert_not_called = False
    `, errors: [{ line: 2, fixTitle: 'assert_not_called' }, { line: 3, fixTitle: null }],
    output: py`
      def test_x(m, n):
          m.assert_not_called()
          n.assert_not_called = False
    ` },
    { name: 'a bare no-argument assertion gets its parentheses', code: py`
      def test_x(m):
          m.assert_called_once
    `, errors: [{ line: 2, column: 5, endColumn: 25, message: 'without calling it', fixTitle: '`assert_called_once()`' }],
    output: py`
      def test_x(m):
          m.assert_called_once()
    ` },
    { name: 'a bare assertion that needs arguments, and a bare self.assertTrue: no fix', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.mock_get.assert_called_once_with
              self.assertTrue
    `, errors: [{ line: 4, fixTitle: null }, { line: 5, fixTitle: null, message: '`self.assertTrue`' }] },
  ],
});
