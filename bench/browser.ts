/**
 * The browser half of `npm run bench`: the built site in Debian's Chromium.
 *   - cold load: navigation to the first markers on screen (the page's `testsniff:first-markers` mark);
 *   - typing into a 30,000-line file: main-thread long tasks (PerformanceObserver 'longtask') while a user
 *     types a line in the middle of it, and how long each keystroke takes until the findings are current.
 * Returns null when Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium, openWatchedPage } from '../test/e2e/support/browser';
import { focusEditor, waitUntilReady } from '../test/e2e/support/playground';
import { buildAndServe } from '../test/e2e/support/site';
import { pythonFiles, read } from './corpus';
import { stat, type Stat } from './stats';

export interface BrowserResults {
  firstMarkersMs: Stat;
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

async function firstMarkers(open: () => Promise<Page>): Promise<number> {
  const page = await open();
  const handle = await page.waitForFunction(() => performance.getEntriesByName('testsniff:first-markers')[0]?.startTime, undefined, { timeout: 60_000 });
  return (await handle.jsonValue()) as number;
}

export async function browserBench(testDir: string, runs = 5): Promise<BrowserResults | null> {
  if (!existsSync(CHROMIUM_PATH)) return null;
  const site = await buildAndServe();
  const browser = await launchChromium();
  const pages: Page[] = [];
  const open = async (): Promise<Page> => {
    const { page } = await openWatchedPage(browser, site.url);
    pages.push(page);
    return page;
  };
  try {
    await firstMarkers(open); // warm the server and the disk cache
    const loads: number[] = [];
    for (let i = 0; i < runs; i++) {
      loads.push(await firstMarkers(open));
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
