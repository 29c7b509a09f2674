/**
 * Quick fixes: each finding with a fix offers a Monaco code action (Ctrl+. or the light bulb), unsafe
 * ones labelled as such, plus "Fix all safe fixes". Fixes are offered only for findings of exactly the
 * current text: their positions would edit the wrong characters in any other version.
 */
import { monaco, type CodeEditor, type TextModel } from './editor';
import { isMarkerOf, MARKER_OWNER } from './markers';
import type { Finding, Fix, TextEdit } from '../engine/types';

const UNSAFE_LABEL = ' (unsafe: may change what the test does)';

/** Menu titles are plain text: the backticks that mark code in the engine's titles would show as-is. */
export function fixTitle(fix: Fix): string {
  const title = fix.title.replaceAll('`', '');
  return fix.unsafe ? title + UNSAFE_LABEL : title;
}

function toRange(edit: TextEdit): monaco.IRange {
  return { startLineNumber: edit.line, startColumn: edit.column, endLineNumber: edit.endLine, endColumn: edit.endColumn };
}

/** Edits that share characters, or insert at the same point, cannot both be applied in one go. */
function conflicts(a: monaco.IRange, b: monaco.IRange): boolean {
  return monaco.Range.areIntersecting(a, b) || monaco.Range.equalsRange(a, b);
}

/**
 * The edits of every safe fix, in reading order. A fix that touches text another fix already edits is
 * left for the next run (it will be offered again against the fixed text).
 */
export function safeFixEdits(findings: readonly Finding[]): { edits: TextEdit[]; fixCount: number } {
  const taken: monaco.IRange[] = [];
  const edits: TextEdit[] = [];
  let fixCount = 0;
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix || fix.unsafe) continue;
    const ranges = fix.edits.map(toRange);
    if (ranges.some((range) => taken.some((other) => conflicts(range, other)))) continue;
    taken.push(...ranges);
    edits.push(...fix.edits);
    fixCount++;
  }
  return { edits, fixCount };
}

function workspaceEdit(model: TextModel, edits: readonly TextEdit[]): monaco.languages.WorkspaceEdit {
  const versionId = model.getVersionId();
  return {
    edits: edits.map((edit) => ({ resource: model.uri, textEdit: { range: toRange(edit), text: edit.text }, versionId })),
  };
}

function markersOf(model: TextModel, finding: Finding): monaco.editor.IMarkerData[] {
  return monaco.editor.getModelMarkers({ owner: MARKER_OWNER, resource: model.uri }).filter((marker) => isMarkerOf(marker, finding));
}

export function registerQuickFixes(exactFindings: (model: TextModel) => readonly Finding[] | null): monaco.IDisposable {
  return monaco.languages.registerCodeActionProvider(
    'python',
    {
      provideCodeActions(model, range) {
        const findings = exactFindings(model);
        if (!findings) return { actions: [], dispose() {} };
        const actions: monaco.languages.CodeAction[] = [];
        for (const finding of findings) {
          if (!finding.fix) continue;
          const findingRange = new monaco.Range(finding.line, finding.column, finding.endLine, finding.endColumn);
          if (!monaco.Range.areIntersectingOrTouching(findingRange, range)) continue;
          actions.push({
            title: `${finding.rule}: ${fixTitle(finding.fix)}`,
            kind: 'quickfix',
            diagnostics: markersOf(model, finding),
            isPreferred: !finding.fix.unsafe,
            edit: workspaceEdit(model, finding.fix.edits),
          });
        }
        const all = safeFixEdits(findings);
        if (all.fixCount > 1 || (all.fixCount === 1 && actions.length === 0)) {
          actions.push({ title: `Fix all safe fixes (${all.fixCount})`, kind: 'quickfix', edit: workspaceEdit(model, all.edits) });
        }
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );
}

/** Applies every safe fix as one undoable edit; returns how many fixes were applied. */
export function applySafeFixes(editor: CodeEditor, findings: readonly Finding[]): number {
  const { edits, fixCount } = safeFixEdits(findings);
  if (fixCount === 0) return 0;
  editor.pushUndoStop();
  editor.executeEdits(
    'testsniff.fixAllSafe',
    edits.map((edit) => ({ range: toRange(edit), text: edit.text })),
  );
  editor.pushUndoStop();
  return fixCount;
}
