import { py, ruleTester } from './rule-tester';

ruleTester('SML002', {
  valid: [
    { name: 'a test with a body', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(run())
    ` },
    { name: 'skipped by a unittest decorator: SML011 judges the skip', code: py`
      import unittest
      class T(unittest.TestCase):
          @unittest.skip('bug 123')
          def test_a(self):
              pass
    ` },
    { name: 'skipped by a pytest marker', code: py`
      import pytest
      @pytest.mark.skipif(True, reason='windows only')
      def test_a():
          ...
    ` },
    { name: 'expected failures are reported by the runner when they pass', code: py`
      import unittest
      class T(unittest.TestCase):
          @unittest.expectedFailure
          def test_unexpected_success(self):
              pass
    ` },
    { name: 'abstract placeholder in a base class', code: py`
      import abc, unittest
      class Base(unittest.TestCase):
          @abc.abstractmethod
          def test_contract(self):
              pass
    ` },
    { name: 'empty helpers and setUp are not tests', code: py`
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              pass
          def _helper(self):
              pass
    ` },
    { name: 'a test-named method outside a test class', code: py`
      class Config:
          def test_mode(self):
              pass
    ` },
    { name: 'a docstring holding doctest examples runs under a doctest runner', code: py`
      def test_pdb_display():
          """Display a variable.

          >>> pdb_invoke('display x')
          1
          """
    ` },
    { name: 'sample test classes built inside a test are data, not tests', code: py`
      import unittest
      class LoaderTest(unittest.TestCase):
          def test_load(self):
              class Sample(unittest.TestCase):
                  def test_one(self):
                      pass
              self.assertEqual(1, count(Sample))
    ` },
    { name: 'a body that only skips is not empty', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.skipTest('not yet')
    ` },
  ],
  invalid: [
    { name: 'pass in a TestCase method: exact range on the name, skip fix', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_detach(self):
              pass
    `, errors: [{ line: 3, column: 9, endLine: 3, endColumn: 20, severity: 'warning', message: '`test_detach` holds only `pass`', fixTitle: 'Skip `test_detach`' }],
    output: py`
      import unittest
      class T(unittest.TestCase):
          def test_detach(self):
              self.skipTest('not implemented yet')
    ` },
    { name: 'docstring only: the skip goes below it with the same indentation', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_detach(self):
              """Detaching frees the volume."""
    `, errors: [{ line: 3, message: 'a docstring' }],
    output: py`
      import unittest
      class T(unittest.TestCase):
          def test_detach(self):
              """Detaching frees the volume."""
              self.skipTest('not implemented yet')
    ` },
    {
      // Found by the fuzzer (npm run fuzz): the module node starts at the first token, so its text had no
      // leading blank lines and the indentation was copied from the wrong place (`""self.skipTest(...)`).
      name: 'docstring only, in a file that starts with blank lines',
      code: '\n\nimport unittest\nclass T(unittest.TestCase):\n    def test_detach(self):\n        """Detaching frees the volume."""\n',
      errors: [{ line: 5, message: 'a docstring' }],
      output: '\n\nimport unittest\nclass T(unittest.TestCase):\n    def test_detach(self):\n        """Detaching frees the volume."""\n        self.skipTest(\'not implemented yet\')\n',
    },
    { name: 'docstring, comment and ellipsis in a pytest module', code: py`
      import pytest
      async def test_stream():
          """Streams in order."""
          # TODO
          ...
    `, errors: [{ line: 2, column: 11, endColumn: 22, message: 'a docstring and `...`' }],
    output: py`
      import pytest
      async def test_stream():
          """Streams in order."""
          # TODO
          pytest.skip('not implemented yet')
    ` },
    { name: 'one-line def', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self): pass
    `, errors: [{ line: 3, column: 9, endColumn: 15 }],
    output: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self): self.skipTest('not implemented yet')
    ` },
    { name: 'a non-skip decorator does not exempt; a pytest-style class without pytest import gets no fix', code: py`
      from unittest import mock
      class TestVolumes:
          @mock.patch('os.path.exists')
          def test_exists(self, m):
              pass
    `, errors: [{ line: 4, fixTitle: null }] },
    { name: 'an override that blanks out an inherited test is still empty', code: py`
      from nova import test
      class LibvirtTest(test.NoDBTestCase):
          def test_live_migrate(self):
              # Not supported by this driver.
              pass
    `, errors: [{ line: 3, message: 'skip it with a reason', fixTitle: 'Skip' }] },
  ],
});
