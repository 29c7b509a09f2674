import { py, ruleTester } from './rule-tester';

ruleTester('SEC005', {
  valid: [
    { name: 'per-test directories', code: py`
      import tempfile
      def test_export(tmp_path):
          target = tmp_path / 'out.json'
          with tempfile.TemporaryDirectory() as d:
              export(d)
          fd, name = tempfile.mkstemp()
    ` },
    { name: 'naming /tmp as the parent of a random name is fine', code: py`
      import tempfile
      d = tempfile.mkdtemp(dir='/tmp', prefix='run-')
    ` },
    // Was reported as info; on CPython such literals were fake paths every time (mocks, URL paths, reprs).
    { name: 'literals that are data, not files the test touches', code: py`
      from unittest import mock
      def test_driver():
          with mock.patch('os.path.exists', return_value=True):
              driver.attach(path='/tmp/fake-disk')
          assert driver.root == '/tmp'
    ` },
    // From CPython's test_robotparser, test_module and test_pathlib.
    { name: 'URL paths, module reprs and expected values', code: py`
      import unittest
      class UserAgentWildcardTest(unittest.TestCase):
          bad = ['/cyberworld/map/index.html', '/tmp/xxx', '/foo.html']
          def test_module_repr_with_filename_only(self):
              m = ModuleType('foo')
              m.__file__ = '/tmp/foo.py'
              self.assertEqual(repr(m), "<module 'foo' from '/tmp/foo.py'>")
          def test_expanduser(self):
              env['HOME'] = '/tmp'
              self.assertEqual(p1.expanduser(), P('/tmp/Documents'))
    ` },
    // From CPython's test_shutil: a name picked inside a private fresh directory cannot be raced by others.
    { name: 'mktemp inside a directory the test just created', code: py`
      import tempfile, unittest
      class TestMove(unittest.TestCase):
          def test_move_dir(self):
              dst_dir = tempfile.mktemp(dir=self.mkdtemp())
              other = tempfile.mktemp(dir=tempfile.mkdtemp())
          def test_chown(self):
              dirname = self.mkdtemp()
              filename = tempfile.mktemp(dir=dirname)
      class UnixSocketTestBase(unittest.TestCase):
          def setUp(self):
              self.dir_path = tempfile.mkdtemp()
          def bindSock(self, sock):
              path = tempfile.mktemp(dir=self.dir_path)
    ` },
    // From CPython's test_tempfile: the test of mktemp itself.
    { name: 'a test of tempfile.mktemp', code: py`
      import tempfile, unittest
      class TestMktemp(unittest.TestCase):
          def test_basic(self):
              name = tempfile.mktemp(dir=self.dir)
    ` },
    { name: 'paths that only start with the same letters', code: py`
      MOUNT = '/tmpfs/cache'
      DATA = '/tmp_data/x'
      VAR = '/var/tmpl'
      URL = 'http://host/tmp/x'
    ` },
  ],
  invalid: [
    { name: 'a literal opened as a file: warning, range is the string', code: py`
      def test_export():
          with open('/tmp/inventory.json') as f:
              assert f.read()
    `, errors: [{ line: 2, column: 15, endLine: 2, endColumn: 36, severity: 'warning', message: "Fixed path '/tmp/inventory.json'", fixTitle: null }] },
    { name: 'paths built on shared temp directories', code: py`
      import os, shutil
      from pathlib import Path
      os.makedirs('/var/tmp/build')
      shutil.rmtree('/dev/shm/cache')
      log = Path(f'/tmp/{name}.log')
      sock.bind('/tmp/app.sock')
    `, errors: [
      { line: 3, severity: 'warning' },
      { line: 4, severity: 'warning' },
      { line: 5, severity: 'warning', message: "'/tmp/'" },
      { line: 6, severity: 'warning' },
    ] },
    { name: 'a literal bound to a name that is then opened', code: py`
      import unittest
      class ConfTest(unittest.TestCase):
          def test_load(self):
              conf_path = '/tmp/test.conf'
              with open(conf_path, 'w') as f:
                  f.write('[DEFAULT]')
    `, errors: [{ line: 4, column: 21, endColumn: 37, severity: 'warning', message: "'/tmp/test.conf'" }] },
    { name: 'tempfile.mktemp', code: py`
      import tempfile
      name = tempfile.mktemp(suffix='.db')
    `, errors: [{ line: 2, column: 8, endColumn: 37, severity: 'warning', message: 'tempfile.mktemp()' }] },
  ],
});
