/**
 * Expected vs found, for the demo in the editor: one row per rule, a checkmark once the learner's edits
 * made its findings go away, and a verdict on top.
 */
import type { Finding, RuleMeta } from '../engine/types';
import type { Demo } from './demos';
import { byId, h, plural, withInlineCode } from './dom';
import { compareWithFindings, parseExpectations, type ExpectationRow, type Expectations } from './expectations';

export interface DemoPanelElements {
  panel: HTMLElement;
  title: HTMLElement;
  story: HTMLElement;
  verdict: HTMLElement;
  rows: HTMLElement;
  closeButton: HTMLButtonElement;
}

export function demoPanelElements(): DemoPanelElements {
  return {
    panel: byId('demo-panel', HTMLElement),
    title: byId('demo-title', HTMLElement),
    story: byId('demo-story', HTMLElement),
    verdict: byId('demo-verdict', HTMLElement),
    rows: byId('demo-rows', HTMLElement),
    closeButton: byId('demo-close', HTMLButtonElement),
  };
}

export interface DemoPanel {
  /** The demo whose expectations are compared, or null to hide the panel. */
  setDemo(demo: Demo | null): void;
  /** Compares with the complete findings of the current text. */
  update(findings: readonly Finding[], rules: ReadonlyMap<string, RuleMeta>): void;
}

const ROW_TEXT: Record<ExpectationRow['state'], (row: ExpectationRow) => string> = {
  'as-expected': (row) => `found ${row.found} as expected: fix ${row.found === 1 ? 'it' : 'them'}`,
  fixed: () => 'fixed',
  'partly-fixed': (row) => `${row.found} of ${row.expected} left`,
  'more-than-expected': (row) => `${row.found} found, ${row.expected} expected`,
  unexpected: (row) => `not expected, ${plural(row.found, 'finding')}`,
};

const VERDICT_TEXT = {
  matches: 'The review finds what this demo expects. Now fix the test: each row gets a ✓ when its findings are gone.',
  'all-fixed': '✓ All fixed: none of the expected findings is left.',
  'in-progress': '',
};

export function createDemoPanel(elements: DemoPanelElements, closed: () => void): DemoPanel {
  let expectations: Expectations | null = null;
  elements.closeButton.addEventListener('click', () => {
    elements.panel.hidden = true;
    expectations = null;
    closed();
  });

  return {
    setDemo(demo) {
      expectations = demo ? parseExpectations(demo.code) : null;
      elements.panel.hidden = demo === null;
      elements.rows.replaceChildren();
      elements.verdict.textContent = '';
      if (!demo) return;
      elements.title.textContent = demo.title;
      elements.story.replaceChildren(withInlineCode('', demo.story));
    },
    update(findings, rules) {
      if (!expectations) return;
      const { rows, verdict } = compareWithFindings(expectations, findings);
      const fixed = rows.filter((row) => row.state === 'fixed').length;
      const expected = rows.filter((row) => row.expected > 0).length;
      elements.verdict.dataset.verdict = verdict;
      elements.verdict.textContent =
        expected === 0 && verdict === 'all-fixed'
          ? '✓ No findings, as this demo expects.'
          : VERDICT_TEXT[verdict] || `${fixed} of ${plural(expected, 'expected rule')} fixed.`;
      elements.rows.replaceChildren(
        ...rows.map((row) =>
          h(
            'li',
            { className: 'demo-row', data: { rule: row.rule, state: row.state } },
            h('span', { className: 'demo-mark', text: row.state === 'fixed' ? '✓' : row.state === 'as-expected' ? '•' : '!', attrs: { 'aria-hidden': 'true' } }),
            h('span', { className: 'rule-id', text: row.rule, attrs: { title: rules.get(row.rule)?.name ?? '' } }),
            h('span', { className: 'demo-state', text: ROW_TEXT[row.state](row) + (row.lines.length > 0 ? ` (line ${row.lines.join(', ')})` : '') }),
          ),
        ),
      );
    },
  };
}
