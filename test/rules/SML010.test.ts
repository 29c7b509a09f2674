import { py, ruleTester } from './rule-tester';

ruleTester('SML010', {
  valid: [
    { name: 'diagnostics on a failure path, verbose output, named streams', code: py`
      import sys, unittest
      class T(unittest.TestCase):
          def test_a(self):
              out = run()
              if out != 'ok':
                  print(out)
                  self.fail('bad output')
              if verbose:
                  print('done')
              print('log', file=sys.stderr)
              print('row', file=stream)
              self.assertEqual('ok', out)
    ` },
    { name: 'captured output and capsys', code: py`
      import contextlib, io, unittest
      def test_b(capsys):
          print('hello')
          assert capsys.readouterr().out == 'hello\\n'
      class T(unittest.TestCase):
          def test_a(self):
              buf = io.StringIO()
              with contextlib.redirect_stdout(buf):
                  print('x')
              self.assertEqual('x\\n', buf.getvalue())
    ` },
    { name: 'prints in nested functions, under assertRaises, in tests without assertions', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              def callback(a):
                  print(a)
              with self.assertRaises(AttributeError):
                  print(float.__annotations__)
              self.assertTrue(run(callback))
          def test_script_output(self):
              print(compute())
    ` },
    { name: 'a test of the breakpoint hook', code: py`
      import sys, unittest
      from unittest import mock
      class T(unittest.TestCase):
          def test_breakpoint(self):
              sys.breakpointhook = hook = mock.Mock()
              breakpoint()
              hook.assert_called_once_with()
    ` },
    { name: 'outside test code', code: py`
      def main():
          print('usage')
    ` },
  ],
  invalid: [
    { name: 'a print in a test that asserts: info, removed by the fix; exact range', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              image = get()
              print(image)
              self.assertEqual(1, image.size)
    `, errors: [{ line: 5, column: 9, endLine: 5, endColumn: 21, severity: 'info', message: '`print()`', fixTitle: 'Remove `print`' }],
    output: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              image = get()
              self.assertEqual(1, image.size)
    ` },
    { name: 'debuggers are errors, even in nested code and helpers of setUp', code: py`
      import pdb
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              super().setUp()
              pdb.set_trace()
          def test_a(self):
              def fake():
                  breakpoint()
              self.assertTrue(run(fake))
    `, errors: [{ line: 6, severity: 'error', message: '`pdb.set_trace()`' }, { line: 9, severity: 'error' }],
    output: py`
      import pdb
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              super().setUp()
          def test_a(self):
              def fake():
                  pass
              self.assertTrue(run(fake))
    ` },
    { name: '`import pdb; pdb.set_trace()` goes as one line; pprint too', code: py`
      from pprint import pprint
      def test_a():
          data = load()
          import pdb; pdb.set_trace()
          pprint(data)
          assert data
    `, errors: [{ line: 4, severity: 'error' }, { line: 5, severity: 'info', message: '`pprint()`' }],
    output: py`
      from pprint import pprint
      def test_a():
          data = load()
          assert data
    ` },
    { name: 'a block of nothing but prints keeps a `pass` when all are fixed', code: py`
      def test_a():
          for host in hosts():
              print(host)
              print(host.name)
          assert hosts()
    `, errors: [{ line: 3 }, { line: 4 }],
    output: py`
      def test_a():
          for host in hosts():
              pass
          assert hosts()
    ` },
    { name: 'no fix when the call shares its line or is part of an expression', code: py`
      def test_a():
          x = 1; print(x)
          assert x
    `, errors: [{ line: 2, fixTitle: null }] },
  ],
});
