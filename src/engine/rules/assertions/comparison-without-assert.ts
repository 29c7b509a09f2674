import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import type { TextEdit } from '../../types';
import { brief } from './assert-calls';
import { adjacentComments } from './comments';
import { isUnderExpectedException } from './raises';
import { definesComparisonMethods } from './test-styles';

/**
 * The comparison is run for its side effect: the file defines comparison methods that record their calls
 * or crash (`Left() != Right()` followed by a check of `calls`), or a comment says why: on the line
 * (`d1 == d2  # used to give a SystemError`), or above it about raising (`# comparison does not raise`).
 */
function isExercise(statement: Node, ctx: RuleContext): boolean {
  const comments = adjacentComments(statement);
  if (comments.some((comment) => comment.startPosition.row === statement.endPosition.row)) return true;
  if (comments.some((comment) => /raise|crash|error|warn|segfault|smoke/i.test(comment.text))) return true;
  return definesComparisonMethods(ctx);
}

function check(statement: Node, ctx: RuleContext): void {
  const test = ctx.scope.testFunction;
  if (!test) return;
  const comparison = statement.namedChild(0);
  if (comparison?.type !== 'comparison_operator' || statement.namedChildCount !== 1) return;
  // `with self.assertRaises(TypeError): a < b` runs the comparison for what it raises (or warns).
  if (isUnderExpectedException(statement, test.node) || isExercise(statement, ctx)) return;
  const insert: TextEdit = {
    line: statement.startPosition.row + 1,
    column: statement.startPosition.column + 1,
    endLine: statement.startPosition.row + 1,
    endColumn: statement.startPosition.column + 1,
    text: 'assert ',
  };
  ctx.report({
    node: statement,
    message: `\`${brief(comparison, 40)}\` is computed and thrown away, so it checks nothing; add the missing \`assert\``,
    fix: { title: 'Add `assert`', edits: [insert] },
  });
}

export default defineRule({
  meta: {
    id: 'ASR011',
    name: 'comparison-without-assert',
    family: 'ASR',
    severity: 'error',
    fixable: 'yes',
    summary: 'A comparison stands alone as a statement in a test: almost always a forgotten `assert`.',
    why:
      'Python evaluates `result == expected` and discards the answer, so the line passes whatever the values are. ' +
      'It is nearly always an `assert` lost in an edit. Comparisons run for what they raise or warn (inside ' +
      '`with self.assertRaises(...)`, `pytest.raises(...)`, `assertWarns`, or a `try` body with an `except`), ' +
      'comparisons with a comment on their line or one above about raising, and comparisons in files that define comparison methods ' +
      '(`__eq__`, `__lt__`...: tests of the comparison protocol call them for their side effects) are not reported.',
    fix: 'Add the `assert` (`assert result == expected`), or use the unittest assertion (`self.assertEqual(result, expected)`).',
    bad: [
      'def test_total_price():',
      "    cart = Cart(items=[('apple', 2), ('pear', 3)])",
      '    cart.total() == 5',
      '',
    ].join('\n'),
    good: [
      'def test_total_price():',
      "    cart = Cart(items=[('apple', 2), ('pear', 3)])",
      '    assert cart.total() == 5',
      '',
    ].join('\n'),
    peers: ['ruff B015'],
    detection:
      'Visits each `expression_statement` in test code (a test, its setup or a function nested in them) that is a ' +
      'single comparison such as `a == b` or `x in y`, whose result is thrown away. Exempt: comparisons inside ' +
      '`assertRaises`/`pytest.raises` blocks, ones with a comment on the same line or a comment above about raising, ' +
      'and files that define comparison methods.',
  },
  visit: { expression_statement: check },
});
