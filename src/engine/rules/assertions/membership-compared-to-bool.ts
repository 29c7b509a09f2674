import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { comparisonOperators, unwrapParens } from '../../syntax';
import { brief, rewriteLeadingArguments, selfAssertCall } from './assert-calls';

/**
 * Equality assertions, and whether they expect their operands equal. `assertIs(a in b, True)` is left
 * alone: it is the exact form, and tests of the bool type use it to check what `in` returns.
 */
const EXPECTS_SAME: Record<string, boolean> = { assertEqual: true, assertNotEqual: false };

/**
 * `in` always yields a real bool, so `assertEqual(a in b, True)` is exactly `assertIn(a, b)`, and each
 * of the other spellings maps to `assertIn` or `assertNotIn` without changing what passes.
 */
function membershipMethod(operator: string, literal: 'true' | 'false', expectsSame: boolean): string {
  const positive = ((operator === 'in') === (literal === 'true')) === expectsSame;
  return positive ? 'assertIn' : 'assertNotIn';
}

function check(call: Node, ctx: RuleContext): void {
  const assertion = selfAssertCall(call);
  if (!assertion || !(assertion.name in EXPECTS_SAME) || assertion.args.hasSplat) return;
  const [first, second] = assertion.args.positional;
  if (!first || !second) return;
  const firstValue = unwrapParens(first);
  const secondValue = unwrapParens(second);
  const literal = [firstValue, secondValue].find((value) => value.type === 'true' || value.type === 'false');
  const comparison = [firstValue, secondValue].find((value) => value.type === 'comparison_operator');
  if (!literal || !comparison) return;
  const operators = comparisonOperators(comparison);
  const [operator] = operators;
  if (operators.length !== 1 || (operator !== 'in' && operator !== 'not in')) return;
  const [member, container] = comparison.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
  if (!member || !container) return;

  const method = membershipMethod(operator, literal.type as 'true' | 'false', EXPECTS_SAME[assertion.name]!);
  const shown = `${assertion.name}(${brief(first, 28)}, ${brief(second, 28)})`;
  const edits = rewriteLeadingArguments(assertion, 2, method, `${member.text}, ${container.text}`);
  ctx.report({
    node: call,
    message: `\`${shown}\` reduces the check to a bool, so a failure shows only \`True\`/\`False\`; \`${method}(${brief(member, 24)}, ${brief(container, 24)})\` prints the item and the container`,
    fix: edits ? { title: `Use \`${method}\``, edits } : undefined,
  });
}

export default defineRule({
  meta: {
    id: 'ASR003',
    name: 'membership-compared-to-bool',
    family: 'ASR',
    severity: 'warning',
    fixable: 'yes',
    summary: 'A membership test (`a in b`) compared to `True`/`False` with `assertEqual`/`assertNotEqual`.',
    why:
      '`assertEqual(name in names, True)` reduces the check to a bool before the assertion sees it, so a failure ' +
      'reads "False != True" and says nothing about the item or the container. `assertIn(name, names)` checks the ' +
      'same thing (an `in` test always gives a real bool) and prints both on failure.',
    fix:
      'Use `assertIn(a, b)` or `assertNotIn(a, b)`, keeping the message: `assertEqual(a in b, False)` and ' +
      '`assertEqual(a not in b, True)` both become `assertNotIn(a, b)`.',
    bad: [
      'import unittest',
      '',
      '',
      'class ImageListTest(unittest.TestCase):',
      '    def test_public_images_listed(self):',
      '        names = [image.name for image in list_images()]',
      "        self.assertEqual('cirros' in names, True)",
      "        self.assertEqual(False, 'deleted' in names, 'deleted image listed')",
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class ImageListTest(unittest.TestCase):',
      '    def test_public_images_listed(self):',
      '        names = [image.name for image in list_images()]',
      "        self.assertIn('cirros', names)",
      "        self.assertNotIn('deleted', names, 'deleted image listed')",
      '',
    ].join('\n'),
    peers: ['hacking H215', 'nova N338'],
    detection:
      'Visits every `call` of `self.assertEqual` or `self.assertNotEqual` whose arguments are a `True`/`False` literal ' +
      'and a comparison with exactly one `in` or `not in` operator.',
  },
  visit: { call: check },
});
