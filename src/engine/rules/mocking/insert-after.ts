/**
 * One new line of code right after a statement, at the statement's indentation: valid Python or nothing.
 * (fixtures/insert-statement.ts adds lines at the start or end of a body; this one follows any statement.)
 */
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../types';

export function insertLineAfter(statement: Node, code: string): TextEdit | null {
  const root = statement.tree.rootNode;
  const text = root.text;
  const start = statement.startIndex - root.startIndex;
  const end = statement.endIndex - root.startIndex;
  const indent = text.slice(start - statement.startPosition.column, start);
  // Code before the statement on its line (`if x: p.start()`) leaves no indentation to copy.
  if (statement.startPosition.column > start || !/^[ \t]*$/.test(indent)) return null;
  let eol = text.indexOf('\n', end);
  if (eol < 0) eol = text.length;
  const crlf = text[eol - 1] === '\r' && eol - 1 >= end;
  const rest = text.slice(end, crlf ? eol - 1 : eol);
  // Only blanks or a comment may follow, so the new line starts after everything the statement owns.
  if (!/^[ \t]*(#.*)?$/.test(rest)) return null;
  const line = statement.endPosition.row + 1;
  const column = statement.endPosition.column + 1 + rest.length;
  return { line, column, endLine: line, endColumn: column, text: `${crlf ? '\r\n' : '\n'}${indent}${code}` };
}
