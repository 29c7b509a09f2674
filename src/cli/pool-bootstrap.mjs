// Starts a pool worker. Under `npm run check` the sources are TypeScript run through tsx, whose loader
// does not carry over to worker threads by itself: register it here first, then load the real worker.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
