import { py, ruleTester } from './rule-tester';

ruleTester('SML006', {
  valid: [
    { name: 'a "must not crash" try without checks', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  parse(garbage)
              except ValueError:
                  pass
              self.assertTrue(alive())
    ` },
    { name: 'handler with a comment saying why', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  self.assertEqual(4, size())
              except MemoryError:
                  pass  # acceptable on 32-bit
    ` },
    { name: 'bare except that re-raises, and one that checks what it caught', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  self.assertTrue(run())
              except:
                  dump_logs()
                  raise
              try:
                  self.assertTrue(isnan(f()))
              except:
                  self.assertRaises(ValueError, f)
    ` },
    { name: 'else clause tells the outcomes apart; try/fail/except is SML005', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  self.assertEqual(0, g())
              except ValueError:
                  pass
              else:
                  self.fail('no error')
              try:
                  f()
                  self.fail('no error')
              except ValueError:
                  pass
    ` },
    { name: 'nested functions are not the test body; under assertRaises', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              def worker():
                  try:
                      assert step()
                  except Exception:
                      pass
              with self.assertRaises(TypeError):
                  try:
                      self.assertTrue(h())
                  except ValueError:
                      pass
              run(worker)
    ` },
  ],
  invalid: [
    { name: 'pass skips the checks: range is the except keyword', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              try:
                  self.assertEqual(1, int(text))
              except ValueError:
                  pass
    `, errors: [{ line: 6, column: 9, endLine: 6, endColumn: 15, severity: 'warning', message: 'skips `self.assertEqual(...)`' }] },
    { name: 'broad catch swallows the AssertionError itself', code: py`
      def test_a():
          try:
              assert compute() == 4
          except Exception:
              pass
    `, errors: [{ line: 4, message: 'also catches the `AssertionError` of `assert`' }] },
    { name: 'bare except that logs', code: py`
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              try:
                  self.assertTrue(ready())
              except:
                  log.warning('not ready')
    `, errors: [{ line: 6, message: 'A bare `except:` also catches' }] },
  ],
});
