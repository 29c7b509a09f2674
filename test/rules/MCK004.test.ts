import { py, ruleTester } from './rule-tester';

ruleTester('MCK004', {
  valid: [
    { name: 'two sequential with blocks do not overlap', code: py`
      from unittest import mock
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              with mock.patch('nova.compute.api.API.get') as get:
                  get.return_value = 1
                  self.assertEqual(1, run())
              with mock.patch('nova.compute.api.API.get') as get:
                  get.return_value = 2
                  self.assertEqual(2, run())
    ` },
    { name: 'different targets', code: py`
      from unittest import mock
      import unittest
      class T(unittest.TestCase):
          @mock.patch('nova.compute.api.API.get')
          @mock.patch('nova.compute.api.API.delete')
          def test_a(self, mock_delete, mock_get):
              pass
    ` },
    { name: 'same target in two different tests', code: py`
      from unittest import mock
      import unittest
      class T(unittest.TestCase):
          @mock.patch('nova.compute.api.API.get')
          def test_a(self, mock_get):
              pass
          @mock.patch('nova.compute.api.API.get')
          def test_b(self, mock_get):
              pass
    ` },
    { name: 'patch in a helper method is not alive in the tests', code: py`
      from unittest import mock
      import unittest
      class T(unittest.TestCase):
          def _stub(self):
              mock.patch('a.b.c').start()
          @mock.patch('a.b.c')
          def test_a(self, m):
              pass
    ` },
    { name: 'a patcher stopped before the second one starts', code: py`
      from unittest import mock
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              p = mock.patch('a.b.c')
              p.start()
              run()
              p.stop()
              q = mock.patch('a.b.c')
              q.start()
              self.addCleanup(q.stop)
    ` },
    { name: 'patches in exclusive if/else branches', code: py`
      from unittest import mock
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              super().setUp()
              if self.legacy:
                  mock.patch('a.b.c', return_value=1).start()
              else:
                  mock.patch('a.b.c', return_value=2).start()
    ` },
    { name: 'a with block in setUp ends before the tests run', code: py`
      from unittest import mock
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              super().setUp()
              with mock.patch('a.b.c'):
                  self.thing = build()
          @mock.patch('a.b.c')
          def test_a(self, m):
              pass
    ` },
    { name: 'monkeypatch re-stubbing the same attribute is sequential by design', code: py`
      import os
      def test_env(monkeypatch):
          monkeypatch.setattr(os, 'getcwd', lambda: '/a')
          assert where() == '/a'
          monkeypatch.setattr(os, 'getcwd', lambda: '/b')
          assert where() == '/b'
    ` },
    { name: 'patch.dict can be nested safely', code: py`
      import os
      from unittest import mock
      @mock.patch.dict(os.environ, {'A': '1'})
      def test_env():
          with mock.patch.dict(os.environ, {'B': '2'}):
              assert read() == ('1', '2')
    ` },
    { name: 'patches inside a nested function run at an unknown time', code: py`
      from unittest import mock
      import unittest
      class T(unittest.TestCase):
          @mock.patch('a.b.c')
          def test_a(self, m):
              @mock.patch('a.b.c')
              def inner(m2):
                  pass
    ` },
    { name: 'not a test class', code: py`
      from unittest import mock
      class Helper:
          @mock.patch('a.b.c')
          @mock.patch('a.b.c')
          def run(self, a, b):
              pass
    ` },
    { name: 'a local function named patch is not mock.patch', code: py`
      import unittest
      def patch(target):
          return target
      class T(unittest.TestCase):
          def test_a(self):
              patch('a.b.c')
              patch('a.b.c')
    ` },
  ],
  invalid: [
    { name: 'decorator duplicates a setUp fixture patch, exact range', code: py`
      from unittest import mock
      import fixtures
      import unittest
      from nova.compute import api as compute_api
      class T(unittest.TestCase):
          def setUp(self):
              super().setUp()
              self.mock_get = self.useFixture(
                  fixtures.MockPatchObject(compute_api.API, 'get')).mock
          @mock.patch.object(compute_api.API, 'get')
          def test_a(self, mock_get):
              pass
    `, errors: [{ line: 10, column: 6, endLine: 10, endColumn: 47, severity: 'warning', message: /`compute_api\.API\.get` is already patched on line 9 \(in `setUp`\)/ }] },
    { name: 'string and object spellings of one target compare equal through imports', code: py`
      from unittest import mock
      import unittest
      from nova.compute import api as compute_api
      class T(unittest.TestCase):
          @mock.patch('nova.compute.api.API.get')
          def test_a(self, mock_get):
              with mock.patch.object(compute_api.API, 'get') as get2:
                  pass
    `, errors: [{ line: 7, column: 14, message: 'line 5' }] },
    { name: 'started patcher in setUp and a with block in the test', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def setUp(self):
              super().setUp()
              patcher = mock.patch('nova.virt.libvirt.host.Host.get_connection')
              self.mock_conn = patcher.start()
              self.addCleanup(patcher.stop)
          def test_a(self):
              with mock.patch('nova.virt.libvirt.host.Host.get_connection'):
                  pass
    `, errors: [{ line: 10, column: 14, message: 'line 6 (in `setUp`)' }] },
    { name: 'nested with blocks overlap', code: py`
      from unittest import mock
      def test_x():
          with mock.patch('a.b.c'):
              with mock.patch('a.b.c', autospec=True):
                  pass
    `, errors: [{ line: 4, column: 14, message: 'line 3' }] },
    { name: 'two items of one with statement', code: py`
      from unittest import mock
      def test_x():
          with mock.patch('a.b.c') as one, mock.patch('a.b.c') as two:
              pass
    `, errors: [{ line: 3, column: 38 }] },
    { name: 'class decorator applies to every test', code: py`
      from unittest import mock
      import unittest
      @mock.patch('a.b.c', new=mock.Mock())
      class T(unittest.TestCase):
          def test_a(self):
              with mock.patch('a.b.c'):
                  pass
          def test_b(self):
              pass
    `, errors: [{ line: 6, message: 'line 3 (by a class decorator)' }] },
    { name: 'two decorators on one test (bare patch imported from unittest.mock)', code: py`
      from unittest.mock import patch
      import unittest
      class T(unittest.TestCase):
          @patch('a.b.c')
          @patch('a.b.c')
          def test_a(self, m1, m2):
              pass
    `, errors: [{ line: 5, column: 6, endColumn: 20 }] },
    { name: 'started patch then a later with block; the with comes second', code: py`
      import mock
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              mock.patch('a.b.c').start()
              with mock.patch('a.b.c'):
                  pass
    `, errors: [{ line: 6, message: 'line 5' }] },
    { name: 'monkeypatch and mock.patch on one target', code: py`
      from unittest import mock
      import os
      def test_cwd(monkeypatch):
          monkeypatch.setattr('os.getcwd', lambda: '/a')
          with mock.patch.object(os, 'getcwd'):
              pass
    `, errors: [{ line: 5, message: '`os.getcwd`' }] },
    { name: 'setUp patches twice, reported once (not once per test)', code: py`
      from unittest import mock
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              super().setUp()
              self.useFixture(fixtures.MockPatch('a.b.c'))
              self.useFixture(fixtures.MockPatch('a.b.c'))
          def test_a(self):
              pass
          def test_b(self):
              pass
    `, errors: [{ line: 7, message: 'line 6' }] },
    { name: 'patch.multiple keys and mocker.patch', code: py`
      def test_x(mocker):
          mocker.patch.multiple('a.b', c=mocker.DEFAULT, d=mocker.DEFAULT)
          mocker.patch('a.b.d')
    `, errors: [{ line: 3, message: '`a.b.d`' }] },
    { name: "nova's test.nested enters its arguments like with items", code: py`
      from unittest import mock
      from nova import test
      class T(test.NoDBTestCase):
          @mock.patch.object(objects.Instance, 'save')
          def test_suspend(self, mock_save):
              with test.nested(
                  mock.patch.object(objects.Instance, 'save'),
                  mock.patch.object(self.compute_api, '_record_action_start'),
              ) as (mock_inst_save, mock_record):
                  run()
    `, errors: [{ line: 7, column: 13, message: '`objects.Instance.save` is already patched on line 4:' }] },
    { name: 'overlap inside a helper method of the test class', code: py`
      from unittest import mock
      import fixtures
      from nova import test
      class T(test.NoDBTestCase):
          @mock.patch.object(objects.Instance, 'save')
          def _test_delete(self, mock_save):
              self.useFixture(fixtures.MockPatchObject(objects.Instance, 'save'))
    `, errors: [{ line: 7, message: 'line 5:' }] },
    { name: 'patcher held on self, entered with with', code: py`
      from unittest import mock
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              super().setUp()
              self.patcher = mock.patch('a.b.c')
              self.patcher.start()
          def test_a(self):
              with mock.patch('a.b.c'):
                  pass
    `, errors: [{ line: 9, message: 'line 6' }] },
  ],
});
