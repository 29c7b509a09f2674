/** Reading and rewriting `self.assertX(...)` calls: shared by the assertion rules. */
import type { Node, Tree } from 'web-tree-sitter';
import { callArguments, calleeLastName, calleeName, isFalsyLiteral, normalizedText, unwrapParens, type CallArguments } from '../../syntax';
import { replaceBetween, replaceNode } from '../../position';
import type { TextEdit } from '../../types';

export interface SelfAssertCall {
  call: Node;
  /** The method name identifier (`assertEqual` in `self.assertEqual(...)`): a rename edits just this. */
  method: Node;
  name: string;
  args: CallArguments;
}

/**
 * Most assertion rules visit every `call` and ask this first; each question crosses into WebAssembly, so
 * the answer is kept per tree and node, as syntax.ts keeps dotted names.
 */
const selfAssertCalls = new WeakMap<Tree, Map<number, SelfAssertCall | null>>();

export function selfAssertCall(call: Node): SelfAssertCall | null {
  let known = selfAssertCalls.get(call.tree);
  if (!known) {
    known = new Map();
    selfAssertCalls.set(call.tree, known);
  }
  let result = known.get(call.id);
  if (result === undefined) {
    result = readSelfAssertCall(call);
    known.set(call.id, result);
  }
  return result;
}

/** `self.assertX` / `cls.failX`: the catalog's SelfAssert, read from the dotted name that syntax.ts caches. */
const SELF_ASSERT = /^(self|cls)\.(assert|fail)[^.]*$/;

function readSelfAssertCall(call: Node): SelfAssertCall | null {
  const callee = calleeName(call);
  if (!callee || !SELF_ASSERT.test(callee)) return null;
  const method = call.childForFieldName('function')?.childForFieldName('attribute');
  if (!method) return null;
  return { call, method, name: method.text, args: callArguments(call) };
}

/** Source text for a message: whitespace collapsed, long expressions shortened. */
export function brief(node: Node, max = 32): string {
  const text = normalizedText(node);
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `len(x)` (the builtin with one positional argument): its argument, else null. */
export function lenArgument(node: Node): Node | null {
  const value = unwrapParens(node);
  if (value.type !== 'call' || value.childForFieldName('function')?.text !== 'len') return null;
  const args = callArguments(value);
  return args.positional.length === 1 && args.keywords.size === 0 && !args.hasSplat ? args.positional[0]! : null;
}

/** `type(x)` (the builtin with one argument, not the three-argument class factory): its argument, else null. */
export function typeArgument(node: Node): Node | null {
  const value = unwrapParens(node);
  if (value.type !== 'call' || value.childForFieldName('function')?.text !== 'type') return null;
  const args = callArguments(value);
  return args.positional.length === 1 && args.keywords.size === 0 && !args.hasSplat ? args.positional[0]! : null;
}

/** `type(x) == T` / `T != type(x)`: a type compared by equality (ASR004's shape). */
export function isTypeEquality(op: string, left: Node, right: Node): boolean {
  return (op === '==' || op === '!=') && (typeArgument(left) !== null || typeArgument(right) !== null);
}

/** A failure message is given: a positional argument at `index`, or `msg=`/`message=` (testtools' name). */
export function hasMessage(assertion: SelfAssertCall, index: number): boolean {
  return assertion.args.positional.length > index || assertion.args.keywords.has('msg') || assertion.args.keywords.has('message');
}

export function renameMethod(assertion: SelfAssertCall, name: string): TextEdit {
  return replaceNode(assertion.method, name);
}

/** The source text from the start of `first` to the end of `last` (both inside `container`). */
export function textBetween(container: Node, first: Node, last: Node): string {
  return container.text.slice(first.startIndex - container.startIndex, last.endIndex - container.startIndex);
}

/**
 * Renames the assertion and replaces its first `count` positional arguments by `text`, keeping the
 * message. A `msg=` keyword becomes positional: testtools names that parameter `message` in `assertIn`,
 * `assertIs`, `assertIsNone`..., while unittest names it `msg`. Null when other keywords, a splat or a
 * comment among the arguments make the rewrite uncertain.
 */
export function rewriteLeadingArguments(assertion: SelfAssertCall, count: number, method: string, text: string): TextEdit[] | null {
  const { positional, keywords, hasSplat } = assertion.args;
  const first = positional[0];
  const last = positional[count - 1];
  if (hasSplat || !first || !last || positional.length > count + 1) return null;
  if ([...keywords.keys()].some((name) => name !== 'msg') || (keywords.has('msg') && positional.length > count)) return null;
  if (assertion.call.childForFieldName('arguments')?.namedChildren.some((child) => child?.type === 'comment')) return null;
  const edits: TextEdit[] = [renameMethod(assertion, method), replaceBetween(first, last, text)];
  const message = keywords.get('msg');
  if (message?.parent?.type === 'keyword_argument') edits.push(replaceNode(message.parent, message.text));
  return edits;
}

/** The test and the message of an `assert` statement. */
export function assertParts(statement: Node): { test: Node | null; message: Node | null } {
  const [test, message] = statement.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
  return { test: test ?? null, message: message ?? null };
}

/** A statement that makes the test fail when reached: `raise`, `self.fail(...)`, `pytest.fail(...)`, `assert False`. */
export function isFailure(statement: Node): boolean {
  if (statement.type === 'raise_statement') return true;
  if (statement.type === 'assert_statement') {
    const { test } = assertParts(statement);
    return !!test && isFalsyLiteral(test);
  }
  const call = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  return call?.type === 'call' && calleeLastName(call) === 'fail';
}
