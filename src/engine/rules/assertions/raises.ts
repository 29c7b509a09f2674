/**
 * Expected-exception contexts, shared by the assertion rules: `self.assertRaises*`/`assertWarns*` and
 * `pytest.raises`/`pytest.warns`, as calls or as `with` items, and the code they guard.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../rule';
import { calleeLastName, calleeName, callArguments, unwrapParens, type CallArguments } from '../../syntax';
import { selfAssertCall } from './assert-calls';

const UNITTEST_RAISES = new Set(['assertRaises', 'assertRaisesRegex', 'assertWarns', 'assertWarnsRegex']);
const PYTEST_RAISES = new Set(['pytest.raises', 'pytest.warns']);

export interface RaisesCall {
  call: Node;
  /** How the source names it, for messages: `assertRaises`, `pytest.raises`. */
  name: string;
  style: 'unittest' | 'pytest';
  /** The expected exception (or warning) class expression, when given. */
  expected: Node | null;
  /** The message is checked too: `assertRaisesRegex`, `match=`. */
  matchesMessage: boolean;
  args: CallArguments;
}

/** `self.assertRaises(E, ...)`, `pytest.raises(E, match=...)` and the warning twins; null for other calls. */
export function raisesCallOf(call: Node, ctx: Pick<RuleContext, 'qualifiedName'>): RaisesCall | null {
  // Both lookups are cached per tree: this runs for every call of the file.
  const assertion = selfAssertCall(call);
  let style: RaisesCall['style'];
  let name: string;
  if (assertion) {
    if (!UNITTEST_RAISES.has(assertion.name)) return null;
    style = 'unittest';
    name = assertion.name;
  } else {
    const callee = calleeName(call);
    if (!callee || !/(^|\.)(raises|warns)$/.test(callee)) return null;
    const qualified = ctx.qualifiedName(call.childForFieldName('function'));
    if (!qualified || !PYTEST_RAISES.has(qualified)) return null;
    style = 'pytest';
    name = qualified;
  }
  const args = assertion?.args ?? callArguments(call);
  const expected = args.positional[0] ?? args.keywords.get('expected_exception') ?? args.keywords.get('expected_warning') ?? null;
  return { call, name, style, expected, matchesMessage: name.endsWith('Regex') || args.keywords.has('match'), args };
}

export interface RaisesItem {
  raises: RaisesCall;
  /** `cm` in `with self.assertRaises(E) as cm:`. */
  alias: Node | null;
}

/** The expected-exception contexts a `with` statement opens. */
export function raisesItemsOf(withStatement: Node, ctx: Pick<RuleContext, 'qualifiedName'>): RaisesItem[] {
  const items: RaisesItem[] = [];
  const clause = withStatement.namedChildren.find((child) => child?.type === 'with_clause');
  for (const item of clause?.namedChildren ?? []) {
    if (item?.type !== 'with_item') continue;
    let value = item.childForFieldName('value');
    let alias: Node | null = null;
    if (value?.type === 'as_pattern') {
      alias = value.childForFieldName('alias')?.namedChild(0) ?? null;
      value = value.namedChild(0);
    }
    value = value ? unwrapParens(value) : null;
    const raises = value?.type === 'call' ? raisesCallOf(value, ctx) : null;
    if (raises) items.push({ raises, alias });
  }
  return items;
}

/**
 * Between `node` and the function around it, a `with` block that expects an exception or a warning, or
 * the body of a `try` that handles one: code there is run for what it raises, not for its value.
 */
export function isUnderExpectedException(node: Node, stopAt: Node): boolean {
  let child: Node = node;
  for (let current = node.parent; current && current.id !== stopAt.id; current = current.parent) {
    if (current.type === 'with_statement' && expectsSomething(current)) return true;
    if (current.type === 'try_statement' && current.childForFieldName('body')?.id === child.id) {
      if (current.namedChildren.some((clause) => clause?.type === 'except_clause' || clause?.type === 'except_group_clause')) return true;
    }
    if (current.type === 'function_definition' || current.type === 'lambda') return false;
    child = current;
  }
  return false;
}

/**
 * A `with` item whose callee names an expectation: `assertRaises`, `pytest.warns`, `assertWarns`,
 * `check_warnings`, `catch_warnings`, a project's `expect_error`... Names decide: helpers from
 * elsewhere cannot be read.
 */
function expectsSomething(withStatement: Node): boolean {
  const clause = withStatement.namedChildren.find((child) => child?.type === 'with_clause');
  for (const item of clause?.namedChildren ?? []) {
    if (item?.type !== 'with_item') continue;
    let value = item.childForFieldName('value');
    if (value?.type === 'as_pattern') value = value.namedChild(0);
    const name = value?.type === 'call' ? calleeLastName(value) : null;
    if (name && /raise|warn|error|except/i.test(name)) return true;
  }
  return false;
}
