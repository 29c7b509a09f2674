/** Driving the playground page: waiting for analysis, reading the editor, pasting and typing like a user. */
import type { Page } from 'playwright-core';

export interface MarkerView {
  line: number;
  column: number;
  severity: string;
  message: string;
}

export interface RangeView {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface NodeView extends RangeView {
  type: string;
}

/** The tree panel as src/ui/explain/tree-panel.ts reports it. */
export interface TreeView {
  open: boolean;
  /** The rows are those of the current text. */
  current: boolean;
  nodes: number;
  /** Row elements in the DOM (the list is virtualised). */
  renderedRows: number;
  buildMs: number | null;
  active: NodeView | null;
  marked: (NodeView & { role: 'reported' | 'related' })[];
}

interface Inspection {
  text(): string;
  markers(): MarkerView[];
  selection(): RangeView | null;
  visibleLines(): { first: number; last: number } | null;
  tree(): TreeView;
  /** The editor decorations of the explained finding's nodes. */
  explainHighlights(): (RangeView & { role: 'reported' | 'related' })[];
  explained(): (RangeView & { rule: string }) | null;
}

declare global {
  interface Window {
    testsniffPlayground: Inspection;
  }
}

/** "ready": the findings shown (markers and list) describe the current text completely. */
export async function waitUntilReady(page: Page, timeout = 20_000): Promise<void> {
  // Attached, not visible: embed mode hides the status line.
  await page.waitForSelector('#status[data-status="ready"]', { timeout, state: 'attached' });
}

export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => window.testsniffPlayground.text());
}

export function markers(page: Page): Promise<MarkerView[]> {
  return page.evaluate(() => window.testsniffPlayground.markers());
}

export function selection(page: Page) {
  return page.evaluate(() => window.testsniffPlayground.selection());
}

export function visibleLines(page: Page) {
  return page.evaluate(() => window.testsniffPlayground.visibleLines());
}

export async function focusEditor(page: Page): Promise<void> {
  await page.locator('#editor .view-lines').click();
}

/** Replaces the whole text through the system clipboard, as a user pasting a test would. */
export async function pasteAsUser(page: Page, text: string): Promise<void> {
  await focusEditor(page);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForFunction((expected) => window.testsniffPlayground.text() === expected, text);
}

/** Records every value `#status[data-status]` takes from now on. */
export async function recordStatuses(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const status = document.getElementById('status')!;
    const seen: string[] = [];
    Object.assign(window, { recordedStatuses: seen });
    new MutationObserver(() => seen.push(status.dataset.status ?? '')).observe(status, {
      attributes: true,
      attributeFilter: ['data-status'],
    });
  });
  return () => page.evaluate(() => (window as unknown as { recordedStatuses: string[] }).recordedStatuses.slice());
}

export function findingItems(page: Page, selector = '') {
  return page.locator(`#findings-list li.finding${selector}`);
}
