/**
 * Error recovery beyond tree-sitter's own. tree-sitter sometimes lets one broken line swallow the rest of
 * the file into a single ERROR node (`def broken(:` does), and rules would then see nothing after it.
 * We blank the first line that holds error material (spaces, same length, so every offset and position
 * stays valid), re-parse incrementally, and repeat a bounded number of times. Rules then run on the
 * recovered tree; the user still sees the original syntax errors.
 */
import { Edit, type Node, type Parser, type Query, type Tree } from 'web-tree-sitter';

const MAX_ROUNDS = 24;
/** Errors on more rows than recovery could blank: it does not try. */
const MAX_ERROR_ROWS = 2 * MAX_ROUNDS;
/** Characters of error that recovery may re-parse beyond twice the file's length. */
const REPARSE_ALLOWANCE = 1_000_000;

export interface Recovered {
  tree: Tree;
  text: string;
}

/** Statements (and comments) that tree-sitter wrapped, whole, into an ERROR node: intact code, not the error. */
const INTACT = /_statement$|_definition$|^comment$/;

/**
 * The next row to blank and the ERROR node around it. The row is the first that holds error material: a
 * token or fragment directly inside an ERROR node, not an intact statement wrapped into it (tree-sitter
 * often wraps everything before `def broken(:` into the ERROR; blanking its first row lost the findings of
 * the intact tests above). Without such material, the first row of the first error that still has text.
 */
function nextRow(tree: Tree, errorQuery: Query, usable: (row: number) => boolean): { row: number; error: Node } | null {
  const errors = errorQuery.captures(tree.rootNode).flatMap(({ name, node }) => (name === 'error' ? [node] : []));
  let best: number | null = null;
  // Captures come in document order (by start), so no later error can hold material before `best`.
  for (const error of errors) {
    if (best !== null && error.startPosition.row >= best) break;
    const count = error.childCount;
    for (let i = 0; i < Math.max(count, 1); i++) {
      const part = count === 0 ? error : error.child(i)!;
      if (count > 0 && (part.type === 'ERROR' || (part.isNamed && INTACT.test(part.type)))) continue;
      const last = best === null ? part.endPosition.row : Math.min(part.endPosition.row, best - 1);
      let row = part.startPosition.row;
      while (row <= last && !usable(row)) row++;
      if (row <= last) {
        best = row;
        break;
      }
    }
  }
  if (best === null) {
    for (const error of errors) {
      for (let row = error.startPosition.row; row <= error.endPosition.row; row++) {
        if (usable(row)) {
          best = row;
          break;
        }
      }
      if (best !== null) break;
    }
  }
  if (best === null) return null;
  // The outermost error around the row: a round re-parses about that much text.
  const row = best;
  const error = errors.find((node) => node.startPosition.row <= row && row <= node.endPosition.row);
  return error ? { row, error } : null;
}

export function recoverTree(parser: Parser, tree: Tree, text: string, errorQuery: Query): Recovered | null {
  if (errorCount(tree.rootNode) === 0) return null;
  // Errors on many rows are not code with a slip in it (binary junk, another language): blanking a few dozen
  // rows cannot repair that, and each round would re-parse all of it.
  if (errorRows(tree.rootNode) > MAX_ERROR_ROWS) return null;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineStart = (row: number): number => lineStarts[row] ?? text.length;

  let current = tree.copy();
  let masked = text;
  const blanked = new Set<number>();
  // Skip rows already blanked (or empty): blank a row that still has text.
  const usable = (row: number): boolean => {
    if (blanked.has(row)) return false;
    const start = lineStart(row);
    const end = masked.indexOf('\n', start);
    return masked.slice(start, end < 0 ? masked.length : end).trim() !== '';
  };
  // Each round re-parses the error around the blanked row. Text that tree-sitter cannot parse at all (10,000
  // nested blocks: its indentation stack overflows) stays one big error whatever we blank; this budget keeps
  // such hopeless rounds to about two re-parses of a large file (a few more of a small one) instead of MAX_ROUNDS.
  let budget = 2 * text.length + REPARSE_ALLOWANCE;
  for (let round = 0; round < MAX_ROUNDS && errorCount(current.rootNode) > 0; round++) {
    const next = nextRow(current, errorQuery, usable);
    if (next === null) break;
    const { row } = next;
    budget -= next.error.endIndex - next.error.startIndex;
    if (budget < 0 && round > 0) break;
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
    const parsed = parser.parse(masked, current);
    current.delete();
    if (!parsed) return null;
    current = parsed;
  }
  return { tree: current, text: masked };
}

function errorRows(root: Node): number {
  return new Set(root.descendantsOfType('ERROR').map((node) => node?.startPosition.row)).size;
}

function errorCount(root: Node): number {
  // `hasError` is also true for MISSING tokens, which tree-sitter already recovered from well.
  return root.hasError ? root.descendantsOfType('ERROR').length : 0;
}
