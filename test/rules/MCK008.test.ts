import { py, ruleTester } from './rule-tester';

ruleTester('MCK008', {
  valid: [
    { name: 'one parameter per patch, bottom-up', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          @mock.patch('a.get')
          @mock.patch('a.delete')
          def test_a(self, mock_delete, mock_get):
              pass
    ` },
    { name: 'patches with new= pass nothing; patch.dict neither', code: py`
      import os, unittest
      from unittest import mock
      class T(unittest.TestCase):
          @mock.patch('a.get', new=mock.Mock())
          @mock.patch('a.put', mock.Mock())
          @mock.patch.dict(os.environ, {'A': '1'})
          @mock.patch('a.delete')
          def test_a(self, mock_delete):
              pass
    ` },
    { name: '*args takes any number', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          @mock.patch('a.get')
          @mock.patch('a.delete')
          def test_a(self, *mocks):
              pass
    ` },
    { name: 'patch.multiple passes keywords', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          @mock.patch.multiple('a.B', get=mock.DEFAULT)
          @mock.patch('a.delete')
          def test_a(self, mock_delete, get):
              pass
    ` },
    { name: 'pytest: parameters after the mocks are fixtures', code: py`
      from unittest import mock
      @mock.patch('a.get')
      def test_x(mock_get, tmp_path, monkeypatch):
          pass
      class TestThing:
          @mock.patch('a.get')
          def test_y(self, mock_get, capsys):
              pass
    ` },
    { name: 'extra parameters with defaults, and ddt data under unittest', code: py`
      import unittest
      import ddt
      from unittest import mock
      @ddt.ddt
      class T(unittest.TestCase):
          @mock.patch('a.get')
          def test_a(self, mock_get, flag=False):
              pass
          @ddt.data(1, 2)
          @mock.patch('a.get')
          def test_b(self, value, mock_get):
              pass
    ` },
    { name: 'names that match bottom-up are fine; palindromes too', code: py`
      from unittest import mock
      @mock.patch('a.get')
      @mock.patch('a.put')
      @mock.patch('a.get2')
      def test_x(mock_get2, mock_put, mock_get):
          pass
    ` },
    { name: 'not a test: a helper takes the mocks as it likes', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          @mock.patch('a.get')
          def _check(self):
              pass
    ` },
  ],
  invalid: [
    { name: 'fewer parameters than patches, exact range', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          @mock.patch('a.get')
          @mock.patch('a.delete')
          def test_a(self, mock_delete):
              pass
    `, errors: [{ line: 6, column: 15, endLine: 6, endColumn: 34, severity: 'warning', message: 'takes 1 positional parameter after `self` but its patch decorators pass 2 mocks' }] },
    { name: 'class decorators count for every test method', code: py`
      import unittest
      from unittest import mock
      @mock.patch('a.get')
      class T(unittest.TestCase):
          @mock.patch('a.delete')
          def test_a(self, mock_delete):
              pass
          def test_b(self):
              pass
    `, errors: [{ line: 6, message: '2 mocks' }, { line: 8, message: '1 mock:' }] },
    { name: 'unittest passes nothing for a parameter no mock fills', code: py`
      import unittest
      from unittest import mock
      class Base(unittest.TestCase):
          pass
      class T(Base):
          @mock.patch('a.get')
          def test_a(self, mock_get, mock_other):
              pass
    `, errors: [{ line: 7, message: 'nothing for `mock_other`' }] },
    { name: 'parameters named top-down swap the mocks', code: py`
      from unittest import mock
      @mock.patch('nova.compute.api.API.get')
      @mock.patch.object(Api, 'delete')
      def test_x(mock_get, mock_delete):
          pass
    `, errors: [{ line: 4, message: '`mock_get` receives the mock of `delete`' }] },
    { name: 'pytest with too few parameters', code: py`
      from unittest.mock import patch
      @patch('a.get')
      @patch('a.put')
      def test_x(mock_put):
          pass
    `, errors: [{ line: 4, message: 'takes 1 positional parameter but' }] },
  ],
});
