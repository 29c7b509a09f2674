import { py, ruleTester } from './rule-tester';

ruleTester('SML015', {
  valid: [
    { name: 'attributes compared', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_boot(self):
              self.assertEqual('ACTIVE', server.status)
    ` },
    { name: 'tests of the text form, and exception messages', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_repr(self):
              self.assertEqual('<Server vm1>', repr(server))
          def test_bad_flavor(self):
              with self.assertRaises(ValueError) as cm:
                  boot(flavor='x')
              self.assertEqual('unknown flavor', str(cm.exception))
    ` },
  ],
  invalid: [
    { name: 'str() against a literal: range is the call', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_boot(self):
              self.assertEqual("<Server vm1 ACTIVE>", str(server))
    `, errors: [{ line: 4, column: 9, endLine: 4, endColumn: 61, severity: 'info', message: '`str()`' }] },
    { name: 'pytest assert with __repr__()', code: py`
      def test_boot(server):
          assert server.__repr__() == "<Server vm1>"
    `, errors: [{ line: 2, message: '`__repr__()`' }] },
  ],
});
