/**
 * Sharing, restoring, teaching and exporting, in Chromium. Registered inside playground.test.ts so that
 * every browser test shares its one build of the site.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { run } from '../../src/cli/main';
import { demoById } from '../../src/ui/demos';
import { version as ENGINE_VERSION } from '../../package.json';
import { crc32, decodePermalink, encodePermalink, toBase64Url } from '../../src/ui/permalink';
import type { WatchedPage } from './support/browser';
import { editorText, findingItems, pasteAsUser, selection, visibleLines, waitUntilReady } from './support/playground';
import type { ServedSite } from './support/site';

export interface BrowserSuite {
  open(path?: string): Promise<WatchedPage>;
  site(): ServedSite;
  browser(): Browser;
}

/** A long file, so that a finding near its end must be scrolled to, in the editor and in the list. */
function longTest(): string {
  const tests = Array.from(
    { length: 30 },
    (_, i) => `    def test_case_${i}(self):\n        value = compute(${i})\n        self.assertEqual(${i}, value)\n`,
  ).join('\n');
  return `import time\nimport unittest\n\n\nclass LongTest(unittest.TestCase):\n\n${tests}\n    def test_waits(self):\n        time.sleep(3)\n        self.assertTrue(done() == True)\n`;
}

const LOCAL_WORK = `import unittest


class MyOwnWorkTest(unittest.TestCase):
    def test_mine(self):
        self.assertEquals(1, one())
`;

async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

async function findingsOf(page: Page): Promise<string[]> {
  return findingItems(page).evaluateAll((items) => items.map((item) => `${(item as HTMLElement).dataset.rule}:${(item as HTMLElement).dataset.line}`));
}

/** Opens the share dialog and waits until the link is built (and, without secrets, copied). */
async function share(page: Page): Promise<void> {
  await page.locator('#open-share').click();
  await expect.poll(() => page.locator('#share-url').inputValue(), { timeout: 10_000 }).toMatch(/#v1\./);
}

async function cli(code: string, format: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'testsniff-e2e-cli-'));
  try {
    const file = join(dir, 'test_playground.py');
    writeFileSync(file, code);
    let out = '';
    await run(['--format', format, relative(process.cwd(), file)], (text) => (out += text), () => undefined);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function registerSharingTests(suite: BrowserSuite): void {
  test('share, then open the link in a fresh browser: same code, findings and selected finding, in view', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    const code = longTest();
    await pasteAsUser(page, code);
    await waitUntilReady(page);
    const sleepLine = code.split('\n').findIndex((line) => line.includes('time.sleep')) + 1;
    const target = findingItems(page, `[data-rule="TIM001"][data-line="${sleepLine}"]`);
    await target.locator('.finding-button').click();
    expect(await target.getAttribute('data-selected')).toBe('true');

    await share(page);
    await expect.poll(() => page.locator('#share-status').textContent()).toBe('Link copied to the clipboard.');
    expect(await page.locator('#share-length').textContent()).toMatch(/fits a chat message/);
    const link = await clipboard(page);
    expect(link).toBe(await page.locator('#share-url').inputValue());
    expect(link.startsWith(suite.site().url)).toBe(true);
    const expectedFindings = await findingsOf(page);

    // A fresh context: no saved copy, nothing in common with the first page but the link.
    const fresh = await suite.open(link.slice(suite.site().url.length));
    await waitUntilReady(fresh.page);
    expect(await editorText(fresh.page)).toBe(code);
    expect(await findingsOf(fresh.page)).toEqual(expectedFindings);
    const selectedItem = fresh.page.locator('#findings-list li.finding[data-selected="true"]');
    await expect.poll(() => selectedItem.count()).toBe(1);
    expect(await selectedItem.getAttribute('data-rule')).toBe('TIM001');
    expect(await selectedItem.getAttribute('data-line')).toBe(String(sleepLine));
    expect((await selection(fresh.page))?.line).toBe(sleepLine);
    const visible = await visibleLines(fresh.page);
    expect(visible!.first).toBeLessThanOrEqual(sleepLine);
    expect(visible!.last).toBeGreaterThanOrEqual(sleepLine);
    expect(visible!.first).toBeGreaterThan(1); // it really scrolled
    await expect.poll(() => selectedItem.evaluate((item) => {
      const list = item.closest('ol')!.getBoundingClientRect();
      const box = item.getBoundingClientRect();
      return box.top >= list.top && box.bottom <= list.bottom;
    })).toBe(true);
    expect(await fresh.page.locator('#problems [data-problem="link"]').count()).toBe(0);
  });

  test('the address follows the state without adding history entries, and a reload restores everything', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    const historyBefore = await page.evaluate(() => history.length);
    await pasteAsUser(page, LOCAL_WORK);
    await waitUntilReady(page);
    await findingItems(page, '[data-rule="ASR005"]').locator('.finding-button').click();
    await page.locator('#open-settings').click();
    await page.locator('#family-SML').click();
    await page.locator('#settings-close').click();
    await waitUntilReady(page);
    await expect.poll(async () => (await decodePermalink(new URL(page.url()).hash)).rules.disabled.length, { timeout: 5000 }).toBeGreaterThan(0);
    const shared = await decodePermalink(new URL(page.url()).hash);
    expect(shared.code).toBe(LOCAL_WORK);
    expect(shared.selected?.rule).toBe('ASR005');
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);

    await page.reload();
    await waitUntilReady(page);
    expect(await editorText(page)).toBe(LOCAL_WORK);
    await expect.poll(() => page.locator('li.finding[data-selected="true"]').getAttribute('data-rule')).toBe('ASR005');
    expect(await findingItems(page, '[data-rule^="SML"]').count()).toBe(0);
    expect(await page.locator('#problems [data-problem="link"]').count()).toBe(0);

    // The bare address (no fragment) restores the copy saved in this browser.
    await page.goto(suite.site().url);
    await waitUntilReady(page);
    expect(await editorText(page)).toBe(LOCAL_WORK);
  });

  test('broken, foreign and oversized links show a message and keep the local work', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    await pasteAsUser(page, LOCAL_WORK);
    await waitUntilReady(page);
    await share(page);
    const good = await page.locator('#share-url').inputValue();
    await page.locator('#share-close').click();
    await page.waitForTimeout(500); // the saved copy is written a moment after the last change

    const zeros = deflateRawSync(new Uint8Array(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
    // 64 MiB of zeros in about 90,000 characters (Node's tests go to 1 GiB; here a huge URL would only
    // time Chromium's handling of the address, which is slow under automation whatever the page does).
    const bomb = Buffer.concat([...Array.from({ length: 64 }, () => zeros), deflateRawSync(new Uint8Array(0))]);
    const framed = Buffer.concat([bomb, Buffer.alloc(4)]);
    framed.writeUInt32BE(crc32(new Uint8Array(bomb)), bomb.length);
    const cases: [string, RegExp][] = [
      [good.slice(good.indexOf('#'), -25), /incomplete or was altered/],
      [`${good.slice(good.indexOf('#'))}).`, /characters that a testsniff link never contains/],
      ['#v7.AAAAAAAAAAAA', /newer testsniff/],
      ['#section-2', /not a testsniff link/],
      [`#v1.${toBase64Url(new Uint8Array(framed))}`, /more than 8 MB/],
    ];
    const notice = page.locator('#problems [data-problem="link"]');
    for (const [index, [hash, message]] of cases.entries()) {
      const started = Date.now();
      if (index < 2) {
        // Opened as a page: the start-up path.
        await page.goto('about:blank');
        await page.goto(suite.site().url + hash);
        await waitUntilReady(page);
        await notice.waitFor();
        expect(await notice.textContent()).toMatch(/your own code \(6 lines, saved in this browser\)/);
      } else {
        // Pasted into the address bar of the open page: only the fragment changes.
        await notice.locator('.problem-dismiss').click();
        await page.evaluate((next) => (window.location.hash = next), hash);
        await notice.waitFor();
        expect(await notice.textContent()).toMatch(/Nothing was changed: the editor keeps your code/);
      }
      expect(await notice.textContent()).toMatch(message);
      expect(await editorText(page)).toBe(LOCAL_WORK);
      if (hash.length > 50_000) console.info(`[measure] a 64 MiB link bomb (${hash.length} characters) was refused in ${Date.now() - started} ms`);
    }
  });

  test('opening a link keeps the local work and offers to go back to it', async () => {
    const fragment = await encodePermalink({ code: longTest(), rules: { enabled: [], disabled: [] }, selected: null, engine: ENGINE_VERSION, demo: null });
    const link = `${suite.site().url}#${fragment}`;

    const { page } = await suite.open();
    await waitUntilReady(page);
    await pasteAsUser(page, LOCAL_WORK);
    await page.waitForTimeout(500);
    await page.goto('about:blank');
    await page.goto(link);
    await waitUntilReady(page);
    expect(await editorText(page)).toBe(longTest());
    const notice = page.locator('#problems [data-problem="link"]');
    expect(await notice.textContent()).toMatch(/You opened a shared link.*Your own code \(6 lines\) is kept/s);
    await notice.locator('.problem-action').click();
    await expect.poll(() => editorText(page)).toBe(LOCAL_WORK);
    // Going back kept the link's code in turn, one click away.
    await page.locator('#problems [data-problem="kept"] .problem-action').click();
    await expect.poll(() => editorText(page)).toBe(longTest());
    await page.locator('#open-gallery').click();
    expect(await page.locator('.gallery-kept').count()).toBeGreaterThanOrEqual(1);
  });

  test('a demo shows expected vs found, and a checkmark once the learner fixed the test', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    await page.locator('#open-gallery').click();
    expect(await page.locator('.gallery-item[data-demo]').count()).toBeGreaterThanOrEqual(10);
    await page.locator('.gallery-item[data-demo="legacy-aliases"] .gallery-open').click();
    const demo = demoById('legacy-aliases')!;
    await expect.poll(() => editorText(page)).toBe(demo.code);
    await waitUntilReady(page);
    const verdict = page.locator('#demo-verdict');
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('matches');
    expect(await page.locator('#demo-rows li[data-rule="ASR005"]').getAttribute('data-state')).toBe('as-expected');

    const halfFixed = demo.code.replace('assertEquals(', 'assertEqual(').replace('assertItemsEqual(', 'assertCountEqual(');
    await pasteAsUser(page, halfFixed);
    await waitUntilReady(page);
    await expect.poll(() => page.locator('#demo-rows li[data-rule="ASR005"]').getAttribute('data-state')).toBe('partly-fixed');
    expect(await verdict.getAttribute('data-verdict')).toBe('in-progress');

    const fixed = halfFixed.replace('assertRegexpMatches(', 'assertRegex(').replace('failUnless(', 'assertTrue(');
    await pasteAsUser(page, fixed);
    await waitUntilReady(page);
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('all-fixed');
    expect(await verdict.textContent()).toMatch(/^✓ All fixed/);
    expect(await page.locator('#demo-rows li[data-rule="ASR005"]').getAttribute('data-state')).toBe('fixed');
    expect(await page.locator('#demo-rows li[data-rule="ASR005"] .demo-mark').textContent()).toBe('✓');
  });

  test('rule docs open from a finding, and an example opens in the editor with one click', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    await pasteAsUser(page, LOCAL_WORK);
    await waitUntilReady(page);
    await findingItems(page, '[data-rule="ASR005"]').locator('.finding-docs').click();
    const article = page.locator('#docs-article');
    await expect.poll(() => article.locator('.docs-title').textContent()).toMatch(/^ASR005/);
    for (const part of ['Why', 'How to fix', 'Flagged', 'Instead']) expect(await article.textContent()).toContain(part);
    const bad = await article.locator('.docs-bad code').textContent();
    await article.locator('.docs-bad .docs-open').click();
    await expect.poll(() => editorText(page)).toBe(bad);
    await waitUntilReady(page);
    expect(await findingItems(page, '[data-rule="ASR005"]').count()).toBeGreaterThan(0);
    await page.locator('#problems [data-problem="kept"] .problem-action').click();
    await expect.poll(() => editorText(page)).toBe(LOCAL_WORK);

    // The index reaches every rule, also from the toolbar.
    await page.locator('#open-docs').click();
    await page.locator('#docs-index button[data-rule="TIM001"]').click();
    await expect.poll(() => article.locator('.docs-title').textContent()).toMatch(/^TIM001/);
  });

  test('sharing code with a secret warns and masks it in the link', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    // Security rules switched off: the check before sharing runs anyway.
    await page.locator('#open-settings').click();
    await page.locator('#family-SEC').click();
    await page.locator('#settings-close').click();
    const code = demoById('security-smells')!.code;
    await pasteAsUser(page, code);
    await waitUntilReady(page);
    await page.locator('#open-share').click();
    const warning = page.locator('#share-secrets');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/2 values that look like a real secret \(SEC001, line 9, 10\)/);
    await expect.poll(() => page.locator('#share-url').getAttribute('data-masked')).toBe('true');
    expect(await page.locator('#share-status').textContent()).not.toMatch(/copied/);
    await page.locator('#share-copy').click();
    await expect.poll(() => page.locator('#share-status').textContent()).toBe('Link copied to the clipboard.');
    const masked = await decodePermalink(new URL(await clipboard(page)).hash);
    expect(masked.code).toContain("'AKIAxxxxxxxxxxxxxxxx'");
    expect(masked.code).not.toContain('AKIAZ7Q3RN5XW2LPUM4K');
    expect(masked.code.length).toBe(code.length);
    expect(await editorText(page)).toBe(code);

    await page.locator('#share-mask').uncheck();
    await expect.poll(() => page.locator('#share-url').getAttribute('data-masked')).toBe('false');
    expect((await decodePermalink(new URL(await page.locator('#share-url').inputValue()).hash)).code).toBe(code);

    // "Copied" only when the clipboard took it.
    await page.evaluate(() => Object.defineProperty(navigator.clipboard, 'writeText', { value: () => Promise.reject(new Error('denied')) }));
    await page.locator('#share-copy').click();
    await expect.poll(() => page.locator('#share-status').textContent()).toMatch(/did not allow copying: select the link/);
  });

  test('exports: the Markdown review and the SARIF and JSON files equal the command line output', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    const code = demoById('security-smells')!.code;
    await pasteAsUser(page, code);
    await share(page);

    await page.locator('#export-markdown').click();
    await expect.poll(() => page.locator('#share-status').textContent()).toBe('The review was copied as Markdown.');
    const markdown = await clipboard(page);
    expect(markdown).toBe(await cli(code, 'review'));
    expect(markdown.indexOf('## Security')).toBeLessThan(markdown.indexOf('## Observations'));
    expect(markdown).toMatch(/security defects are detected/);

    const [sarifDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-sarif').click()]);
    expect(sarifDownload.suggestedFilename()).toBe('test_playground.sarif');
    const sarif = readFileSync((await sarifDownload.path())!, 'utf8');
    const fromCli = await cli(code, 'sarif');
    const uriOfCli = (JSON.parse(fromCli) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
    expect(sarif).toBe(fromCli.replaceAll(uriOfCli, 'test_playground.py'));
    const parsed = JSON.parse(sarif) as { version: string; runs: { results: unknown[] }[] };
    expect(parsed.version).toBe('2.1.0');
    expect(parsed.runs[0]!.results.length).toBe(await findingItems(page).count());

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
    const json = readFileSync((await jsonDownload.path())!, 'utf8');
    const jsonFromCli = JSON.parse(await cli(code, 'json')) as { files: { path: string }[] };
    jsonFromCli.files[0]!.path = 'test_playground.py';
    expect(JSON.parse(json)).toEqual(jsonFromCli);
  });

  test('embed mode shows the editor and the findings without the chrome, and leaves the saved work alone', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    await pasteAsUser(page, LOCAL_WORK);
    await page.waitForTimeout(500);
    const saved = await page.evaluate(() => localStorage.getItem('testsniff.playground.v1'));

    await page.goto(`${suite.site().url}?embed=1`);
    await waitUntilReady(page);
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    expect(await page.locator('#status').isVisible()).toBe(false);
    expect(await page.locator('#editor').isVisible()).toBe(true);
    expect(await findingItems(page).count()).toBeGreaterThan(0);
    expect(await page.locator('#open-full').isVisible()).toBe(true);
    expect(await editorText(page)).toBe(demoById('nova-live-migration')!.code);
    await pasteAsUser(page, 'x = 1\n');
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => localStorage.getItem('testsniff.playground.v1'))).toBe(saved);
    expect(await page.locator('#open-full').getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#v1\./);
  });
}
