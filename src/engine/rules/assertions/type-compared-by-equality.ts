import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { comparisonOperators, unwrapParens } from '../../syntax';
import { brief, selfAssertCall, typeArgument } from './assert-calls';

/** Whether each assertion passes when its two operands are equal. */
const EQUALITY_ASSERTIONS: Record<string, boolean> = { assertEqual: true, assertNotEqual: false };

interface TypeEquality {
  /** `x` of `type(x)`. */
  subject: Node;
  /** The other operand: the expected type. */
  expected: Node;
  /** The assertion passes when the types are equal (`assertEqual`, `assertTrue(... == ...)`). */
  same: boolean;
}

function typeEquality(left: Node, right: Node, same: boolean): TypeEquality | null {
  const leftSubject = typeArgument(left);
  if (leftSubject) return { subject: leftSubject, expected: right, same };
  const rightSubject = typeArgument(right);
  return rightSubject ? { subject: rightSubject, expected: left, same } : null;
}

function fromComparison(condition: Node, underTrue: boolean): TypeEquality | null {
  const comparison = unwrapParens(condition);
  if (comparison.type !== 'comparison_operator') return null;
  const operators = comparisonOperators(comparison);
  const [operator] = operators;
  if (operators.length !== 1 || (operator !== '==' && operator !== '!=')) return null;
  const [left, right] = comparison.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
  return left && right ? typeEquality(left, right, (operator === '==') === underTrue) : null;
}

function advice(found: TypeEquality): string {
  const exact = `${found.same ? 'assertIs' : 'assertIsNot'}(type(${brief(found.subject, 24)}), ${brief(found.expected, 24)})`;
  // Two objects of the same type: there is no class to hand to `assertIsInstance`.
  if (typeArgument(found.expected)) return `write \`${exact}\`, which says that the exact types must match`;
  const instance = `${found.same ? 'assertIsInstance' : 'assertNotIsInstance'}(${brief(found.subject, 24)}, ${brief(found.expected, 24)})`;
  return `write \`${instance}\` if subclasses are fine, or \`${exact}\` if the exact type is required`;
}

function check(call: Node, ctx: RuleContext): void {
  const assertion = selfAssertCall(call);
  if (!assertion || assertion.args.hasSplat) return;
  const [first, second] = assertion.args.positional;
  if (!first) return;
  let found: TypeEquality | null = null;
  if (assertion.name in EQUALITY_ASSERTIONS && second) found = typeEquality(first, second, EQUALITY_ASSERTIONS[assertion.name]!);
  else if (assertion.name === 'assertTrue' || assertion.name === 'assertFalse') found = fromComparison(first, assertion.name === 'assertTrue');
  if (!found) return;
  const shown = `${assertion.name}(${brief(first, 28)}${second ? `, ${brief(second, 28)}` : ''})`;
  const unclear = typeArgument(found.expected) ? '' : ', leaving unclear whether a subclass should pass';
  ctx.report({
    node: call,
    message: `\`${shown}\` compares types with \`${found.same ? '==' : '!='}\`${unclear}; ${advice(found)}`,
  });
}

export default defineRule({
  meta: {
    id: 'ASR004',
    name: 'type-compared-by-equality',
    family: 'ASR',
    severity: 'info',
    fixable: 'no',
    summary: 'A type checked with `assertEqual(type(x), T)` or `assertTrue(type(x) == T)`.',
    why:
      'Comparing `type(x)` with `==` reads as an accident: it rejects subclasses, and the reader cannot tell whether ' +
      'that is the point. `assertIsInstance(x, T)` accepts subclasses and prints the object on failure; ' +
      '`assertIs(type(x), T)` says that the exact type is required. Which one is right depends on the test, so ' +
      'the rule suggests both and changes nothing by itself.',
    fix:
      '`assertIsInstance(x, T)` when an instance of a subclass is fine, `assertIs(type(x), T)` when the exact type ' +
      'matters (for example, checking that an operation on a subclass returns the base type).',
    bad: [
      'import unittest',
      '',
      '',
      'class ParseTest(unittest.TestCase):',
      '    def test_parse_port(self):',
      "        port = parse_port('8080')",
      '        self.assertEqual(type(port), int)',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class ParseTest(unittest.TestCase):',
      '    def test_parse_port(self):',
      "        port = parse_port('8080')",
      '        self.assertIsInstance(port, int)',
      '',
    ].join('\n'),
    peers: ['hacking H212', 'nova N317'],
    detection:
      'Visits every `call` of `self.assertEqual`/`assertNotEqual` that has a `type(x)` call as one of its two ' +
      'arguments, and of `self.assertTrue`/`assertFalse` whose argument is one `==`/`!=` comparison with a `type(x)` ' +
      'call on a side.',
  },
  visit: { call: check },
});
