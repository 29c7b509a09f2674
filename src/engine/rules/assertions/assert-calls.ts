/** Reading and rewriting `self.assertX(...)` calls: shared by the assertion rules. */
import type { Node } from 'web-tree-sitter';
import { isSelfAssert } from '../../semantics';
import { callArguments, normalizedText, unwrapParens, type CallArguments } from '../../syntax';
import { replaceNode } from '../../position';
import type { TextEdit } from '../../types';

export interface SelfAssertCall {
  call: Node;
  /** The method name identifier (`assertEqual` in `self.assertEqual(...)`): a rename edits just this. */
  method: Node;
  name: string;
  args: CallArguments;
}

export function selfAssertCall(call: Node): SelfAssertCall | null {
  if (!isSelfAssert(call)) return null;
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
