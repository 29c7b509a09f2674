import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine';
import { checkFile, ReadError } from '../../src/cli/check-file';
import { claimNext, WorkerPool } from '../../src/cli/pool';
import type { FileReport } from '../../src/engine/report';

const SLEEPY = 'import time\n\ndef test_wait():\n    time.sleep(1)\n    assert True\n';

/** Checks `files` with a pool of `threads` analysing threads (this one included). */
function checkInPool(files: readonly string[], threads: number): Promise<FileReport[]> {
  return new WorkerPool(threads - 1).check(files, {}, engine);
}

let engine: Engine;
let root: string;
let paths: string[];

beforeAll(async () => {
  engine = await createEngine();
  root = await mkdtemp(join(tmpdir(), 'testsniff-pool-'));
  paths = [];
  // Sizes differ so that the largest-first order differs from the input order.
  // More than the CLI's threshold for starting threads (16 files).
  for (let i = 0; i < 20; i++) {
    const path = join(root, `test_${i}.py`);
    await writeFile(path, SLEEPY + '\n# padding\n'.repeat((i * 7) % 12) + (i % 3 === 0 ? 'def test_empty():\n    pass\n' : ''));
    paths.push(path);
  }
});

describe('the CLI thread pool', () => {
  it('returns one report per path, in the order of the paths, equal to checking them one by one', async () => {
    const expected = paths.map((path) => checkFile(engine, path, {}));
    for (const threads of [2, 3]) expect(await checkInPool(paths, threads)).toEqual(expected);
  }, 60_000);

  it('reports a path given twice twice', async () => {
    const twice = [paths[1]!, paths[0]!, paths[1]!];
    const reports = await checkInPool(twice, 2);
    expect(reports.map((report) => report.path)).toEqual(twice);
    expect(reports[2]).toEqual(reports[0]);
  }, 60_000);

  it('fails with the read error of the first unreadable path, as a single-thread run does', async () => {
    const missing = join(root, 'gone', 'test_missing.py');
    const alsoMissing = join(root, 'gone', 'test_also_missing.py');
    await expect(checkInPool([...paths, missing], 2)).rejects.toThrow(ReadError);
    await expect(checkInPool([missing, ...paths, alsoMissing], 3)).rejects.toThrow(/test_missing\.py: cannot read/);
    await expect(checkInPool([alsoMissing, ...paths, missing], 3)).rejects.toThrow(/test_also_missing\.py: cannot read/);
  }, 60_000);

  it('checks one list of files per pool', async () => {
    const pool = new WorkerPool(1);
    await pool.check(paths.slice(0, 2), {}, engine);
    await expect(pool.check(paths.slice(0, 2), {}, engine)).rejects.toThrow(/one list/);
  }, 60_000);

  it('prints the same report from `npm run check` on a folder, with workers started early, as on one thread', async () => {
    const run = (threads: string) =>
      promisify(execFile)('npm', ['run', '--silent', 'check', '--', '--format', 'json', root], { env: { ...process.env, TESTSNIFF_THREADS: threads } }).catch(
        (error: { code: number; stdout: string }) => error,
      );
    const [single, pooled] = await Promise.all([run('1'), run('2')]);
    expect('code' in single ? single.code : 0).toBe(1);
    expect(pooled.stdout).toBe(single.stdout);
    expect(JSON.parse(pooled.stdout).files).toHaveLength(paths.length);
  }, 120_000);

  it('runs under the benchmark memory probe (a preload the workers must not inherit) with the same report', async () => {
    const rssFile = join(root, 'peak-rss');
    const cli = (threads: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', '--import', new URL('../../bench/memory-probe.ts', import.meta.url).href, new URL('../../src/cli/bin.ts', import.meta.url).pathname, '--format', 'json', root], {
        env: { ...process.env, TESTSNIFF_THREADS: threads, TESTSNIFF_PEAK_RSS_FILE: rssFile },
      }).catch((error: { code: number; stdout: string }) => error);
    const single = await cli('1');
    const pooled = await cli('2');
    expect(pooled.stdout).toBe(single.stdout);
    expect(JSON.parse(pooled.stdout).files).toHaveLength(paths.length);
    expect(Number(await readFile(rssFile, 'utf8'))).toBeGreaterThan(0);
  }, 120_000);

  it('hands out each position once and then only the end', () => {
    const claim = new Int32Array(new SharedArrayBuffer(4));
    expect([0, 1, 2, 3, 4].map(() => claimNext(claim, 3))).toEqual([0, 1, 2, 3, 3]);
    expect(Atomics.load(claim, 0)).toBe(3);
  });
});
