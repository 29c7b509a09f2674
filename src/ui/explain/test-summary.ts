/**
 * Per-test counts: how many findings of each family fall inside each test class, test function and setup
 * method, plus the findings outside every test. A finding belongs to the tests whose range holds its
 * start; a class counts everything inside it, its methods included. The top-level rows and "outside"
 * add up to every finding, as the findings list shows them.
 */
import type { TestDefinition } from '../../engine/syntax-rows';
import type { Family, Finding } from '../../engine/types';

export const FAMILIES: readonly Family[] = ['TIM', 'MCK', 'FXT', 'ASR', 'SML', 'SEC'];

export type FamilyCounts = Record<Family, number>;

export interface SummaryRow {
  /** Null for the row of findings outside every test. */
  test: TestDefinition | null;
  /** Nesting level: 0 for top-level tests (and "outside"), 1 for a class's methods... */
  level: number;
  counts: FamilyCounts;
  total: number;
}

function emptyCounts(): FamilyCounts {
  return { TIM: 0, MCK: 0, FXT: 0, ASR: 0, SML: 0, SEC: 0 };
}

function comparePosition(lineA: number, columnA: number, lineB: number, columnB: number): number {
  return lineA !== lineB ? lineA - lineB : columnA - columnB;
}

export function summarise(tests: readonly TestDefinition[], findings: readonly Finding[]): SummaryRow[] {
  const starts = findings
    .map((finding) => ({ line: finding.line, column: finding.column, family: finding.rule.slice(0, 3) as Family }))
    .sort((a, b) => comparePosition(a.line, a.column, b.line, b.column));
  // prefix[family][i]: findings of that family among the first i (in position order).
  const prefix = new Map<Family, Int32Array>(FAMILIES.map((family) => [family, new Int32Array(starts.length + 1)]));
  starts.forEach((start, index) => {
    for (const family of FAMILIES) {
      const counts = prefix.get(family)!;
      counts[index + 1] = counts[index]! + (start.family === family ? 1 : 0);
    }
  });
  /** How many findings start before the position. */
  const startingBefore = (line: number, column: number): number => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const start = starts[middle]!;
      if (comparePosition(start.line, start.column, line, column) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  const levels: number[] = [];
  const rows: SummaryRow[] = tests.map((test, index) => {
    const level = test.parent >= 0 ? (levels[test.parent] ?? 0) + 1 : 0;
    levels[index] = level;
    const from = startingBefore(test.line, test.column);
    const to = startingBefore(test.endLine, test.endColumn);
    const counts = emptyCounts();
    for (const family of FAMILIES) {
      const counted = prefix.get(family)!;
      counts[family] = counted[to]! - counted[from]!;
    }
    return { test, level, counts, total: to - from };
  });

  const outside = emptyCounts();
  for (const family of FAMILIES) outside[family] = prefix.get(family)![starts.length]!;
  let outsideTotal = starts.length;
  for (const row of rows) {
    if (row.test?.parent !== -1) continue;
    outsideTotal -= row.total;
    for (const family of FAMILIES) outside[family] -= row.counts[family];
  }
  rows.push({ test: null, level: 0, counts: outside, total: outsideTotal });
  return rows;
}
