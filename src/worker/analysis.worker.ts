/**
 * The analysis worker: the engine behind a comlink API, and nothing else. It keeps one open document so
 * that edits re-parse incrementally, and streams each run's findings to the page through one long-lived
 * listener, tagged with the run number. A newer `analyse` call makes the older run stop at its next check.
 */
import * as Comlink from 'comlink';
import { createEngine, type Doc, type Engine } from '../engine';
import { engineSettings, type RuleOverrides } from '../ui/rule-selection';
import type { AnalysisEvent, AnalysisListener, AnalysisWorkerApi, Finding, RunStart, Settings, TextSync, TreeAnswer } from './protocol';

/** Progress-only messages (no new findings) are rate-limited: enough for a smooth progress bar. */
const PROGRESS_INTERVAL_MS = 50;
/** The status line shows the first syntax errors; thousands of them would only slow the message down. */
const MAX_PARSE_ERRORS = 100;

/** Selecting the rule by id runs it even when the user switched it (or its family) off. */
const SECRETS_ONLY = { select: ['SEC001'] };

let engine: Engine | null = null;
/**
 * The engine being loaded. The page sends its first run right after `init`, without waiting for the
 * answer (a round trip through a main thread busy with the editor's code would delay the first
 * findings): that run waits here instead.
 */
let engineLoading: Promise<Engine> | null = null;
let listener: AnalysisListener | null = null;
let doc: Doc | null = null;
let docSettings = '';
let latestRun = 0;
/** The worker's own marks (`testsniff:*`) time a cold load: see bench/browser.ts. */
let firstRunDone = false;

/** Brings the text up to date (even for a stale run: the next run's edits apply to it) and starts streaming. */
function startRun(ready: Engine, run: number, sync: TextSync, selection: RuleOverrides): RunStart {
  const parseStart = performance.now();
  if (!synchronise(ready, sync, engineSettings(ready.rules, selection)) || !doc) return 'needs-full-text';
  if (run === latestRun) void stream(run, doc, performance.now() - parseStart);
  return 'started';
}

function emit(event: AnalysisEvent): void {
  // Not awaited: the page's answer is irrelevant and waiting would stall the stream.
  void listener?.(event);
}

/** Start offsets of every line, to turn "analysed up to offset N" into a line number cheaply. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOfOffset(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** Brings the document to the page's text; false when the edits do not fit (the page then sends it whole). */
function synchronise(ready: Engine, sync: TextSync, settings: Settings): boolean {
  const wanted = JSON.stringify(settings);
  if (sync.kind === 'full') {
    doc?.dispose();
    doc = ready.open(sync.text, settings);
    docSettings = wanted;
    return true;
  }
  if (!doc) return false;
  if (sync.kind === 'edits') {
    try {
      doc.applyEdits(sync.changes);
    } catch {
      doc.dispose();
      doc = null;
      return false;
    }
    if (doc.text.length !== sync.expectedLength) {
      // Dropping the document makes every following edit ask for the whole text too, until it arrives.
      doc.dispose();
      doc = null;
      return false;
    }
  }
  if (wanted !== docSettings) {
    doc.configure(settings);
    docSettings = wanted;
  }
  return true;
}

async function stream(run: number, current: Doc, parseMs: number): Promise<void> {
  const isStale = () => run !== latestRun;
  const text = current.text;
  const starts = lineStarts(text);
  const started = performance.now();
  let pending: Finding[] = [];
  let lastSent = 0;
  const send = (progress: number): void => {
    const now = performance.now();
    if (isStale() || (pending.length === 0 && progress < 1 && now - lastSent < PROGRESS_INTERVAL_MS)) return;
    const doneLine = lineOfOffset(starts, Math.round(progress * text.length));
    emit({ kind: 'findings', run, findings: pending, progress, doneLine });
    pending = [];
    lastSent = now;
  };
  try {
    // The engine calls onProgress after each top-level statement, once its findings have been yielded.
    for await (const finding of current.stream({ shouldStop: isStale, onProgress: send })) pending.push(finding);
    if (isStale()) return;
    send(1);
    if (!firstRunDone) performance.mark('testsniff:first-run-done');
    firstRunDone = true;
    const allParseErrors = current.parseErrors();
    emit({
      kind: 'done',
      run,
      parseMs,
      analysisMs: performance.now() - started,
      parseErrors: allParseErrors.slice(0, MAX_PARSE_ERRORS),
      parseErrorCount: allParseErrors.length,
    });
  } catch (error) {
    if (!isStale()) emit({ kind: 'failed', run, message: error instanceof Error ? error.message : String(error) });
  }
}

async function downloadBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const api: AnalysisWorkerApi = {
  async init(urls, eventListener) {
    performance.mark('testsniff:worker-init');
    listener = eventListener;
    // The grammar downloads while the runtime starts (the engine would otherwise fetch one after the other).
    const grammarWasm = downloadBytes(urls.grammarWasm);
    engineLoading = createEngine({ runtimeWasm: urls.runtimeWasm, grammarWasm });
    engine = await engineLoading;
    performance.mark('testsniff:engine-ready');
    return { engineVersion: engine.version, rules: [...engine.rules] };
  },

  async analyse(run, sync, selection) {
    // Set before waiting: a newer run sent meanwhile makes this one stale as soon as it starts.
    latestRun = run;
    if (!engine && !engineLoading) throw new Error('The analysis worker was used before init()');
    // Runs waiting for the parser resume in the order they came, so edits still apply in order.
    return startRun(engine ?? (await engineLoading!), run, sync, selection);
  },

  secrets(text) {
    if (!engine) throw new Error('The analysis worker was used before init() finished');
    return engine.check(text, SECRETS_ONLY);
  },

  // Messages arrive in order: an `analyse` sent before this question has already synchronised the text.
  explain(run, finding) {
    return run === latestRun && doc ? doc.explain(finding) : null;
  },

  syntaxTree(run, withRows): TreeAnswer | null {
    if (run !== latestRun || !doc) return null;
    const started = performance.now();
    if (!withRows) {
      // The per-test summary needs the tests only: no need to flatten the whole tree.
      const tests = doc.testOutline();
      return { tree: { types: [], fields: [], rows: new Int32Array(0), count: 0, tests }, buildMs: performance.now() - started };
    }
    const tree = doc.syntaxTree();
    const buildMs = performance.now() - started;
    return Comlink.transfer({ tree, buildMs }, [tree.rows.buffer]);
  },
};

Comlink.expose(api);
