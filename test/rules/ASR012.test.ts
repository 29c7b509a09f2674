import { py, ruleTester } from './rule-tester';

ruleTester('ASR012', {
  valid: [
    { name: 'real conditions with messages', code: py`
      def test_a():
          assert x == 1, 'x should be 1'
          assert (x == 1), 'x should be 1'
          assert (
              x == 1
          ), 'x should be 1'
    ` },
    { name: 'an empty string or tuple is falsy (ASR013), a name may be anything', code: py`
      def test_a():
          assert ''
          assert ()
          assert msg
          assert f'{value}'
    ` },
  ],
  invalid: [
    { name: 'assert (cond, msg): exact range, fix drops the parentheses', code: py`
      def test_a():
          assert (usage['cores'] == 4, 'cores in use')
    `, errors: [{ line: 2, column: 5, endLine: 2, endColumn: 49, severity: 'error', message: 'asserts a non-empty tuple, which is always true; the parentheses', fixTitle: 'Assert the condition with the message' }],
      output: py`
      def test_a():
          assert usage['cores'] == 4, 'cores in use'
    ` },
    { name: 'multi-line tuple; a walrus condition keeps its parentheses; everywhere in the file', code: py`
      assert (
          a == 1,
          'message'
      )
      def helper():
          assert (m := match(x), 'no match')
    `, errors: [{ line: 1, endLine: 4 }, { line: 6 }],
      output: py`
      assert a == 1, 'message'
      def helper():
          assert (m := match(x)), 'no match'
    ` },
    { name: 'other tuples and strings: reported without a fix', code: py`
      def test_a():
          assert (x,)
          assert (a, b, 'm')
          assert (a, 'm'), 'other'
          assert 'always true'
          assert f'value {x}'
          assert 'a' 'b'
    `, errors: [
      { line: 2, fixTitle: null },
      { line: 3, fixTitle: null },
      { line: 4, fixTitle: null },
      { line: 5, message: 'asserts a non-empty string', fixTitle: null },
      { line: 6, fixTitle: null },
      { line: 7, fixTitle: null },
    ] },
  ],
});
