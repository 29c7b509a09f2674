/**
 * The "Per test" tab beside "Findings": each test class, test function and setup method with its findings
 * counted by family, so a reviewer sees which tests carry the smells. Counts come from the same findings
 * as the list and from the tests as the rules see them (the worker's outline of the current text).
 * A row's name is a button that goes to the test.
 */
import type { TestDefinition } from '../../engine/syntax-rows';
import { FAMILY_NAMES, type Finding } from '../../engine/types';
import { h, plural } from '../dom';
import { FAMILIES, summarise, type SummaryRow } from './test-summary';
import type { TreeSource } from './tree-source';

export interface TestsViewElements {
  findingsTab: HTMLButtonElement;
  testsTab: HTMLButtonElement;
  findingsPanel: HTMLElement;
  testsPanel: HTMLElement;
}

/** Enough to review; a file with thousands of tests is better read by filtering the findings. */
const MAX_ROWS = 2000;

const KIND_LABEL: Record<TestDefinition['kind'], string> = { class: 'class', function: '', setup: 'setup' };

export class TestsView {
  private readonly status = h('p', { className: 'tests-status', attrs: { role: 'status' } });
  private readonly table = h('table', { className: 'tests-table' });
  private drawnFor: { version: number; findings: readonly Finding[] } | null = null;

  constructor(
    private readonly elements: TestsViewElements,
    private readonly source: TreeSource,
    /** The complete findings of the current text, or null while an analysis runs. */
    private readonly findings: () => readonly Finding[] | null,
    private readonly goTo: (test: TestDefinition) => void,
    /** Why the current text has no findings (it is too large to analyse), or null. */
    private readonly unavailable: () => string | null = () => null,
  ) {
    const { findingsTab, testsTab, testsPanel } = elements;
    testsPanel.replaceChildren(this.status, h('div', { className: 'tests-scroll' }, this.table));
    for (const tab of [findingsTab, testsTab]) {
      tab.addEventListener('click', () => this.select(tab === testsTab));
      tab.addEventListener('keydown', (event) => {
        if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
        event.preventDefault();
        const other = tab === testsTab ? findingsTab : testsTab;
        this.select(other === testsTab);
        other.focus();
      });
    }
    source.onChange(() => this.draw());
  }

  get visible(): boolean {
    return !this.elements.testsPanel.hidden;
  }

  private select(tests: boolean): void {
    const { findingsTab, testsTab, findingsPanel, testsPanel } = this.elements;
    findingsTab.setAttribute('aria-selected', String(!tests));
    testsTab.setAttribute('aria-selected', String(tests));
    findingsTab.tabIndex = tests ? -1 : 0;
    testsTab.tabIndex = tests ? 0 : -1;
    findingsPanel.hidden = tests;
    testsPanel.hidden = !tests;
    this.source.want('tests', tests);
    this.draw();
  }

  /** The analysis settled: the counts may have changed even when the tests did not. */
  settled(): void {
    this.draw();
  }

  private draw(): void {
    if (!this.visible) return;
    const data = this.source.current;
    const findings = this.findings();
    const unavailable = this.unavailable();
    if (unavailable) {
      this.status.textContent = `${unavailable}.`;
      this.table.replaceChildren();
      this.drawnFor = null;
      return;
    }
    if (!data || !this.source.isCurrent(data) || !findings) {
      this.status.textContent = data ? 'Updating after the analysis…' : 'Reading the tests…';
      this.elements.testsPanel.dataset.current = 'false';
      return;
    }
    this.elements.testsPanel.dataset.current = 'true';
    if (this.drawnFor?.version === data.version && this.drawnFor.findings === findings) return;
    this.drawnFor = { version: data.version, findings };
    const rows = summarise(data.tree.tests, findings);
    const tests = rows.filter((row) => row.test?.kind === 'function').length;
    const outside = rows[rows.length - 1]!;
    this.status.textContent =
      data.tree.tests.length === 0
        ? 'No tests found: no test class, and no test function at the top level.'
        : `${plural(tests, 'test function')} · ${plural(findings.length - outside.total, 'finding')} in tests, ${outside.total} outside`;
    const head = h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { text: 'Test', attrs: { scope: 'col' } }),
        ...FAMILIES.map((family) => h('th', { attrs: { scope: 'col' } }, h('abbr', { text: family, attrs: { title: FAMILY_NAMES[family] } }))),
        h('th', { text: 'All', attrs: { scope: 'col' } }),
      ),
    );
    const shown = rows.length > MAX_ROWS ? [...rows.slice(0, MAX_ROWS - 1), outside] : rows;
    const body = h('tbody', {}, ...shown.map((row) => this.row(row)));
    const more = rows.length > MAX_ROWS ? h('caption', { className: 'tests-more', text: `Showing the first ${MAX_ROWS - 1} of ${rows.length - 1} tests.` }) : null;
    this.table.replaceChildren(...(more ? [more] : []), head, body);
  }

  private row(row: SummaryRow): HTMLTableRowElement {
    const { test } = row;
    const cells = FAMILIES.map((family) => {
      const count = row.counts[family];
      return h('td', { className: count === 0 ? 'tests-zero' : '', text: String(count), data: { family } });
    });
    const total = h('td', { className: row.total === 0 ? 'tests-zero tests-total' : 'tests-total', text: String(row.total) });
    if (!test) {
      return h('tr', { className: 'tests-outside', data: { kind: 'outside', total: String(row.total) } }, h('th', { text: 'Outside any test', attrs: { scope: 'row' } }), ...cells, total);
    }
    const go = h(
      'button',
      { className: 'tests-go', attrs: { type: 'button', 'aria-label': `Go to ${test.kind === 'class' ? 'class' : 'test'} ${test.name}, line ${test.line}` } },
      h('span', { className: 'tests-name', text: test.name }),
      KIND_LABEL[test.kind] ? h('span', { className: 'tests-kind', text: KIND_LABEL[test.kind] }) : null,
    );
    go.title = test.name;
    go.style.paddingLeft = `${6 + Math.min(row.level, 6) * 14}px`;
    go.addEventListener('click', () => this.goTo(test));
    return h(
      'tr',
      {
        data: {
          kind: test.kind,
          name: test.name,
          line: String(test.line),
          endLine: String(test.endLine),
          nameLine: String(test.nameLine),
          total: String(row.total),
          level: String(row.level),
        },
      },
      h('th', { attrs: { scope: 'row' } }, go),
      ...cells,
      total,
    );
  }
}
