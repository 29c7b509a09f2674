import { py, ruleTester } from './rule-tester';

ruleTester('MCK003', {
  valid: [
    { name: 'instances', code: py`
      from unittest import mock
      def test_x(obj):
          obj.fetch = mock.Mock()
          obj.fetch.return_value = 1
          with mock.patch('a.b', new_callable=mock.MagicMock) as m:
              m.return_value = 2
    ` },
    { name: 'module- and class-level aliases of the class', code: py`
      from unittest import mock
      Mock = mock.Mock
      class Helpers:
          factory = mock.MagicMock
    ` },
    { name: 'a class used as a constructor stand-in, never configured', code: py`
      from unittest import mock
      def test_x(self):
          self._wwn.WWN = mock.Mock
          context = mock.Mock
          run(context)
          with mock.patch('dbt.nodes.ParsedNode', new=mock.Mock):
              assert resolve(mock.Mock())
    ` },
    { name: 'a class of the same name that is not from mock', code: py`
      class Mock:
          pass
      def test_x(obj):
          obj.thing = Mock
          obj.thing.value = 1
    ` },
    { name: 'comparisons are not configuration', code: py`
      from unittest import mock
      def test_x():
          m = mock.Mock
          assert m.return_value == 1
    ` },
  ],
  invalid: [
    { name: 'attribute set to the class then configured, exact range and fix', code: py`
      from unittest import mock
      def test_x(cache):
          cache.fetch = mock.MagicMock
          cache.fetch.return_value = 1
    `, errors: [{ line: 3, column: 19, endLine: 3, endColumn: 33, severity: 'error', message: '`cache.fetch` is the class `mock.MagicMock`, not a mock: the attribute set on it on line 4', fixTitle: 'mock.MagicMock()' }],
    output: py`
      from unittest import mock
      def test_x(cache):
          cache.fetch = mock.MagicMock()
          cache.fetch.return_value = 1
    ` },
    { name: 'a local name, with the class imported by name', code: py`
      from unittest.mock import MagicMock
      class Test_zones:
          def test_no_zones(self):
              zones_client = MagicMock
              zones_client.zones = {}
              assert check(zones_client) == []
    `, errors: [{ line: 4, message: 'line 5' }],
    output: py`
      from unittest.mock import MagicMock
      class Test_zones:
          def test_no_zones(self):
              zones_client = MagicMock()
              zones_client.zones = {}
              assert check(zones_client) == []
    ` },
    { name: 'self attribute assigned in setUp, configured in a test above it', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def test_a(self):
              self.api.get.side_effect = KeyError
          def setUp(self):
              self.api = mock.Mock
    `, errors: [{ line: 7, message: 'line 5' }] },
    { name: 'new= in a with, configured through the alias, becomes new_callable=', code: py`
      from unittest import mock
      def test_x():
          with mock.patch.object(Api, 'get', new=mock.Mock) as get:
              get.return_value = 1
    `, errors: [{ line: 3, column: 44, fixTitle: 'new_callable=mock.Mock' }],
    output: py`
      from unittest import mock
      def test_x():
          with mock.patch.object(Api, 'get', new_callable=mock.Mock) as get:
              get.return_value = 1
    ` },
    { name: 'a started patcher whose result is configured', code: py`
      from unittest import mock
      def mock_soap_client():
          patcher = mock.patch('svc.MitekService', new=mock.Mock)
          soap_client = patcher.start()
          soap_client.verify = mock.Mock(return_value=1)
          yield soap_client
          patcher.stop()
      def test_y():
          m = mock.patch('a.b', mock.NonCallableMock).start()
          m.value = 3
    `, errors: [{ line: 3, fixTitle: 'new_callable' }, { line: 9, fixTitle: 'NonCallableMock()' }] },
  ],
});
