/**
 * The findings beside the editor: the security verdict first, then the other findings in reading order,
 * filterable by family and severity. Arrow keys move between items; Enter or a click jumps to the code
 * and selects the finding (a permalink carries the selection); "?" or the Docs button opens its rule's docs,
 * "e" or the Explain button shows how the rule saw it (the syntax tree panel).
 */
import { isSecurityDefect } from '../engine/report/model';
import { FAMILY_NAMES, type Family, type Finding, type Severity } from '../engine/types';
import { h, plural, withInlineCode } from './dom';

export interface FindingsListElements {
  verdict: HTMLElement;
  summary: HTMLElement;
  announcer: HTMLElement;
  familyFilter: HTMLSelectElement;
  severityFilter: HTMLSelectElement;
  list: HTMLOListElement;
}

/** Enough to review; thousands of rows would only slow each frame of a streaming run. */
const MAX_ITEMS = 1000;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function familyOf(finding: Finding): string {
  return finding.rule.slice(0, 3);
}

export function keyOf(finding: Finding): string {
  return `${finding.rule}:${finding.line}:${finding.column}:${finding.endLine}:${finding.endColumn}:${finding.message}`;
}

function fixKind(finding: Finding): 'safe' | 'unsafe' | 'none' {
  if (!finding.fix) return 'none';
  return finding.fix.unsafe ? 'unsafe' : 'safe';
}

function severityCounts(findings: readonly Finding[]): string {
  const parts = SEVERITIES.map((severity) => {
    const count = findings.filter((finding) => finding.severity === severity).length;
    return count === 0 ? '' : severity === 'info' ? `${count} info` : plural(count, severity);
  }).filter(Boolean);
  return parts.join(', ');
}

export interface FindingsView {
  /**
   * Redraws the verdict, the counts and the items (cheap when nothing changed). `notAnalysed` replaces
   * the verdict when the text has no findings because it was not analysed (it is too large).
   */
  render(findings: readonly Finding[], securityChecked: boolean, notAnalysed?: string | null): void;
  /** Tells screen readers the outcome of a finished analysis (politely, and only when it changed). */
  announce(findings: readonly Finding[], securityChecked: boolean): void;
  /** Marks one finding as selected (or none); `scroll` brings its item into view. */
  select(finding: Finding | null, scroll?: boolean): void;
}

export interface FindingsListActions {
  jump(finding: Finding): void;
  showDocs(rule: string): void;
  explain(finding: Finding): void;
}

function verdictText(findings: readonly Finding[], securityChecked: boolean): string {
  if (!securityChecked) return 'Security checks are turned off';
  const defects = findings.filter(isSecurityDefect).length;
  if (defects > 0) return `${plural(defects, 'security defect')} detected`;
  // SEC info findings are hygiene notes, as in the Markdown review: listed, but not defects.
  const notes = findings.filter((finding) => familyOf(finding) === 'SEC').length;
  return notes === 0 ? 'No security defects detected' : `No security defects detected (${plural(notes, 'hygiene note')})`;
}

function summaryText(findings: readonly Finding[]): string {
  const others = findings.filter((finding) => familyOf(finding) !== 'SEC');
  if (others.length === 0) return 'No other findings';
  return `${plural(others.length, 'other finding')}: ${severityCounts(others)}`;
}

export function createFindingsList(elements: FindingsListElements, actions: FindingsListActions): FindingsView {
  const { verdict, summary, announcer, familyFilter, severityFilter, list } = elements;
  let shown: Finding[] = [];
  let selectedKey: string | null = null;
  /** The selected item should be scrolled into view once it is drawn (a deep link selects before that). */
  let scrollPending = false;

  const scrollToSelected = () => {
    const row = list.querySelector<HTMLElement>('li.finding[data-selected="true"]');
    if (!row) return;
    row.scrollIntoView({ block: 'center' });
    scrollPending = false;
  };
  let lastSignature = '';
  let lastAnnouncement = '';
  let lastInput: { findings: readonly Finding[]; securityChecked: boolean; notAnalysed: string | null } = {
    findings: [],
    securityChecked: true,
    notAnalysed: null,
  };

  familyFilter.append(
    h('option', { text: 'All families', attrs: { value: '' } }),
    ...Object.entries(FAMILY_NAMES).map(([family, name]) => h('option', { text: `${family} · ${name}`, attrs: { value: family } })),
  );
  severityFilter.append(
    h('option', { text: 'All severities', attrs: { value: '' } }),
    ...SEVERITIES.map((severity) => h('option', { text: severity, attrs: { value: severity } })),
  );

  const passesFilters = (finding: Finding) =>
    (familyFilter.value === '' || familyOf(finding) === (familyFilter.value as Family)) &&
    (severityFilter.value === '' || finding.severity === severityFilter.value);

  const item = (finding: Finding, index: number) => {
    const button = h(
      'button',
      { className: 'finding-button', attrs: { type: 'button', tabindex: index === 0 ? '0' : '-1' } },
      h('span', { className: `finding-severity severity-${finding.severity}`, text: finding.severity }),
      h('span', { className: 'finding-rule', text: finding.rule }),
      h('span', { className: 'finding-location', text: `line ${finding.line}` }),
      finding.fix ? h('span', { className: 'finding-fix', text: finding.fix.unsafe ? 'unsafe fix' : 'fix' }) : null,
      withInlineCode('finding-message', finding.message),
    );
    button.title = 'Enter: show in the editor · ?: rule docs · e: explain';
    button.setAttribute('aria-keyshortcuts', '? E');
    button.addEventListener('click', () => actions.jump(finding));
    button.addEventListener('keydown', (event) => {
      if (event.key === '?') actions.showDocs(finding.rule);
      else if (event.key === 'e' && !event.ctrlKey && !event.metaKey && !event.altKey) actions.explain(finding);
      else return;
      event.preventDefault();
    });
    // One Tab stop for the list stays the rule: the docs are also reachable with "?" from the item.
    const docs = h('button', {
      className: 'finding-docs',
      text: 'Docs',
      attrs: { type: 'button', tabindex: '-1', 'aria-label': `Docs of ${finding.rule}` },
    });
    docs.addEventListener('click', () => actions.showDocs(finding.rule));
    const explain = h('button', {
      className: 'finding-explain',
      text: 'Explain',
      attrs: { type: 'button', tabindex: '-1', 'aria-label': `Explain ${finding.rule} on line ${finding.line}: the syntax it matched` },
    });
    explain.addEventListener('click', () => actions.explain(finding));
    const row = h(
      'li',
      {
        className: 'finding',
        data: { rule: finding.rule, line: String(finding.line), severity: finding.severity, fix: fixKind(finding) },
      },
      button,
      h('span', { className: 'finding-side' }, explain, docs),
    );
    if (keyOf(finding) === selectedKey) markSelected(row, true);
    return row;
  };

  function markSelected(row: HTMLElement, selected: boolean): void {
    if (selected) {
      row.dataset.selected = 'true';
      row.querySelector('.finding-button')?.setAttribute('aria-current', 'true');
    } else {
      delete row.dataset.selected;
      row.querySelector('.finding-button')?.removeAttribute('aria-current');
    }
  }

  const buttons = () => Array.from(list.querySelectorAll<HTMLButtonElement>('.finding-button'));

  /** Roving tabindex: the list is one Tab stop, arrows move inside it. */
  const focusItem = (target: HTMLButtonElement | undefined) => {
    if (!target) return;
    for (const button of buttons()) button.tabIndex = button === target ? 0 : -1;
    target.focus();
  };

  list.addEventListener('keydown', (event) => {
    const all = buttons();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: all.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusItem(all[Math.min(Math.max(next, 0), all.length - 1)]);
  });

  const drawItems = (findings: readonly Finding[]) => {
    const filtered = findings.filter(passesFilters);
    const signature = (lastInput.notAnalysed ?? '') + '\n' + filtered.map(keyOf).join('\n');
    if (signature === lastSignature && list.childElementCount > 0) return;
    lastSignature = signature;

    const focusedIndex = buttons().indexOf(document.activeElement as HTMLButtonElement);
    const focusedKey = focusedIndex >= 0 && shown[focusedIndex] ? keyOf(shown[focusedIndex]) : null;
    const previous = shown;
    shown = filtered.slice(0, MAX_ITEMS);
    // A streaming run adds findings below those already listed: the rows of the unchanged beginning stay
    // in place, so that a large file's list is not rebuilt (and laid out again) many times a second.
    const rowKey = (finding: Finding) => `${keyOf(finding)}:${fixKind(finding)}`;
    let same = 0;
    while (same < previous.length && same < shown.length && rowKey(previous[same]!) === rowKey(shown[same]!)) same++;
    if (same > 0 && !list.children[same - 1]?.classList.contains('finding')) same = 0;
    const rows: HTMLElement[] = shown.slice(same).map((finding, index) => item(finding, same + index));
    if (filtered.length > MAX_ITEMS) {
      rows.push(h('li', { className: 'finding-more', text: `…and ${filtered.length - MAX_ITEMS} more: filter to see them` }));
    } else if (filtered.length === 0) {
      const empty = lastInput.notAnalysed ? 'No findings: the code was not analysed.' : findings.length === 0 ? 'No findings.' : 'No findings match the filters.';
      rows.push(h('li', { className: 'finding-empty', text: empty }));
    }
    while (list.children.length > same) list.lastElementChild!.remove();
    list.append(...rows);
    if (scrollPending) scrollToSelected();

    // Keep the keyboard where it was: on the same finding if it survived, else at the same position.
    if (focusedIndex >= 0) {
      const sameFinding = focusedKey ? shown.findIndex((finding) => keyOf(finding) === focusedKey) : -1;
      const all = buttons();
      focusItem(all[sameFinding >= 0 ? sameFinding : Math.min(focusedIndex, all.length - 1)]);
    }
  };

  const render = (findings: readonly Finding[], securityChecked: boolean, notAnalysed: string | null = null) => {
    lastInput = { findings, securityChecked, notAnalysed };
    const defects = securityChecked && findings.some(isSecurityDefect);
    verdict.textContent = notAnalysed ?? verdictText(findings, securityChecked);
    verdict.dataset.verdict = notAnalysed ? 'not-analysed' : !securityChecked ? 'off' : defects ? 'defects' : 'clean';
    const filteredCount = findings.filter(passesFilters).length;
    summary.textContent = notAnalysed
      ? ''
      : summaryText(findings) + (filteredCount === findings.length ? '' : ` · showing ${filteredCount} of ${findings.length}`);
    drawItems(findings);
  };

  const rerender = () => render(lastInput.findings, lastInput.securityChecked, lastInput.notAnalysed);
  familyFilter.addEventListener('change', rerender);
  severityFilter.addEventListener('change', rerender);

  return {
    render,
    select(finding, scroll = false) {
      selectedKey = finding ? keyOf(finding) : null;
      const rows = Array.from(list.querySelectorAll<HTMLElement>('li.finding'));
      rows.forEach((row, index) => markSelected(row, shown[index] !== undefined && keyOf(shown[index]) === selectedKey));
      scrollPending = scroll && selectedKey !== null;
      if (scrollPending) scrollToSelected();
    },
    announce(findings, securityChecked) {
      const text = `${plural(findings.length, 'finding')}. ${verdictText(findings, securityChecked)}.`;
      if (text === lastAnnouncement) return;
      lastAnnouncement = text;
      announcer.textContent = text;
    },
  };
}
