/**
 * `self.assertX(...)` written as pytest's plain `assert` (or `pytest.raises`), for ASR009's fix. Only
 * the assertions with an operator that says exactly the same thing are translated; the message stays.
 */
import type { Node } from 'web-tree-sitter';
import { textFor } from './expression-text';
import type { SelfAssertCall } from './assert-calls';

const BINARY: Record<string, string> = {
  assertEqual: '==',
  assertNotEqual: '!=',
  assertIs: 'is',
  assertIsNot: 'is not',
  assertIn: 'in',
  assertNotIn: 'not in',
  assertGreater: '>',
  assertGreaterEqual: '>=',
  assertLess: '<',
  assertLessEqual: '<=',
};

/** How many operands each translatable assertion takes before its message. */
function arity(method: string): number | null {
  if (method in BINARY || method === 'assertIsInstance' || method === 'assertNotIsInstance') return 2;
  if (['assertTrue', 'assertFalse', 'assertIsNone', 'assertIsNotNone'].includes(method)) return 1;
  return null;
}

function condition(method: string, operands: Node[]): string {
  const [a, b] = operands as [Node, Node];
  const operator = BINARY[method];
  if (operator) return `${textFor(a, 'comparison')} ${operator} ${textFor(b, 'comparison')}`;
  switch (method) {
    case 'assertTrue':
      return textFor(a, 'assert');
    case 'assertFalse':
      return `not ${textFor(a, 'not')}`;
    case 'assertIsNone':
      return `${textFor(a, 'comparison')} is None`;
    case 'assertIsNotNone':
      return `${textFor(a, 'comparison')} is not None`;
    case 'assertIsInstance':
      return `isinstance(${a.text}, ${b.text})`;
    default:
      return `not isinstance(${a.text}, ${b.text})`;
  }
}

/**
 * The `assert` statement that replaces a `self.assertX(...)` expression statement, or null when the call
 * is used as a value, has keywords other than `msg`, a splat, or an assertion with no plain equivalent.
 */
export function plainAssertFor(assertion: SelfAssertCall): string | null {
  const statement = assertion.call.parent;
  if (statement?.type !== 'expression_statement' || statement.namedChildren.length !== 1) return null;
  const count = arity(assertion.name);
  const { positional, keywords, hasSplat } = assertion.args;
  if (count === null || hasSplat || positional.length < count || positional.length > count + 1) return null;
  if ([...keywords.keys()].some((name) => name !== 'msg') || (keywords.has('msg') && positional.length > count)) return null;
  const message = positional[count] ?? keywords.get('msg');
  const test = condition(assertion.name, positional.slice(0, count));
  return message ? `assert ${test}, ${textFor(message, 'assert')}` : `assert ${test}`;
}

/**
 * `pytest.raises(E)` for `self.assertRaises(E)` (and `match=` for the `Regex` form: both use `re.search`)
 * as a `with` item without `as`: the context objects differ (`cm.exception` vs `exc_info.value`).
 */
export function pytestRaisesFor(assertion: SelfAssertCall): string | null {
  if (assertion.name !== 'assertRaises' && assertion.name !== 'assertRaisesRegex') return null;
  if (assertion.call.parent?.type !== 'with_item') return null;
  const { positional, keywords, hasSplat } = assertion.args;
  const wanted = assertion.name === 'assertRaises' ? 1 : 2;
  if (hasSplat || keywords.size > 0 || positional.length !== wanted) return null;
  const [expected, pattern] = positional as [Node, Node | undefined];
  return pattern ? `pytest.raises(${expected.text}, match=${pattern.text})` : `pytest.raises(${expected.text})`;
}
