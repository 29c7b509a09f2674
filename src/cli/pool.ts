/**
 * Checks many files on every core. The main thread, whose engine is loaded anyway, is one of the
 * analysers; worker threads, each with its own engine, are the others. Files are handed out largest
 * first through a counter in shared memory: each analyser claims the next file the moment it is free,
 * without a message round trip and without waiting for the main thread (which is busy analysing).
 *
 * Workers can be started before the main thread has loaded its own modules (see bin.ts): a worker's
 * start-up (its modules, its engine) then runs on a core that would otherwise idle.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Engine, Settings } from '../engine';
import type { FileReport } from '../engine/report';
import { checkFile } from './check-file';
import { WORKER_RESOURCE_LIMITS } from './heap';

/** What the pool's workers are started with (see pool-worker.ts). */
export interface PoolStart {
  entry: string;
}

/** The work, posted to every worker once the files are known. */
export interface PoolJob {
  settings: Settings;
  /** The files, in the order they are handed out. */
  paths: string[];
  /** Element 0: the position in `paths` of the next file to claim (`Atomics.add`). */
  claim: Int32Array;
}

/** A worker's message for each file it checked (no report when checking threw). It exits after the last. */
export interface PoolReply {
  position: number;
  report: FileReport | null;
}

/** Analysing threads, the main thread included: TESTSNIFF_THREADS, or one per core; at most one per file. */
export function poolSize(fileCount: number): number {
  const fromEnv = Number(process.env.TESTSNIFF_THREADS);
  const cores = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism();
  return Math.max(1, Math.min(cores, fileCount));
}

/** The position of the next unclaimed file, or one past the end when there is none left. */
export function claimNext(claim: Int32Array, count: number): number {
  // Compare before adding: the counter never runs past `count` by more than the number of analysers.
  return Atomics.load(claim, 0) >= count ? count : Math.min(Atomics.add(claim, 0, 1), count);
}

export class WorkerPool {
  private readonly workers: Worker[];
  /** Settles when the worker has exited, however early: check() may come after a failed start. */
  private readonly exits: Promise<void>[];
  private used = false;

  /** Starts `count` workers; each loads its engine, then waits for the files. */
  constructor(count: number) {
    const entry = new URL(`./pool-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
    const bootstrap = new URL('./pool-bootstrap.mjs', import.meta.url);
    const start: PoolStart = { entry };
    // No `execArgv` of this process: its preloads (`--import ...`) would run again in each worker, where a
    // TypeScript one fails before pool-bootstrap.mjs has registered tsx.
    this.workers = Array.from({ length: count }, () => new Worker(bootstrap, { workerData: start, execArgv: [], resourceLimits: WORKER_RESOURCE_LIMITS }));
    // A worker that fails to start is not an error of the run: the main thread checks its share.
    this.exits = this.workers.map((worker) => new Promise<void>((resolve) => worker.on('error', () => {}).once('exit', () => resolve())));
  }

  /**
   * Checks `paths` on the workers and on this thread, with `engine`. A file that could not be checked on
   * a worker (an error, or the worker died) is checked again here at the end, in path order: so a run
   * fails with the same error as a single-thread run. A pool checks one list of files.
   */
  async check(paths: readonly string[], settings: Settings, engine: Engine): Promise<FileReport[]> {
    if (this.used) throw new Error('A worker pool checks one list of files');
    this.used = true;
    const order = largestFirst(paths);
    const job: PoolJob = { settings, paths: order.map((index) => paths[index]!), claim: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) };
    const count = job.paths.length;
    const reports: (FileReport | null)[] = new Array(count).fill(null);
    // When this thread runs out of files, it waits only for the files the workers claimed: a worker still
    // starting up, with nothing claimed, is not waited for (on a small folder this thread may check all).
    let mine = 0;
    let received = 0;
    let running = this.workers.length;
    let ownShareDone = false;
    let settle = (): void => {};
    const allIn = new Promise<void>((resolve) => (settle = resolve));
    const update = (): void => {
      if (running === 0 || (ownShareDone && received === count - mine)) settle();
    };
    this.workers.forEach((worker, index) => {
      worker.on('message', (reply: PoolReply) => {
        reports[reply.position] = reply.report;
        received++;
        update();
      });
      void this.exits[index]!.then(() => {
        running--;
        update();
      });
      worker.postMessage(job);
    });
    try {
      // This thread's share. The workers' reports wait in the message queue until it is done.
      for (let position = claimNext(job.claim, count); position < count; position = claimNext(job.claim, count)) {
        mine++;
        try {
          reports[position] = checkFile(engine, job.paths[position]!, settings);
        } catch {
          // Checked again below.
        }
      }
      ownShareDone = true;
      update();
      await allIn;
    } finally {
      await this.close();
    }
    const inPathOrder: (FileReport | null)[] = new Array(paths.length);
    order.forEach((index, position) => (inPathOrder[index] = reports[position]!));
    return inPathOrder.map((report, index) => report ?? checkFile(engine, paths[index]!, settings));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/**
 * Indices of `paths`, largest file first: a big file handed out last would keep one core busy while the
 * others idle. (Unreadable files sort last; their error is reported when they are checked.)
 */
function largestFirst(paths: readonly string[]): number[] {
  const sizes = paths.map((path) => {
    try {
      return statSync(path).size;
    } catch {
      return -1;
    }
  });
  return paths.map((_, index) => index).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
}
