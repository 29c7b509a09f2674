/**
 * Preloaded into the CLI by bench.ts (`node --import tsx --import ./bench/memory-probe.ts src/cli/bin.ts ...`):
 * when the process exits, writes its peak resident memory in MB, worker threads included, to the file
 * named by TESTSNIFF_PEAK_RSS_FILE.
 *
 * It reads VmHWM, the high-water mark of this process's own memory, rather than getrusage's maxRSS: on
 * Linux a spawned child's maxRSS starts at its parent's resident size (the forked copy of the parent is
 * counted before exec replaces it), so a probe spawned by a 400 MB benchmark process reported 400 MB
 * whatever it did itself. That, not CPU load, is why the earlier in-process probe said 429 MB in the
 * full benchmark run and 204 MB when run alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

function peakRssMb(): number {
  try {
    const kilobytes = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kilobytes) return Number(kilobytes) / 1024;
  } catch {
    // Not Linux: fall through to getrusage (in kilobytes), subject to the caveat above.
  }
  return process.resourceUsage().maxRSS / 1024;
}

const target = process.env.TESTSNIFF_PEAK_RSS_FILE;
// (Worker threads that inherit this preload must not write: the process's figure is the main thread's.)
if (target && isMainThread) process.on('exit', () => writeFileSync(target, String(peakRssMb())));
