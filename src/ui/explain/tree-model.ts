/**
 * The flattened syntax tree on the page's side: reading rows, finding the node under the cursor, and which
 * rows show when some nodes are collapsed. Pure (no DOM), and linear at worst: a 30,000-line file has a
 * quarter of a million rows, so nothing here allocates per row except the visible-row index.
 */
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
} from '../../engine/syntax-rows';
import type { Range } from '../../engine/types';
import type { NodeRef } from './view-state';

/** A 1-based position, as Monaco and findings count (UTF-16 columns). */
export interface Position {
  line: number;
  column: number;
}

export class TreeModel {
  readonly count: number;
  private readonly rows: Int32Array;
  /** Parent row of each row (-1 for the root). */
  private readonly parents: Int32Array;
  /** One past the last row of each row's subtree. */
  private readonly ends: Int32Array;
  private readonly collapsed = new Set<number>();
  /** Visible rows in order, or null while nothing is collapsed (then row i shows at position i). */
  private visible: Int32Array | null = null;

  constructor(private readonly tree: SyntaxTreeRows) {
    this.count = tree.count;
    this.rows = tree.rows;
    this.parents = new Int32Array(this.count);
    this.ends = new Int32Array(this.count);
    const open: number[] = [];
    for (let row = 0; row < this.count; row++) {
      const depth = this.depth(row);
      while (open.length > 0 && this.depth(open[open.length - 1]!) >= depth) this.ends[open.pop()!] = row;
      this.parents[row] = open.length > 0 ? open[open.length - 1]! : -1;
      open.push(row);
    }
    for (const row of open) this.ends[row] = this.count;
  }

  depth(row: number): number {
    return this.rows[row * ROW_WIDTH + DEPTH]!;
  }

  type(row: number): string {
    return this.tree.types[this.rows[row * ROW_WIDTH + TYPE]!] ?? '?';
  }

  field(row: number): string | null {
    const index = this.rows[row * ROW_WIDTH + FIELD]!;
    return index < 0 ? null : (this.tree.fields[index] ?? null);
  }

  isError(row: number): boolean {
    return (this.rows[row * ROW_WIDTH + FLAGS]! & FLAG_ERROR) !== 0;
  }

  isMissing(row: number): boolean {
    return (this.rows[row * ROW_WIDTH + FLAGS]! & FLAG_MISSING) !== 0;
  }

  /** The row's range, 1-based (tree-sitter's rows and columns are 0-based). */
  range(row: number): Range {
    const base = row * ROW_WIDTH;
    return {
      line: this.rows[base + START_ROW]! + 1,
      column: this.rows[base + START_COLUMN]! + 1,
      endLine: this.rows[base + END_ROW]! + 1,
      endColumn: this.rows[base + END_COLUMN]! + 1,
    };
  }

  ref(row: number): NodeRef {
    return { type: this.type(row), ...this.range(row) };
  }

  parent(row: number): number {
    return this.parents[row] ?? -1;
  }

  hasChildren(row: number): boolean {
    return this.ends[row]! > row + 1;
  }

  /** -1, 0 or 1 as the row's start is before, at or after the position (0-based row and column). */
  private compareStart(row: number, line: number, column: number): number {
    const base = row * ROW_WIDTH;
    const startRow = this.rows[base + START_ROW]!;
    if (startRow !== line) return startRow < line ? -1 : 1;
    const startColumn = this.rows[base + START_COLUMN]!;
    return startColumn === column ? 0 : startColumn < column ? -1 : 1;
  }

  private endsAtOrAfter(row: number, line: number, column: number): boolean {
    const base = row * ROW_WIDTH;
    const endRow = this.rows[base + END_ROW]!;
    return endRow !== line ? endRow > line : this.rows[base + END_COLUMN]! >= column;
  }

  /** The last row (in document order) that starts at or before the position; -1 if none. */
  private lastStartingBy(line: number, column: number): number {
    let low = 0;
    let high = this.count - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.compareStart(middle, line, column) <= 0) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /**
   * The node the cursor is "on": the deepest one starting at the position, else the deepest one around
   * it (a cursor just after a word is on that word). Rows are in document order, so every node around
   * the position is an ancestor of (or is) the last row starting at or before it.
   */
  nodeAt(position: Position): number {
    const line = position.line - 1;
    const column = position.column - 1;
    for (let row = this.lastStartingBy(line, column); row >= 0; row = this.parent(row)) {
      if (this.endsAtOrAfter(row, line, column)) return row;
    }
    return this.count > 0 ? 0 : -1;
  }

  /** The deepest node containing the whole range (a selection): the node under its start, widened. */
  nodeCovering(range: Range): number {
    let row = this.nodeAt({ line: range.line, column: range.column });
    while (row > 0 && !this.endsAtOrAfter(row, range.endLine - 1, range.endColumn - 1)) row = this.parent(row);
    return row;
  }

  /** The row of a node with exactly this range (the deepest such; of this type when one is given), or -1. */
  find(target: Range & { type?: string }): number {
    let row = this.nodeAt({ line: target.line, column: target.column });
    let match = -1;
    // Ancestors with the same start are candidates too (an expression statement around its call).
    for (; row >= 0; row = this.parent(row)) {
      const range = this.range(row);
      if (range.line !== target.line || range.column !== target.column) break;
      if (range.endLine === target.endLine && range.endColumn === target.endColumn && (!target.type || this.type(row) === target.type)) {
        match = row;
        break;
      }
    }
    if (match >= 0) return match;
    // A zero-width node (MISSING) or one starting inside another at the same place: scan the few rows there.
    const start = this.lastStartingBy(target.line - 1, target.column - 1);
    for (let candidate = start; candidate >= 0 && this.compareStart(candidate, target.line - 1, target.column - 1) === 0; candidate--) {
      const range = this.range(candidate);
      if (range.endLine === target.endLine && range.endColumn === target.endColumn && (!target.type || this.type(candidate) === target.type)) {
        return candidate;
      }
    }
    return -1;
  }

  // --- collapsing -----------------------------------------------------------------------------------

  isCollapsed(row: number): boolean {
    return this.collapsed.has(row);
  }

  setCollapsed(row: number, collapsed: boolean): void {
    if (!this.hasChildren(row) || this.collapsed.has(row) === collapsed) return;
    if (collapsed) this.collapsed.add(row);
    else this.collapsed.delete(row);
    this.visible = this.collapsed.size === 0 ? null : this.computeVisible();
  }

  /** Opens every collapsed ancestor of a row, so that it shows. */
  reveal(row: number): void {
    let changed = false;
    for (let ancestor = this.parent(row); ancestor >= 0; ancestor = this.parent(ancestor)) {
      if (this.collapsed.delete(ancestor)) changed = true;
    }
    if (changed) this.visible = this.collapsed.size === 0 ? null : this.computeVisible();
  }

  private computeVisible(): Int32Array {
    const visible = new Int32Array(this.count);
    let size = 0;
    for (let row = 0; row < this.count; ) {
      visible[size++] = row;
      row = this.collapsed.has(row) ? this.ends[row]! : row + 1;
    }
    return visible.slice(0, size);
  }

  get visibleCount(): number {
    return this.visible ? this.visible.length : this.count;
  }

  /** The row shown at a position of the visible list. */
  rowAt(position: number): number {
    return this.visible ? (this.visible[position] ?? -1) : position < this.count ? position : -1;
  }

  /** Where a row shows in the visible list; -1 when a collapsed ancestor hides it. */
  positionOf(row: number): number {
    if (!this.visible) return row < this.count ? row : -1;
    let low = 0;
    let high = this.visible.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const value = this.visible[middle]!;
      if (value === row) return middle;
      if (value < row) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

/** "12:5–14:9": a range as the panel shows it (1-based, as the editor's status bar counts). */
export function rangeLabel(range: Range): string {
  return range.line === range.endLine
    ? `${range.line}:${range.column}–${range.endColumn}`
    : `${range.line}:${range.column}–${range.endLine}:${range.endColumn}`;
}
