/** Findings in reading order (the engine's order too), so the list, markers and "fix all" agree. */
import type { Finding } from '../engine/types';

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}
