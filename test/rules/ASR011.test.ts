import { py, ruleTester } from './rule-tester';

ruleTester('ASR011', {
  valid: [
    { name: 'asserted, assigned or passed on', code: py`
      def test_a():
          assert total == 5
          same = a == b
          check(a == b)
    ` },
    { name: 'outside test code', code: py`
      def helper():
          a == b
      a == b
    ` },
    { name: 'run for what it raises or warns', code: py`
      import pytest
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertRaises(TypeError):
                  1 < 'a'
              with self.assertWarns(BytesWarning):
                  b'' == ''
              try:
                  a < b
              except TypeError:
                  pass
      def test_b():
          with pytest.raises(TypeError):
              for x in values:
                  x < None
    ` },
    { name: 'a comment on the line says why', code: py`
      def test_a():
          d1 == d2   # used to give a SystemError
          # test comparison does not raise:
          subfields[1:] == subfields[:-1]
    ` },
    { name: 'a comment about raising above the first statement of a block', code: py`
      def test_a():
          # must not raise
          a < b
    ` },
    { name: 'a file that defines comparison methods exercises them', code: py`
      class Recorder:
          def __eq__(self, other):
              calls.append('eq')
              return NotImplemented
      class T(unittest.TestCase):
          def test_eq(self):
              Recorder() == 1
              self.assertEqual(calls, ['eq'])
    ` },
  ],
  invalid: [
    { name: 'a lone comparison in a test: exact range, add assert', code: py`
      def test_total():
          cart.total() == 5
    `, errors: [{ line: 2, column: 5, endLine: 2, endColumn: 22, severity: 'error', message: '`cart.total() == 5` is computed and thrown away', fixTitle: 'Add `assert`' }],
      output: py`
      def test_total():
          assert cart.total() == 5
    ` },
    { name: 'every operator, in setUp, a nested def of a test, and a non-raising with block', code: py`
      class T(unittest.TestCase):
          def setUp(self):
              self.x != 1
          def test_a(self):
              def inner():
                  a in b
              with suppress_known_deprecation():
                  entry_points().get('missing', ()) == ()
              a is not None; b < c
    `, errors: [{ line: 3 }, { line: 6 }, { line: 8 }, { line: 9, column: 9 }, { line: 9, column: 24 }],
      output: py`
      class T(unittest.TestCase):
          def setUp(self):
              assert self.x != 1
          def test_a(self):
              def inner():
                  assert a in b
              with suppress_known_deprecation():
                  assert entry_points().get('missing', ()) == ()
              assert a is not None; assert b < c
    ` },
  ],
});
