/**
 * The catalog's Assertion, as the smell rules count them: unittest's `self.assertX(...)`, an `assert`
 * statement, a mock's `assert_*` method, `pytest.raises`/`pytest.warns`. Shared by the rules that count,
 * compare or read assertions (roulette, duplicates, tautologies, magic numbers, sensitive equality).
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../rule';
import { isAssertionCall, isSelfAssert } from '../../semantics';
import { calleeLastName } from '../../syntax';
import { assertParts, hasMessage, selfAssertCall, type SelfAssertCall } from '../assertions/assert-calls';

/**
 * Where the failure message goes among the positional arguments of unittest's (and testtools')
 * assertions: `assertTrue(expr, msg)`, `assertEqual(first, second, msg)`, `assertAlmostEqual(first,
 * second, places, msg, delta)`.
 */
const MESSAGE_INDEX = new Map<string, number>([
  ...['assertTrue', 'assertFalse', 'assertIsNone', 'assertIsNotNone', 'assert_', 'failUnless', 'failIf'].map((name) => [name, 1] as const),
  ...[
    'assertEqual', 'assertNotEqual', 'assertIs', 'assertIsNot', 'assertIn', 'assertNotIn', 'assertIsInstance',
    'assertNotIsInstance', 'assertGreater', 'assertGreaterEqual', 'assertLess', 'assertLessEqual', 'assertRegex',
    'assertNotRegex', 'assertCountEqual', 'assertMultiLineEqual', 'assertListEqual', 'assertTupleEqual',
    'assertSetEqual', 'assertDictEqual', 'assertSequenceEqual', 'assertEquals', 'assertNotEquals', 'failUnlessEqual',
    'failIfEqual', 'assertRegexpMatches', 'assertNotRegexpMatches', 'assertItemsEqual', 'assertDictContainsSubset',
    'assertThat',
  ].map((name) => [name, 2] as const),
  ...['assertAlmostEqual', 'assertNotAlmostEqual', 'assertAlmostEquals', 'assertNotAlmostEquals', 'failUnlessAlmostEqual', 'failIfAlmostEqual'].map(
    (name) => [name, 3] as const,
  ),
]);

/** The positional index of the message of a known unittest assertion, or undefined for other methods. */
export function messageIndex(name: string): number | undefined {
  return MESSAGE_INDEX.get(name);
}

/** The compared or checked values of a known unittest assertion: its positional arguments before the message. */
export function checkedArguments(assertion: SelfAssertCall): Node[] {
  const index = messageIndex(assertion.name);
  return index === undefined ? [] : assertion.args.positional.slice(0, index === 3 ? 2 : index);
}

export interface Assertion {
  node: Node;
  /**
   * Whether a failure explains itself: a message is given, or the assertion names what it expected
   * (`assertRaises(E)`, a mock's `assert_called_once_with`). False for a unittest assertion or an
   * `assert` without a message.
   */
  labeled: boolean;
}

const PYTEST_CHECKS = new Set(['pytest.raises', 'pytest.warns', 'pytest.deprecated_call']);

/** A call that is an Assertion, with whether it is labeled; null for other calls. */
export function assertionCall(call: Node, ctx: Pick<RuleContext, 'qualifiedName'>): Assertion | null {
  const last = calleeLastName(call);
  if (!last) return null;
  if (/^(assert|fail)/.test(last) && isSelfAssert(call)) {
    if (last === 'fail') return null;
    const assertion = selfAssertCall(call);
    const index = messageIndex(last);
    return { node: call, labeled: !assertion || index === undefined || hasMessage(assertion, index) };
  }
  if (last.startsWith('assert_')) {
    const receiver = call.childForFieldName('function')?.childForFieldName('object');
    return receiver && receiver.text !== 'self' ? { node: call, labeled: true } : null;
  }
  if ((last === 'raises' || last === 'warns' || last === 'deprecated_call') && PYTEST_CHECKS.has(ctx.qualifiedName(call.childForFieldName('function')) ?? '')) {
    return { node: call, labeled: true };
  }
  return null;
}

/** An `assert` statement as an Assertion: labeled when it carries a message. */
export function assertStatement(statement: Node): Assertion {
  return { node: statement, labeled: assertParts(statement).message !== null };
}

/** `with self.subTest(...)`: each case is reported with its parameters, which labels the checks inside. */
export function opensSubTest(withStatement: Node): boolean {
  const clause = withStatement.namedChildren.find((child) => child?.type === 'with_clause');
  return (clause?.namedChildren ?? []).some((item) => {
    const value = item?.childForFieldName('value');
    return value?.type === 'call' && calleeLastName(value) === 'subTest';
  });
}

/** Between `node` and `stopAt` (its function), a `with self.subTest(...)` block. */
export function isInsideSubTest(node: Node, stopAt: Node): boolean {
  for (let current = node.parent; current && current.id !== stopAt.id; current = current.parent) {
    if (current.type === 'with_statement' && opensSubTest(current)) return true;
  }
  return false;
}

/** The Assertions in `node` and the code nested in it: `assert` statements and calls that assert. */
export function assertionsWithin(node: Node, ctx: Pick<RuleContext, 'qualifiedName'>): Node[] {
  return node.descendantsOfType(['assert_statement', 'call']).filter((candidate): candidate is Node =>
    !!candidate && (candidate.type === 'assert_statement' || isAssertionCall(candidate, ctx.qualifiedName(candidate.childForFieldName('function')))));
}

export function containsAssertion(nodes: Node | readonly Node[], ctx: Pick<RuleContext, 'qualifiedName'>): boolean {
  return (Array.isArray(nodes) ? nodes : [nodes]).some((node: Node) => assertionsWithin(node, ctx).length > 0);
}
