/** Findings as Monaco markers: one owner, severities mapped, the message led by the rule id. */
import { monaco, type TextModel } from './editor';
import type { Finding, Severity } from '../engine/types';

export const MARKER_OWNER = 'testsniff';

const SEVERITY: Record<Severity, monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

export function toMarker(finding: Finding): monaco.editor.IMarkerData {
  return {
    severity: SEVERITY[finding.severity],
    message: `${finding.rule} ${finding.message}`,
    source: 'testsniff',
    startLineNumber: finding.line,
    startColumn: finding.column,
    endLineNumber: finding.endLine,
    endColumn: finding.endColumn,
  };
}

export function showMarkers(model: TextModel, findings: readonly Finding[]): void {
  monaco.editor.setModelMarkers(model, MARKER_OWNER, findings.map(toMarker));
}

/** The marker a finding became (Monaco hands markers back to code actions). */
export function isMarkerOf(marker: monaco.editor.IMarkerData, finding: Finding): boolean {
  return (
    marker.startLineNumber === finding.line &&
    marker.startColumn === finding.column &&
    marker.endLineNumber === finding.endLine &&
    marker.endColumn === finding.endColumn &&
    marker.message === `${finding.rule} ${finding.message}`
  );
}
