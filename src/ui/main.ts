/**
 * The playground starts here. This entry stays small on purpose: it restores the state and starts the
 * analysis worker first, so that the parser loads and the first text is analysed while the much larger
 * editor bundle (Monaco) is still being fetched and evaluated. The workbench joins when it is ready.
 */
import './styles.css';
import type { RuleMeta } from '../engine/types';
import { WASM_PATHS, type WasmUrls } from '../worker/protocol';
import { AnalysisClient, type ProblemKind, type TextSource } from './analysis-client';
import { DEMO_TEST } from './demo';
import { byId } from './dom';
import { createProblemBanner, reportUncaughtErrors, type ProblemReport } from './errors';
import { FindingsStore } from './findings-store';
import { engineSettings, isRuleEnabled, type RuleOverrides } from './rule-selection';
import { createStateSaver, localCopy, normaliseCode, restoreState } from './state';
import { createStatusLine } from './status';
import { setupTheme } from './theme';
import type { Workbench, WorkbenchHost } from './workbench';

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
    runtimeWasm: new URL(WASM_PATHS.runtimeWasm, base).href,
    grammarWasm: new URL(WASM_PATHS.grammarWasm, base).href,
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

const PARSER_ADVICE =
  'The Python parser could not start, so nothing can be analysed; the editor still works. Reload the page. ' +
  'If you built the site yourself, run npm install (it copies the .wasm files into public/wasm/) and build again.';

async function main(): Promise<void> {
  const problems = createProblemBanner(byId('problems', HTMLElement));
  reportUncaughtErrors(problems);
  const theme = setupTheme(byId('theme', HTMLSelectElement));
  const state = restoreState([localCopy], DEMO_TEST);
  const status = createStatusLine({
    root: byId('status', HTMLElement),
    state: byId('status-state', HTMLElement),
    timing: byId('status-timing', HTMLElement),
    count: byId('status-count', HTMLElement),
    syntax: byId('status-syntax', HTMLElement),
    progress: byId('status-progress', HTMLProgressElement),
  });
  status.set('loading');

  let overrides: RuleOverrides = state.rules;
  let rules: readonly RuleMeta[] = [];
  let workbench: Workbench | null = null;
  let runStartedAt = 0;
  /** Counts text changes: a run's findings (and their fixes) belong to exactly one version. */
  let textVersion = 0;
  let liveText: (() => string) | null = null;
  const initialCode = normaliseCode(state.code);
  const source: TextSource = { text: () => liveText?.() ?? initialCode, version: () => textVersion };

  const store = new FindingsStore();
  const saver = createStateSaver(() => ({ code: source.text(), rules: overrides }));
  const securityChecked = () => rules.some((rule) => rule.family === 'SEC' && isRuleEnabled(rule, overrides));

  const client = new AnalysisClient(
    source,
    {
      runStarted(run, version) {
        store.begin(run, version);
        runStartedAt = performance.now();
        status.set('analyzing');
      },
      findings(run, findings, progress, doneLine) {
        store.add(run, findings, doneLine);
        if (performance.now() - runStartedAt > PROGRESS_AFTER_MS) status.progress(progress);
        workbench?.render();
      },
      runFinished(run, stats) {
        store.finish(run);
        problems.clear('analysis');
        status.finished({ ...stats, findings: store.visible().length });
        workbench?.announce();
        workbench?.render();
      },
      problem(kind, message) {
        problems.show({ key: 'analysis', message, ...ADVICE[kind] });
        status.set(kind === 'budget-exceeded' ? 'stopped' : 'error');
      },
    },
    { wasm: wasmUrls(), budgetMs: budgetMs(), debounceMs: DEBOUNCE_MS },
  );

  const parserReady = client.start().then((info) => {
    performance.mark('testsniff:parser-ready');
    rules = info.rules;
    client.settingsChanged(engineSettings(rules, overrides));
    return info;
  });
  parserReady.catch((error: unknown) => {
    status.set('error');
    problems.show({ key: 'parser', level: 'error', message: error instanceof Error ? error.message : String(error), advice: PARSER_ADVICE });
  });

  const { mountWorkbench } = await import('./workbench');
  const host: WorkbenchHost = {
    initialCode,
    theme,
    store,
    status,
    isIdle: () => client.idle,
    securityChecked,
    textVersion: () => textVersion,
    textChanged(changes) {
      textVersion++;
      client.textChanged(changes);
      status.set('analyzing');
      saver.schedule();
    },
    rulesChanged(next) {
      overrides = next;
      saver.schedule();
      client.settingsChanged(engineSettings(rules, overrides));
    },
  };
  workbench = mountWorkbench(host);
  liveText = workbench.text;
  workbench.render();

  const info = await parserReady.catch(() => null);
  if (info) workbench.rulesArrived(info.rules, overrides);
}

void main();
