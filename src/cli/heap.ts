/**
 * Keeps the CLI's memory near what it uses. Checking a file leaves almost only garbage: the live V8 heap
 * stays at 10-20 MB over CPython's whole test suite, yet with V8's defaults each analysing thread's heap
 * grew to 80-135 MB (a 32 MB young generation, and an old generation let grow far past the live size,
 * further when the machine is busy and concurrent marking lags), which put two threads at 310-380 MB
 * resident. With these limits two threads stay near 280 MB; the extra collections cost about 1% of the
 * time (garbage collection pauses over the suite: 0.9 s by default, 1.2 s with these limits).
 */
import { setFlagsFromString } from 'node:v8';
import type { ResourceLimits } from 'node:worker_threads';

/** For the pool's workers: a 24 MB young generation (8 MB semi-spaces instead of 16). */
export const WORKER_RESOURCE_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 24 };

/**
 * Once, at the start of the CLI process: grow the old generation by 30% past the live size after a full
 * collection, in every thread. (The young generation of the main thread is fixed when the process
 * starts; V8 reads this flag whenever it sizes the old generation.)
 */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=30');
}
