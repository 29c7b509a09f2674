/**
 * Starts the analysis worker, and the page's first one as early as the page can: vite.config.ts builds
 * this module as a small script of its own that index.html runs `async`, before the page's main script
 * has arrived. The worker then loads its parser while the rest of the page (the editor above all) is
 * still being fetched and evaluated. Starting a worker needs a turn of the page's main thread, which
 * the editor's evaluation would otherwise hold for a long while.
 */
import './trusted-types';
import * as Comlink from 'comlink';
import { WASM_PATHS, type AnalysisEvent, type AnalysisWorkerApi, type WasmUrls, type WorkerInfo } from '../worker/protocol';

export interface StartedWorker {
  worker: Worker;
  remote: Comlink.Remote<AnalysisWorkerApi>;
  /** Resolves with the engine's rules once the parser is loaded. */
  ready: Promise<WorkerInfo>;
  /** Where the worker's analysis events go (one handler; events only follow runs, so none is missed). */
  onEvent(handler: (event: AnalysisEvent) => void): void;
  /** Where a failure of the worker's script goes; one that happened before is handed over at once. */
  onError(handler: (message: string) => void): void;
}

export function wasmUrls(): WasmUrls {
  const base = new URL(import.meta.env.BASE_URL, document.baseURI);
  return {
    runtimeWasm: new URL(WASM_PATHS.runtimeWasm, base).href,
    grammarWasm: new URL(WASM_PATHS.grammarWasm, base).href,
  };
}

export function startWorker(wasm: WasmUrls): StartedWorker {
  const worker = new Worker(new URL('../worker/analysis.worker.ts', import.meta.url), { type: 'module', name: 'testsniff-analysis' });
  let eventHandler: ((event: AnalysisEvent) => void) | null = null;
  let errorHandler: ((message: string) => void) | null = null;
  let failure: string | null = null;
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    failure = event.message || 'the worker script failed';
    errorHandler?.(failure);
  });
  const remote = Comlink.wrap<AnalysisWorkerApi>(worker);
  const ready = remote.init(wasm, Comlink.proxy((event: AnalysisEvent) => eventHandler?.(event)));
  // A failure is reported by whoever awaits `ready`, not as an unhandled rejection before that.
  ready.catch(() => undefined);
  return {
    worker,
    remote,
    ready,
    onEvent: (handler) => (eventHandler = handler),
    onError(handler) {
      errorHandler = handler;
      if (failure !== null) handler(failure);
    },
  };
}

let first: StartedWorker | null = startWorker(wasmUrls());

/** The worker started with the page, handed out once (a restarted worker is a fresh one). */
export function takeFirstWorker(): StartedWorker | null {
  const worker = first;
  first = null;
  return worker;
}
