import { py, ruleTester } from './rule-tester';

ruleTester('ASR006', {
  valid: [
    { name: 'specific exceptions, and message checks', code: py`
      import pytest
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertRaises(KeyError):
                  d['x']
              self.assertRaisesRegex(Exception, 'boom', f)
      def test_b():
          with pytest.raises(ValueError, match='negative'):
              f(-1)
          with pytest.raises(KeyError):
              d['x']
    ` },
    { name: 'ValueError is only too common for pytest.raises (the assertRaises list is Exception/BaseException)', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertRaises(ValueError, int, 'x')
    ` },
    { name: 'the exception is inspected afterwards through the as-name', code: py`
      import pytest
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertRaises(Exception) as cm:
                  f()
              self.assertEqual(str(cm.exception), 'boom')
      def test_b():
          with pytest.raises(ValueError) as exc_info:
              f()
          assert 'negative' in str(exc_info.value)
    ` },
    { name: 'a comment says why any error will do', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertRaises(Exception):
                  # Note, the exact exception raised is not guaranteed
                  next(it)
              # Empty code object should raise, but not crash the VM
              self.assertRaises(Exception, exec, co)
    ` },
    { name: 'the call raises an instance of that very class', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertRaises(Exception, codecs.strict_errors, Exception('ouch'))
    ` },
    { name: 'warnings and non-pytest raises helpers', code: py`
      import pytest
      def test_b():
          with pytest.warns(Warning):
              f()
          with raises(Exception):
              f()
    ` },
  ],
  invalid: [
    { name: 'with self.assertRaises(Exception): range is the class', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertRaises(Exception):
                  set_quota('ram', -1)
    `, errors: [{ line: 3, column: 32, endLine: 3, endColumn: 41, severity: 'warning', message: '`assertRaises(Exception)` passes on any error, even a `TypeError`' }] },
    { name: 'call form, BaseException, a tuple, and an unused as-name', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertRaises(BaseException, f, 1)
              self.assertRaises((KeyError, Exception), f)
              with self.assertRaises(Exception) as cm:
                  f()
    `, errors: [{ line: 3, column: 27 }, { line: 4, column: 38 }, { line: 5, column: 32 }] },
    { name: 'pytest.raises of a too common error without match, through an alias import', code: py`
      import pytest
      import socket
      from pytest import raises
      def test_b():
          with pytest.raises(ValueError):
              f()
          with raises(socket.error):
              f()
          pytest.raises(OSError, f)
    `, errors: [
      { line: 5, message: '`pytest.raises(ValueError)` passes on any `ValueError` from anywhere in the call; name the exception you expect, or add `match=`' },
      { line: 7, message: 'socket.error' },
      { line: 9, message: 'or use `with pytest.raises(OSError, match=...)` to check its message' },
    ] },
  ],
});
