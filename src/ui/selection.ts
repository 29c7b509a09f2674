/**
 * The selected finding: the one the user picked in the list, or the one a link names. A link's
 * selection waits until the findings of the restored code are complete, then is selected and scrolled
 * into view; a selection whose finding went away (the code changed) is dropped.
 */
import type { Finding } from '../engine/types';
import type { FindingRef } from './permalink';

export function refOf(finding: Finding): FindingRef {
  return { rule: finding.rule, line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn };
}

export function sameRef(finding: Finding, ref: FindingRef): boolean {
  return (
    finding.rule === ref.rule &&
    finding.line === ref.line &&
    finding.column === ref.column &&
    finding.endLine === ref.endLine &&
    finding.endColumn === ref.endColumn
  );
}

export type Reconciled =
  | { kind: 'unchanged' }
  /** The wanted finding was found: select and reveal it. */
  | { kind: 'select'; finding: Finding }
  /** The wanted finding is not among the findings. */
  | { kind: 'missing'; wanted: FindingRef }
  /** The selected finding went away with an edit. */
  | { kind: 'dropped' };

export class SelectionTracker {
  private selected: FindingRef | null = null;
  private pending: FindingRef | null;

  constructor(wanted: FindingRef | null) {
    this.pending = wanted;
  }

  /** What the state records: the selection, or the one still waiting for its findings. */
  current(): FindingRef | null {
    return this.selected ?? this.pending;
  }

  chosen(finding: Finding): void {
    this.selected = refOf(finding);
    this.pending = null;
  }

  /** A new state arrived (a demo, a link): forget the old selection and wait for this one. */
  reset(wanted: FindingRef | null): void {
    this.selected = null;
    this.pending = wanted;
  }

  /** Called with the complete findings of the current text. */
  reconcile(findings: readonly Finding[]): Reconciled {
    if (this.pending) {
      const wanted = this.pending;
      this.pending = null;
      // Same rule and line is close enough: a column can move when a rule's range is refined.
      const match = findings.find((finding) => sameRef(finding, wanted)) ?? findings.find((finding) => finding.rule === wanted.rule && finding.line === wanted.line);
      this.selected = match ? refOf(match) : null;
      return match ? { kind: 'select', finding: match } : { kind: 'missing', wanted };
    }
    const selected = this.selected;
    if (selected && !findings.some((finding) => sameRef(finding, selected))) {
      this.selected = null;
      return { kind: 'dropped' };
    }
    return { kind: 'unchanged' };
  }
}
