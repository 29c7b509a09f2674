import { py, ruleTester } from './rule-tester';

ruleTester('MCK005', {
  valid: [
    { name: 'patches of different classes are not candidates (the review case)', code: py`
      from unittest import mock
      from nova.compute import api as compute_api
      from nova.compute import rpcapi as compute_rpcapi
      from nova import objects
      from nova import test
      class ServerActionsTest(test.NoDBTestCase):
          @mock.patch.object(compute_api.API, 'get')
          @mock.patch.object(compute_api.API, 'resize')
          @mock.patch.object(compute_rpcapi.ComputeAPI, 'resize_instance')
          @mock.patch.object(objects.Instance, 'save')
          def test_resize(self, mock_save, mock_rpc, mock_resize, mock_get):
              pass
    ` },
    { name: 'two patches of one object', code: py`
      from unittest import mock
      import unittest
      class T(unittest.TestCase):
          @mock.patch('nova.compute.api.API.get')
          @mock.patch('nova.compute.api.API.resize')
          def test_resize(self, mock_resize, mock_get):
              pass
    ` },
    { name: 'the same attribute three times is not three attributes', code: py`
      from unittest import mock
      def test_x():
          with mock.patch('a.B.c'), mock.patch('a.B.c'), mock.patch('a.B.d'):
              pass
    ` },
    { name: 'patches spread over separate with blocks run at different times', code: py`
      from unittest import mock
      def test_x():
          with mock.patch.object(Foo, 'a'):
              pass
          with mock.patch.object(Foo, 'b'):
              pass
          with mock.patch.object(Foo, 'c'):
              pass
    ` },
    { name: 'already one patch.multiple', code: py`
      from unittest import mock
      @mock.patch.multiple('a.B', c=mock.DEFAULT, d=mock.DEFAULT, e=mock.DEFAULT)
      def test_x(c, d, e):
          pass
    ` },
    { name: 'monkeypatch has no multiple form', code: py`
      import os
      def test_x(monkeypatch):
          monkeypatch.setattr(os, 'getcwd', lambda: '/')
          monkeypatch.setattr(os, 'getpid', lambda: 1)
          monkeypatch.setattr(os, 'getuid', lambda: 0)
    ` },
    { name: 'outside test code', code: py`
      from unittest import mock
      @mock.patch.object(Foo, 'a')
      @mock.patch.object(Foo, 'b')
      @mock.patch.object(Foo, 'c')
      def helper(a, b, c):
          pass
    ` },
  ],
  invalid: [
    { name: 'three decorators on one class, exact range first to last, no fix', code: py`
      from unittest import mock
      from nova.compute import api as compute_api
      from nova import test
      class ServerActionsTest(test.NoDBTestCase):
          @mock.patch.object(compute_api.API, 'resize')
          @mock.patch.object(compute_api.API, 'get')
          @mock.patch.object(compute_api.API, 'get_instance_host_status')
          def test_resize(self, mock_status, mock_get, mock_resize):
              pass
    `, errors: [{
      line: 5, column: 6, endLine: 7, endColumn: 68, severity: 'info', fixTitle: null,
      message: '3 patches of `compute_api.API` (`resize`, `get`, `get_instance_host_status`) in these decorators',
    }] },
    { name: 'string targets share the object nova.compute.api.API', code: py`
      from unittest import mock
      import unittest
      class T(unittest.TestCase):
          @mock.patch('nova.compute.api.API.get')
          @mock.patch('nova.compute.api.API.resize')
          @mock.patch('nova.utils.spawn')
          @mock.patch('nova.compute.api.API.delete')
          def test_x(self, a, b, c, d):
              pass
    `, errors: [{ line: 4, endLine: 7, message: "one `mock.patch.multiple('nova.compute.api.API', ...)`" }] },
    { name: 'string and object spellings of one class are grouped through imports', code: py`
      from unittest import mock
      from nova.compute import api as compute_api
      def test_x():
          with mock.patch('nova.compute.api.API.get') as get, \\
                  mock.patch.object(compute_api.API, 'resize'), \\
                  mock.patch.object(compute_api.API, 'delete'):
              pass
    `, errors: [{ line: 4, fixTitle: null }] },
    { name: 'fixtures in setUp: one report naming the fixture API', code: py`
      import fixtures
      from nova.compute import api as compute_api
      from nova import test
      class T(test.TestCase):
          def setUp(self):
              super().setUp()
              self.mock_get = self.useFixture(fixtures.MockPatchObject(compute_api.API, 'get')).mock
              self.mock_resize = self.useFixture(fixtures.MockPatchObject(compute_api.API, 'resize')).mock
              self.mock_delete = self.useFixture(fixtures.MockPatchObject(compute_api.API, 'delete')).mock
    `, errors: [{ line: 7, column: 41, message: /in `setUp`: one `fixtures\.MockPatchMultiple\(compute_api\.API, \.\.\.\)`/ }] },
    { name: 'a plain with statement gets the fix', code: py`
      from unittest import mock
      def test_x():
          with mock.patch.object(Foo, 'a'), mock.patch.object(Foo, 'b'), mock.patch.object(Foo, 'c'):
              run()
    `, errors: [{ line: 3, fixTitle: 'mock.patch.multiple(Foo, ...)', unsafe: false }], output: py`
      from unittest import mock
      def test_x():
          with mock.patch.multiple(Foo, a=mock.DEFAULT, b=mock.DEFAULT, c=mock.DEFAULT):
              run()
    ` },
    { name: 'bare patch with DEFAULT imported; string target keeps its quotes', code: py`
      from unittest.mock import DEFAULT, patch
      def test_x():
          with patch("a.B.c"), patch("a.B.d"), patch("a.B.e"):
              run()
    `, output: py`
      from unittest.mock import DEFAULT, patch
      def test_x():
          with patch.multiple("a.B", c=DEFAULT, d=DEFAULT, e=DEFAULT):
              run()
    `, errors: [{ line: 3, column: 10, endColumn: 56 }] },
    { name: 'no fix when an item is bound with as (the names would change)', code: py`
      from unittest import mock
      def test_x():
          with mock.patch.object(Foo, 'a') as a, mock.patch.object(Foo, 'b'), mock.patch.object(Foo, 'c'):
              a.assert_called_once_with()
    `, errors: [{ line: 3, fixTitle: null }] },
    { name: 'no fix when a patch has options', code: py`
      from unittest import mock
      def test_x():
          with mock.patch.object(Foo, 'a', autospec=True), mock.patch.object(Foo, 'b'), mock.patch.object(Foo, 'c'):
              run()
    `, errors: [{ line: 3, fixTitle: null }] },
    { name: 'no fix when bare patch has no DEFAULT to use', code: py`
      from unittest.mock import patch
      def test_x():
          with patch('a.B.c'), patch('a.B.d'), patch('a.B.e'):
              run()
    `, errors: [{ line: 3, fixTitle: null }] },
    { name: "nova's test.nested counts as one with, no fix", code: py`
      from unittest import mock
      from nova import test
      class T(test.NoDBTestCase):
          def test_suspend(self):
              with test.nested(
                  mock.patch.object(self.compute_api, '_record_action_start'),
                  mock.patch.object(self.compute_api, '_get_image'),
                  mock.patch.object(self.compute_api, '_check_auto_disk_config'),
              ) as (mock_record, mock_image, mock_disk):
                  run()
    `, errors: [{ line: 6, column: 13, endLine: 8, endColumn: 75, fixTitle: null, message: '`self.compute_api`' }] },
    { name: 'class decorators and mocker.patch in a test', code: py`
      import mock
      @mock.patch('a.B.c', new=1)
      @mock.patch('a.B.d', new=2)
      @mock.patch('a.B.e', new=3)
      class TestThing:
          def test_x(self, mocker):
              mocker.patch.object(Foo, 'a')
              mocker.patch.object(Foo, 'b')
              mocker.patch.object(Foo, 'c')
    `, errors: [{ line: 2, endLine: 4 }, { line: 7, message: 'in `test_x`' }] },
  ],
});
