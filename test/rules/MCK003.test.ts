import { py, ruleTester } from './rule-tester';

ruleTester('MCK003', {
  valid: [
    { name: 'instances', code: py`
      from unittest import mock
      def test_x(obj):
          obj.fetch = mock.Mock()
          with mock.patch('a.b', new=mock.MagicMock()):
              pass
          with mock.patch('a.b', new_callable=mock.MagicMock):
              pass
    ` },
    { name: 'module- and class-level aliases of the class', code: py`
      from unittest import mock
      Mock = mock.Mock
      class Helpers:
          factory = mock.MagicMock
    ` },
    { name: 'a class of the same name that is not from mock', code: py`
      class Mock:
          pass
      def test_x(obj):
          obj.thing = Mock
    ` },
    { name: 'spec= and side_effect= take classes legitimately', code: py`
      from unittest import mock
      def test_x():
          with mock.patch('a.b', spec=mock.Mock, side_effect=mock.Mock):
              pass
    ` },
  ],
  invalid: [
    { name: 'attribute set to the class, exact range and fix', code: py`
      from unittest import mock
      def test_x(cache):
          cache.fetch = mock.MagicMock
          cache.fetch.return_value = 1
    `, errors: [{ line: 3, column: 19, endLine: 3, endColumn: 33, severity: 'error', message: '`cache.fetch` is set to the class `mock.MagicMock`', fixTitle: 'mock.MagicMock()' }],
    output: py`
      from unittest import mock
      def test_x(cache):
          cache.fetch = mock.MagicMock()
          cache.fetch.return_value = 1
    ` },
    { name: 'a local name and a subscript, with the class imported by name', code: py`
      import sys
      from unittest.mock import MagicMock
      def test_x():
          m = MagicMock
          sys.modules['libvirt'] = MagicMock
    `, errors: [{ line: 4 }, { line: 5 }],
    output: py`
      import sys
      from unittest.mock import MagicMock
      def test_x():
          m = MagicMock()
          sys.modules['libvirt'] = MagicMock()
    ` },
    { name: 'new= in a with becomes new_callable=', code: py`
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
    { name: 'new= in a decorator becomes an instance (new_callable would add a parameter)', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          @mock.patch('nova.virt.driver.load', new=mock.MagicMock)
          def test_a(self):
              pass
    `, errors: [{ line: 4, fixTitle: 'mock.MagicMock()' }],
    output: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          @mock.patch('nova.virt.driver.load', new=mock.MagicMock())
          def test_a(self):
              pass
    ` },
    { name: 'positional new and a fixture', code: py`
      import fixtures
      from unittest import mock
      def test_x(self):
          mock.patch('a.b', mock.NonCallableMock).start()
          self.useFixture(fixtures.MockPatch('a.c', new=mock.Mock))
    `, errors: [{ line: 4, fixTitle: 'NonCallableMock()' }, { line: 5, fixTitle: 'new_callable' }] },
  ],
});
