/**
 * Explain, in Chromium: the syntax tree panel, cursor-to-node sync, "Explain" from the list, the hover
 * and a code action, the per-test summary, and the explain view in permalinks. Registered inside
 * playground.test.ts so that it shares the one build of the site.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { version as ENGINE_VERSION } from '../../package.json';
import { decodePermalink, encodePermalink } from '../../src/ui/permalink';
import type { BrowserSuite } from './sharing.cases';
import { findingItems, focusEditor, pasteAsUser, selection, waitUntilReady, type RangeView } from './support/playground';

const EXPLAIN_TEST = `import time
import unittest


class RetryTest(unittest.TestCase):
    def setUp(self):
        self.client = FakeClient()

    def test_retries_after_backoff(self):
        self.client.fetch()
        time.sleep(0.5)
        self.assertEqual(self.client.calls, 3)

    def test_gives_up(self):
        time.sleep(1)
        self.assertTrue(self.client.failed == True)


def test_module_level():
    time.sleep(2)


time.sleep(3)
`;

/** `time.sleep(0.5)` on line 11 and `time.sleep(1)` on line 15. */
const SLEEP_11 = { line: 11, column: 9, endLine: 11, endColumn: 24 };
const SLEEP_15 = { line: 15, column: 9, endLine: 15, endColumn: 22 };

/** A 30,000-line test module: few classes (some rules cost grows with their number), many methods. */
function bigTest(lines: number): string {
  const method = (c: number, m: number) => `    def test_case_${m}(self):\n        value = compute(${c}, ${m})\n        self.assertEqual(value, [${m}, 2])\n\n`;
  let code = 'import time\nimport unittest\n\n';
  for (let c = 0; code.split('\n').length < lines; c++) {
    code += `class Area${c}Test(unittest.TestCase):\n\n`;
    for (let m = 0; m < 100; m++) code += method(c, m);
    code += '    def test_waits(self):\n        time.sleep(1)\n\n\n';
  }
  return code;
}

const tree = (page: Page) => page.evaluate(() => window.testsniffPlayground.tree());
const highlights = (page: Page) => page.evaluate(() => window.testsniffPlayground.explainHighlights());
const explained = (page: Page) => page.evaluate(() => window.testsniffPlayground.explained());

async function openTree(page: Page, timeout = 20_000): Promise<void> {
  await page.locator('#toggle-tree').click();
  expect(await page.locator('#toggle-tree').getAttribute('aria-pressed')).toBe('true');
  await expect.poll(async () => (await tree(page)).current, { timeout }).toBe(true);
}

/** The tree row of a node, by type and range label (only rows in view exist). */
function treeRow(page: Page, type: string, label: string) {
  return page
    .locator('#tree-panel .tree-row')
    .filter({ has: page.locator('.tree-type', { hasText: new RegExp(`^${type}$`) }) })
    .filter({ has: page.locator('.tree-range', { hasText: new RegExp(`^${label}$`) }) });
}

async function moveCursor(page: Page, line: number): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Home'); // the first non-blank character
}

async function listFindings(page: Page): Promise<{ rule: string; line: number }[]> {
  return findingItems(page).evaluateAll((items) =>
    items.map((item) => ({ rule: (item as HTMLElement).dataset.rule!, line: Number((item as HTMLElement).dataset.line) })),
  );
}

async function explainFromList(page: Page, rule: string, line: number): Promise<void> {
  await findingItems(page, `[data-rule="${rule}"][data-line="${line}"]`).locator('.finding-explain').click();
  await expect.poll(async () => (await explained(page))?.line).toBe(line);
  await expect.poll(async () => (await highlights(page)).length).toBeGreaterThan(0);
}

export function registerExplainTests(suite: BrowserSuite): void {
  test('the syntax tree opens beside the editor, follows the cursor, and a node selects its code', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    await pasteAsUser(page, EXPLAIN_TEST);
    await waitUntilReady(page);
    await openTree(page);
    expect(await page.locator('#tree-panel').isVisible()).toBe(true);
    expect((await tree(page)).nodes).toBeGreaterThan(50);

    await moveCursor(page, 11);
    await expect.poll(async () => (await tree(page)).active).toEqual({ type: 'identifier', line: 11, column: 9, endLine: 11, endColumn: 13 });
    const active = page.locator('#tree-panel .tree-row[aria-selected="true"]');
    expect(await active.locator('.tree-type').textContent()).toBe('identifier');
    expect(await active.locator('.tree-field').textContent()).toBe('object: ');
    const activeId = await active.getAttribute('id');
    expect(await page.locator('#tree-panel .tree-scroll').getAttribute('aria-activedescendant')).toBe(activeId);

    await treeRow(page, 'call', '11:9–24').click();
    expect(await selection(page)).toEqual(SLEEP_11);
    // The keyboard walks the tree too: Left goes to the parent, and selects its code.
    await page.keyboard.press('ArrowLeft');
    expect((await tree(page)).active?.type).toBe('call'); // first Left collapses the call
    await page.keyboard.press('ArrowLeft');
    expect((await tree(page)).active).toEqual({ type: 'expression_statement', ...SLEEP_11 });
    expect(await selection(page)).toEqual(SLEEP_11);

    // Syntax errors show as ERROR rows.
    await pasteAsUser(page, 'x = = 2\n');
    await waitUntilReady(page);
    await expect.poll(async () => (await tree(page)).current).toBe(true);
    await expect.poll(() => page.locator('#tree-panel .tree-row[data-flag="ERROR"]').count()).toBeGreaterThan(0);

    await page.locator('#tree-panel .tree-close').click();
    expect(await page.locator('#tree-panel').isHidden()).toBe(true);
    expect(await page.locator('#toggle-tree').getAttribute('aria-pressed')).toBe('false');
  });

  test('a 30,000-line file: the tree stays virtual, scrolls smoothly and follows a jump deep into the file', async () => {
    const { page } = await suite.open('?budget=120000');
    await waitUntilReady(page);
    const code = bigTest(30_000);
    await pasteAsUser(page, code);
    await waitUntilReady(page, 180_000);
    const opened = Date.now();
    await openTree(page, 60_000);
    const built = await tree(page);
    console.info(`[measure] tree of ${code.split('\n').length} lines: ${built.nodes} nodes, built in ${Math.round(built.buildMs ?? 0)} ms in the worker, shown ${Date.now() - opened} ms after the click; ${built.renderedRows} row elements`);
    expect(built.nodes).toBeGreaterThan(100_000);
    expect(built.renderedRows).toBeLessThan(100);

    const scrolling = await page.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('#tree-panel .tree-scroll')!;
      const frames: number[] = [];
      for (let step = 0; step <= 40; step++) {
        const started = performance.now();
        scroller.scrollTop = ((scroller.scrollHeight - scroller.clientHeight) * step) / 40;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        frames.push(performance.now() - started);
      }
      const rows = [...scroller.querySelectorAll<HTMLElement>('.tree-row')];
      const box = scroller.getBoundingClientRect();
      const inView = rows.filter((row) => {
        const rect = row.getBoundingClientRect();
        return rect.bottom > box.top && rect.top < box.bottom;
      });
      frames.sort((a, b) => a - b);
      return { median: frames[20]!, worst: frames[40]!, rows: rows.length, inView: inView.length, lastRange: inView.at(-1)?.querySelector('.tree-range')?.textContent ?? '' };
    });
    console.info(`[measure] tree scroll, two frames per step: median ${scrolling.median.toFixed(1)} ms, worst ${scrolling.worst.toFixed(1)} ms; ${scrolling.rows} row elements`);
    expect(scrolling.rows).toBeLessThan(100);
    expect(scrolling.inView).toBeGreaterThan(5);
    // At the bottom, the last rows of the file show.
    expect(Number(scrolling.lastRange.split(':')[0])).toBeGreaterThan(29_000);

    // Jumping to a finding near the end selects its code; the tree follows to that node, in view.
    const last = findingItems(page, '[data-rule="TIM001"]').last();
    const line = Number(await last.getAttribute('data-line'));
    expect(line).toBeGreaterThan(29_000);
    await page.locator('#tree-panel .tree-scroll').evaluate((scroller) => (scroller.scrollTop = 0));
    await last.locator('.finding-button').click();
    await expect.poll(async () => (await tree(page)).active?.line).toBe(line);
    expect((await tree(page)).active?.type).toBe('call');
    const activeRow = page.locator('#tree-panel .tree-row[aria-selected="true"]');
    await expect.poll(() => activeRow.count()).toBe(1);
    expect(await activeRow.isVisible()).toBe(true);
  }, 300_000);

  test('Explain from the list highlights the matched code, marks its nodes and shows the query', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    await pasteAsUser(page, EXPLAIN_TEST);
    await waitUntilReady(page);
    expect(await page.locator('#tree-panel').isHidden()).toBe(true);
    await explainFromList(page, 'TIM001', 11);

    expect(await page.locator('#toggle-tree').getAttribute('aria-pressed')).toBe('true');
    expect(await highlights(page)).toContainEqual({ role: 'reported', ...SLEEP_11 });
    for (const highlight of await highlights(page)) {
      if (highlight.role === 'related') expect(highlight.line).toBeLessThanOrEqual(11);
    }
    expect(await selection(page)).toEqual(SLEEP_11);
    await expect.poll(async () => (await tree(page)).marked).toContainEqual({ type: 'call', ...SLEEP_11, role: 'reported' });
    expect((await tree(page)).active).toEqual({ type: 'call', ...SLEEP_11 });
    expect(await page.locator('#tree-panel .tree-row[data-match="reported"] .tree-type').textContent()).toBe('call');
    await expect.poll(() => page.locator('.monaco-editor .explain-reported').count()).toBeGreaterThan(0);

    const box = page.locator('#tree-panel .explain-box');
    expect(await box.isVisible()).toBe(true);
    expect(await box.locator('.explain-title').textContent()).toMatch(/^Explain TIM001 \S+ on line 11$/);
    expect((await box.locator('.explain-detection').textContent())?.length).toBeGreaterThan(20);
    expect(await box.locator('.explain-pattern[data-matched="true"] mark').allTextContents()).toContain('(call) @call');
    expect(await box.textContent()).toContain('not query files');
    // The keyboard moved to the explanation.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('explain-title');
    const reportedButton = box.locator('.explain-node[data-role="reported"]');
    expect(await reportedButton.textContent()).toBe('reported · call · 11:9–24');
    await reportedButton.click();
    expect(await selection(page)).toEqual(SLEEP_11);

    // From the keyboard: "e" on a list item explains it.
    await findingItems(page, '[data-rule="TIM001"][data-line="15"]').locator('.finding-button').focus();
    await page.keyboard.press('e');
    await expect.poll(async () => (await explained(page))?.line).toBe(15);
    await expect.poll(() => highlights(page)).toContainEqual({ role: 'reported', ...SLEEP_15 });

    await box.locator('.explain-close').click();
    expect(await box.isHidden()).toBe(true);
    expect(await highlights(page)).toEqual([]);
    expect(await explained(page)).toBeNull();
    expect((await tree(page)).marked).toEqual([]);
  });

  test('Explain from the hover link and from a code action', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    await pasteAsUser(page, EXPLAIN_TEST);
    await waitUntilReady(page);

    await findingItems(page, '[data-rule="TIM001"][data-line="15"]').locator('.finding-button').click();
    await page.keyboard.press('ControlOrMeta+K');
    await page.keyboard.press('ControlOrMeta+I');
    const link = page.locator('.monaco-hover a', { hasText: 'Explain TIM001' });
    await link.first().waitFor();
    await link.first().click();
    await expect.poll(async () => (await explained(page))?.line).toBe(15);
    await expect.poll(() => highlights(page)).toContainEqual({ role: 'reported', ...SLEEP_15 });

    await findingItems(page, '[data-rule="TIM001"][data-line="11"]').locator('.finding-button').click();
    await page.keyboard.press('ControlOrMeta+Period');
    const action = page.locator('.action-widget [role="option"]', { hasText: 'Explain this finding (TIM001)' });
    await action.first().waitFor();
    await action.first().click();
    await expect.poll(async () => (await explained(page))?.line).toBe(11);
    await expect.poll(() => highlights(page)).toContainEqual({ role: 'reported', ...SLEEP_11 });
  });

  test('the per-test summary counts what the findings list shows, and goes to a test', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    await pasteAsUser(page, EXPLAIN_TEST);
    await waitUntilReady(page);
    await page.locator('#tab-tests').click();
    expect(await page.locator('#tab-tests').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#findings-view').isHidden()).toBe(true);
    await page.locator('#tests-view[data-current="true"]').waitFor();

    const findings = await listFindings(page);
    expect(findings.length).toBeGreaterThanOrEqual(4);
    const rows = await page.locator('#tests-view tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const data = (tr as HTMLElement).dataset;
        const counts = Object.fromEntries([...tr.querySelectorAll<HTMLElement>('td[data-family]')].map((td) => [td.dataset.family!, Number(td.textContent)]));
        return { kind: data.kind!, name: data.name ?? '', line: Number(data.line), endLine: Number(data.endLine), level: Number(data.level ?? 0), total: Number(data.total), counts };
      }),
    );
    expect(rows.map((row) => `${row.kind}:${row.name}`)).toEqual([
      'class:RetryTest',
      'setup:setUp',
      'function:test_retries_after_backoff',
      'function:test_gives_up',
      'function:test_module_level',
      'outside:',
    ]);
    for (const row of rows.filter((candidate) => candidate.kind !== 'outside')) {
      const inside = findings.filter((finding) => finding.line >= row.line && finding.line <= row.endLine);
      expect(row.total, row.name).toBe(inside.length);
      for (const family of ['TIM', 'MCK', 'FXT', 'ASR', 'SML', 'SEC']) {
        expect(row.counts[family], `${row.name} ${family}`).toBe(inside.filter((finding) => finding.rule.startsWith(family)).length);
      }
    }
    const topLevel = rows.filter((row) => row.level === 0).reduce((sum, row) => sum + row.total, 0);
    expect(topLevel).toBe(findings.length);
    expect(rows.find((row) => row.name === 'test_gives_up')!.counts.TIM).toBe(1);

    const gives = page.locator('#tests-view tr[data-name="test_gives_up"] .tests-go');
    await gives.click();
    expect(await selection(page)).toEqual({ line: 14, column: 9, endLine: 14, endColumn: 22 });

    // The counts follow edits: one more sleep in test_gives_up.
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('time.sleep(4)');
    await waitUntilReady(page);
    await expect.poll(() => page.locator('#tests-view tr[data-name="test_gives_up"] td[data-family="TIM"]').textContent()).toBe('2');
    await page.locator('#tab-findings').click();
    expect(await page.locator('#findings-view').isVisible()).toBe(true);
  });

  test('a permalink with the explain view restores the panel, the explanation and the selected node', async () => {
    const { page } = await suite.open();
    await waitUntilReady(page);
    await pasteAsUser(page, EXPLAIN_TEST);
    await waitUntilReady(page);
    await explainFromList(page, 'TIM001', 15);
    const attribute: RangeView = { line: 15, column: 9, endLine: 15, endColumn: 19 };
    await treeRow(page, 'attribute', '15:9–19').click();
    await expect.poll(async () => (await tree(page)).active).toEqual({ type: 'attribute', ...attribute });

    // The address follows the view (a moment after the last change).
    await expect
      .poll(async () => (await decodePermalink(new URL(page.url()).hash).catch(() => null))?.explain, { timeout: 10_000 })
      .toEqual({ tree: true, node: { type: 'attribute', ...attribute }, finding: { rule: 'TIM001', ...SLEEP_15 } });
    const link = page.url();

    const fresh = await suite.open(link.slice(suite.site().url.length));
    await waitUntilReady(fresh.page);
    await expect.poll(async () => (await tree(fresh.page)).current).toBe(true);
    expect(await fresh.page.locator('#toggle-tree').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => explained(fresh.page)).toEqual({ rule: 'TIM001', ...SLEEP_15 });
    await expect.poll(() => highlights(fresh.page)).toContainEqual({ role: 'reported', ...SLEEP_15 });
    await expect.poll(async () => (await tree(fresh.page)).active).toEqual({ type: 'attribute', ...attribute });
    expect(await selection(fresh.page)).toEqual(attribute);
    expect(await fresh.page.locator('#tree-panel .explain-title').textContent()).toMatch(/^Explain TIM001/);

    // "Look at this node" without an explanation: only the panel and the node.
    const nodeOnly = await encodePermalink({
      code: EXPLAIN_TEST,
      rules: { enabled: [], disabled: [] },
      selected: null,
      engine: ENGINE_VERSION,
      demo: null,
      explain: { tree: true, node: { type: 'call', ...SLEEP_11 }, finding: null },
    });
    const teacher = await suite.open(`#${nodeOnly}`);
    await waitUntilReady(teacher.page);
    await expect.poll(async () => (await tree(teacher.page)).active).toEqual({ type: 'call', ...SLEEP_11 });
    expect(await selection(teacher.page)).toEqual(SLEEP_11);
    expect(await explained(teacher.page)).toBeNull();

    // A link made before the explain view opens as it always did: panel closed.
    const old = await encodePermalink({ code: EXPLAIN_TEST, rules: { enabled: [], disabled: [] }, selected: null, engine: ENGINE_VERSION, demo: null });
    const before = await suite.open(`#${old}`);
    await waitUntilReady(before.page);
    expect(await before.page.locator('#tree-panel').isHidden()).toBe(true);
    expect(await before.page.locator('#toggle-tree').getAttribute('aria-pressed')).toBe('false');
    expect(await before.page.locator('#problems [data-problem="link"]').count()).toBe(0);
  });
}
