/**
 * Demo expectations: `# expect: TIM001, ASR002` on the line where those findings start, or
 * `# expect: none` for a file that should get no findings. The page compares them with what it finds,
 * rule by rule: a learner who fixes a problem sees its row turn into a checkmark, wherever the edit
 * moved the lines.
 */
import type { Finding } from '../engine/types';

export interface Expectation {
  rule: string;
  line: number;
}

export interface Expectations {
  findings: Expectation[];
  /** The file says `# expect: none`. */
  none: boolean;
}

const EXPECT = /#\s*expect:\s*(none\b|[A-Z]{3}\d{3}(?:\s*,\s*[A-Z]{3}\d{3})*)/;

export function parseExpectations(code: string): Expectations {
  const findings: Expectation[] = [];
  let none = false;
  code.split('\n').forEach((text, index) => {
    const match = EXPECT.exec(text);
    if (!match) return;
    if (match[1] === 'none') none = true;
    else for (const rule of match[1]!.split(',')) findings.push({ rule: rule.trim(), line: index + 1 });
  });
  return { findings, none };
}

export type RowState = 'as-expected' | 'fixed' | 'partly-fixed' | 'more-than-expected' | 'unexpected';

export interface ExpectationRow {
  rule: string;
  expected: number;
  found: number;
  /** Lines of the current findings of this rule. */
  lines: number[];
  state: RowState;
}

export type Verdict =
  /** Exactly what the demo expects: the learner's turn. */
  | 'matches'
  /** Every expected finding is gone and nothing else appeared. */
  | 'all-fixed'
  | 'in-progress';

export interface Comparison {
  rows: ExpectationRow[];
  verdict: Verdict;
}

function rowState(expected: number, found: number): RowState {
  if (expected === 0) return 'unexpected';
  if (found === 0) return 'fixed';
  if (found === expected) return 'as-expected';
  return found < expected ? 'partly-fixed' : 'more-than-expected';
}

export function compareWithFindings(expectations: Expectations, findings: readonly Finding[]): Comparison {
  const expected = new Map<string, number>();
  for (const { rule } of expectations.findings) expected.set(rule, (expected.get(rule) ?? 0) + 1);
  const found = new Map<string, number[]>();
  for (const finding of findings) found.set(finding.rule, [...(found.get(finding.rule) ?? []), finding.line]);

  const rules = [...new Set([...expected.keys(), ...found.keys()])].sort();
  const rows = rules.map((rule) => {
    const lines = found.get(rule) ?? [];
    const count = expected.get(rule) ?? 0;
    return { rule, expected: count, found: lines.length, lines, state: rowState(count, lines.length) };
  });
  const matches = rows.every((row) => row.state === 'as-expected');
  const allFixed = rows.every((row) => row.state === 'fixed');
  // A file that expects nothing and gets nothing is both: it is simply done.
  const verdict: Verdict = allFixed ? 'all-fixed' : matches ? 'matches' : 'in-progress';
  return { rows, verdict };
}
