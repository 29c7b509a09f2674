/**
 * Source text of an expression moved into a new place (a call argument into an `assert`, one side of an
 * `and` into its own statement), parenthesized where the new place would parse it differently: fixes
 * must give valid Python that means what the original meant.
 */
import type { Node } from 'web-tree-sitter';

/** Where the text goes: a comparison operand, after `not`, or an `assert`'s test or message. */
export type Slot = 'comparison' | 'not' | 'assert';

/** Expression types that bind more loosely than the slot they move into. */
const LOOSER: Record<Slot, ReadonlySet<string>> = {
  // `a < b == c` would chain; `not`, `and`, `or`, `x if c else y`, `lambda` bind more loosely than `==`.
  comparison: new Set(['comparison_operator', 'not_operator', 'boolean_operator', 'conditional_expression', 'lambda', 'named_expression']),
  not: new Set(['boolean_operator', 'conditional_expression', 'lambda', 'named_expression']),
  // `assert y := f()` is a syntax error; everything else is an expression an `assert` takes as it is.
  assert: new Set(['named_expression']),
};

/**
 * The node's text for `slot`. Text that spans lines outside brackets in its new place (a backslash
 * continuation, an implicitly concatenated string) is parenthesized too, which keeps it one expression.
 */
export function textFor(node: Node, slot: Slot): string {
  const text = node.text;
  if (LOOSER[slot].has(node.type)) return `(${text})`;
  return text.includes('\n') && !BRACKETED.has(node.type) ? `(${text})` : text;
}

/** Expressions that open and close with their own brackets: line breaks inside them are fine anywhere. */
const BRACKETED = new Set([
  'parenthesized_expression',
  'list',
  'dictionary',
  'set',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
  'generator_expression',
]);

/** The expression holds a comment: moving its pieces around would lose it, so no fix is built. */
export function containsComment(node: Node): boolean {
  return node.descendantsOfType('comment').length > 0;
}

/**
 * The whitespace before a statement that starts its line, and the file's line break there (`\r\n` files
 * stay `\r\n`): what a fix needs to put another statement on the next line. Null when code precedes it.
 */
export function lineLayout(statement: Node): { indent: string; newline: string } | null {
  const root = statement.tree.rootNode;
  // The module node starts at its first token, not at offset 0, when the file opens with blank lines.
  const source = root.text;
  const lineStart = statement.startIndex - statement.startPosition.column - root.startIndex;
  if (lineStart < 0) return null;
  const indent = source.slice(lineStart, statement.startIndex - root.startIndex);
  if (!/^[ \t\f]*$/.test(indent)) return null;
  return { indent, newline: lineStart >= 2 && source[lineStart - 2] === '\r' ? '\r\n' : '\n' };
}
