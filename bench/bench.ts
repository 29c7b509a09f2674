/**
 * `npm run bench`: speed and memory of the engine on CPython's test suite, with ruff's WebAssembly
 * build as the reference, all measured side by side in one process. Writes bench/results/latest.{md,json}.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { createEngine } from '../src/engine';
import { cpythonTestDir, largestFile, pythonFiles, read } from './corpus';
import { fmt, stat, time, type Stat } from './stats';
import { browserBench } from './browser';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 15);
const require = createRequire(import.meta.url);

const engine = await createEngine();
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(new URL('../public/wasm/tree-sitter-python.wasm', import.meta.url)));

const files = pythonFiles(cpythonTestDir());
const largest = largestFile(files);
const source = read(largest);
const lines = source.split('\n').length;

function repeat(action: () => void, runs = REPEAT): Stat {
  for (let i = 0; i < 3; i++) action(); // warm up
  return stat(Array.from({ length: runs }, () => time(action)));
}

/** Two measures taken turn about, so that both see the same machine (these machines are shared and noisy). */
function sideBySide(a: () => void, b: () => void, runs = REPEAT): [Stat, Stat] {
  for (let i = 0; i < 3; i++) {
    a();
    b();
  }
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < runs; i++) {
    first.push(time(a));
    second.push(time(b));
  }
  return [stat(first), stat(second)];
}

// 1. Cold, whole file: a bare parse vs. parse + every default rule.
const [bareParse, fullCheck] = sideBySide(
  () => parser.parse(source)!.delete(),
  () => engine.check(source),
);

// 2. Typing: one character inserted in the middle, until the complete findings are there, vs. ruff.
const doc = engine.open(source);
doc.findings();
const middle = source.indexOf('\n', Math.floor(source.length / 2)) + 1;
let typed = 0;
const typeOne = (): void => {
  // Alternate insert and delete so the text stays the same size.
  if (typed++ % 2 === 0) doc.edit(middle, middle, '#');
  else doc.edit(middle, middle + 1, '');
};
let typing: Stat;
let ruff: Stat | null = null;
let ruffVersion = 'not installed';
try {
  const wasm = require('@astral-sh/ruff-wasm-nodejs') as typeof import('@astral-sh/ruff-wasm-nodejs');
  const workspace = new wasm.Workspace({ lint: { select: ['PT', 'S', 'B'] } }, wasm.PositionEncoding.Utf16);
  ruffVersion = wasm.Workspace.version();
  [typing, ruff] = sideBySide(typeOne, () => workspace.check(source));
} catch (error) {
  console.error(`ruff reference unavailable: ${String(error)}`);
  typing = repeat(typeOne);
}
const lastRun = doc.lastRun;
doc.dispose();

// 3. The whole corpus, file by file, single thread, in this process (the engine alone, no CLI).
const corpusStart = performance.now();
let findings = 0;
for (const file of files) findings += engine.check(read(file)).length;
const corpusMs = performance.now() - corpusStart;

// 4. The command line over the whole folder, one thread vs. every core (worker threads), run turn about.
// Each run is the CLI's own process (`node --import tsx src/cli/bin.ts`, no npm/tsx wrapper processes),
// with memory-probe.ts preloaded to record the process's peak resident memory, worker threads included.
// The reference for the ratio: as many single-thread runs at once as there are cores, against one run
// alone. That is what the machine gives this kind of work when every core is busy (shared caches and
// memory bandwidth, other jobs): no pool can do better than that share of one run per core.
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3);
const cores = availableParallelism();
const cliEntry = new URL('../src/cli/bin.ts', import.meta.url).pathname;
const memoryProbe = new URL('./memory-probe.ts', import.meta.url).href;
const corpusDir = cpythonTestDir();
interface CliRun {
  ms: number;
  peakRssMb: number;
  stdout: string;
}
let cliRunCount = 0;
function cliRun(threads: number): Promise<CliRun> {
  const rssFile = join(tmpdir(), `testsniff-bench-rss-${process.pid}-${cliRunCount++}`);
  const env = { ...process.env, TESTSNIFF_THREADS: String(threads), TESTSNIFF_PEAK_RSS_FILE: rssFile };
  const start = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', memoryProbe, cliEntry, '--format', 'json', corpusDir], { env });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      if (code !== 0 && code !== 1) reject(new Error(`CLI run failed (${code}): ${Buffer.concat(stderr).toString()}`));
      else resolve({ ms, peakRssMb: Number(readFileSync(rssFile, 'utf8')), stdout: Buffer.concat(stdout).toString() });
      rmSync(rssFile, { force: true });
    });
  });
}
const loadBefore = loadavg()[0]!;
const cliSingle: CliRun[] = [];
const cliPooled: CliRun[] = [];
const machineShares: number[] = [];
for (let i = 0; i < CLI_RUNS; i++) {
  cliSingle.push(await cliRun(1));
  cliPooled.push(await cliRun(cores));
  const together = await Promise.all(Array.from({ length: cores }, () => cliRun(1)));
  machineShares.push(Math.max(...together.map((run) => run.ms)) / cores / cliSingle[i]!.ms);
}
const loadAfter = loadavg()[0]!;
if (cliPooled.some((run) => run.stdout !== cliSingle[0]!.stdout)) throw new Error('The CLI printed different reports on one thread and on all cores');
const cliSingleStat = stat(cliSingle.map((run) => run.ms));
const cliPooledStat = stat(cliPooled.map((run) => run.ms));
const machineShare = stat(machineShares).median;
const peakRss = { singleThread: Math.max(...cliSingle.map((run) => run.peakRssMb)), allCores: Math.max(...cliPooled.map((run) => run.peakRssMb)) };

// 5. The browser: the built site in Chromium (skipped when it is not installed).
const browserResults = process.env.BENCH_BROWSER === '0' ? null : await browserBench(cpythonTestDir());

const results = {
  date: new Date().toISOString(),
  corpus: { files: files.length, largest, largestLines: lines, findings },
  coldMs: { parse: bareParse, check: fullCheck, ratio: fullCheck.median / bareParse.median },
  typingMs: { edit: typing, ruff, ruffVersion, ratio: ruff ? typing.median / ruff.median : null, lastRun },
  corpusSingleThreadMs: corpusMs,
  cliFolderMs: {
    singleThread: cliSingleStat,
    allCores: cliPooledStat,
    cores,
    ratio: cliPooledStat.median / cliSingleStat.median,
    /** `cores` single-thread runs at once, the last to finish, over `cores` times one run alone (median). */
    machineShare,
    loadAverage: { before: loadBefore, after: loadAfter },
  },
  /** The CLI process's peak resident memory over the whole folder (VmHWM), the highest of its runs. */
  peakRssMb: peakRss,
  browser: browserResults,
};

const browserRows = browserResults
  ? [
      `| Browser: cold load to first markers (localhost preview) | ${fmt(browserResults.firstMarkersMs)} | | | <= 1000 ms |`,
      `| Browser: typing ${browserResults.typing.keystrokes} keys into a ${browserResults.typing.lines}-line file, keystroke to findings current | ${fmt(browserResults.typing.keystrokeToReadyMs)} | | | |`,
      `| Browser: main-thread long tasks while typing (any cause: editor, saving, analysis) | ${browserResults.typing.longTasks} (longest ${browserResults.typing.longestTaskMs.toFixed(0)} ms) | | | |`,
      `| Browser: longest main-thread update caused by a keystroke's findings | ${browserResults.typing.longestFindingsRenderMs.toFixed(0)} ms | | | <= 50 ms |`,
    ]
  : ['| Browser | not measured (Chromium not installed, or BENCH_BROWSER=0) | | | |'];

const table = [
  `# testsniff benchmark (${results.date})`,
  '',
  `Corpus: CPython test suite, ${files.length} files; typing case: \`${largest.split('/').pop()}\` (${lines} lines). Medians of ${REPEAT} runs, (min-max), ms.`,
  '',
  '| Measure | testsniff | Reference | Ratio | Target |',
  '|---|---|---|---|---|',
  `| Cold whole file: check vs bare parse | ${fmt(fullCheck)} | parse ${fmt(bareParse)} | ${results.coldMs.ratio.toFixed(2)}x | <= 1.3x |`,
  `| Typing: doc.edit of 1 char vs ruff full lint (PT,S,B)${lastRun ? ` (${lastRun.kind}: ${lastRun.analysed} statements analysed, ${lastRun.reused} reused; in the edited class ${lastRun.reusedMembers} members reused)` : ''} | ${fmt(typing)} | ruff ${ruff ? fmt(ruff) : 'n/a'} | ${results.typingMs.ratio?.toFixed(2) ?? 'n/a'}x | <= 0.33x |`,
  `| Corpus, single thread (${findings} findings) | ${corpusMs.toFixed(0)} | | | |`,
  `| CLI over the folder: all ${cores} cores vs 1 thread (${CLI_RUNS} runs each, turn about; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after) | ${fmt(cliPooledStat)} | 1 thread ${fmt(cliSingleStat)} | ${results.cliFolderMs.ratio.toFixed(2)}x (machine: ${cores} single-thread runs at once ${machineShare.toFixed(2)}x) | <= 0.65x |`,
  `| CLI peak RSS over the folder (process incl. worker threads, highest of ${CLI_RUNS} runs) | all cores ${peakRss.allCores.toFixed(0)} MB | 1 thread ${peakRss.singleThread.toFixed(0)} MB | | <= 300 MB |`,
  ...browserRows,
  '',
].join('\n');

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
writeFileSync(new URL('./results/latest.md', import.meta.url), table);
console.log(table);
