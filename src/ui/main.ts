/**
 * The playground's wiring: state -> editor -> analysis worker -> markers, list, hovers and fixes.
 * Each piece lives in its own module; this file only connects them.
 */
import './styles.css';
import type { RuleMeta } from '../engine/types';
import type { WasmUrls } from '../worker/protocol';
import { AnalysisClient, type ProblemKind } from './analysis-client';
import { applySafeFixes, registerQuickFixes, safeFixEdits } from './code-actions';
import { DEMO_TEST } from './demo';
import { byId } from './dom';
import { createEditor, monaco, revealRange, setEditorTheme } from './editor';
import { createProblemBanner, reportUncaughtErrors, type ProblemReport } from './errors';
import { createFindingsList } from './findings-list';
import { FindingsStore } from './findings-store';
import { onNextFrame } from './frame';
import { registerRuleHovers } from './hover';
import { MARKER_OWNER, showMarkers } from './markers';
import { engineSettings, isRuleEnabled, type RuleOverrides } from './rule-selection';
import { setupSettings } from './settings';
import { createStateSaver, localCopy, restoreState } from './state';
import { createStatusLine } from './status';
import { setupTheme } from './theme';

/** A run may take this long once the worker has started it; `?budget=<ms>` overrides it (for tests). */
const DEFAULT_BUDGET_MS = 10_000;
const DEBOUNCE_MS = 80;
/** Runs shorter than this finish before a progress bar would be readable. */
const PROGRESS_AFTER_MS = 200;

function budgetMs(): number {
  const requested = Number(new URLSearchParams(window.location.search).get('budget'));
  return Number.isFinite(requested) && requested > 0 ? requested : DEFAULT_BUDGET_MS;
}

function wasmUrls(): WasmUrls {
  const base = new URL(import.meta.env.BASE_URL, document.baseURI);
  return {
    runtimeWasm: new URL('wasm/web-tree-sitter.wasm', base).href,
    grammarWasm: new URL('wasm/tree-sitter-python.wasm', base).href,
  };
}

const ADVICE: Record<ProblemKind, Omit<ProblemReport, 'message' | 'key'>> = {
  'budget-exceeded': {
    level: 'notice',
    advice: 'The editor still works. Edit the code (or change the rules) to analyse again; very large files may need splitting.',
  },
  'run-failed': {
    level: 'error',
    advice: 'A rule failed on this code. Edit the code to try again; if it keeps failing, please report the code that triggers it.',
  },
  'worker-failed': {
    level: 'error',
    advice: 'Reload the page. Your code is kept in this browser and comes back after the reload.',
  },
};

async function main(): Promise<void> {
  const problems = createProblemBanner(byId('problems', HTMLElement));
  reportUncaughtErrors(problems);
  const theme = setupTheme(byId('theme', HTMLSelectElement));
  const state = restoreState([localCopy], DEMO_TEST);
  let overrides: RuleOverrides = state.rules;
  let rules: readonly RuleMeta[] = [];
  let rulesById = new Map<string, RuleMeta>();

  const status = createStatusLine({
    root: byId('status', HTMLElement),
    state: byId('status-state', HTMLElement),
    timing: byId('status-timing', HTMLElement),
    count: byId('status-count', HTMLElement),
    syntax: byId('status-syntax', HTMLElement),
    progress: byId('status-progress', HTMLProgressElement),
  });
  status.set('loading');

  const editor = createEditor(byId('editor', HTMLElement), state.code, theme.theme);
  const model = editor.getModel();
  if (!model) throw new Error('The editor has no model');
  theme.onChange(setEditorTheme);

  const store = new FindingsStore();
  let runStartedAt = 0;
  let firstMarkersShown = false;
  const securityChecked = () => rules.some((rule) => rule.family === 'SEC' && isRuleEnabled(rule, overrides));
  const exactFindings = () => store.exactFor(model.getVersionId());

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
    (finding) => revealRange(editor, finding),
  );

  const client = new AnalysisClient(
    { text: () => model.getValue(), version: () => model.getVersionId() },
    {
      runStarted(run, version) {
        store.begin(run, version);
        runStartedAt = performance.now();
        status.set('analyzing');
      },
      findings(run, findings, progress, doneLine) {
        store.add(run, findings, doneLine);
        if (performance.now() - runStartedAt > PROGRESS_AFTER_MS) status.progress(progress);
        render();
      },
      runFinished(run, stats) {
        store.finish(run);
        problems.clear('analysis');
        const findings = store.visible();
        status.finished({ ...stats, findings: findings.length });
        findingsView.announce(findings, securityChecked());
        render();
      },
      problem(kind, message) {
        problems.show({ key: 'analysis', message, ...ADVICE[kind] });
        status.set(kind === 'budget-exceeded' ? 'stopped' : 'error');
      },
    },
    { wasm: wasmUrls(), budgetMs: budgetMs(), debounceMs: DEBOUNCE_MS },
  );

  /** Markers, list and buttons follow the store, once per frame; "ready" is declared only after they do. */
  const render = onNextFrame(() => {
    const findings = store.visible();
    showMarkers(model, findings);
    findingsView.render(findings, securityChecked());
    const exact = exactFindings();
    const safeFixes = exact ? safeFixEdits(exact).fixCount : 0;
    fixAllButton.disabled = safeFixes === 0;
    fixAllButton.textContent = safeFixes > 0 ? `Fix all safe fixes (${safeFixes})` : 'Fix all safe fixes';
    if (!firstMarkersShown && findings.length > 0) {
      firstMarkersShown = true;
      performance.mark('testsniff:first-markers');
    }
    if (client.idle) status.set('ready');
  });

  const saver = createStateSaver(() => ({ code: model.getValue(), rules: overrides }));
  editor.onDidChangeModelContent((event) => {
    // A flush (setValue) replaces everything; otherwise Monaco's changes apply in the order given.
    client.textChanged(
      event.isFlush ? null : event.changes.map((change) => ({ start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, text: change.text })),
    );
    status.set('analyzing');
    saver.schedule();
  });

  const fixAll = () => {
    const exact = exactFindings();
    if (exact) applySafeFixes(editor, exact);
  };
  fixAllButton.addEventListener('click', fixAll);
  editor.addAction({ id: 'testsniff.fixAllSafe', label: 'Fix all safe fixes (testsniff)', contextMenuGroupId: '1_modification', run: fixAll });
  registerQuickFixes((target) => (target === model ? exactFindings() : null));
  registerRuleHovers(() => store.visible(), () => rulesById);
  exposeForInspection(model);

  let info;
  try {
    info = await client.start();
  } catch (error) {
    status.set('error');
    problems.show({
      key: 'parser',
      level: 'error',
      message: error instanceof Error ? error.message : String(error),
      advice:
        'The Python parser could not start, so nothing can be analysed; the editor still works. Reload the page. ' +
        'If you built the site yourself, run npm install (it copies the .wasm files into public/wasm/) and build again.',
    });
    return;
  }
  rules = info.rules;
  rulesById = new Map(rules.map((rule) => [rule.id, rule]));
  setupSettings(
    {
      dialog: byId('settings-dialog', HTMLDialogElement),
      openButton: byId('open-settings', HTMLButtonElement),
      body: byId('settings-body', HTMLElement),
      resetButton: byId('settings-reset', HTMLButtonElement),
      closeButton: byId('settings-close', HTMLButtonElement),
    },
    rules,
    overrides,
    (next) => {
      overrides = next;
      saver.schedule();
      client.settingsChanged(engineSettings(rules, overrides));
    },
  );
  client.settingsChanged(engineSettings(rules, overrides));
}

const SEVERITY_NAMES = new Map<monaco.MarkerSeverity, string>([
  [monaco.MarkerSeverity.Error, 'error'],
  [monaco.MarkerSeverity.Warning, 'warning'],
  [monaco.MarkerSeverity.Info, 'info'],
]);

/** A read-only window into the editor for the browser tests (and the curious, from the console). */
function exposeForInspection(model: monaco.editor.ITextModel): void {
  const inspection = {
    text: () => model.getValue(),
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

void main();
