/**
 * The playground starts here. This entry stays small on purpose: the analysis worker was started even
 * before it (src/ui/worker-start.ts); it restores the state and sends the first text to the worker, so
 * that the parser loads and the text is analysed while the much larger editor bundle (Monaco) is still
 * being fetched and evaluated. The workbench joins when it is ready.
 */
import './trusted-types';
import './styles.css';
import './explain/explain.css';
import { version as ENGINE_VERSION } from '../../package.json';
import type { Finding, RuleMeta } from '../engine/types';
import { AnalysisClient, type ProblemKind, type TextSource } from './analysis-client';
import { createDemoPanel, demoPanelElements } from './demo-panel';
import { DEFAULT_DEMO, DEMOS, demoById } from './demos';
import { docsElements, setupDocs } from './docs-view';
import { byId } from './dom';
import { createProblemBanner, reportUncaughtErrors, type ProblemReport } from './errors';
import { downloadText, findingsJson, findingsSarif, PLAYGROUND_FILE, reviewMarkdown, type ReviewInput } from './exports';
import { FindingsStore } from './findings-store';
import { galleryElements, setupGallery } from './gallery';
import { createLinkSync } from './link-sync';
import { keptNotice, linkRefused, startNotices } from './notices';
import { setupOffline } from './offline';
import { decodePermalink, encodePermalink, PermalinkError, type SharedState } from './permalink';
import { isRuleEnabled, NO_OVERRIDES, withRuleEnabled, type RuleOverrides } from './rule-selection';
import { SelectionTracker } from './selection';
import { setupShare, shareElements } from './share';
import { MAX_ANALYSED_CHARS, NOT_ANALYSED, tooLargeReport } from './size-limit';
import { browserStorage, createStateSaver, LocalStore, normaliseCode, restoreStart, type PlaygroundState } from './state';
import { createStatusLine } from './status';
import { setupTheme } from './theme';
import type { Workbench, WorkbenchHost } from './workbench';
import { takeFirstWorker, wasmUrls } from './worker-start';

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

/** The page's address with another fragment; embed mode's parameter is left out (links open the full page). */
function pageUrl(hash: string): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('embed');
  url.searchParams.delete('budget');
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

async function main(): Promise<void> {
  // This script runs as soon as it arrives (vite.config.ts makes it `async`): maybe before the page is parsed.
  if (document.readyState === 'loading') await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  performance.mark('testsniff:main-start');
  const problems = createProblemBanner(byId('problems', HTMLElement));
  reportUncaughtErrors(problems);
  /** Settles once the first findings are on screen, or once the page knows they will not come. */
  let firstResultShown: () => void = () => undefined;
  setupOffline(problems, new Promise<void>((resolve) => (firstResultShown = resolve)));
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
  const selection = new SelectionTracker(start.state.selected);
  let rules: readonly RuleMeta[] = [];
  let rulesById = new Map<string, RuleMeta>();
  let workbench: Workbench | null = null;
  let runStartedAt = 0;
  /** Marks (`testsniff:*`) time a cold load: see bench/browser.ts. */
  let firstFindings = false;
  let parseErrorCount = 0;
  /** Counts text changes: a run's findings (and their fixes) belong to exactly one version. */
  let textVersion = 0;
  let liveText: (() => string) | null = null;
  const initialCode = normaliseCode(start.state.code);
  const source: TextSource = { text: () => liveText?.() ?? initialCode, version: () => textVersion };

  const currentState = (): PlaygroundState => ({
    code: source.text(),
    rules: overrides,
    selected: selection.current(),
    demo: demoId,
    explain: workbench ? workbench.explainState() : (start.state.explain ?? null),
  });
  const sharedState = (): SharedState => ({ ...currentState(), engine: ENGINE_VERSION });

  const store = new FindingsStore();
  const saver = createStateSaver(
    localStore,
    () => ({ state: currentState(), fragment: linkSync.lastWritten() }),
    (failing) => {
      if (!failing) return problems.clear('storage');
      problems.show({
        key: 'storage',
        level: 'notice',
        message: 'This browser would not save the code (it is too large for its storage).',
        advice: 'A reload may lose your latest changes: use Share → “Download the code” to keep them.',
      });
    },
  );
  const openFull = byId('open-full', HTMLAnchorElement);
  /** Set by the first change: until then the saved copy is left as it is (it may be the user's, under a link). */
  let changed = false;
  const linkSync = createLinkSync(sharedState, (hash) => {
    // The saved copy records the fragment it belongs to (see restoreStart).
    if (changed) saver.schedule();
    openFull.href = pageUrl(hash);
  });
  // The address already describes the state when it came from there: it is the page's own from now on.
  if (startHash.length > 1 && !start.linkError) linkSync.adopt(startHash);
  openFull.href = pageUrl(start.linkError ? '' : startHash);
  // Otherwise the address becomes a permalink right away, except for a broken link: it stays in the
  // address bar (to be copied into a bug report) until the first change.
  if (startHash.length <= 1) linkSync.schedule();
  if (start.keepFailed) saver.pause();
  const stateChanged = () => {
    changed = true;
    saver.schedule();
    linkSync.schedule();
  };
  const securityChecked = () => rules.some((rule) => rule.family === 'SEC' && isRuleEnabled(rule, overrides));

  const demoPanel = createDemoPanel(demoPanelElements(), () => {
    demoId = null;
    stateChanged();
  });
  demoPanel.setDemo(demoById(demoId) ?? null);

  /** Runs once the findings describe the current text completely. */
  let settledWaiters: (() => void)[] = [];
  const exactFindings = () => store.exactFor(textVersion);

  /** Selects the deep-linked finding, and drops a selection whose finding went away. */
  const reconcileSelection = (exact: readonly Finding[]) => {
    if (!workbench) return;
    const outcome = selection.reconcile(exact);
    if (outcome.kind === 'select') workbench.selectFinding(outcome.finding, true);
    if (outcome.kind === 'dropped') {
      workbench.selectFinding(null, false);
      stateChanged();
    }
    if (outcome.kind === 'missing') {
      problems.show({
        key: 'selection',
        level: 'notice',
        message: `The linked finding (${outcome.wanted.rule} on line ${outcome.wanted.line}) is not reported here.`,
        advice: 'The rule may be switched off, or this version of testsniff reports it differently. The code is unchanged.',
      });
    }
  };

  const settled = () => {
    const exact = exactFindings();
    if (!exact) return;
    reconcileSelection(exact);
    demoPanel.update(exact, rulesById);
    if (workbench) firstResultShown();
    workbench?.settled();
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
        if (!firstFindings) performance.mark('testsniff:first-findings');
        firstFindings = true;
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
        firstResultShown();
        problems.show({ key: 'analysis', message, ...ADVICE[kind] });
        status.set(kind === 'budget-exceeded' ? 'stopped' : 'error');
      },
      tooLarge(length, limit) {
        // Findings of an earlier, smaller text would sit on the wrong lines of this one.
        store.clear();
        firstResultShown();
        workbench?.render();
        problems.show({ key: 'analysis', level: 'notice', ...tooLargeReport(length, limit) });
        status.set('stopped', 'Too large to analyse');
      },
    },
    { wasm: wasmUrls(), budgetMs: budgetMs(), debounceMs: DEBOUNCE_MS, maxChars: MAX_ANALYSED_CHARS, selection: overrides, firstWorker: takeFirstWorker() },
  );

  const parserReady = client.start().then((info) => {
    performance.mark('testsniff:parser-ready');
    rules = info.rules;
    rulesById = new Map(rules.map((rule) => [rule.id, rule]));
    return info;
  });
  // The editor (Monaco) is most of the page's code (index.html preloads it): evaluating it holds the main
  // thread for a long while, so the worker was started first (src/ui/worker-start.ts).
  const workbenchModule = import('./workbench');
  // A failed load is reported where it is awaited, below, not as an unhandled rejection in between.
  workbenchModule.catch(() => undefined);
  parserReady.catch((error: unknown) => {
    firstResultShown();
    status.set('error');
    problems.show({ key: 'parser', level: 'error', message: error instanceof Error ? error.message : String(error), advice: PARSER_ADVICE });
  });

  /** The complete findings of the current text, once the running analysis (if any) has finished. */
  const reviewInput = async (): Promise<ReviewInput> => {
    if (client.textTooLarge) throw new Error(`${NOT_ANALYSED}, so there is no review to export. Download the code instead.`);
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
    client.selectionChanged(overrides);
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
    selection.reset(next.selected);
    workbench.selectFinding(null, false);
    workbench.setExplainState(next.explain);
    problems.clear('link');
    problems.clear('selection');
    if (kept) problems.show(keptNotice(what, previous.code, () => applyState(previous, 'Back to your previous code')));
    else problems.clear('kept');
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
  for (const notice of startNotices(start, ENGINE_VERSION, backToLocal)) problems.show(notice);

  // A link pasted into the address bar of this tab changes only the fragment: open it in place.
  window.addEventListener('hashchange', () => {
    const hash = window.location.hash;
    if (hash.length <= 1 || hash === linkSync.lastWritten()) return;
    decodePermalink(hash).then(
      (shared) => {
        linkSync.adopt(hash);
        applyState(shared, 'Opened the link');
      },
      (error: unknown) => problems.show(linkRefused(error instanceof PermalinkError ? error.message : String(error))),
    );
  });

  const docs = setupDocs(docsElements(), {
    openExample(rule, which) {
      // An example of a rule that is off would show nothing: opening it switches the rule on.
      const enabled = isRuleEnabled(rule, overrides);
      applyState(
        { code: rule[which], rules: enabled ? overrides : withRuleEnabled(overrides, rule, true), selected: null, demo: null },
        `Opened the ${which === 'bad' ? 'flagged' : 'better'} example of ${rule.id}` + (enabled ? '' : ` (and switched ${rule.id} on)`),
      );
    },
  });

  const { mountWorkbench } = await workbenchModule;
  performance.mark('testsniff:workbench-loaded');
  // The worker's findings often arrived while the editor's code was being evaluated: a turn of the event
  // loop takes them in first, so that the editor's first frame already shows their markers.
  await new Promise((resolve) => setTimeout(resolve));
  const host: WorkbenchHost = {
    initialCode,
    theme,
    store,
    status,
    isIdle: () => client.idle,
    securityChecked,
    notAnalysed: () => (client.textTooLarge ? NOT_ANALYSED : null),
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
      client.selectionChanged(overrides);
    },
    findingChosen(finding) {
      selection.chosen(finding);
      stateChanged();
    },
    showDocs: (rule) => docs.show(rule),
    explain: (finding) => client.explain(finding),
    syntaxTree: (withRows) => client.syntaxTree(withRows),
    initialExplain: start.state.explain ?? null,
    // Moving around the tree is not an edit: the link follows (a broken link stays in the address bar
    // until the first real change), the saved copy only once something changed.
    explainViewChanged: () => {
      if (changed || !start.linkError) linkSync.schedule();
    },
  };
  workbench = mountWorkbench(host);
  liveText = workbench.text;
  workbench.render();
  settled();

  setupGallery(galleryElements(), DEMOS, {
    // A demo's expectations assume its own rule selection (the defaults, or a profile it names).
    openDemo: (demo) => applyState({ code: demo.code, rules: demo.rules ?? NO_OVERRIDES, selected: null, demo: demo.id }, `Opened the demo “${demo.title}”`),
    kept: () => localStore?.kept() ?? [],
    openKept: (copy) => applyState(copy, 'Opened a kept copy of your code'),
  });

  const reviewFile = async (type: 'json' | 'sarif') => {
    const input = await reviewInput();
    const stem = PLAYGROUND_FILE.replace(/\.py$/, '');
    if (type === 'json') downloadText(`${stem}.testsniff.json`, findingsJson(input), 'application/json');
    else downloadText(`${stem}.sarif`, findingsSarif(input), 'application/sarif+json');
  };
  setupShare(shareElements(), {
    state: sharedState,
    secrets: (code) => client.secrets(code),
    link: async (state) => pageUrl(`#${await encodePermalink(state)}`),
    markdown: async () => reviewMarkdown(await reviewInput()),
    downloadJson: () => reviewFile('json'),
    downloadSarif: () => reviewFile('sarif'),
    downloadPython: () => downloadText(PLAYGROUND_FILE, source.text(), 'text/x-python'),
  });

  const info = await parserReady.catch(() => null);
  if (info) {
    workbench.rulesArrived(info.rules, overrides);
    docs.setRules(info.rules);
  }
}

void main();
