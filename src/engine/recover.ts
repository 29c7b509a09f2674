/**
 * Error recovery beyond tree-sitter's own. tree-sitter sometimes lets one broken line swallow the rest of
 * the file into a single ERROR node (`def broken(:` does), and rules would then see nothing after it.
 * We blank the first line of the first ERROR node (spaces, same length, so every offset and position
 * stays valid), re-parse incrementally, and repeat a bounded number of times. Rules then run on the
 * recovered tree; the user still sees the original syntax errors.
 */
import { Edit, type Node, type Parser, type Query, type Tree } from 'web-tree-sitter';

const MAX_ROUNDS = 24;

export interface Recovered {
  tree: Tree;
  text: string;
}

function firstError(tree: Tree, errorQuery: Query, blanked: ReadonlySet<number>, text: string, lineStart: (row: number) => number): number | null {
  for (const { name, node } of errorQuery.captures(tree.rootNode)) {
    if (name !== 'error') continue;
    // Skip rows already blanked (or empty): blank the first row of the error that still has text.
    for (let row = node.startPosition.row; row <= node.endPosition.row; row++) {
      if (blanked.has(row)) continue;
      const start = lineStart(row);
      const end = text.indexOf('\n', start);
      if (text.slice(start, end < 0 ? text.length : end).trim() !== '') return row;
    }
  }
  return null;
}

export function recoverTree(parser: Parser, tree: Tree, text: string, errorQuery: Query): Recovered | null {
  if (!hasErrorNode(tree.rootNode)) return null;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineStart = (row: number): number => lineStarts[row] ?? text.length;

  let current = tree.copy();
  let masked = text;
  const blanked = new Set<number>();
  for (let round = 0; round < MAX_ROUNDS && hasErrorNode(current.rootNode); round++) {
    const row = firstError(current, errorQuery, blanked, masked, lineStart);
    if (row === null) break;
    blanked.add(row);
    const start = lineStart(row);
    const newline = masked.indexOf('\n', start);
    const end = newline < 0 ? masked.length : newline;
    const blank = masked.slice(start, end).replace(/[^\r]/g, ' ');
    masked = masked.slice(0, start) + blank + masked.slice(end);
    current.edit(
      new Edit({
        startIndex: start,
        oldEndIndex: end,
        newEndIndex: end,
        startPosition: { row, column: 0 },
        oldEndPosition: { row, column: end - start },
        newEndPosition: { row, column: end - start },
      }),
    );
    const next = parser.parse(masked, current);
    current.delete();
    if (!next) return null;
    current = next;
  }
  return { tree: current, text: masked };
}

function hasErrorNode(root: Node): boolean {
  // `hasError` is also true for MISSING tokens, which tree-sitter already recovered from well.
  return root.hasError && root.descendantsOfType('ERROR').length > 0;
}
