/**
 * Everything that needs Monaco: the editor, markers, the findings list, hovers, quick fixes and the rules
 * dialog. Loaded as its own chunk so the analysis can start while this (large) part is still loading.
 */
import type { Explanation, Finding, RuleMeta } from '../engine/types';
import type { TextChange, TreeAnswer } from '../worker/protocol';
import { applySafeFixes, registerQuickFixes, safeFixEdits } from './code-actions';
import { byId } from './dom';
import { createEditor, monaco, revealRange, setEditorTheme, type CodeEditor, type TextModel } from './editor';
import { mountExplain, type ExplainUi } from './explain/explain-controller';
import type { ExplainViewState } from './explain/view-state';
import { createFindingsList } from './findings-list';
import type { FindingsStore } from './findings-store';
import { onNextFrame } from './frame';
import { registerRuleHovers } from './hover';
import { MARKER_OWNER, showMarkers } from './markers';
import type { RuleOverrides } from './rule-selection';
import { setupSettings, type SettingsView } from './settings';
import type { StatusLine } from './status';
import type { ThemeControl } from './theme';

/** What the page's entry shares with the workbench. */
export interface WorkbenchHost {
  initialCode: string;
  theme: ThemeControl;
  store: FindingsStore;
  status: StatusLine;
  /** True when the latest findings describe the current text completely. */
  isIdle(): boolean;
  securityChecked(): boolean;
  /** Why the current text has no findings at all (it was too large to analyse), or null. */
  notAnalysed?(): string | null;
  textVersion(): number;
  /** Monaco's content changes as offsets, or null when the whole text was replaced. */
  textChanged(changes: TextChange[] | null): void;
  rulesChanged(overrides: RuleOverrides): void;
  /** The user picked a finding in the list (it becomes the selected finding of the state). */
  findingChosen(finding: Finding): void;
  showDocs(rule: string): void;
  /** The worker's explanation of a finding of the current text (null: the text changed meanwhile). */
  explain(finding: Finding): Promise<Explanation | null>;
  /** The worker's syntax tree (and tests) of the current text (null: the text changed meanwhile). */
  syntaxTree(withRows: boolean): Promise<TreeAnswer | null>;
  /** The explain view to restore (from a link or the saved copy). */
  initialExplain: ExplainViewState | null;
  /** The explain view changed (panel, selected node, explained finding): the permalink follows. */
  explainViewChanged(): void;
}

export interface Workbench {
  text(): string;
  /** Schedules markers, list and buttons to follow the store (once per animation frame). */
  render(): void;
  /** Tells screen readers the outcome of the run that just finished. */
  announce(): void;
  rulesArrived(rules: readonly RuleMeta[], overrides: RuleOverrides): void;
  /** Replaces the whole text as one undoable edit (Ctrl+Z brings the previous text back). */
  replaceCode(code: string): void;
  /** Marks a finding as selected in the list; `reveal` also selects its range in the editor and scrolls both to it. */
  selectFinding(finding: Finding | null, reveal: boolean): void;
  setOverrides(overrides: RuleOverrides): void;
  /** The analysis settled on the current text (its findings are complete). */
  settled(): void;
  explainState(): ExplainViewState;
  /** A new state arrived; `undefined` keeps the tree panel as it is. */
  setExplainState(state: ExplainViewState | null | undefined): void;
}

export function mountWorkbench(host: WorkbenchHost): Workbench {
  const editor = createEditor(byId('editor', HTMLElement), host.initialCode, host.theme.theme);
  const model = editor.getModel();
  if (!model) throw new Error('The editor has no model');
  host.theme.onChange(setEditorTheme);
  performance.mark('testsniff:editor-created');

  let rulesById = new Map<string, RuleMeta>();
  let settings: SettingsView | null = null;
  let firstMarkersShown = false;
  const exactFindings = () => host.store.exactFor(host.textVersion());

  const fixAllButton = byId('fix-all', HTMLButtonElement);
  const findingsView = createFindingsList(
    {
      verdict: byId('security-verdict', HTMLElement),
      summary: byId('findings-summary', HTMLElement),
      announcer: byId('findings-announcer', HTMLElement),
      familyFilter: byId('filter-family', HTMLSelectElement),
      severityFilter: byId('filter-severity', HTMLSelectElement),
      list: byId('findings-list', HTMLOListElement),
    },
    {
      jump: (finding) => {
        findingsView.select(finding);
        revealRange(editor, finding);
        host.findingChosen(finding);
      },
      showDocs: (rule) => host.showDocs(rule),
      explain: (finding) => explainUi.explain(finding),
    },
  );

  // Typing inside a test usually leaves the findings as they were: then the markers (thousands, in a big
  // file) are not replaced, which would cost the main thread a long task per keystroke.
  let shownMarkers = '';
  const render = onNextFrame(() => {
    // Measured (`testsniff:render`) so the benchmark can tell the main-thread work that findings cause.
    const started = performance.now();
    const findings = host.store.visible();
    const signature = markerSignature(findings);
    if (signature !== shownMarkers) {
      showMarkers(model, findings);
      shownMarkers = signature;
    }
    findingsView.render(findings, host.securityChecked(), host.notAnalysed?.() ?? null);
    const exact = exactFindings();
    const safeFixes = exact ? safeFixEdits(exact).fixCount : 0;
    fixAllButton.disabled = safeFixes === 0;
    fixAllButton.textContent = safeFixes > 0 ? `Fix all safe fixes (${safeFixes})` : 'Fix all safe fixes';
    if (!firstMarkersShown && findings.length > 0) {
      firstMarkersShown = true;
      performance.mark('testsniff:first-markers');
    }
    // "ready" only once markers and list show the complete findings of the current text.
    if (host.isIdle()) host.status.set('ready');
    performance.measure('testsniff:render', { start: started });
  });

  editor.onDidChangeModelContent((event) => {
    // Monaco lists a change set so that applying the changes in order, each at its offset, is correct.
    host.textChanged(
      event.isFlush
        ? null
        : event.changes.map((change) => ({
            start: change.rangeOffset,
            end: change.rangeOffset + change.rangeLength,
            text: change.text,
          })),
    );
  });

  const fixAll = () => {
    const exact = exactFindings();
    if (exact) applySafeFixes(editor, exact);
  };
  fixAllButton.addEventListener('click', fixAll);
  editor.addAction({ id: 'testsniff.fixAllSafe', label: 'Fix all safe fixes (testsniff)', contextMenuGroupId: '1_modification', run: fixAll });
  registerQuickFixes((target) => (target === model ? exactFindings() : null));
  registerRuleHovers(() => host.store.visible(), () => rulesById);
  exposeForInspection(editor, model);
  const explainUi: ExplainUi = mountExplain({
    editor,
    model,
    explain: host.explain,
    syntaxTree: host.syntaxTree,
    textVersion: host.textVersion,
    exactFindings,
    visibleFindings: () => host.store.visible(),
    rule: (id) => rulesById.get(id),
    viewChanged: host.explainViewChanged,
    unavailable: () => host.notAnalysed?.() ?? null,
    elements: {
      panel: byId('tree-panel', HTMLElement),
      toggle: byId('toggle-tree', HTMLButtonElement),
      workspace: byId('workspace', HTMLElement),
      findingsTab: byId('tab-findings', HTMLButtonElement),
      testsTab: byId('tab-tests', HTMLButtonElement),
      findingsPanel: byId('findings-view', HTMLElement),
      testsPanel: byId('tests-view', HTMLElement),
    },
  });
  Object.assign((window as unknown as { testsniffPlayground: object }).testsniffPlayground, explainUi.inspection);
  explainUi.setState(host.initialExplain);

  return {
    text: () => model.getValue(),
    render,
    announce: () => findingsView.announce(host.store.visible(), host.securityChecked()),
    replaceCode(code) {
      editor.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: code }], () => null);
      editor.pushUndoStop();
      editor.setPosition({ lineNumber: 1, column: 1 });
      editor.revealLine(1);
    },
    selectFinding(finding, reveal) {
      findingsView.select(finding, reveal);
      if (finding && reveal) {
        const selection = new monaco.Selection(finding.line, finding.column, finding.endLine, finding.endColumn);
        editor.setSelection(selection);
        editor.revealRangeInCenter(selection, monaco.editor.ScrollType.Immediate);
      }
    },
    setOverrides(overrides) {
      settings?.setOverrides(overrides);
    },
    settled: () => explainUi.settled(),
    explainState: () => explainUi.state(),
    setExplainState: (state) => explainUi.setState(state),
    rulesArrived(rules, overrides) {
      rulesById = new Map(rules.map((rule) => [rule.id, rule]));
      settings = setupSettings(
        {
          dialog: byId('settings-dialog', HTMLDialogElement),
          openButton: byId('open-settings', HTMLButtonElement),
          body: byId('settings-body', HTMLElement),
          resetButton: byId('settings-reset', HTMLButtonElement),
          closeButton: byId('settings-close', HTMLButtonElement),
        },
        rules,
        overrides,
        host.rulesChanged,
        host.showDocs,
      );
      render();
    },
  };
}

const SEVERITY_NAMES = new Map<monaco.MarkerSeverity, string>([
  [monaco.MarkerSeverity.Error, 'error'],
  [monaco.MarkerSeverity.Warning, 'warning'],
  [monaco.MarkerSeverity.Info, 'info'],
]);

/** A read-only window into the editor for the browser tests (and the curious, from the console). */
function exposeForInspection(editor: CodeEditor, model: TextModel): void {
  const inspection = {
    text: () => model.getValue(),
    selection: () => {
      const selection = editor.getSelection();
      return selection
        ? { line: selection.startLineNumber, column: selection.startColumn, endLine: selection.endLineNumber, endColumn: selection.endColumn }
        : null;
    },
    visibleLines: () => {
      const ranges = editor.getVisibleRanges();
      return ranges.length > 0 ? { first: ranges[0]!.startLineNumber, last: ranges[ranges.length - 1]!.endLineNumber } : null;
    },
    markers: () =>
      monaco.editor.getModelMarkers({ owner: MARKER_OWNER, resource: model.uri }).map((marker) => ({
        line: marker.startLineNumber,
        column: marker.startColumn,
        severity: SEVERITY_NAMES.get(marker.severity) ?? 'hint',
        message: marker.message,
      })),
  };
  Object.assign(window, { testsniffPlayground: inspection });
}

/** What the markers of `findings` show: equal signatures, equal markers. */
function markerSignature(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.rule}:${f.line}:${f.column}:${f.endLine}:${f.endColumn}:${f.severity}:${f.message}`).join('\n');
}
