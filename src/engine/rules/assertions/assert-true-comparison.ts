import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { callArguments, comparisonOperators, unwrapParens } from '../../syntax';
import type { Fix } from '../../types';
import { brief, isTypeEquality, lenArgument, rewriteLeadingArguments, selfAssertCall, textBetween, type SelfAssertCall } from './assert-calls';
import { definesComparisonMethods } from './test-styles';

const UNDER_TRUE: Record<string, string> = {
  '==': 'assertEqual',
  '!=': 'assertNotEqual',
  '<': 'assertLess',
  '<=': 'assertLessEqual',
  '>': 'assertGreater',
  '>=': 'assertGreaterEqual',
  in: 'assertIn',
  'not in': 'assertNotIn',
  is: 'assertIs',
  'is not': 'assertIsNot',
};

// Ordering operators are not inverted: `not (a < b)` is not `a >= b` for sets, NaN or partial orders.
const UNDER_FALSE: Record<string, string> = {
  '==': 'assertNotEqual',
  '!=': 'assertEqual',
  in: 'assertNotIn',
  'not in': 'assertIn',
  is: 'assertIsNot',
  'is not': 'assertIs',
};

const OPPOSITE_ORDER: Record<string, string> = { '<': 'assertGreaterEqual', '<=': 'assertGreater', '>': 'assertLessEqual', '>=': 'assertLess' };

interface Rewrite {
  /** The specific assertion; null when none is equivalent (`assertFalse(a < b)`). */
  method: string | null;
  /** Its arguments in source text, and shortened for the message. */
  args: string;
  shown: string;
  /** An ordering or equality on `len(x)`: ASR008's count advice goes into the message. */
  countOf: Node | null;
  op: string;
}

function comparisonRewrite(comparison: Node, underTrue: boolean): Rewrite | null {
  const operators = comparisonOperators(comparison);
  const operands = comparison.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
  const [op] = operators;
  const [left, right] = operands;
  if (operators.length !== 1 || operands.length !== 2 || !op || !left || !right) return null;
  if ((op === 'is' || op === 'is not') && (unwrapParens(left).type === 'none' || unwrapParens(right).type === 'none')) {
    const subject = unwrapParens(right).type === 'none' ? left : right;
    const positive = (op === 'is') === underTrue;
    return { method: positive ? 'assertIsNone' : 'assertIsNotNone', args: subject.text, shown: brief(subject), countOf: null, op };
  }
  // `assertTrue(type(x) == T)` is ASR004's: whether subclasses count is the question there, not the message.
  if (isTypeEquality(op, left, right)) return null;
  const countOf = ['==', '<', '<=', '>', '>='].includes(op) ? (lenArgument(left) ?? lenArgument(right)) : null;
  return {
    method: (underTrue ? UNDER_TRUE : UNDER_FALSE)[op] ?? null,
    args: `${left.text}, ${right.text}`,
    shown: `${brief(left)}, ${brief(right)}`,
    countOf,
    op,
  };
}

function isinstanceRewrite(call: Node, underTrue: boolean, ctx: RuleContext): Rewrite | null {
  if (ctx.qualifiedName(call.childForFieldName('function')) !== 'isinstance') return null;
  const args = callArguments(call);
  const [subject, type] = args.positional;
  if (args.positional.length !== 2 || args.keywords.size > 0 || args.hasSplat || !subject || !type) return null;
  return {
    method: underTrue ? 'assertIsInstance' : 'assertNotIsInstance',
    args: textBetween(call, subject, type),
    shown: `${brief(subject)}, ${brief(type)}`,
    countOf: null,
    op: 'isinstance',
  };
}

/**
 * `assertNotEqual` evaluates `a != b`, so replacing `assertFalse(a == b)` with it is exact only while `!=`
 * negates `==`. A file that defines comparison methods tests exactly that protocol: no fix there.
 */
function fixFor(assertion: SelfAssertCall, rewrite: Rewrite, ctx: RuleContext): Fix | undefined {
  if (!rewrite.method) return undefined;
  if (assertion.name === 'assertFalse' && (rewrite.op === '==' || rewrite.op === '!=') && definesComparisonMethods(ctx)) return undefined;
  const edits = rewriteLeadingArguments(assertion, 1, rewrite.method, rewrite.args);
  return edits ? { title: `Use \`${rewrite.method}\``, edits } : undefined;
}

function messageFor(assertion: SelfAssertCall, condition: Node, rewrite: Rewrite): string {
  const call = `${assertion.name}(${brief(unwrapParens(condition))})`;
  const says = assertion.name === 'assertTrue' ? '"False is not true"' : '"True is not false"';
  if (!rewrite.method) {
    const opposite = OPPOSITE_ORDER[rewrite.op] ?? 'the opposite comparison';
    return `\`${call}\` fails with only ${says}; if the values are totally ordered (not sets, not NaN), assert \`${opposite}(${rewrite.shown})\` instead`;
  }
  const better = `\`${rewrite.method}(${rewrite.shown})\``;
  if (rewrite.countOf) {
    return `\`${call}\` fails with only ${says}; ${better} at least prints the count, and comparing \`${brief(rewrite.countOf)}\` itself shows which items are there`;
  }
  const shows = rewrite.op === 'isinstance' ? 'shows the object and the expected type' : 'prints both values';
  return `\`${call}\` fails with only ${says}; ${better} ${shows}`;
}

function check(call: Node, ctx: RuleContext): void {
  const assertion = selfAssertCall(call);
  if (!assertion || (assertion.name !== 'assertTrue' && assertion.name !== 'assertFalse')) return;
  const condition = assertion.args.positional[0];
  if (!condition) return;
  const underTrue = assertion.name === 'assertTrue';
  const value = unwrapParens(condition);
  const rewrite =
    value.type === 'comparison_operator'
      ? comparisonRewrite(value, underTrue)
      : value.type === 'call'
        ? isinstanceRewrite(value, underTrue, ctx)
        : null;
  if (!rewrite) return;
  ctx.report({ node: call, message: messageFor(assertion, condition, rewrite), fix: fixFor(assertion, rewrite, ctx) });
}

export default defineRule({
  meta: {
    id: 'ASR001',
    name: 'assert-true-comparison',
    family: 'ASR',
    severity: 'warning',
    fixable: 'yes',
    summary: '`assertTrue`/`assertFalse` wraps a comparison or an `isinstance` check.',
    why:
      '`assertTrue(a == b)` only sees the result of the comparison, so a failure says "False is not true" and ' +
      'nothing about `a` or `b`. The specific assertions (`assertEqual`, `assertIn`, `assertIsNone`, ' +
      '`assertIsInstance`...) print both values, and diffs for lists, dicts and strings. Counting forms such as ' +
      '`assertTrue(len(x) > 2)` are reported here too, with the count advice of ASR008.',
    fix:
      'Use the assertion that matches the operator, keeping the message: `assertEqual(a, b)`, `assertIn(a, b)`, ' +
      '`assertIsNone(x)`, `assertIsInstance(x, T)`. Under `assertFalse` only `==`, `!=`, `in`, `is` and ' +
      '`isinstance` are inverted; `assertFalse(a < b)` is not `assertGreaterEqual(a, b)` for sets or NaN, so it ' +
      'gets no automatic fix, and neither does `assertFalse(a == b)` in a file that defines comparison methods, ' +
      'where `!=` may not be the negation of `==`.',
    bad: [
      'import unittest',
      '',
      '',
      'class FlavorTest(unittest.TestCase):',
      '    def test_create(self):',
      "        flavor = create_flavor(name='small', vcpus=1)",
      "        self.assertTrue(flavor.name == 'small')",
      "        self.assertTrue('vcpus' in flavor.extra_specs, 'vcpus missing')",
      '        self.assertFalse(flavor.deleted_at is not None)',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class FlavorTest(unittest.TestCase):',
      '    def test_create(self):',
      "        flavor = create_flavor(name='small', vcpus=1)",
      "        self.assertEqual(flavor.name, 'small')",
      "        self.assertIn('vcpus', flavor.extra_specs, 'vcpus missing')",
      '        self.assertIsNone(flavor.deleted_at)',
      '',
    ].join('\n'),
    peers: ['hacking H204', 'hacking H205', 'hacking H211', 'hacking H214', 'nova N316', 'nova N334', 'nova N356', 'PyNose Suboptimal Assert'],
    detection:
      'Visits every `call` of `self.assertTrue(...)`/`self.assertFalse(...)` (or on `cls`) whose first argument is one ' +
      'comparison with a single operator (`==`, `<`, `in`, `is`, `is None`...) or an `isinstance(x, T)` call, and names ' +
      'the specific assertion that shows both values. `type(x) == T` is left to ASR004.',
  },
  visit: { call: check },
});
