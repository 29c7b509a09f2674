/** Entry point of `npm run check`: runs the command line and sets the exit status. */
import { statSync } from 'node:fs';
import { parseArgs } from './args';
import { limitHeapGrowth } from './heap';
import { poolSize, WorkerPool } from './pool';

/**
 * For a folder, the pool's workers start before this thread loads the engine's modules (below): their
 * own start-up then runs on the cores this thread leaves idle meanwhile. (A folder of few files closes
 * them unused.)
 */
function startPoolEarly(argv: readonly string[]): WorkerPool | undefined {
  try {
    const options = parseArgs(argv);
    const threads = poolSize(Number.POSITIVE_INFINITY);
    if (options.help || options.version || threads < 2) return undefined;
    return options.paths.some((path) => statSync(path, { throwIfNoEntry: false })?.isDirectory()) ? new WorkerPool(threads - 1) : undefined;
  } catch {
    return undefined;
  }
}

limitHeapGrowth();
const argv = process.argv.slice(2);
const pool = startPoolEarly(argv);
const { EXIT_ERROR, run } = await import('./main');

run(
  argv,
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
  pool,
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`testsniff: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
