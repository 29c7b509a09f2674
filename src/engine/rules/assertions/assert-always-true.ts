import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { replaceNode } from '../../position';
import { isInterpolatedString, stringValue, unwrapParens } from '../../syntax';
import type { Fix } from '../../types';
import { assertParts, brief } from './assert-calls';
import { containsComment, textFor } from './expression-text';

/** A string that is non-empty whatever is interpolated into it: literal text outside the `{...}` parts. */
function isNonEmptyString(node: Node): boolean {
  if (node.type === 'concatenated_string') return node.namedChildren.some((part) => !!part && isNonEmptyString(part));
  if (node.type !== 'string') return false;
  if (!isInterpolatedString(node)) return (stringValue(node) ?? '') !== '';
  return node.namedChildren.some((child) => child?.type === 'string_content' && child.text !== '');
}

/** `assert (x, 'msg')` -> `assert x, 'msg'`: what the parentheses were meant to say. */
function tupleFix(statement: Node, tuple: Node, message: Node | null): Fix | undefined {
  const items = tuple.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
  const [test, text] = items;
  if (message || items.length !== 2 || !test || !text || containsComment(tuple)) return undefined;
  if (test.type === 'list_splat' || text.type === 'list_splat') return undefined;
  return {
    title: 'Assert the condition with the message',
    edits: [replaceNode(statement, `assert ${textFor(test, 'assert')}, ${textFor(text, 'assert')}`)],
  };
}

function check(statement: Node, ctx: RuleContext): void {
  const { test, message } = assertParts(statement);
  if (!test) return;
  const value = unwrapParens(test);
  if (value.type === 'tuple' && value.namedChildren.some((child) => child && child.type !== 'comment')) {
    const fix = tupleFix(statement, value, message);
    ctx.report({
      node: statement,
      message: fix
        ? `\`assert ${brief(value, 40)}\` asserts a non-empty tuple, which is always true; the parentheses turned the condition and its message into one tuple`
        : `\`assert ${brief(value, 40)}\` asserts a non-empty tuple, which is always true`,
      fix,
    });
    return;
  }
  if (isNonEmptyString(value)) {
    ctx.report({
      node: statement,
      message: `\`assert ${brief(value, 40)}\` asserts a non-empty string, which is always true; assert the condition with this text as its message (\`assert cond, ${brief(value, 24)}\`)`,
    });
  }
}

export default defineRule({
  meta: {
    id: 'ASR012',
    name: 'assert-always-true',
    family: 'ASR',
    severity: 'error',
    fixable: 'partial',
    summary: '`assert` on a non-empty tuple (`assert (x, "msg")`) or a non-empty string: it can never fail.',
    why:
      '`assert (x == 1, "x should be 1")` asserts a two-item tuple, and a non-empty tuple is always true, so the ' +
      'line passes whatever `x` is. The same holds for `assert "some text"`. Both usually come from a message ' +
      'placed in the wrong spot.',
    fix:
      'Drop the parentheses so the message is the assert\'s message: `assert x == 1, "x should be 1"` (the quick ' +
      'fix does this for a two-item tuple). For a lone string, write the condition it describes, or ' +
      '`pytest.fail("text")` if the line should always fail.',
    bad: [
      'def test_quota_usage(api):',
      "    usage = api.get_usage('project-1')",
      "    assert (usage['cores'] == 4, 'cores in use')",
      '',
    ].join('\n'),
    good: [
      'def test_quota_usage(api):',
      "    usage = api.get_usage('project-1')",
      "    assert usage['cores'] == 4, 'cores in use'",
      '',
    ].join('\n'),
    peers: ['pyflakes F631', 'PyNose Redundant Assertion'],
    detection:
      'Visits each `assert_statement` whose condition, without its parentheses, is a non-empty tuple (`assert (x, ' +
      "'message')`) or a string literal that is non-empty whatever is interpolated into it.",
  },
  visit: { assert_statement: check },
});
