/** Reading and checking one file: shared by the main thread and the pool's workers. */
import { readFileSync } from 'node:fs';
import type { Engine, Settings } from '../engine';
import type { FileReport } from '../engine/report';

export class ReadError extends Error {}

export function decodeSource(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  // Editors hide the byte-order mark, and so do positions: drop it.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Synchronous on purpose: an asynchronous read waits for a thread of libuv's pool per file, and on a busy
 * machine those waits added up to seconds of idle time over a folder of hundreds of files.
 */
export function checkFile(engine: Engine, path: string, settings: Settings): FileReport {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ReadError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const analysis = engine.analyze(decodeSource(bytes), settings);
  return { path, parseErrors: analysis.parseErrors.length, findings: analysis.findings };
}
