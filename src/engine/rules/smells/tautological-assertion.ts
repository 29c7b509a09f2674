import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { calleeLastName, comparisonOperators, dottedName, isFalsyLiteral, isInterpolatedString, isLiteral, unwrapParens } from '../../syntax';
import { assertParts, brief, selfAssertCall } from '../assertions/assert-calls';
import { definesComparisonMethods } from '../assertions/test-styles';

/** A literal that is always true: `True`, a non-zero number, a non-empty string. */
function isTruthyLiteral(node: Node): boolean {
  const value = unwrapParens(node);
  if (value.type === 'true') return true;
  if (value.type === 'string' && isInterpolatedString(value)) return false;
  return ['integer', 'float', 'string', 'concatenated_string'].includes(value.type) && !isFalsyLiteral(value);
}

/**
 * Two operands that are the same name (`a`, `self.x`) or the same literal: their text, and whether the
 * comparison can never fail. `x is x` cannot; `x == x` cannot for literals and for a name bound to a
 * literal in the test (`expected = "web-01"`), but for any other object it runs an `__eq__` that may
 * (NaN, a released buffer, a class whose equality is under test).
 */
function sameOperand(left: Node, right: Node, operator: string, test: Node): string | null {
  const a = unwrapParens(left);
  const b = unwrapParens(right);
  const name = dottedName(a);
  if (name !== null) {
    if (name !== dottedName(b)) return null;
    return operator === 'is' || (a.type === 'identifier' && boundToLiteral(name, test)) ? name : null;
  }
  if (!isLiteral(a) || a.type === 'concatenated_string' || (a.type === 'string' && isInterpolatedString(a))) return null;
  return a.type === b.type && a.text === b.text ? a.text : null;
}

/** `name = "text"`, `name = 42`, `name = [...]` somewhere in the test: a value with built-in equality. */
function boundToLiteral(name: string, test: Node): boolean {
  return new RegExp(`(^|[\\n;])[ \\t]*${name}[ \\t]*=[ \\t]*([rbfuRBFU]{0,2}['"]|-?\\d|True\\b|False\\b|None\\b|\\[|\\{|\\()`).test(test.text);
}

/** Assertions of a relation that holds between a value and itself, by the operator they apply. */
const SELF_COMPARISONS = new Map<string, string>([
  ['assertEqual', '=='],
  ['assertEquals', '=='],
  ['assertIs', 'is'],
  ['assertCountEqual', '=='],
  ['assertListEqual', '=='],
  ['assertDictEqual', '=='],
  ['assertSetEqual', '=='],
  ['assertTupleEqual', '=='],
  ['assertSequenceEqual', '=='],
  ['assertMultiLineEqual', '=='],
  ['assertAlmostEqual', '=='],
  ['assertGreaterEqual', '>='],
  ['assertLessEqual', '<='],
]);

const LITERAL_CHECKS = new Set(['assertTrue', 'assert_', 'failUnless', 'assertFalse', 'failIf', 'assertIsNone', 'assertIsNotNone']);

/**
 * The test is about comparison itself: its name says so (`test_equality`, `test_hash`, `test_ordering`), or
 * it also checks inequality. There `x == x` exercises an `__eq__` that can fail (NaN, a released buffer).
 */
function testsComparison(ctx: RuleContext): boolean {
  const test = ctx.scope.testFunction ?? ctx.scope;
  return test.data('SML008:comparison', () =>
    /eq|compar|cmp|hash|order|ident|reflex|same|richcmp|sort/i.test(test.name) ||
    /assertNotEqual|assertIsNot\b|!=|__eq__|__ne__/.test(test.node.text) ||
    definesComparisonMethods(ctx));
}

function tautologyOfCall(call: Node, ctx: RuleContext): string | null {
  const name = calleeLastName(call);
  if (!name || !(LITERAL_CHECKS.has(name) || SELF_COMPARISONS.has(name))) return null;
  const assertion = selfAssertCall(call);
  if (!assertion) return null;
  const [first, second] = assertion.args.positional;
  if (!first || assertion.args.hasSplat) return null;
  switch (assertion.name) {
    case 'assertTrue':
    case 'assert_':
    case 'failUnless':
      return isTruthyLiteral(first) ? `\`${assertion.name}(${brief(first)})\` asserts a literal that is always true` : null;
    case 'assertFalse':
    case 'failIf':
      return isFalsyLiteral(first) ? `\`${assertion.name}(${brief(first)})\` asserts a literal that is always false` : null;
    case 'assertIsNone':
      return unwrapParens(first).type === 'none' ? '`assertIsNone(None)` checks a literal `None`' : null;
    case 'assertIsNotNone':
      return isLiteral(unwrapParens(first)) && unwrapParens(first).type !== 'none' ? `\`assertIsNotNone(${brief(first)})\` checks a literal` : null;
  }
  const operator = SELF_COMPARISONS.get(assertion.name);
  if (!operator || !second) return null;
  const same = sameOperand(first, second, operator, (ctx.scope.testFunction ?? ctx.scope).node);
  if (same === null) return null;
  if (testsComparison(ctx)) return null;
  return `\`${assertion.name}(${brief(first, 24)}, ${brief(second, 24)})\` compares \`${same}\` with itself`;
}

function tautologyOfAssert(statement: Node, ctx: RuleContext): string | null {
  const { test } = assertParts(statement);
  if (!test) return null;
  const value = unwrapParens(test);
  // Tests of the `assert` statement itself (`test_assert`) assert literals on purpose.
  if (/assert/i.test((ctx.scope.testFunction ?? ctx.scope).name)) return null;
  // Strings, tuples and falsy literals are ASR012's and ASR013's findings.
  if (value.type === 'true' || ((value.type === 'integer' || value.type === 'float') && !isFalsyLiteral(value))) {
    return `\`assert ${value.text}\` asserts a literal that is always true`;
  }
  if (value.type !== 'comparison_operator') return null;
  const operators = comparisonOperators(value);
  const operands = value.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
  const [left, right] = operands;
  if (operators.length !== 1 || !left || !right || !['==', 'is', '>=', '<='].includes(operators[0]!)) return null;
  const same = sameOperand(left, right, operators[0]!, (ctx.scope.testFunction ?? ctx.scope).node);
  if (same === null || testsComparison(ctx)) return null;
  return `\`assert ${brief(value, 40)}\` compares \`${same}\` with itself`;
}

function report(node: Node, what: string | null, ctx: RuleContext): void {
  if (!what) return;
  ctx.report({ node, message: `${what}: it can never fail, so it checks nothing; assert on the value the code under test produced` });
}

export default defineRule({
  meta: {
    id: 'SML008',
    name: 'tautological-assertion',
    family: 'SML',
    severity: 'error',
    fixable: 'no',
    summary: 'An assertion that cannot fail: `assertTrue(True)`, `assertIsNone(None)`, `assertEqual(x, x)`, `assert 1`.',
    why:
      'An assertion on a literal, or of a value against itself, passes whatever the code under test does. It ' +
      'often comes from a placeholder (`self.assertTrue(True)` as "got here") or from comparing the wrong ' +
      'variable (`self.assertEqual(expected, expected)`), which leaves the real result unchecked. `x == x` is ' +
      'reported only where it cannot fail: literals, and names bound to a literal in the test; for other objects ' +
      'it runs an `__eq__` that may fail, which tests of equality check on purpose. Tests of comparison ' +
      '(named like `test_equality`/`test_hash`, checking `!=` too, or in files that define `__eq__`) are left alone. ' +
      '`assert 1` is left alone in tests of the `assert` statement.',
    fix: 'Assert on what the code under test returned or changed. To say "this line must be reached", assert the state that proves it.',
    bad: [
      'import unittest',
      '',
      '',
      'class RenameTest(unittest.TestCase):',
      '    def test_rename(self):',
      '        expected = "web-01"',
      '        server = self.api.rename(self.server, expected)',
      '        self.assertEqual(expected, expected)',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class RenameTest(unittest.TestCase):',
      '    def test_rename(self):',
      '        expected = "web-01"',
      '        server = self.api.rename(self.server, expected)',
      '        self.assertEqual(expected, server["name"])',
      '',
    ].join('\n'),
    peers: ['PyNose Redundant Assertion', 'tsDetect Redundant Assertion', 'nova N365', 'pylint W1503'],
    detection:
      'Visits `call` nodes of `self.assert*` methods and `assert_statement` nodes in test code, and reports checks of a ' +
      'literal that cannot fail (`assertTrue(1)`, `assertIsNone(None)`, `assert True`) and comparisons of an operand ' +
      'with itself (`assertEqual(x, x)`, `assert a is a`), where `==` counts only for literals and names bound to a ' +
      'literal in the test. Self-comparisons are exempt in tests about comparison (`test_eq`, `test_hash`..., or that ' +
      'also check inequality) and in files that define comparison methods.',
  },
  visit: {
    call(call, ctx) {
      if (ctx.scope.inTestCode) report(call, tautologyOfCall(call, ctx), ctx);
    },
    assert_statement(statement, ctx) {
      if (ctx.scope.inTestCode) report(statement, tautologyOfAssert(statement, ctx), ctx);
    },
  },
});
