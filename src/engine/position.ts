import type { Node } from 'web-tree-sitter';
import type { Range, TextEdit } from './types';

/**
 * tree-sitter parses the JavaScript string as UTF-16, so a node's column is already a UTF-16 code unit
 * count: exactly Monaco's column minus one.
 */
export function rangeOf(node: Node, endNode: Node = node): Range {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: endNode.endPosition.row + 1,
    endColumn: endNode.endPosition.column + 1,
  };
}

export function replaceNode(node: Node, text: string): TextEdit {
  return { ...rangeOf(node), text };
}

export function replaceBetween(start: Node, end: Node, text: string): TextEdit {
  return { ...rangeOf(start, end), text };
}

/** Offsets of every line start, for converting between 1-based positions and UTF-16 offsets. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    // tree-sitter counts a row after "\n" only; a lone "\r" stays on the same row.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  offsetAt(line: number, column: number): number {
    const start = this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1] ?? 0;
    return Math.min(start + column - 1, this.text.length);
  }

  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line] ?? this.text.length + 1;
    return this.text.slice(start, next - 1);
  }
}

/** Applies edits (non-overlapping) to a text; used by tests, the CLI's --fix and the playground's "fix all". */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const ordered = edits
    .map((edit) => ({
      start: index.offsetAt(edit.line, edit.column),
      end: index.offsetAt(edit.endLine, edit.endColumn),
      text: edit.text,
    }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of ordered) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}
