import { py, ruleTester } from './rule-tester';

ruleTester('ASR009', {
  valid: [
    { name: 'a unittest class in a pytest file', code: py`
      import pytest
      import unittest
      class TestApi(unittest.TestCase):
          def test_a(self):
              self.assertEqual(a, b)
    ` },
    { name: 'a base-less class beside a TestCase class is a mixin', code: py`
      import pytest
      import unittest
      class TestMixin:
          def test_a(self):
              self.assertEqual(a, b)
      class RealTest(TestMixin, unittest.TestCase):
          pass
    ` },
    { name: 'a base-less class that another class extends is a shared base', code: py`
      import pytest
      class TestBaseChecks:
          def test_a(self):
              self.assertEqual(a, b)
      class TestFoo(TestBaseChecks, helpers.Case):
          pass
    ` },
    { name: 'no sign of pytest: a mixin module for unittest', code: py`
      class TestChecks:
          def test_a(self):
              self.assertEqual(a, b)
    ` },
    { name: 'a class with an imported base may be a TestCase; classes pytest does not collect', code: py`
      import pytest
      class TestFoo(base.FunctionalCase):
          def test_a(self):
              self.assertEqual(a, b)
      class Helper:
          def check(self):
              self.assertEqual(a, b)
    ` },
    { name: "the class's own assert helpers, and a class that defines assertEqual itself", code: py`
      import pytest
      class TestEinsumPath:
          def assert_path_equal(self, a, b):
              assert a == b
          def test_a(self):
              self.assert_path_equal(path, ['einsum_path'])
              self.assert_close(x, y)
      class TestOwn:
          def assertEqual(self, a, b):
              assert a == b
          def test_a(self):
              self.assertEqual(a, b)
    ` },
    { name: 'plain asserts', code: py`
      import pytest
      class TestFoo:
          def test_a(self):
              assert a == b
    ` },
  ],
  invalid: [
    { name: 'assertEqual in a pytest class: exact range, unsafe fix', code: py`
      import pytest
      class TestFlavor:
          def test_a(self):
              self.assertEqual('small', flavor.name)
    `, errors: [{ line: 4, column: 9, endLine: 4, endColumn: 47, severity: 'info', message: '`self.assertEqual` in `TestFlavor`, a pytest class without a `unittest.TestCase` base', fixTitle: /^Rewrite as a plain `assert` \(unsafe/, unsafe: true }],
      output: py`
      import pytest
      class TestFlavor:
          def test_a(self):
              assert 'small' == flavor.name
    ` },
    { name: 'every translatable assertion, with messages and precedence kept', code: py`
      def test_module_level():
          pass
      class TestAll:
          def test_a(self):
              self.assertNotEqual(a, b, 'm')
              self.assertTrue(x)
              self.assertFalse(a or b)
              self.assertIs(a, b)
              self.assertIsNot(a, b)
              self.assertIsNone(f(), msg='m')
              self.assertIsNotNone(a if c else b)
              self.assertIn(a, b)
              self.assertNotIn(not a, b)
              self.assertGreater(a, b)
              self.assertGreaterEqual(a < b, c)
              self.assertLess(a, b)
              self.assertLessEqual(a, b)
              self.assertIsInstance(a, (int, str))
              self.assertNotIsInstance(a, int)
              self.assertTrue(y := f())
    `, errors: Array.from({ length: 16 }, (_, i) => ({ line: 5 + i, unsafe: true })),
      output: py`
      def test_module_level():
          pass
      class TestAll:
          def test_a(self):
              assert a != b, 'm'
              assert x
              assert not (a or b)
              assert a is b
              assert a is not b
              assert f() is None, 'm'
              assert (a if c else b) is not None
              assert a in b
              assert (not a) not in b
              assert a > b
              assert (a < b) >= c
              assert a < b
              assert a <= b
              assert isinstance(a, (int, str))
              assert not isinstance(a, int)
              assert (y := f())
    ` },
    { name: 'assertRaises as a with item becomes pytest.raises; used as a value or with an as-name: no fix', code: py`
      import pytest
      class TestErrors:
          def test_a(self):
              with self.assertRaises(KeyError):
                  d['x']
              with self.assertRaisesRegex(ValueError, 'neg'):
                  f(-1)
              with self.assertRaises(KeyError) as cm:
                  d['x']
              ok = self.assertTrue(x)
              self.assertAlmostEqual(a, b)
    `, errors: [
      { line: 4, message: 'use `pytest.raises(...)`', fixTitle: 'Use `pytest.raises`', unsafe: true },
      { line: 6, unsafe: true },
      { line: 8, fixTitle: null },
      { line: 10, fixTitle: null },
      { line: 11, fixTitle: null },
    ],
      output: py`
      import pytest
      class TestErrors:
          def test_a(self):
              with pytest.raises(KeyError):
                  d['x']
              with pytest.raises(ValueError, match='neg'):
                  f(-1)
              with self.assertRaises(KeyError) as cm:
                  d['x']
              ok = self.assertTrue(x)
              self.assertAlmostEqual(a, b)
    ` },
    { name: 'a multi-line argument keeps its layout inside parentheses', code: py`
      import pytest
      class TestLayout:
          def test_a(self):
              self.assertEqual(result,
                               'a'
                               'b')
    `, errors: [{ line: 4, endLine: 6 }],
      output: py`
      import pytest
      class TestLayout:
          def test_a(self):
              assert result == ('a'
                               'b')
    ` },
  ],
});
