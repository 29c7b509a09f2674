/**
 * Checks many files on every core: worker threads, each with its own engine, pull the next file as soon
 * as they finish one (files differ in size by orders of magnitude, so static splitting would idle cores).
 * Reports come back in the order of the input paths.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Settings } from '../engine';
import type { FileReport } from '../engine/report';
import { ReadError } from './check-file';

type Reply = { ready: true } | { index: number; report: FileReport } | { index: number; error: string; readError: boolean };

export function poolSize(fileCount: number): number {
  const fromEnv = Number(process.env.TESTSNIFF_THREADS);
  const cores = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism();
  return Math.max(1, Math.min(cores, fileCount));
}

export async function checkInPool(paths: readonly string[], settings: Settings, threads: number): Promise<FileReport[]> {
  const reports: FileReport[] = new Array(paths.length);
  const order = largestFirst(paths);
  let next = 0;
  let failure: Error | null = null;
  const entry = new URL(`./pool-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  const bootstrap = new URL('./pool-bootstrap.mjs', import.meta.url);
  const workers = Array.from({ length: threads }, () => new Worker(bootstrap, { workerData: { settings, entry } }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (failure || next >= paths.length) {
                resolve();
                return;
              }
              const index = order[next++]!;
              worker.postMessage({ index, path: paths[index] });
            };
            worker.on('message', (reply: Reply) => {
              if ('ready' in reply) return feed();
              if ('error' in reply) {
                failure ??= reply.readError ? new ReadError(reply.error) : new Error(reply.error);
                return resolve();
              }
              reports[reply.index] = reply.report;
              feed();
            });
            worker.on('error', reject);
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  if (failure) throw failure;
  return reports;
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
