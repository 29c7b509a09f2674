/** A worker thread of the CLI's pool: its own engine, checking the files it is handed one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine, type Settings } from '../engine';
import { checkFile, ReadError } from './check-file';

const { settings } = workerData as { settings: Settings };
const engine = await createEngine();
const port = parentPort!;

port.on('message', async (message: { index: number; path: string }) => {
  try {
    port.postMessage({ index: message.index, report: await checkFile(engine, message.path, settings) });
  } catch (error) {
    port.postMessage({ index: message.index, error: error instanceof Error ? error.message : String(error), readError: error instanceof ReadError });
  }
});
port.postMessage({ ready: true });
