import { py, ruleTester } from './rule-tester';

ruleTester('SML014', {
  valid: [
    { name: 'files next to the test, written first, or in a temporary directory', code: py`
      import os, pathlib
      DATA = pathlib.Path(__file__).parent / 'data'
      def test_a(tmp_path):
          with open(DATA / 'flavors.json') as f:
              assert f.read()
          with open('out.log', 'w') as f:
              f.write('x')
          with open('out.log') as f:
              assert f.read() == 'x'
      def test_b():
          with temp_cwd():
              generate()
              with open('messages.pot') as f:
                  assert f.read()
    ` },
    { name: 'device files, writing, expected errors', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              with open('/dev/null') as f:
                  self.assertEqual('', f.read())
              with open('/var/log/app.log', 'a') as f:
                  f.write('x')
              with self.assertRaises(FileNotFoundError):
                  open('missing.txt')
    ` },
    { name: 'loopback, guarded or mocked network', code: py`
      import requests, unittest
      from unittest import mock
      from test import support
      class T(unittest.TestCase):
          def test_a(self):
              r = requests.get('http://127.0.0.1:8080/health', timeout=1)
              self.assertEqual(200, r.status_code)
          def test_b(self):
              support.requires('network')
              r = requests.get('https://www.python.org', timeout=5)
              self.assertEqual(200, r.status_code)
          @mock.patch('requests.get')
          def test_c(self, get):
              requests.get('https://api.example.com/v1')
              get.assert_called_once()
    ` },
    { name: 'environment: system variables, variables the test sets, writes', code: py`
      import os
      def test_a(monkeypatch):
          home = os.environ['HOME']
          monkeypatch.setenv('APP_MODE', 'test')
          assert os.environ['APP_MODE'] == 'test'
          os.environ['OTHER'] = '1'
          del os.environ['OTHER']
          assert home
    ` },
    { name: 'outside test code', code: py`
      def load_config():
          with open('/etc/app.conf') as f:
              return f.read()
    ` },
  ],
  invalid: [
    { name: 'a relative data file read from the working directory: exact range', code: py`
      import json
      def test_flavors():
          with open("etc/flavors.json") as f:
              assert json.load(f)
    `, errors: [{ line: 3, column: 10, endLine: 3, endColumn: 34, severity: 'info', message: 'from the directory the tests happen to run from' }] },
    { name: 'absolute paths, pathlib reads', code: py`
      import pathlib
      from pathlib import Path
      def test_a():
          assert 'root' in open('/etc/passwd').read()
          assert Path('/etc/os-release').read_text()
          assert pathlib.Path('fixtures/a.txt').read_bytes()
    `, errors: [{ line: 4, message: 'from this machine' }, { line: 5 }, { line: 6, message: 'from the directory' }] },
    { name: 'a remote host and an environment variable', code: py`
      import os, requests, socket, unittest
      class T(unittest.TestCase):
          def test_a(self):
              r = requests.get('https://keystone.example.com/v3', timeout=5)
              s = socket.create_connection(('db.internal', 5432))
              token = os.environ['OS_TOKEN']
              self.assertEqual(200, r.status_code)
    `, errors: [{ line: 4, message: '`keystone.example.com`' }, { line: 5, message: '`db.internal`' }, { line: 6, message: "`os.environ['OS_TOKEN']`" }] },
  ],
});
