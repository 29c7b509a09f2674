import { py, ruleTester } from './rule-tester';

ruleTester('MCK001', {
  valid: [
    { name: 'real assertions', code: py`
      from unittest import mock
      def test_x():
          m = mock.Mock()
          m(1)
          m.assert_called_once_with(1)
          m.assert_has_calls([mock.call(1)])
    ` },
    { name: 'a helper method on self with one of the names', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.has_calls(['a'])
              self.called_once_with(1)
    ` },
    { name: 'a method of that name defined in the file is a real call', code: py`
      class Recorder:
          def has_calls(self, calls):
              return calls == self.calls
      def test_x():
          rec = Recorder()
          assert rec.has_calls([1])
    ` },
    { name: 'asset_ methods of an asset API are not typos', code: py`
      def test_assets(client):
          client.asset_create(name='a')
          client.asset_list()
    ` },
    { name: 'attribute read, not called', code: py`
      def test_x(m):
          assert m.called
          assert m.call_count == 1
    ` },
    { name: 'retrun_value on self is the test class attribute', code: py`
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              self.retrun_value = 3
    ` },
  ],
  invalid: [
    { name: 'called_once_with as a statement, exact range and rename fix', code: py`
      from unittest import mock
      @mock.patch('os.kill')
      def test_stop(mock_kill):
          stop(1)
          mock_kill.called_once_with(1, 15)
    `, errors: [{ line: 5, column: 5, endLine: 5, endColumn: 38, severity: 'error', message: '`called_once_with` is not a mock assertion', fixTitle: 'assert_called_once_with', unsafe: false }],
    output: py`
      from unittest import mock
      @mock.patch('os.kill')
      def test_stop(mock_kill):
          stop(1)
          mock_kill.assert_called_once_with(1, 15)
    ` },
    { name: 'has_calls and a misspelled prefix', code: py`
      def test_x(m, n):
          m.has_calls([1])
          n.asser_called_once()
          n.mock_assert_not_called()
    `, errors: [
      { line: 2, message: 'assert_has_calls' },
      { line: 3, message: 'assert_called_once' },
      { line: 4, message: 'assert_not_called' },
    ],
    output: py`
      def test_x(m, n):
          m.assert_has_calls([1])
          n.assert_called_once()
          n.assert_not_called()
    ` },
    { name: 'inside assertTrue the whole check becomes the assertion', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(self.mock_get.called_once_with('x'))
    `, errors: [{ line: 4, column: 25, fixTitle: 'assert_called_once_with' }],
    output: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.mock_get.assert_called_once_with('x')
    ` },
    { name: 'inside a bare assert statement', code: py`
      def test_x(m):
          assert m.called_once()
    `, errors: [{ line: 2 }],
    output: py`
      def test_x(m):
          m.assert_called_once()
    ` },
    { name: 'used as a value: reported without a fix', code: py`
      def test_x(m):
          ok = m.called_once_with(1)
    `, errors: [{ line: 2, fixTitle: null }] },
    { name: 'retrun_value typo', code: py`
      def test_x(m):
          m.get.retrun_value = 3
    `, errors: [{ line: 2, column: 11, endColumn: 23, fixTitle: 'return_value' }],
    output: py`
      def test_x(m):
          m.get.return_value = 3
    ` },
  ],
});
