/**
 * The syntax tree flattened for the tree panel: one row per named node in document order, with its depth,
 * so the page can show (and virtualise) it without ever holding tree-sitter objects. Built with a cursor,
 * iteratively: 10,000 levels of nesting must not overflow the stack.
 */
import type { Tree } from 'web-tree-sitter';

/** Numbers per row in `rows`: depth, type index, field index (-1: none), start row, start column, end row, end column, flags. */
export const ROW_WIDTH = 8;
export const FLAG_ERROR = 1;
export const FLAG_MISSING = 2;

export interface SyntaxTreeRows {
  /** Node type names; rows refer to them by index. */
  types: string[];
  /** Field names (`function`, `arguments`...); rows refer to them by index. */
  fields: string[];
  /** ROW_WIDTH integers per named node, in document order. Rows and columns are 0-based (tree-sitter's). */
  rows: Int32Array;
  count: number;
}

export function flattenTree(tree: Tree): SyntaxTreeRows {
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const fields: string[] = [];
  const fieldIndex = new Map<string, number>();
  const indexOf = (name: string, list: string[], index: Map<string, number>): number => {
    let found = index.get(name);
    if (found === undefined) {
      found = list.length;
      list.push(name);
      index.set(name, found);
    }
    return found;
  };
  let rows = new Int32Array(ROW_WIDTH * 1024);
  let count = 0;
  const cursor = tree.walk();
  let depth = 0;
  try {
    for (;;) {
      if (cursor.nodeIsNamed) {
        if ((count + 1) * ROW_WIDTH > rows.length) {
          const grown = new Int32Array(rows.length * 2);
          grown.set(rows);
          rows = grown;
        }
        const start = cursor.startPosition;
        const end = cursor.endPosition;
        const field = cursor.currentFieldName;
        const type = cursor.nodeType;
        const base = count * ROW_WIDTH;
        rows[base] = depth;
        rows[base + 1] = indexOf(type, types, typeIndex);
        rows[base + 2] = field ? indexOf(field, fields, fieldIndex) : -1;
        rows[base + 3] = start.row;
        rows[base + 4] = start.column;
        rows[base + 5] = end.row;
        rows[base + 6] = end.column;
        rows[base + 7] = (type === 'ERROR' ? FLAG_ERROR : 0) | (cursor.nodeIsMissing ? FLAG_MISSING : 0);
        count++;
      }
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { types, fields, rows: rows.slice(0, count * ROW_WIDTH), count };
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}
