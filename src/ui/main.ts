/**
 * The playground starts here. This entry stays small on purpose: it restores the state and starts the
 * analysis worker first, so that the parser loads and the first text is analysed while the much larger
 * editor bundle (Monaco) is still being fetched and evaluated. The workbench joins when it is ready.
 */
import './styles.css';
import { version as ENGINE_VERSION } from '../../package.json';
import type { Finding, RuleMeta } from '../engine/types';
import type { WasmUrls } from '../worker/protocol';
import { AnalysisClient, type ProblemKind, type TextSource } from './analysis-client';
import { createDemoPanel } from './demo-panel';
import { DEFAULT_DEMO, DEMOS, demoById } from './demos';
import { setupDocs } from './docs-view';
import { byId, plural } from './dom';
import { createProblemBanner, reportUncaughtErrors, type ProblemReport } from './errors';
import { downloadText, findingsJson, findingsSarif, PLAYGROUND_FILE, reviewMarkdown, type ReviewInput } from './exports';
import { FindingsStore } from './findings-store';
import { setupGallery } from './gallery';
import { createLinkSync } from './link-sync';
import { decodePermalink, encodePermalink, PermalinkError, type FindingRef, type SharedState } from './permalink';
import { engineSettings, isRuleEnabled, NO_OVERRIDES, withRuleEnabled, type RuleOverrides } from './rule-selection';
import { setupShare } from './share';
import {
  browserStorage,
  createStateSaver,
  LocalStore,
  normaliseCode,
  restoreStart,
  type PlaygroundState,
  type StartState,
} from './state';
import { createStatusLine } from './status';
import { setupTheme } from './theme';
import type { Workbench, WorkbenchHost } from './workbench';

/** A run may take this long once the worker has started it; `?budget=<ms>` overrides it (for tests). */
const DEFAULT_BUDGET_MS = 10_000;
const DEBOUNCE_MS = 80;
/** Runs shorter than this finish before a progress bar would be readable. */
const PROGRESS_AFTER_MS = 200;
/** Exports wait this long for a running analysis to finish. */
const SETTLE_TIMEOUT_MS = 20_000;

const params = new URLSearchParams(window.location.search);

function budgetMs(): number {
  const requested = Number(params.get('budget'));
  return Number.isFinite(requested) && requested > 0 ? requested : DEFAULT_BUDGET_MS;
}

function wasmUrls(): WasmUrls {
  const base = new URL(import.meta.env.BASE_URL, document.baseURI);
  return {
    runtimeWasm: new URL('wasm/web-tree-sitter.wasm', base).href,
    grammarWasm: new URL('wasm/tree-sitter-python.wasm', base).href,
  };
}

/** The page's address with another fragment; embed mode's parameter is left out (links open the full page). */
function pageUrl(hash: string): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('embed');
  url.hash = hash;
  return url.href;
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

function refOf(finding: Finding): FindingRef {
  return { rule: finding.rule, line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn };
}

function sameRef(finding: Finding, ref: FindingRef): boolean {
  return (
    finding.rule === ref.rule &&
    finding.line === ref.line &&
    finding.column === ref.column &&
    finding.endLine === ref.endLine &&
    finding.endColumn === ref.endColumn
  );
}

function lineCount(code: string): string {
  return plural(code === '' ? 0 : code.replace(/\n$/, '').split('\n').length, 'line');
}

/** What the start notices say about a link that was opened, or not. */
function startNotices(start: StartState, backToLocal: (() => void) | null): ProblemReport[] {
  const notices: ProblemReport[] = [];
  if (start.linkError) {
    notices.push({
      key: 'link',
      level: 'notice',
      message: `This link could not be opened. ${start.linkError.message}`,
      advice:
        start.origin === 'local'
          ? `Nothing was changed: your own code (${lineCount(start.state.code)}, saved in this browser) is in the editor.`
          : 'Nothing was changed: the editor shows the first demo. Ask the sender for the complete link.',
    });
  }
  if (start.replacedLocal) {
    notices.push({
      key: 'link',
      level: 'notice',
      message: 'You opened a shared link: the editor shows its code.',
      advice: start.keepFailed
        ? `Your own code (${lineCount(start.replacedLocal.code)}) is still saved in this browser, but there is no room for another copy, so changes to this code will not be saved.`
        : `Your own code (${lineCount(start.replacedLocal.code)}) is kept in this browser; find it again under Demos.`,
      actions: backToLocal ? [{ label: 'Back to my code', run: backToLocal }] : [],
    });
  }
  if (start.origin === 'link' && start.linkEngine && start.linkEngine !== ENGINE_VERSION) {
    notices.push({
      key: 'link-version',
      level: 'notice',
      message: `This link was made with testsniff ${start.linkEngine}; this page runs ${ENGINE_VERSION}.`,
      advice: 'The code and settings are exactly as they were shared; the findings may differ where rules changed.',
    });
  }
  return notices;
}

async function main(): Promise<void> {
  const problems = createProblemBanner(byId('problems', HTMLElement));
  reportUncaughtErrors(problems);
  const embed = params.get('embed') === '1';
  if (embed) document.documentElement.dataset.embed = 'true';
  const theme = setupTheme(byId('theme', HTMLSelectElement));
  // Embedded copies (slides, docs pages) must neither read nor overwrite the user's own saved work.
  const storage = embed ? null : browserStorage();
  const localStore = storage ? new LocalStore(storage) : null;
  const fallback: PlaygroundState = { code: DEFAULT_DEMO.code, rules: DEFAULT_DEMO.rules ?? NO_OVERRIDES, selected: null, demo: DEFAULT_DEMO.id };
  const startHash = window.location.hash;
  const start = await restoreStart(startHash, localStore, fallback);
  const status = createStatusLine({
    root: byId('status', HTMLElement),
    state: byId('status-state', HTMLElement),
    timing: byId('status-timing', HTMLElement),
    count: byId('status-count', HTMLElement),
    syntax: byId('status-syntax', HTMLElement),
    progress: byId('status-progress', HTMLProgressElement),
  });
  status.set('loading');

  let overrides: RuleOverrides = start.state.rules;
  let demoId: string | null = start.state.demo;
  let selected: FindingRef | null = null;
  /** A finding to select once the findings of the current text are complete (deep links). */
  let pendingSelection: FindingRef | null = start.state.selected;
  let rules: readonly RuleMeta[] = [];
  let rulesById = new Map<string, RuleMeta>();
  let workbench: Workbench | null = null;
  let runStartedAt = 0;
  let parseErrorCount = 0;
  /** Counts text changes: a run's findings (and their fixes) belong to exactly one version. */
  let textVersion = 0;
  let liveText: (() => string) | null = null;
  const initialCode = normaliseCode(start.state.code);
  const source: TextSource = { text: () => liveText?.() ?? initialCode, version: () => textVersion };

  const currentState = (): PlaygroundState => ({ code: source.text(), rules: overrides, selected: selected ?? pendingSelection, demo: demoId });
  const sharedState = (): SharedState => ({ ...currentState(), engine: ENGINE_VERSION });

  const store = new FindingsStore();
  const saver = createStateSaver(localStore, () => ({ state: currentState(), fragment: linkSync.lastWritten() }));
  const openFull = byId('open-full', HTMLAnchorElement);
  const linkSync = createLinkSync(sharedState, (hash) => {
    saver.schedule();
    openFull.href = pageUrl(hash);
  });
  // The address already describes the state when it came from there: it is the page's own from now on.
  if (startHash.length > 1 && !start.linkError) linkSync.adopt(startHash);
  openFull.href = pageUrl(start.linkError ? '' : startHash);
  if (start.keepFailed) saver.pause();
  const stateChanged = () => {
    saver.schedule();
    linkSync.schedule();
  };
  const securityChecked = () => rules.some((rule) => rule.family === 'SEC' && isRuleEnabled(rule, overrides));

  const demoPanel = createDemoPanel(
    {
      panel: byId('demo-panel', HTMLElement),
      title: byId('demo-title', HTMLElement),
      story: byId('demo-story', HTMLElement),
      verdict: byId('demo-verdict', HTMLElement),
      rows: byId('demo-rows', HTMLUListElement),
      closeButton: byId('demo-close', HTMLButtonElement),
    },
    () => {
      demoId = null;
      stateChanged();
    },
  );
  demoPanel.setDemo(demoById(demoId) ?? null);

  /** Runs once the findings describe the current text completely. */
  let settledWaiters: (() => void)[] = [];
  const exactFindings = () => store.exactFor(textVersion);

  /** Selects the deep-linked finding, and drops a selection whose finding went away. */
  const reconcileSelection = () => {
    const exact = exactFindings();
    if (!exact || !workbench) return;
    if (pendingSelection) {
      const wanted = pendingSelection;
      pendingSelection = null;
      const match = exact.find((finding) => sameRef(finding, wanted)) ?? exact.find((finding) => finding.rule === wanted.rule && finding.line === wanted.line);
      if (match) {
        selected = refOf(match);
        workbench.selectFinding(match, true);
      } else {
        selected = null;
        problems.show({
          key: 'selection',
          level: 'notice',
          message: `The linked finding (${wanted.rule} on line ${wanted.line}) is not reported here.`,
          advice: 'The rule may be switched off, or this version of testsniff reports it differently. The code is unchanged.',
        });
      }
      return;
    }
    if (selected && !exact.some((finding) => sameRef(finding, selected!))) {
      selected = null;
      workbench.selectFinding(null, false);
      stateChanged();
    }
  };

  const settled = () => {
    const exact = exactFindings();
    if (!exact) return;
    reconcileSelection();
    demoPanel.update(exact, rulesById);
    const waiters = settledWaiters;
    settledWaiters = [];
    for (const resolve of waiters) resolve();
  };

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
        parseErrorCount = stats.parseErrorCount;
        problems.clear('analysis');
        status.finished({ ...stats, findings: store.visible().length });
        workbench?.announce();
        workbench?.render();
        settled();
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
    rulesById = new Map(rules.map((rule) => [rule.id, rule]));
    client.settingsChanged(engineSettings(rules, overrides));
    return info;
  });
  parserReady.catch((error: unknown) => {
    status.set('error');
    problems.show({ key: 'parser', level: 'error', message: error instanceof Error ? error.message : String(error), advice: PARSER_ADVICE });
  });

  /** The complete findings of the current text, once the running analysis (if any) has finished. */
  const reviewInput = async (): Promise<ReviewInput> => {
    if (!exactFindings()) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the analysis did not finish')), SETTLE_TIMEOUT_MS);
        settledWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return { findings: exactFindings() ?? [], parseErrorCount, rules, version: ENGINE_VERSION, securityChecked: securityChecked() };
  };

  const setOverrides = (next: RuleOverrides) => {
    overrides = next;
    workbench?.setOverrides(next);
    if (rules.length > 0) client.settingsChanged(engineSettings(rules, overrides));
  };

  /** Code that needs no keeping: nothing, or a demo or docs example exactly as shipped. */
  const isPristine = (code: string) =>
    code.trim() === '' || DEMOS.some((demo) => demo.code === code) || rules.some((rule) => rule.bad === code || rule.good === code);

  /**
   * Replaces the whole state (a demo, an example, a kept copy, a link opened in this tab). The code it
   * replaces is kept in this browser first, with a way back.
   */
  const applyState = (next: PlaygroundState, what: string) => {
    if (!workbench) return;
    const previous = currentState();
    const code = normaliseCode(next.code);
    const keep = previous.code !== code && !isPristine(previous.code);
    const kept = keep && localStore !== null && localStore.keep(previous);
    workbench.replaceCode(code);
    setOverrides(next.rules);
    demoId = next.demo;
    demoPanel.setDemo(demoById(demoId) ?? null);
    selected = null;
    pendingSelection = next.selected;
    workbench.selectFinding(null, false);
    problems.clear('link');
    problems.clear('selection');
    if (kept) {
      problems.show({
        key: 'kept',
        level: 'notice',
        message: `${what}. Your previous code (${lineCount(previous.code)}) is kept in this browser.`,
        advice: 'Find it again any time under Demos, “Your code, kept in this browser”.',
        actions: [{ label: 'Back to my previous code', run: () => applyState(previous, 'Back to your previous code') }],
      });
    } else {
      problems.clear('kept');
    }
    stateChanged();
    // An unchanged text starts no run: settle on the findings already there.
    settled();
  };

  const backToLocal = start.replacedLocal
    ? () => {
        const saved = start.keepFailed ? localStore?.load() : start.replacedLocal;
        if (saved) applyState(saved, 'Back to your code');
      }
    : null;
  for (const notice of startNotices(start, backToLocal)) problems.show(notice);

  // A link pasted into the address bar of this tab changes only the fragment: open it in place.
  window.addEventListener('hashchange', () => {
    const hash = window.location.hash;
    if (hash.length <= 1 || hash === linkSync.lastWritten()) return;
    decodePermalink(hash).then(
      (shared) => {
        linkSync.adopt(hash);
        applyState(shared, 'Opened the link');
      },
      (error: unknown) =>
        problems.show({
          key: 'link',
          level: 'notice',
          message: `This link could not be opened. ${error instanceof PermalinkError ? error.message : String(error)}`,
          advice: 'Nothing was changed: the editor keeps your code.',
        }),
    );
  });

  const docs = setupDocs(
    {
      dialog: byId('docs-dialog', HTMLDialogElement),
      openButton: byId('open-docs', HTMLButtonElement),
      closeButton: byId('docs-close', HTMLButtonElement),
      index: byId('docs-index', HTMLElement),
      article: byId('docs-article', HTMLElement),
    },
    {
      openExample(rule, which) {
        const enabled = isRuleEnabled(rule, overrides);
        applyState(
          { code: rule[which], rules: enabled ? overrides : withRuleEnabled(overrides, rule, true), selected: null, demo: null },
          `Opened the ${which === 'bad' ? 'flagged' : 'better'} example of ${rule.id}` + (enabled ? '' : ` (and switched ${rule.id} on)`),
        );
      },
    },
  );

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
      stateChanged();
    },
    rulesChanged(next) {
      overrides = next;
      stateChanged();
      client.settingsChanged(engineSettings(rules, overrides));
    },
    findingChosen(finding) {
      selected = refOf(finding);
      pendingSelection = null;
      stateChanged();
    },
    showDocs: (rule) => docs.show(rule),
  };
  workbench = mountWorkbench(host);
  liveText = workbench.text;
  workbench.render();
  settled();

  setupGallery(
    {
      dialog: byId('gallery-dialog', HTMLDialogElement),
      openButton: byId('open-gallery', HTMLButtonElement),
      closeButton: byId('gallery-close', HTMLButtonElement),
      body: byId('gallery-body', HTMLElement),
    },
    DEMOS,
    {
      openDemo: (demo) => applyState({ code: demo.code, rules: demo.rules ?? NO_OVERRIDES, selected: null, demo: demo.id }, `Opened the demo “${demo.title}”`),
      kept: () => localStore?.kept() ?? [],
      openKept: (copy) => applyState(copy, 'Opened a kept copy of your code'),
    },
  );

  const reviewFile = async (type: 'json' | 'sarif') => {
    const input = await reviewInput();
    const stem = PLAYGROUND_FILE.replace(/\.py$/, '');
    if (type === 'json') downloadText(`${stem}.testsniff.json`, findingsJson(input), 'application/json');
    else downloadText(`${stem}.sarif`, findingsSarif(input), 'application/sarif+json');
  };
  setupShare(
    {
      dialog: byId('share-dialog', HTMLDialogElement),
      openButton: byId('open-share', HTMLButtonElement),
      closeButton: byId('share-close', HTMLButtonElement),
      secrets: byId('share-secrets', HTMLElement),
      secretsMessage: byId('share-secrets-message', HTMLElement),
      mask: byId('share-mask', HTMLInputElement),
      url: byId('share-url', HTMLInputElement),
      copy: byId('share-copy', HTMLButtonElement),
      length: byId('share-length', HTMLElement),
      meter: byId('share-meter', HTMLMeterElement),
      status: byId('share-status', HTMLElement),
      markdown: byId('export-markdown', HTMLButtonElement),
      json: byId('export-json', HTMLButtonElement),
      sarif: byId('export-sarif', HTMLButtonElement),
      python: byId('export-python', HTMLButtonElement),
    },
    {
      state: sharedState,
      secrets: (code) => client.secrets(code),
      link: async (state) => pageUrl(`#${await encodePermalink(state)}`),
      markdown: async () => reviewMarkdown(await reviewInput()),
      downloadJson: () => reviewFile('json'),
      downloadSarif: () => reviewFile('sarif'),
      downloadPython: () => downloadText(PLAYGROUND_FILE, source.text(), 'text/x-python'),
    },
  );

  const info = await parserReady.catch(() => null);
  if (info) {
    workbench.rulesArrived(info.rules, overrides);
    docs.setRules(info.rules);
  }
}

void main();
