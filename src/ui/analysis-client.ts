/**
 * The page's side of the analysis worker: it numbers runs, sends edits as edits (the worker re-parses
 * incrementally), drops events of superseded runs, and keeps a time budget. A worker that overruns the
 * budget cannot be interrupted (it may be inside one long synchronous step), so it is terminated and a
 * fresh one started; the editor never waits for any of this.
 */
import type * as Comlink from 'comlink';
import type { RuleOverrides } from './rule-selection';
import { startWorker, type StartedWorker } from './worker-start';
import type {
  AnalysisEvent,
  AnalysisWorkerApi,
  Explanation,
  Finding,
  ParseError,
  TextChange,
  TextSync,
  TreeAnswer,
  WasmUrls,
  WorkerInfo,
} from '../worker/protocol';

export interface TextSource {
  text(): string;
  /** Changes with every edit (Monaco's model version): tells which text a run's findings belong to. */
  version(): number;
}

export interface RunStats {
  parseMs: number;
  analysisMs: number;
  parseErrors: ParseError[];
  parseErrorCount: number;
}

export type ProblemKind = 'worker-failed' | 'run-failed' | 'budget-exceeded';

export interface AnalysisHandlers {
  runStarted(run: number, version: number): void;
  findings(run: number, findings: Finding[], progress: number, doneLine: number): void;
  runFinished(run: number, stats: RunStats): void;
  problem(kind: ProblemKind, message: string): void;
  /** The text is over `maxChars`: it was not sent, and findings of older texts will not arrive. */
  tooLarge(length: number, limit: number): void;
}

export interface AnalysisClientOptions {
  wasm: WasmUrls;
  /** Longest a run may take once the worker has taken it up (and longest the worker may leave a request waiting). */
  budgetMs: number;
  /** Quiet time after the last keystroke before a run starts. */
  debounceMs: number;
  /** Longer texts are not analysed (src/ui/size-limit.ts). */
  maxChars: number;
  /** The rule selection of the first run. */
  selection: RuleOverrides;
  /** A worker already started for this page (src/ui/worker-start.ts); otherwise the client starts one. */
  firstWorker?: StartedWorker | null;
}

/** A crashing worker is restarted, but not forever: the same text would crash it again. */
const MAX_CRASHES = 3;

export class AnalysisClient {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<AnalysisWorkerApi> | null = null;
  /** Bumped whenever the worker is replaced: late answers of a dead worker are ignored. */
  private generation = 0;
  private workerReady = false;
  /** A worker that never got ready will not get ready on a retry either (missing script, no module workers). */
  private everReady = false;
  private crashes = 0;
  private firstWorker: StartedWorker | null;

  private latestRun = 0;
  /** The last run that completed: when it is the latest, its findings describe the text the worker holds. */
  private completedRun = 0;
  private latestFinished = true;
  private latestStartedAt: number | null = null;
  /**
   * Runs sent but not yet taken up by the worker, with the time they were sent; null for those sent while
   * the parser was still loading (their wait counts from the moment it is ready).
   */
  private readonly waiting = new Map<number, number | null>();
  private watchdog: ReturnType<typeof setTimeout> | undefined;

  /** Edits since the last run; 'full' when the worker's copy of the text cannot be trusted. */
  private pendingChanges: TextChange[] | 'full' = 'full';
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private runWanted = false;
  private selection: RuleOverrides;
  private oversized = false;

  constructor(
    private readonly source: TextSource,
    private readonly handlers: AnalysisHandlers,
    private readonly options: AnalysisClientOptions,
  ) {
    this.selection = options.selection;
    this.firstWorker = options.firstWorker ?? null;
  }

  /**
   * Starts the worker and, right behind it, the first run: the worker analyses the text as soon as its
   * parser is loaded, with no round trip through the page. Resolves with the engine's rules.
   */
  start(): Promise<WorkerInfo> {
    const ready = this.boot();
    this.runWanted = true;
    this.send();
    return ready;
  }

  /** Monaco content changes, in the order Monaco reports them; `null` when the whole text was replaced. */
  textChanged(changes: readonly TextChange[] | null): void {
    if (changes === null || this.pendingChanges === 'full') this.pendingChanges = 'full';
    else this.pendingChanges.push(...changes);
    this.runWanted = true;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.send(), this.options.debounceMs);
  }

  selectionChanged(selection: RuleOverrides): void {
    this.selection = selection;
    this.runWanted = true;
    this.send();
  }

  /** SEC001's findings in `text`, even when the user turned the rule off. */
  async secrets(text: string): Promise<Finding[]> {
    if (!this.workerReady || !this.remote) throw new Error('the analysis worker is not running');
    return this.remote.secrets(text);
  }

  /**
   * Why a finding was reported. Null when the worker's text is not the page's (an edit is on its way, or a
   * newer run started before the answer came back): the caller asks again once the analysis settles.
   */
  explain(finding: Finding): Promise<Explanation | null> {
    return this.askAboutCurrentText((remote, run) => remote.explain(run, finding));
  }

  /** The syntax tree (with `withRows`) and the tests of the current text; null as for `explain`. */
  syntaxTree(withRows: boolean): Promise<TreeAnswer | null> {
    return this.askAboutCurrentText((remote, run) => remote.syntaxTree(run, withRows));
  }

  private async askAboutCurrentText<T>(
    question: (remote: Comlink.Remote<AnalysisWorkerApi>, run: number) => Promise<T | null>,
  ): Promise<T | null> {
    const unsent = this.runWanted || this.debounce !== undefined || this.pendingChanges === 'full' || this.pendingChanges.length > 0;
    if (!this.workerReady || !this.remote || unsent) return null;
    const run = this.latestRun;
    const generation = this.generation;
    const answer = await question(this.remote, run).catch(() => null);
    return generation === this.generation && run === this.latestRun ? answer : null;
  }

  /** True while the current text is over the size limit (and so has no findings). */
  get textTooLarge(): boolean {
    return this.oversized;
  }

  /** True when the findings of the latest run describe the current text completely. */
  get idle(): boolean {
    return this.workerReady && this.completedRun === this.latestRun && !this.runWanted && this.debounce === undefined;
  }

  private boot(): Promise<WorkerInfo> {
    const generation = ++this.generation;
    this.workerReady = false;
    this.pendingChanges = 'full';
    const started = this.firstWorker ?? startWorker(this.options.wasm);
    this.firstWorker = null;
    started.onEvent((event) => {
      if (generation === this.generation) this.receive(event);
    });
    started.onError((message) => {
      if (generation === this.generation) this.crashed(message);
    });
    this.worker = started.worker;
    this.remote = started.remote;
    return started.ready.then(
      (info) => {
        if (generation === this.generation) {
          this.workerReady = true;
          this.everReady = true;
          const now = performance.now();
          for (const [run, sent] of this.waiting) if (sent === null) this.waiting.set(run, now);
          this.armWatchdog();
          if (this.runWanted) this.send();
        }
        return info;
      },
      (error: unknown) => {
        if (generation === this.generation) this.stopWorker();
        throw error instanceof Error ? error : new Error(String(error));
      },
    );
  }

  private stopWorker(): void {
    this.generation++;
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    this.workerReady = false;
    this.waiting.clear();
    this.latestFinished = true;
    clearTimeout(this.watchdog);
  }

  private crashed(reason: string): void {
    this.stopWorker();
    this.crashes++;
    if (!this.everReady) {
      this.handlers.problem('worker-failed', `The analysis worker could not start (${reason}).`);
      return;
    }
    if (this.crashes > MAX_CRASHES) {
      this.handlers.problem('worker-failed', `The analysis worker keeps stopping (${reason}).`);
      return;
    }
    this.handlers.problem('worker-failed', `The analysis worker stopped unexpectedly (${reason}); it was restarted.`);
    this.runWanted = true;
    this.boot().catch((error: unknown) => this.handlers.problem('worker-failed', String(error)));
  }

  private send(): void {
    clearTimeout(this.debounce);
    this.debounce = undefined;
    const text = this.source.text();
    if (text.length > this.options.maxChars) return this.refuse(text.length);
    this.oversized = false;
    if (!this.remote) return; // no worker now (it could not start): the next boot() sends
    const remote = this.remote;
    const generation = this.generation;
    const run = ++this.latestRun;
    let sync: TextSync;
    if (this.pendingChanges === 'full') sync = { kind: 'full', text };
    else if (this.pendingChanges.length > 0) sync = { kind: 'edits', changes: this.pendingChanges, expectedLength: text.length };
    else sync = { kind: 'unchanged' };
    this.pendingChanges = [];
    this.runWanted = false;
    this.latestFinished = false;
    this.latestStartedAt = null;
    this.waiting.set(run, this.workerReady ? performance.now() : null);
    this.handlers.runStarted(run, this.source.version());
    this.armWatchdog();

    remote.analyse(run, sync, this.selection).then(
      (result) => {
        if (generation !== this.generation) return;
        this.waiting.delete(run);
        if (run === this.latestRun && !this.latestFinished) this.latestStartedAt = performance.now();
        if (result === 'needs-full-text') {
          this.pendingChanges = 'full';
          if (run === this.latestRun) {
            this.runWanted = true;
            this.send();
          }
        }
        this.armWatchdog();
      },
      (error: unknown) => {
        // Before the parser is ready, a failure is the parser's: start() reports it.
        if (generation !== this.generation || !this.workerReady) return;
        this.waiting.delete(run);
        this.pendingChanges = 'full';
        if (run === this.latestRun) {
          this.latestFinished = true;
          this.handlers.problem('run-failed', error instanceof Error ? error.message : String(error));
        }
      },
    );
  }

  /** Leaves an over-long text alone: no run, no budget clock; what the worker still sends is stale. */
  private refuse(length: number): void {
    this.latestRun++;
    this.latestFinished = true;
    this.latestStartedAt = null;
    clearTimeout(this.watchdog);
    // The worker never saw this text: the next run sends the whole text.
    this.pendingChanges = 'full';
    this.runWanted = false;
    this.oversized = true;
    this.handlers.tooLarge(length, this.options.maxChars);
  }

  private receive(event: AnalysisEvent): void {
    // A newer run supersedes this one: its findings describe an older text.
    if (event.run !== this.latestRun) return;
    switch (event.kind) {
      case 'findings':
        this.handlers.findings(event.run, event.findings, event.progress, event.doneLine);
        break;
      case 'done':
        this.finish(event.run);
        this.completedRun = event.run;
        this.crashes = 0;
        this.handlers.runFinished(event.run, event);
        break;
      case 'failed':
        this.finish(event.run);
        this.handlers.problem('run-failed', event.message);
        break;
    }
  }

  private finish(run: number): void {
    this.waiting.delete(run);
    this.latestFinished = true;
    clearTimeout(this.watchdog);
  }

  /** The budget clock runs from the oldest request the worker has not taken up, else from the latest run's start. */
  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    if (this.latestFinished) return;
    const stamped = [...this.waiting.values()].filter((sent): sent is number => sent !== null);
    const since = stamped.length > 0 ? Math.min(...stamped) : this.waiting.size > 0 ? null : this.latestStartedAt;
    if (since === null) return;
    const remaining = since + this.options.budgetMs - performance.now();
    this.watchdog = setTimeout(() => {
      if (this.latestFinished) return;
      this.overBudget();
    }, Math.max(0, remaining));
  }

  private overBudget(): void {
    this.stopWorker();
    this.handlers.problem(
      'budget-exceeded',
      `The analysis took longer than ${formatSeconds(this.options.budgetMs)} and was stopped.`,
    );
    // No automatic rerun: the same text would overrun again. The next edit or settings change retries.
    this.runWanted = false;
    this.boot().catch((error: unknown) => this.handlers.problem('worker-failed', String(error)));
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}
