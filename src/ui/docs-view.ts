/**
 * The rule docs: an index of every rule by family, and one page per rule in ruff's order (summary, why,
 * fix, how it is detected, a bad and a good example, peers). Each example opens in the editor with one
 * click. Reached from the toolbar, from every finding ("Docs" or "?") and from the rules dialog.
 */
import { FAMILY_NAMES, type Family, type RuleMeta } from '../engine/types';
import { byId, h, withInlineCode } from './dom';

export interface DocsElements {
  dialog: HTMLDialogElement;
  openButton: HTMLButtonElement;
  closeButton: HTMLButtonElement;
  index: HTMLElement;
  article: HTMLElement;
}

export function docsElements(): DocsElements {
  return {
    dialog: byId('docs-dialog', HTMLDialogElement),
    openButton: byId('open-docs', HTMLButtonElement),
    closeButton: byId('docs-close', HTMLButtonElement),
    index: byId('docs-index', HTMLElement),
    article: byId('docs-article', HTMLElement),
  };
}

export interface DocsActions {
  /** Opens a rule's example in the editor (the current code is kept). */
  openExample(rule: RuleMeta, which: 'bad' | 'good'): void;
}

export interface DocsView {
  show(ruleId?: string): void;
  setRules(rules: readonly RuleMeta[]): void;
}

function defaultLabel(rule: RuleMeta): string {
  if (rule.profile) return `off by default (${rule.profile} profile)`;
  return rule.severity === 'off' ? 'off by default' : `${rule.severity} by default`;
}

const FIXABLE: Record<RuleMeta['fixable'], string> = { yes: 'has a quick fix', partial: 'quick fix for some cases', no: 'no quick fix' };

export function setupDocs(elements: DocsElements, actions: DocsActions): DocsView {
  let rules: readonly RuleMeta[] = [];
  let current: string | null = null;

  const example = (rule: RuleMeta, which: 'bad' | 'good') => {
    const open = h('button', {
      className: 'docs-open',
      text: 'Open in the editor',
      attrs: { type: 'button', 'aria-label': `Open the ${which === 'bad' ? 'flagged' : 'better'} example of ${rule.id} in the editor` },
      data: { example: which },
    });
    open.addEventListener('click', () => {
      elements.dialog.close();
      actions.openExample(rule, which);
    });
    return h(
      'section',
      { className: `docs-example docs-${which}` },
      h('div', { className: 'docs-example-header' }, h('h4', { text: which === 'bad' ? 'Flagged' : 'Instead' }), open),
      h('pre', {}, h('code', { text: rule[which] })),
    );
  };

  const drawArticle = (rule: RuleMeta) => {
    current = rule.id;
    elements.article.replaceChildren(
      h('h3', { className: 'docs-title' }, h('span', { className: 'rule-id', text: rule.id }), ' ', h('span', { className: 'rule-name', text: rule.name })),
      h('p', { className: 'docs-meta', text: `${FAMILY_NAMES[rule.family]} · ${defaultLabel(rule)} · ${FIXABLE[rule.fixable]}` }),
      h('p', { className: 'docs-summary' }, withInlineCode('', rule.summary)),
      h('h4', { text: 'Why' }),
      h('p', {}, withInlineCode('', rule.why)),
      h('h4', { text: 'How to fix' }),
      h('p', {}, withInlineCode('', rule.fix)),
      h('h4', { text: 'How it is detected' }), h('p', {}, withInlineCode('', rule.detection)),
      example(rule, 'bad'),
      example(rule, 'good'),
      h('p', { className: 'docs-peers', text: `Peers in other tools: ${rule.peers.length > 0 ? rule.peers.join('; ') : 'none'}` }),
    );
    for (const link of elements.index.querySelectorAll<HTMLButtonElement>('button[data-rule]')) {
      if (link.dataset.rule === rule.id) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
  };

  const drawIndex = () => {
    const families = (Object.keys(FAMILY_NAMES) as Family[])
      .map((family) => [family, rules.filter((rule) => rule.family === family)] as const)
      .filter(([, members]) => members.length > 0);
    elements.index.replaceChildren(
      ...families.map(([family, members]) =>
        h(
          'section',
          { className: 'docs-family' },
          h('h3', { text: `${family} · ${FAMILY_NAMES[family]}` }),
          h(
            'ul',
            {},
            ...members.map((rule) => {
              const link = h('button', { className: 'docs-link', attrs: { type: 'button' }, data: { rule: rule.id } }, h('span', { className: 'rule-id', text: rule.id }), ' ', rule.name);
              link.addEventListener('click', () => drawArticle(rule));
              return h('li', {}, link);
            }),
          ),
        ),
      ),
    );
  };

  elements.closeButton.addEventListener('click', () => elements.dialog.close());
  elements.dialog.addEventListener('click', (event) => {
    if (event.target === elements.dialog) elements.dialog.close();
  });

  const view: DocsView = {
    setRules(next) {
      rules = next;
      elements.openButton.disabled = rules.length === 0;
      drawIndex();
    },
    show(ruleId) {
      const rule = rules.find((candidate) => candidate.id === (ruleId ?? current)) ?? rules[0];
      if (!rule) return;
      drawArticle(rule);
      if (!elements.dialog.open) elements.dialog.showModal();
      elements.index.querySelector<HTMLButtonElement>(`button[data-rule="${rule.id}"]`)?.scrollIntoView({ block: 'nearest' });
    },
  };
  elements.openButton.addEventListener('click', () => view.show());
  return view;
}
