/**
 * `npm run bench`: speed and memory of the engine on CPython's test suite, with ruff's WebAssembly
 * build as the reference, all measured side by side in one process. Writes bench/results/latest.{md,json}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
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

// 3. The whole corpus, file by file, single thread: time here; peak resident memory in a fresh process
// of its own (this one also holds ruff and a second parser).
const corpusStart = performance.now();
let findings = 0;
for (const file of files) findings += engine.check(read(file)).length;
const corpusMs = performance.now() - corpusStart;
const probe = spawnSync(process.execPath, ['--import', 'tsx', new URL('./memory-probe.ts', import.meta.url).pathname, cpythonTestDir()], { encoding: 'utf8' });
const peakRss = (JSON.parse(probe.stdout.trim().split('\n').pop() ?? '{}') as { peakRssMb?: number }).peakRssMb ?? NaN;

// 4. The command line over the whole folder: one thread vs. every core (worker threads).
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3);
function cliRun(threads: string | undefined): number {
  const env = { ...process.env };
  if (threads) env.TESTSNIFF_THREADS = threads;
  else delete env.TESTSNIFF_THREADS;
  const start = performance.now();
  spawnSync('npm', ['run', '--silent', 'check', '--', '--format', 'json', cpythonTestDir()], { env, stdio: 'ignore' });
  return performance.now() - start;
}
const cliSingle: number[] = [];
const cliPooled: number[] = [];
for (let i = 0; i < CLI_RUNS; i++) {
  cliSingle.push(cliRun('1'));
  cliPooled.push(cliRun(undefined));
}
const cliSingleStat = stat(cliSingle);
const cliPooledStat = stat(cliPooled);

// 5. The browser: the built site in Chromium (skipped when it is not installed).
const browserResults = process.env.BENCH_BROWSER === '0' ? null : await browserBench(cpythonTestDir());

const results = {
  date: new Date().toISOString(),
  corpus: { files: files.length, largest, largestLines: lines, findings },
  coldMs: { parse: bareParse, check: fullCheck, ratio: fullCheck.median / bareParse.median },
  typingMs: { edit: typing, ruff, ruffVersion, ratio: ruff ? typing.median / ruff.median : null, lastRun },
  corpusSingleThreadMs: corpusMs,
  cliFolderMs: { singleThread: cliSingleStat, allCores: cliPooledStat, cores: availableParallelism(), ratio: cliPooledStat.median / cliSingleStat.median },
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
  `| Typing: doc.edit of 1 char vs ruff full lint (PT,S,B)${lastRun ? ` (${lastRun.kind}: ${lastRun.analysed} statements analysed, ${lastRun.reused} reused)` : ''} | ${fmt(typing)} | ruff ${ruff ? fmt(ruff) : 'n/a'} | ${results.typingMs.ratio?.toFixed(2) ?? 'n/a'}x | <= 0.33x |`,
  `| Corpus, single thread (${findings} findings) | ${corpusMs.toFixed(0)} | | | |`,
  `| CLI over the folder: all ${availableParallelism()} cores vs 1 thread (${CLI_RUNS} runs) | ${fmt(cliPooledStat)} | 1 thread ${fmt(cliSingleStat)} | ${results.cliFolderMs.ratio.toFixed(2)}x | <= 0.65x |`,
  `| Peak RSS over the corpus | ${results.peakRssMb.toFixed(0)} MB | | | <= 300 MB |`,
  ...browserRows,
  '',
].join('\n');

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
writeFileSync(new URL('./results/latest.md', import.meta.url), table);
console.log(table);
