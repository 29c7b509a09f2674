/**
 * `npm run fuzz`: the long fuzz run over the engine (not part of `npm test`). Generated Python-like text,
 * mutated slices of real test files and random edit sessions, checked for: no exception, ranges inside the
 * document, deterministic output, incremental equals fresh, explain and the syntax tree working.
 *
 *   FUZZ_CASES=100000  how many cases (default 100,000)
 *   FUZZ_SEED=1234     the seed (default: from the clock; printed, so any run can be replayed)
 *   FUZZ_PATH=...      with FUZZ_SEED: replay one failure's shrunk counterexample (printed on failure)
 *   FUZZ_REPORT=0      do not rewrite docs/robustness.md
 *
 * Cases run in chunks, each with its own seed (FUZZ_SEED + chunk number), so progress can be printed and a
 * failure replayed without re-running the chunks before it.
 */
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createEngine } from '../src/engine';
import { fuzzCase, realTestFiles, type CaseSizes } from '../test/engine/fuzz/arbitraries';
import { checkCase, describeCase } from '../test/engine/fuzz/properties';

const CHUNK = 500;
/** Small enough that 100,000 cases finish within the hour on a loaded 2-core machine. */
const SIZES: CaseSizes = { textLines: 25, sliceLines: 80, steps: 5 };
const REPORT = 'docs/robustness.md';

const cases = Number(process.env.FUZZ_CASES ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const replayPath = process.env.FUZZ_PATH;
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed)) {
  console.error('FUZZ_CASES must be a positive integer and FUZZ_SEED an integer');
  process.exit(2);
}

const engine = await createEngine();
const corpus = realTestFiles();
const property = fc.asyncProperty(fuzzCase(SIZES), (fuzz) => checkCase(engine, fuzz, 1));

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

interface Failure {
  seed: number;
  path: string;
  error: string;
  counterexample: string;
}

async function runChunk(chunkSeed: number, numRuns: number, path?: string): Promise<Failure | null> {
  const details = await fc.check(property, { seed: chunkSeed, numRuns, path, endOnFailure: false });
  if (!details.failed) return null;
  const [fuzz] = details.counterexample ?? [];
  return {
    seed: chunkSeed,
    path: details.counterexamplePath ?? '',
    error: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
    counterexample: fuzz ? describeCase(fuzz) : '(none)',
  };
}

function printFailure(failure: Failure): void {
  console.error('\nFAILED');
  console.error(`  ${failure.error.split('\n').join('\n  ')}`);
  console.error(`\nShrunk counterexample:\n${failure.counterexample}`);
  console.error(`\nReplay: FUZZ_SEED=${failure.seed} FUZZ_PATH=${failure.path} FUZZ_REPORT=0 npm run fuzz`);
}

if (replayPath !== undefined) {
  const failure = await runChunk(seed, 1, replayPath);
  if (failure) printFailure(failure);
  else console.log('The counterexample passes now.');
  process.exit(failure ? 1 : 0);
}

console.log(`Fuzzing the engine: ${cases} cases, seed ${seed}, ${corpus.length} real test files, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`);
const started = Date.now();
let done = 0;
let failure: Failure | null = null;
for (let chunk = 0; done < cases; chunk++) {
  const numRuns = Math.min(CHUNK, cases - done);
  failure = await runChunk(seed + chunk, numRuns);
  if (failure) break;
  done += numRuns;
  const elapsed = Date.now() - started;
  const rate = done / (elapsed / 1000);
  console.log(`${String(done).padStart(7)}/${cases} cases  ${seconds(elapsed)}  ${rate.toFixed(0)} cases/s  eta ${seconds(((cases - done) / rate) * 1000)}`);
}
const duration = Date.now() - started;

if (failure) printFailure(failure);
else console.log(`\nAll ${done} cases passed in ${seconds(duration)} (seed ${seed}).`);

if (process.env.FUZZ_REPORT !== '0') {
  const lastRun = [
    `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- Cases: ${done}${failure ? ` passed before a failure (of ${cases} asked)` : ''}`,
    `- Seed: ${seed} (chunks of ${CHUNK} cases use seeds ${seed}, ${seed + 1}, ...)`,
    `- Duration: ${seconds(duration)} (${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end)`,
    `- Sizes: generated texts up to ${SIZES.textLines} lines, real-file slices up to ${SIZES.sliceLines} lines, edit sessions up to ${SIZES.steps} steps`,
    `- Result: ${failure ? `FAILED: ${failure.error.split('\n')[0]} (replay: FUZZ_SEED=${failure.seed} FUZZ_PATH=${failure.path} npm run fuzz)` : 'all passed'}`,
  ].join('\n');
  const report = readFileSync(REPORT, 'utf8');
  const updated = report.replace(/(<!-- fuzz:last-run -->\n)[\s\S]*?(\n<!-- \/fuzz:last-run -->)/, `$1${lastRun}$2`);
  if (updated === report && !report.includes(lastRun)) console.error(`${REPORT} has no last-run markers; not updated`);
  else writeFileSync(REPORT, updated);
}
process.exit(failure ? 1 : 0);
