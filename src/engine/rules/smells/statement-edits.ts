/**
 * Deleting one statement from a block, for the smell rules' quick fixes (a duplicate assert, a stray
 * `print`): the edit removes the statement's whole lines, or writes `pass` in its place when it is the
 * block's only statement, and is only built when the statement has its lines to itself, so the result
 * is always valid Python with the rest of the code untouched.
 */
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../types';
import { replaceBetween } from '../../position';
import { statements } from '../../syntax';

/** The source from `offset` to the end of its line, and whether a line break ends it. */
function restOfLine(root: Node, offset: number): { text: string; hasBreak: boolean } {
  const source = root.text;
  const from = offset - root.startIndex;
  const eol = source.indexOf('\n', from);
  return eol < 0 ? { text: source.slice(from), hasBreak: false } : { text: source.slice(from, eol), hasBreak: true };
}

/** `first` starts its line (only indentation before it) and `last` ends its line (only a comment after it). */
function ownTheirLines(first: Node, last: Node): boolean {
  const root = first.tree.rootNode;
  const lineStart = first.startIndex - first.startPosition.column;
  if (lineStart >= root.startIndex) {
    const before = root.text.slice(lineStart - root.startIndex, first.startIndex - root.startIndex);
    if (!/^[ \t\f]*$/.test(before)) return false;
  }
  return /^[ \t\f]*(#.*)?\r?$/.test(restOfLine(root, last.endIndex).text);
}

/**
 * An edit that deletes the statements from `first` to `last` (consecutive statements of one block, `last`
 * included), or null when that cannot be done cleanly: they share a line with other code, or they are
 * not statements of a block. When they are all the block holds (or `leavePass` says the caller's other
 * fixes may remove the rest), they become `pass`.
 */
export function deleteStatements(first: Node, last: Node = first, leavePass = false): TextEdit | null {
  const block = first.parent;
  if (!block || (block.type !== 'block' && block.type !== 'module') || last.parent?.id !== block.id || !ownTheirLines(first, last)) return null;
  const siblings = statements(block);
  const from = siblings.findIndex((statement) => statement.id === first.id);
  const to = siblings.findIndex((statement) => statement.id === last.id);
  if (from < 0 || to < from) return null;
  // `leavePass`: the caller's other fixes may empty the rest of the block, so this one keeps it valid.
  if (leavePass || to - from + 1 === siblings.length) return block.type === 'block' ? replaceBetween(first, last, 'pass') : null;
  const line = first.startPosition.row + 1;
  const endLine = last.endPosition.row + 1;
  const rest = restOfLine(last.tree.rootNode, last.endIndex);
  if (rest.hasBreak) return { line, column: 1, endLine: endLine + 1, endColumn: 1, text: '' };
  // The file's last line, without a line break: empty the line.
  return { line, column: 1, endLine, endColumn: last.endPosition.column + 1 + rest.text.length, text: '' };
}
