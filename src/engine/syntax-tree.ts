/**
 * The syntax tree flattened for the tree panel: one row per named node in document order, with its depth,
 * so the page can show (and virtualise) it without ever holding tree-sitter objects. Built with a cursor,
 * iteratively: 10,000 levels of nesting must not overflow the stack.
 *
 * Every cursor read crosses into WebAssembly, so a 30,000-line file costs a noticeable fraction of a
 * second to walk, and the panel refreshes after each edit. Most of a file is unchanged by an edit, so the
 * rows of each top-level statement and of each member of a class body are remembered by their exact text
 * (and column), and copied, shifted to where they now are, when the same text comes back. Node ids cannot
 * serve as keys: an incremental parse gives reused statements new ids. Trees with syntax errors are
 * walked in full (error recovery can make the same text parse differently in another context).
 */
import type { Language, Tree } from 'web-tree-sitter';
import {
  DEPTH,
  END_COLUMN,
  END_ROW,
  FIELD,
  FLAG_ERROR,
  FLAG_MISSING,
  FLAGS,
  ROW_WIDTH,
  START_COLUMN,
  START_ROW,
  TYPE,
  type SyntaxTreeRows,
} from './syntax-rows';
import { outlineTests } from './test-outline';

export { FLAG_ERROR, FLAG_MISSING, ROW_WIDTH, type SyntaxTreeRows, type TestDefinition } from './syntax-rows';

/** tree-sitter's id for ERROR nodes (`ts_builtin_sym_error`), outside the language's own type list. */
const ERROR_TYPE_ID = 0xffff;
/** Smaller subtrees cost less to walk again than to remember. */
const CACHED_MIN_ROWS = 32;

interface Tables {
  types: string[];
  fields: string[];
  /** 1 for named node types, by type id. */
  named: Uint8Array;
  errorType: number;
}

const tablesByLanguage = new WeakMap<Language, Tables>();

/** Type and field indexes are the language's own ids, so rows copied from an earlier call stay valid. */
function tablesFor(language: Language): Tables {
  let tables = tablesByLanguage.get(language);
  if (!tables) {
    const count = language.nodeTypeCount;
    const types: string[] = [];
    const named = new Uint8Array(count);
    for (let id = 0; id < count; id++) {
      types.push(language.nodeTypeForId(id) ?? '');
      named[id] = language.nodeTypeIsNamed(id) ? 1 : 0;
    }
    types.push('ERROR');
    tables = { types, fields: language.fields.map((field) => field ?? ''), named, errorType: count };
    tablesByLanguage.set(language, tables);
  }
  return tables;
}

/** A run of rows (a node and its subtree) in a previous result. `end` is exclusive; indexes count rows. */
interface Block {
  /** The node's type, start column and text: the same text there parses to the same rows. */
  key: string;
  first: number;
  end: number;
  depth: number;
  startRow: number;
  startColumn: number;
}

interface Cache {
  language: Language;
  rows: Int32Array;
  byKey: Map<string, Block>;
  /** The same blocks, by `first`: a reused block brings the blocks nested in it along. */
  ordered: Block[];
}

let cache: Cache | null = null;

/** Forgets the rows kept from the last call (tests; a host that wants the memory back). */
export function clearSyntaxTreeCache(): void {
  cache = null;
}

function firstBlockAtOrAfter(blocks: readonly Block[], first: number): number {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (blocks[middle]!.first < first) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function flattenTree(tree: Tree): SyntaxTreeRows {
  const language = tree.language;
  const { types, fields, named, errorType } = tablesFor(language);
  const classType = language.idForNodeType('class_definition', true);
  const blockType = language.idForNodeType('block', true);
  const hasErrors = tree.rootNode.hasError;
  const previous = !hasErrors && cache?.language === language ? cache : null;
  let rows = new Int32Array(ROW_WIDTH * 4096);
  let count = 0;
  const byKey = new Map<string, Block>();
  const ordered: Block[] = [];
  /** Blocks being walked: recorded once the walk leaves them. */
  const open: Block[] = [];
  /** The type id of the node at each depth on the way down to the current one. */
  const typeAt: number[] = [];

  const reserve = (more: number) => {
    if ((count + more) * ROW_WIDTH <= rows.length) return;
    let size = rows.length * 2;
    while ((count + more) * ROW_WIDTH > size) size *= 2;
    const grown = new Int32Array(size);
    grown.set(rows.subarray(0, count * ROW_WIDTH));
    rows = grown;
  };
  const remember = (block: Block) => {
    byKey.set(block.key, block);
    ordered.push(block);
  };
  /** Records the blocks whose subtree the walk has left (every open block at `depth` or deeper). */
  const closeTo = (depth: number) => {
    while (open.length > 0 && open[open.length - 1]!.depth >= depth) {
      const block = open.pop()!;
      block.end = count;
      if (block.end - block.first >= CACHED_MIN_ROWS) remember(block);
    }
  };
  /** Copies a previous block (and the blocks nested in it) to the end, shifted to where it is now. */
  const reuse = (source: Cache, hit: Block, depth: number, startRow: number, field: number) => {
    const length = hit.end - hit.first;
    reserve(length);
    const rowShift = startRow - hit.startRow;
    const depthShift = depth - hit.depth;
    const base = count * ROW_WIDTH;
    rows.set(source.rows.subarray(hit.first * ROW_WIDTH, hit.end * ROW_WIDTH), base);
    if (rowShift !== 0 || depthShift !== 0) {
      for (let at = base; at < base + length * ROW_WIDTH; at += ROW_WIDTH) {
        rows[at + DEPTH]! += depthShift;
        rows[at + START_ROW]! += rowShift;
        rows[at + END_ROW]! += rowShift;
      }
    }
    // The field names the node's place in its parent, which may differ from where it was before.
    rows[base + FIELD] = field;
    for (let i = firstBlockAtOrAfter(source.ordered, hit.first); i < source.ordered.length; i++) {
      const block = source.ordered[i]!;
      if (block.first >= hit.end) break;
      remember({
        key: block.key,
        first: count + block.first - hit.first,
        end: count + block.end - hit.first,
        depth: block.depth + depthShift,
        startRow: block.startRow + rowShift,
        startColumn: block.startColumn,
      });
    }
    count += length;
  };

  const cursor = tree.walk();
  let depth = 0;
  try {
    for (;;) {
      const typeId = cursor.nodeTypeId;
      typeAt[depth] = typeId;
      let descend = true;
      if (typeId === ERROR_TYPE_ID || named[typeId] === 1) {
        const type = typeId === ERROR_TYPE_ID ? errorType : typeId;
        const start = cursor.startPosition;
        const fieldId = cursor.currentFieldId;
        const field = fieldId > 0 ? fieldId : -1;
        // Top-level statements and the members of class bodies: the units an edit usually leaves alone.
        const remembered = !hasErrors && (depth === 1 || (depth > 2 && typeAt[depth - 1] === blockType && typeAt[depth - 2] === classType));
        if (remembered) {
          const key = `${type}:${start.column}:${cursor.nodeText}`;
          const hit = previous?.byKey.get(key);
          if (previous && hit) {
            reuse(previous, hit, depth, start.row, field);
            descend = false;
          } else {
            open.push({ key, first: count, end: count, depth, startRow: start.row, startColumn: start.column });
          }
        }
        if (descend) {
          reserve(1);
          const end = cursor.endPosition;
          const base = count * ROW_WIDTH;
          rows[base + DEPTH] = depth;
          rows[base + TYPE] = type;
          rows[base + FIELD] = field;
          rows[base + START_ROW] = start.row;
          rows[base + START_COLUMN] = start.column;
          rows[base + END_ROW] = end.row;
          rows[base + END_COLUMN] = end.column;
          rows[base + FLAGS] = (type === errorType ? FLAG_ERROR : 0) | (hasErrors && cursor.nodeIsMissing ? FLAG_MISSING : 0);
          count++;
        }
      }
      if (descend && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        closeTo(depth);
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent()) {
          closeTo(0);
          // A tree with errors remembers nothing, and leaves the last clean tree's rows in place.
          if (!hasErrors) cache = { language, rows, byKey, ordered: ordered.sort((a, b) => a.first - b.first) };
          return { types, fields, rows: rows.slice(0, count * ROW_WIDTH), count, tests: outlineTests(tree) };
        }
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}
