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
    { name: 'literals that may be fake data are info', code: py`
      from unittest import mock
      def test_driver():
          with mock.patch('os.path.exists', return_value=True):
              driver.attach(path='/tmp/fake-disk')
          assert driver.root == '/tmp'
    `, errors: [{ line: 4, severity: 'info', message: "'/tmp/fake-disk'" }, { line: 5, severity: 'info' }] },
    { name: 'tempfile.mktemp', code: py`
      import tempfile
      name = tempfile.mktemp(suffix='.db')
    `, errors: [{ line: 2, column: 8, endColumn: 37, severity: 'warning', message: 'tempfile.mktemp()' }] },
  ],
});
