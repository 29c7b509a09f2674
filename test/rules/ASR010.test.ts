import { py, ruleTester } from './rule-tester';

ruleTester('ASR010', {
  valid: [
    { name: 'one condition per assert; `or` is one condition', code: py`
      def test_a():
          assert a
          assert b
          assert a or b
          assert (a and b) or c
    ` },
    { name: 'outside test code, and in nested defs (callbacks, traced sample functions)', code: py`
      def helper():
          assert a and b
      def test_a():
          def func():
              assert a == 5 and c == 10    # line 13
          run(func)
    ` },
    { name: 'asserts in except that do not look at the exception', code: py`
      def test_a():
          try:
              import foo
          except ImportError:
              assert sys.platform == 'win32'
          try:
              f()
          except ValueError as e:
              assert flag
    ` },
    { name: 'the try guards the no-exception case: else clause, trailing failure, or a polling loop', code: py`
      import pytest
      def test_a():
          try:
              f()
          except ValueError as e:
              assert 'neg' in str(e)
          else:
              pytest.fail('no error')
          try:
              f()
              pytest.fail('no error')
          except ValueError as e:
              assert 'neg' in str(e)
          try:
              f()
          except ValueError as e:
              assert e.args[0] == 'magic'
              return
          assert False
          while time.time() < deadline:
              try:
                  os.stat(name)
              except FileNotFoundError as e:
                  assert e.winerror == 2
    ` },
  ],
  invalid: [
    { name: 'assert a and b: exact range, split fix', code: py`
      def test_a():
          assert c.is_file() and f.is_file()
    `, errors: [{ line: 2, column: 5, endLine: 2, endColumn: 39, severity: 'info', message: 'split it: `assert c.is_file()`, `assert f.is_file()`', fixTitle: 'Split into 2 asserts' }],
      output: py`
      def test_a():
          assert c.is_file()
          assert f.is_file()
    ` },
    { name: 'three parts, parenthesized, with the message kept on each; in a unittest method too', code: py`
      class TestX(unittest.TestCase):
          def test_a(self):
              if ready:
                  assert (a == 5 and
                          (b or c) and
                          not d), 'state'
    `, errors: [{ line: 4, endLine: 6, fixTitle: 'Split into 3 asserts' }],
      output: py`
      class TestX(unittest.TestCase):
          def test_a(self):
              if ready:
                  assert a == 5, 'state'
                  assert (b or c), 'state'
                  assert not d, 'state'
    ` },
    { name: 'no fix when the layout or a comment would be lost', code: py`
      def test_a():
          if x: assert a and b
          y = 1; assert a and b
          assert (a and  # why
                  b)
    `, errors: [{ line: 2, fixTitle: null }, { line: 3, fixTitle: null }, { line: 4, fixTitle: null }] },
    { name: 'an assert on the caught exception inside except', code: py`
      def test_delete_missing(api):
          try:
              api.delete_server('missing')
          except NotFound as error:
              assert 'missing' in str(error)
    `, errors: [{ line: 5, column: 9, endLine: 5, endColumn: 39, message: 'runs only if the `try` block raises', fixTitle: null }] },
    { name: 'CRLF files keep CRLF line breaks', code: 'def test_a():\r\n    assert a and b\r\n',
      errors: [{ line: 2 }],
      output: 'def test_a():\r\n    assert a\r\n    assert b\r\n' },
  ],
});
