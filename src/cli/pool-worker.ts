/**
 * A worker thread of the CLI's pool: loads its own engine, waits for the job (the files and settings),
 * then claims files from the shared counter until none are left, posting one report per file (findings
 * only: the text stays here), and exits.
 */
import { parentPort } from 'node:worker_threads';
import { createEngine } from '../engine';
import type { FileReport } from '../engine/report';
import { checkFile } from './check-file';
import { claimNext, type PoolJob, type PoolReply } from './pool';

const port = parentPort!;
const post = (reply: PoolReply): void => port.postMessage(reply);
const engine = await createEngine();

// Messages posted before this listener existed are queued for it.
port.once('message', ({ settings, paths, claim }: PoolJob) => {
  for (let position = claimNext(claim, paths.length); position < paths.length; position = claimNext(claim, paths.length)) {
    let report: FileReport | null = null;
    try {
      report = checkFile(engine, paths[position]!, settings);
    } catch {
      // The main thread checks the file again and reports the error, as a single-thread run would.
    }
    post({ position, report });
  }
  // No listener is left: the worker exits.
});
