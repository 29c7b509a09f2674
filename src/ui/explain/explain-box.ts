/**
 * The explanation of one finding: its rule, the rule's detection in plain words, the query the runner
 * uses for that rule with the captures that matched marked, and the matched nodes (each selects its code).
 * Everything from the user's file (the message quotes code) goes in as text, never as markup.
 */
import type { Explanation, MatchedNode, RuleMeta } from '../../engine/types';
import { h, withInlineCode } from '../dom';
import type { FindingRef } from '../permalink';
import { equivalentQuery } from './equivalent-query';
import { rangeLabel } from './tree-model';

export interface ExplainBoxActions {
  close(): void;
  pickNode(node: MatchedNode): void;
}

function nodeLabel(node: MatchedNode): string {
  return `${node.role} · ${node.type} · ${rangeLabel(node)}`;
}

function exitText(type: string): string {
  return type === 'module' ? 'once the whole file has been read' : `at the end of each ${type}`;
}

export class ExplainBox {
  private readonly title = h('h3', { className: 'explain-title', attrs: { id: 'explain-title', tabindex: '-1' } });
  private readonly status = h('p', { className: 'explain-status', attrs: { role: 'status' } });
  private readonly body = h('div', { className: 'explain-body' });

  constructor(
    private readonly container: HTMLElement,
    private readonly actions: ExplainBoxActions,
  ) {
    const close = h('button', { className: 'explain-close', text: 'Close', attrs: { type: 'button', 'aria-label': 'Close the explanation' } });
    close.addEventListener('click', () => actions.close());
    container.setAttribute('aria-labelledby', 'explain-title');
    container.replaceChildren(h('div', { className: 'explain-header' }, this.title, close), this.status, this.body);
    container.hidden = true;
  }

  get visible(): boolean {
    return !this.container.hidden;
  }

  private heading(ref: FindingRef, rule: RuleMeta | undefined): void {
    this.title.replaceChildren(
      'Explain ',
      h('span', { className: 'rule-id', text: ref.rule }),
      rule ? ' ' : '',
      rule ? h('span', { className: 'rule-name', text: rule.name }) : '',
      h('span', { className: 'explain-where', text: ` on line ${ref.line}` }),
    );
    this.container.hidden = false;
  }

  /**
   * The box while the explanation is on its way (or cannot come yet): `note` says why. `keep` leaves the
   * previous explanation of the same finding in place meanwhile.
   */
  waiting(ref: FindingRef, rule: RuleMeta | undefined, note: string, keep = false): void {
    this.heading(ref, rule);
    if (!keep) this.body.replaceChildren();
    this.status.textContent = note;
  }

  show(explanation: Explanation, rule: RuleMeta | undefined): void {
    const { finding } = explanation;
    this.heading(finding, rule);
    this.status.textContent = '';
    const query = equivalentQuery(explanation);
    const lines = query.patterns.map((pattern) => {
      const comment = pattern.matched.length > 0
        ? `  ; ← ${pattern.matched.map((node) => `${node.role} ${rangeLabel(node)}`).join(', ')}`
        : pattern.visited
          ? ''
          : '  ; scope tracking';
      const text = h('span', { text: pattern.text });
      return h(
        'span',
        { className: 'explain-pattern', data: { type: pattern.type, matched: String(pattern.matched.length > 0) } },
        pattern.matched.length > 0 ? h('mark', {}, text) : text,
        comment ? h('span', { className: 'explain-comment', text: comment }) : null,
        '\n',
      );
    });
    const nodes = explanation.nodes.map((node) => {
      const button = h('button', {
        className: 'explain-node',
        text: nodeLabel(node),
        attrs: { type: 'button', 'aria-label': `Select the ${node.role} ${node.type} node, ${rangeLabel(node)}, in the editor` },
        data: { role: node.role },
      });
      button.addEventListener('click', () => this.actions.pickNode(node));
      return h('li', {}, button);
    });
    const parts: (HTMLElement | null)[] = [
      h('p', { className: 'explain-message' }, withInlineCode('', finding.message)),
      h('h4', { text: 'How the rule sees it' }),
      h('p', { className: 'explain-detection' }, withInlineCode('', explanation.detection)),
      h('h4', { text: 'The query the runner uses for this rule' }),
      h('p', {
        className: 'explain-note',
        text:
          'testsniff’s rules are TypeScript visitors, not query files. This is the tree-sitter query the runner builds to hand ' +
          `${finding.rule} its nodes; the rule’s code then decides. A marked pattern captured a node this finding rests on.`,
      }),
      h('pre', { className: 'explain-query' }, h('code', {}, ...lines)),
      query.exits.length > 0
        ? h('p', { className: 'explain-note', text: `The rule also judges what it gathered ${query.exits.map(exitText).join(' and ')}.` })
        : null,
      query.reached.length > 0
        ? h('p', {
            className: 'explain-note',
            text: `Reached by the rule’s code from a captured node (no pattern of their own): ${query.reached.map((node) => `${node.type} ${rangeLabel(node)}`).join(', ')}.`,
          })
        : null,
      h('h4', { text: 'Matched nodes' }),
      h('ul', { className: 'explain-nodes', attrs: { 'aria-label': 'Nodes this finding rests on' } }, ...nodes),
    ];
    this.body.replaceChildren(...parts.filter((part): part is HTMLElement => part !== null));
  }

  /** Moves the keyboard to the box (after "Explain" from the list, the hover or a code action). */
  focus(): void {
    this.title.focus({ preventScroll: false });
  }

  hide(): void {
    this.container.hidden = true;
    this.body.replaceChildren();
    this.status.textContent = '';
  }
}
