/**
 * The playground in a real browser: the built site served by `vite preview`, driven in Debian's Chromium.
 * One build per run (beforeAll); every page is watched for console errors and foreign requests.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailability, launchChromium, openWatchedPage, type WatchedPage } from './support/browser';
import {
  editorText,
  findingItems,
  focusEditor,
  markers,
  pasteAsUser,
  recordStatuses,
  selection,
  waitUntilReady,
} from './support/playground';
import { buildAndServe, javascriptSize, type ServedSite } from './support/site';
import { registerSharingTests } from './sharing.cases';
import { registerHardeningTests } from './hardening.cases';
import { registerExplainTests } from './explain.cases';

const SCREENSHOT = resolve(import.meta.dirname, '../../docs/screenshot.png');
const availability = chromiumAvailability();

if (availability === 'skip') {
  console.warn(
    `\n[browser tests] SKIPPED: ${CHROMIUM_PATH} was not found. Install Debian's chromium package to run them ` +
      '(they are required, and fail instead of skipping, when CI=true).\n',
  );
}

describe.runIf(availability === 'required-but-missing')('browser tests in CI', () => {
  test('Chromium is installed', () => {
    throw new Error(`CI=true but ${CHROMIUM_PATH} is missing: install Debian's chromium package (apt-get install -y chromium)`);
  });
});

const SLEEPY_TEST = `import time
import unittest


class RetryTest(unittest.TestCase):
    def test_retries_after_backoff(self):
        client = FakeClient(failures=2)
        client.fetch()
        time.sleep(0.5)
        self.assertEqual(client.calls, 3)
`;

const FIXABLE_TEST = `import unittest


class LookupTest(unittest.TestCase):
    def setUp(self):
        super(LookupTest, self).setUp()
        self.table = {'a': 1}

    def test_missing_key_gives_none(self):
        self.assertEqual(self.table.get('b'), None)
`;

describe.skipIf(availability !== 'available')('the playground in Chromium', () => {
  let site: ServedSite;
  let browser: Browser;
  const pages: WatchedPage[] = [];

  // A production build of Monaco takes a while, much longer on a loaded two-core machine.
  beforeAll(async () => {
    site = await buildAndServe();
    browser = await launchChromium();
  }, 600_000);

  // Pages stay watched (their errors are checked at the end) but need not stay open.
  afterEach(async () => {
    await Promise.all(pages.map((watched) => watched.context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function open(path = ''): Promise<WatchedPage> {
    const watched = await openWatchedPage(browser, site.url, { path });
    pages.push(watched);
    return watched;
  }

  test('first load shows the findings of the demo, as markers and in the list', async () => {
    const { page } = await open();
    await waitUntilReady(page);
    const shown = await markers(page);
    expect(shown.length).toBeGreaterThanOrEqual(5);
    for (const marker of shown) expect(marker.message).toMatch(/^[A-Z]{3}\d{3} /);
    const families = new Set(shown.map((marker) => marker.message.slice(0, 3)));
    expect(families.size).toBeGreaterThanOrEqual(3);

    const items = findingItems(page);
    expect(await items.count()).toBe(shown.length);
    const lines = await items.evaluateAll((elements) => elements.map((element) => Number((element as HTMLElement).dataset.line)));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    await expect.poll(() => page.locator('#security-verdict').textContent()).toMatch(/security defect/);
    expect(await page.locator('.monaco-editor .squiggly-warning').count()).toBeGreaterThan(0);

    const firstMarkersMs = await page.evaluate(() => performance.getEntriesByName('testsniff:first-markers')[0]?.startTime);
    expect(firstMarkersMs).toBeGreaterThan(0);
    console.info(`[measure] navigation to first markers: ${Math.round(firstMarkersMs ?? 0)} ms`);

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  test('pasting a test with time.sleep shows a warning marker on that line and a list item', async () => {
    const { page } = await open();
    await waitUntilReady(page);
    await pasteAsUser(page, SLEEPY_TEST);
    await waitUntilReady(page);
    const sleepLine = SLEEPY_TEST.split('\n').findIndex((line) => line.includes('time.sleep')) + 1;
    const onLine = (await markers(page)).filter((marker) => marker.line === sleepLine);
    expect(onLine).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/^TIM001 /) }));
    await expect.poll(() => findingItems(page, `[data-rule="TIM001"][data-line="${sleepLine}"]`).count()).toBe(1);
  });

  test('applying a quick fix changes the text and its finding disappears', async () => {
    const { page } = await open();
    await waitUntilReady(page);
    await pasteAsUser(page, FIXABLE_TEST);
    await waitUntilReady(page);
    const fixable = findingItems(page, '[data-fix="safe"]');
    expect(await fixable.count()).toBeGreaterThanOrEqual(2);
    const rule = await fixable.first().getAttribute('data-rule');
    const line = await fixable.first().getAttribute('data-line');
    const sameFinding = findingItems(page, `[data-rule="${rule}"][data-line="${line}"]`);
    expect(await sameFinding.count()).toBe(1);

    await fixable.first().locator('.finding-button').click(); // jumps to (and selects) the finding's range
    expect((await selection(page))?.line).toBe(Number(line));
    await page.keyboard.press('ControlOrMeta+Period');
    const action = page.locator('.action-widget [role="option"]', { hasText: `${rule}:` });
    await action.first().waitFor();
    await page.keyboard.press('Enter'); // the finding's own fix is the first, focused entry

    await expect.poll(() => editorText(page)).not.toBe(FIXABLE_TEST);
    await waitUntilReady(page);
    expect(await sameFinding.count()).toBe(0);
    // Only that fix was applied: the other fixable finding is still there.
    expect(await findingItems(page, '[data-fix="safe"]').count()).toBeGreaterThanOrEqual(1);
  });

  test('"Fix all safe fixes" applies every safe fix at once', async () => {
    const { page } = await open();
    await waitUntilReady(page);
    await pasteAsUser(page, FIXABLE_TEST);
    await waitUntilReady(page);
    const fixAll = page.locator('#fix-all');
    await expect.poll(() => fixAll.isEnabled()).toBe(true);
    await fixAll.click();
    await expect.poll(() => editorText(page)).not.toBe(FIXABLE_TEST);
    await waitUntilReady(page);
    expect(await findingItems(page, '[data-fix="safe"]').count()).toBe(0);
  });

  test('typing keeps the status cycling back to ready, and new code is analysed', async () => {
    const { page } = await open();
    await waitUntilReady(page);
    const statuses = await recordStatuses(page);
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+End');
    const before = await editorText(page);
    const typed = '        time.sleep(5)';
    for (const piece of [typed.slice(0, 12), typed.slice(12)]) {
      await page.keyboard.type(piece, { delay: 15 });
      await waitUntilReady(page);
    }
    expect(await editorText(page)).toBe(before + typed);
    const seen = await statuses();
    expect(seen).toContain('analyzing');
    expect(seen.at(-1)).toBe('ready');
    const typedLine = (before + typed).split('\n').length;
    expect(await markers(page)).toContainEqual(expect.objectContaining({ line: typedLine, message: expect.stringMatching(/^TIM001 /) }));
  });

  test('the list is keyboard navigable and Enter jumps to the finding', async () => {
    const { page } = await open();
    await waitUntilReady(page);
    const buttons = page.locator('#findings-list .finding-button');
    await buttons.first().focus();
    await page.keyboard.press('ArrowDown');
    const second = findingItems(page).nth(1);
    await expect.poll(() => second.locator('.finding-button').evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect((await selection(page))?.line).toBe(Number(await second.getAttribute('data-line')));
  });

  test('hovering a finding shows its rule docs', async () => {
    const { page } = await open();
    await waitUntilReady(page);
    const item = findingItems(page, '[data-rule="TIM001"]').first();
    await item.locator('.finding-button').click();
    await page.keyboard.press('ControlOrMeta+K');
    await page.keyboard.press('ControlOrMeta+I');
    const hover = page.locator('.monaco-hover:visible');
    await hover.first().waitFor();
    const text = (await hover.allTextContents()).join('\n');
    for (const part of ['TIM001', 'Why.', 'Fix.', 'Peers:']) expect(text).toContain(part);
  });

  test('rule settings switch a family off, and are kept across a reload', async () => {
    const { page } = await open();
    await waitUntilReady(page);
    expect(await findingItems(page, '[data-rule^="TIM"]').count()).toBeGreaterThan(0);
    await page.locator('#open-settings').click();
    expect(await page.locator('#family-TIM').isChecked()).toBe(true);
    await page.locator('#family-TIM').click(); // a ticked (or mixed) family switches off entirely
    expect(await page.locator('#family-TIM').isChecked()).toBe(false);
    await page.locator('#settings-close').click();
    await expect.poll(() => findingItems(page, '[data-rule^="TIM"]').count()).toBe(0);
    await waitUntilReady(page);

    await page.reload();
    await waitUntilReady(page);
    expect(await findingItems(page, '[data-rule^="TIM"]').count()).toBe(0);
    expect(await findingItems(page).count()).toBeGreaterThan(0);
    await page.locator('#open-settings').click();
    expect(await page.locator('#family-TIM').isChecked()).toBe(false);
    await page.locator('#settings-reset').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => findingItems(page, '[data-rule^="TIM"]').count()).toBeGreaterThan(0);
  });

  test('the text and the theme are restored after a reload', async () => {
    const { page } = await open();
    await waitUntilReady(page);
    await pasteAsUser(page, SLEEPY_TEST);
    await page.locator('#theme').selectOption('dark');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.reload();
    await waitUntilReady(page);
    expect(await editorText(page)).toBe(SLEEPY_TEST);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await page.locator('.monaco-editor.vs-dark').count()).toBeGreaterThan(0);
  });

  test('a run over its time budget is stopped with a visible message; the editor stays usable', async () => {
    const { page } = await open('?budget=1');
    const notice = page.locator('#problems [data-problem="analysis"]');
    // The first run may finish before the page even hears that the parser is ready (the worker starts it
    // on its own): a longer text makes sure a run is still going when its budget runs out.
    await pasteAsUser(page, SLEEPY_TEST.repeat(300));
    await notice.waitFor();
    expect(await notice.textContent()).toContain('longer than');
    await expect.poll(() => page.locator('#status').getAttribute('data-status')).toBe('stopped');
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('# still typing');
    expect(await editorText(page)).toMatch(/# still typing$/);
  });

  test('a parser that cannot load is reported in the page, with what to do', async () => {
    // Not in `pages`: the failed request is logged to the console on purpose.
    const { page, context } = await openWatchedPage(browser, site.url, {
      prepare: (context) => context.route('**/tree-sitter-python.wasm', (route) => route.fulfill({ status: 404, body: 'missing' })),
    });
    const problem = page.locator('#problems [data-problem="parser"]');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/tree-sitter-python\.wasm[\s\S]*Reload the page/);
    expect(await page.locator('#status').getAttribute('data-status')).toBe('error');
    await context.close();
  });

  registerSharingTests({ open, site: () => site, browser: () => browser });
  registerHardeningTests({ open, site: () => site, browser: () => browser });
  registerExplainTests({ open, site: () => site, browser: () => browser });

  test('no console errors, and no request leaves the page origin', () => {
    expect(pages.length).toBeGreaterThan(0);
    for (const watched of pages) {
      expect(watched.errors).toEqual([]);
      expect(watched.foreignRequests).toEqual([]);
    }
  });

  test('the page scripts hold no parser: tree-sitter stays in the worker', () => {
    const assets = join(site.outDir, 'assets');
    const pageScripts = readdirSync(assets).filter((name) => name.endsWith('.js') && !name.startsWith('analysis.worker'));
    expect(readdirSync(assets).some((name) => name.startsWith('analysis.worker'))).toBe(true);
    for (const name of pageScripts) expect(readFileSync(join(assets, name), 'utf8'), name).not.toMatch(/ts_parser_new|ts_parser_parse_wasm|ts_query_new/);
  });

  test('measure: built JavaScript size', () => {
    const size = javascriptSize(site.outDir);
    console.info(`[measure] built JavaScript: ${size.files} files, ${(size.raw / 1024).toFixed(0)} KiB raw, ${(size.gzip / 1024).toFixed(0)} KiB gzip`);
    expect(size.raw).toBeGreaterThan(0);
  });
});
