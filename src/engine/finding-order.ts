/**
 * Findings in reading order: the engine's output order, and the order of the list, the markers and
 * "fix all" in the page. Free of tree-sitter, so the UI can import it directly.
 */
import type { Finding } from './types';

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
