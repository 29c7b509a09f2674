/**
 * The browser half of `npm run bench`: the built site in Debian's Chromium.
 *   - cold load: navigation to the first markers on screen (the page's `testsniff:first-markers` mark);
 *   - typing into a 30,000-line file: main-thread long tasks (PerformanceObserver 'longtask') while a user
 *     types a line in the middle of it, and how long each keystroke takes until the findings are current.
 * Returns null when Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import type { Page, Worker as PwWorker } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium, openWatchedPage } from '../test/e2e/support/browser';
import { focusEditor, waitUntilReady } from '../test/e2e/support/playground';
import { buildAndServe } from '../test/e2e/support/site';
import { pythonFiles, read } from './corpus';
import { stat, type Stat } from './stats';

/**
 * The stages of a cold load, in ms since navigation (page and analysis worker marks, `testsniff:*`):
 * the page's code ran, the editor's code was evaluated, the editor was created, the worker's parser was
 * loaded and its first run done, the page got the first findings, and the first markers were set.
 */
export const COLD_LOAD_STAGES = [
  'main-start',
  'workbench-loaded',
  'editor-created',
  'worker:engine-ready',
  'worker:first-run-done',
  'first-findings',
  'first-markers',
] as const;

export interface BrowserResults {
  firstMarkersMs: Stat;
  /** Medians (with min and max) of each stage of the same cold loads. */
  coldLoadStagesMs: Partial<Record<(typeof COLD_LOAD_STAGES)[number], Stat>>;
  typing: {
    lines: number;
    keystrokes: number;
    /** Keystroke to "ready" (findings current), per keystroke. */
    keystrokeToReadyMs: Stat;
    longTasks: number;
    longestTaskMs: number;
    /** The longest main-thread update of markers, list and status after a keystroke's analysis. */
    longestFindingsRenderMs: number;
  };
}

/** About 30,000 lines of real test code, split inside a test body so typing there is typing in a test. */
function bigFile(testDir: string): { before: string; after: string; lines: number } {
  const lines: string[] = [];
  for (const file of pythonFiles(testDir).sort()) {
    if (lines.length >= 30_000) break;
    lines.push(...read(file).split('\n'));
  }
  const text = lines.slice(0, 30_000);
  let split = text.findIndex((line, index) => index >= 15_000 && /^ {8}self\.assert\w+\([^()]*\)$/.test(line));
  if (split < 0) split = 15_000;
  const before = text.slice(0, split).join('\n') + '\n        ';
  const after = text.slice(split).join('\n').replace(/^ {8}/, '');
  return { before, after, lines: text.length };
}

async function pasteAtCursor(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('ControlOrMeta+V');
}

type Stages = Partial<Record<(typeof COLD_LOAD_STAGES)[number], number>>;

/** The `testsniff:*` marks of a global (page or worker), in ms since the page's navigation began. */
async function marksOf(target: Page | PwWorker, pageOrigin: number): Promise<Record<string, number>> {
  const read = () => ({
    origin: performance.timeOrigin,
    marks: performance.getEntriesByType('mark').map((mark) => [mark.name, mark.startTime] as const),
  });
  const { origin, marks } = await ('mainFrame' in target ? target.evaluate(read) : target.evaluate(read));
  const out: Record<string, number> = {};
  for (const [name, time] of marks) if (name.startsWith('testsniff:') && !(name in out)) out[name.slice('testsniff:'.length)] = time + origin - pageOrigin;
  return out;
}

async function firstMarkers(open: (watch: (page: Page) => void) => Promise<Page>): Promise<{ ms: number; stages: Stages }> {
  const workers: PwWorker[] = [];
  const page = await open((fresh) => fresh.on('worker', (worker) => workers.push(worker)));
  const handle = await page.waitForFunction(() => performance.getEntriesByName('testsniff:first-markers')[0]?.startTime, undefined, { timeout: 60_000 });
  const ms = (await handle.jsonValue()) as number;
  const pageOrigin = await page.evaluate(() => performance.timeOrigin);
  const marks = await marksOf(page, pageOrigin);
  for (const worker of workers) {
    if (!worker.url().includes('analysis.worker')) continue;
    for (const [name, time] of Object.entries(await marksOf(worker, pageOrigin))) marks[`worker:${name}`] = time;
  }
  const stages: Stages = {};
  for (const stage of COLD_LOAD_STAGES) if (marks[stage] !== undefined) stages[stage] = marks[stage];
  return { ms, stages };
}

export async function browserBench(testDir: string, runs = 5): Promise<BrowserResults | null> {
  if (!existsSync(CHROMIUM_PATH)) return null;
  const site = await buildAndServe();
  const browser = await launchChromium();
  const pages: Page[] = [];
  const open = async (watch?: (page: Page) => void): Promise<Page> => {
    const { page } = await openWatchedPage(browser, site.url, { prepare: async (context) => watch?.(context.pages()[0]!) });
    pages.push(page);
    return page;
  };
  try {
    await firstMarkers(open); // warm the server and the disk cache
    const loads: number[] = [];
    const stages = new Map<string, number[]>();
    for (let i = 0; i < runs; i++) {
      const load = await firstMarkers(open);
      loads.push(load.ms);
      for (const [stage, ms] of Object.entries(load.stages)) stages.set(stage, [...(stages.get(stage) ?? []), ms]);
      await pages.pop()!.context().close();
    }

    const { before, after, lines } = bigFile(testDir);
    const page = await open();
    await waitUntilReady(page);
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+A');
    await pasteAtCursor(page, after);
    await page.keyboard.press('ControlOrMeta+Home');
    await pasteAtCursor(page, before);
    await page.waitForFunction((length) => window.testsniffPlayground.text().length === length, before.length + after.length, { timeout: 60_000 });
    await waitUntilReady(page, 180_000);

    await page.evaluate(() => {
      const seen: number[] = [];
      Object.assign(window, { longTasks: seen });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) seen.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    const rendersBefore = await page.evaluate(() => performance.getEntriesByName('testsniff:render').length);
    const typed = 'value = compute(1)';
    const perKey: number[] = [];
    for (const key of typed) {
      const start = Date.now();
      await page.keyboard.type(key);
      await page.waitForSelector('#status[data-status="ready"]', { state: 'attached', timeout: 60_000 });
      perKey.push(Date.now() - start);
    }
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    // The page's own work on findings (markers, list, status): what analysis costs the main thread.
    const renders = await page.evaluate(() => performance.getEntriesByName('testsniff:render').map((entry) => entry.duration));
    const typingRenders = renders.slice(rendersBefore);
    return {
      firstMarkersMs: stat(loads),
      coldLoadStagesMs: Object.fromEntries([...stages].map(([stage, samples]) => [stage, stat(samples)])),
      typing: {
        lines,
        keystrokes: typed.length,
        keystrokeToReadyMs: stat(perKey),
        longTasks: longTasks.length,
        longestTaskMs: Math.max(0, ...longTasks),
        longestFindingsRenderMs: Math.max(0, ...typingRenders),
      },
    };
  } finally {
    await browser.close();
    await site.close();
  }
}
