import { py, ruleTester } from './rule-tester';

ruleTester('SML011', {
  valid: [
    { name: 'conditional skips say when the test cannot run', code: py`
      import sys, unittest
      import pytest
      class T(unittest.TestCase):
          @unittest.skipIf(sys.platform == 'win32', 'POSIX only')
          def test_a(self):
              self.assertTrue(run())
          def test_b(self):
              if not has_gpu():
                  self.skipTest('needs a GPU')
              self.assertTrue(run())
      @pytest.mark.skipif(sys.version_info < (3, 11), reason='needs 3.11')
      def test_c():
          assert run()
    ` },
    { name: 'a subclass opting out of an inherited test: nothing left to rot', code: py`
      import unittest
      class T(Base):
          @unittest.skip('not applicable to the IOCP loop')
          def test_reader(self):
              pass
          def test_writer(self):
              raise unittest.SkipTest('not applicable to the IOCP loop')
    ` },
    { name: 'a project helper named skip', code: py`
      import unittest
      class T(unittest.TestCase):
          @skip('later')
          def test_a(self):
              self.assertTrue(run())
    ` },
  ],
  invalid: [
    { name: 'unittest.skip with a reason: range is the decorator', code: py`
      import unittest
      class T(unittest.TestCase):
          @unittest.skip('broken, see bug 123')
          def test_a(self):
              self.assertTrue(run())
    `, errors: [{ line: 3, column: 5, endLine: 3, endColumn: 42, severity: 'info', message: "skipped unconditionally ('broken, see bug 123')" }] },
    { name: 'no reason: bare decorator, empty string, pytest mark without reason', code: py`
      import unittest
      import pytest
      from unittest import skip
      class T(unittest.TestCase):
          @unittest.skip
          def test_a(self):
              self.assertTrue(run())
          @skip('')
          def test_b(self):
              self.assertTrue(run())
      @pytest.mark.skip
      def test_c():
          assert run()
    `, errors: [{ line: 5, message: 'without a reason' }, { line: 8, message: 'without a reason' }, { line: 11, message: 'without a reason' }] },
    { name: 'skip as the first statement; a skipped class', code: py`
      import unittest
      import pytest
      def test_a():
          """Resize."""
          pytest.skip(reason='flaky')
          assert resize()
      @unittest.skip('takes hours')
      class SlowTest(unittest.TestCase):
          def test_b(self):
              self.skipTest('not yet')
              self.assertTrue(run())
    `, errors: [{ line: 5, message: "('flaky')" }, { line: 7, message: 'Every test of `SlowTest`' }, { line: 10, message: "('not yet')" }] },
  ],
});
