/**
 * The tree panel beside the editor: the toggle, the virtualised tree of the current text, and the two-way
 * link with the editor. The cursor (or selection) highlights the node under it; picking a node selects
 * its code. The rows come from the worker after each settled analysis while the panel is open; until the
 * new rows arrive after an edit, the panel says so and the old rows stop following the cursor.
 */
import type { MatchedNode, Range } from '../../engine/types';
import { h, plural } from '../dom';
import { monaco, type CodeEditor } from '../editor';
import type { TreeData, TreeSource } from './tree-source';
import { TreeModel } from './tree-model';
import { TreeView, type MatchRole } from './tree-view';
import type { NodeRef } from './view-state';

export interface TreePanelElements {
  panel: HTMLElement;
  toggle: HTMLButtonElement;
  workspace: HTMLElement;
}

export interface TreePanelInspection {
  open: boolean;
  /** The rows are those of the current text. */
  current: boolean;
  nodes: number;
  renderedRows: number;
  buildMs: number | null;
  active: NodeRef | null;
  marked: (NodeRef & { role: MatchRole })[];
}

export class TreePanel {
  /** Where the explanation box goes (above the tree). */
  readonly explainContainer: HTMLElement;
  private readonly status: HTMLElement;
  private readonly view: TreeView;
  private model: TreeModel | null = null;
  private data: TreeData | null = null;
  /** A node to select once rows of the current text arrive (from a link, or picked before they came). */
  private pendingNode: { ref: NodeRef; reveal: boolean } | null = null;
  private matches: readonly MatchedNode[] = [];
  /** Set while the panel itself moves the editor's selection: that move must not re-sync the tree. */
  private selecting = false;

  constructor(
    private readonly elements: TreePanelElements,
    private readonly editor: CodeEditor,
    private readonly source: TreeSource,
    private readonly viewChanged: () => void,
    /** Why the current text has no tree (it is too large to analyse), or null. */
    private readonly unavailable: () => string | null = () => null,
  ) {
    const { panel, toggle } = elements;
    const close = h('button', { className: 'tree-close', text: 'Close', attrs: { type: 'button', 'aria-label': 'Close the syntax tree' } });
    close.addEventListener('click', () => this.setOpen(false));
    this.status = h('p', { className: 'tree-status', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.explainContainer = h('section', { className: 'explain-box' });
    const scroller = h('div', { className: 'tree-scroll', attrs: { 'aria-label': 'Syntax tree of the code (named nodes)' } });
    panel.replaceChildren(
      h('div', { className: 'tree-header' }, h('h2', { text: 'Syntax tree', attrs: { id: 'tree-title' } }), close),
      this.status,
      this.explainContainer,
      scroller,
    );
    panel.setAttribute('aria-labelledby', 'tree-title');
    this.view = new TreeView({ scroller, idPrefix: 'tree-node', onPick: (row) => this.pick(row) });

    toggle.disabled = false;
    toggle.addEventListener('click', () => this.setOpen(!this.isOpen));
    source.onChange((data) => this.arrived(data));
    editor.onDidChangeModelContent(() => this.describe());
    editor.onDidChangeCursorSelection((event) => {
      if (this.selecting || !this.isOpen) return;
      this.follow(event.selection);
    });
  }

  get isOpen(): boolean {
    return !this.elements.panel.hidden;
  }

  setOpen(open: boolean): void {
    if (open === this.isOpen) return;
    const { panel, toggle, workspace } = this.elements;
    panel.hidden = !open;
    toggle.setAttribute('aria-pressed', String(open));
    workspace.dataset.tree = open ? 'open' : 'closed';
    this.source.want('rows', open);
    if (open && this.data !== this.source.current && this.source.current?.withRows) this.arrived(this.source.current);
    this.describe();
    this.viewChanged();
  }

  /** The rows describe the current text. */
  private get current(): boolean {
    return this.model !== null && this.source.isCurrent(this.data);
  }

  private describe(): void {
    const data = this.data;
    const unavailable = this.unavailable();
    if (unavailable) this.status.textContent = `No syntax tree (${unavailable.toLowerCase()}).`;
    else if (!data) this.status.textContent = 'Building the tree…';
    else if (!this.source.isCurrent(data)) this.status.textContent = 'The code changed: the tree follows once the analysis has caught up.';
    else this.status.textContent = `${plural(data.tree.count, 'named node')} · built in ${Math.round(data.buildMs)} ms`;
    this.elements.panel.dataset.stale = String(!this.current);
  }

  private arrived(data: TreeData): void {
    if (!data.withRows || !this.isOpen) return;
    const previous = this.activeNode();
    this.data = data;
    this.model = new TreeModel(data.tree);
    this.view.setModel(this.model);
    this.applyMatches();
    if (this.pendingNode) {
      const { ref, reveal } = this.pendingNode;
      this.pendingNode = null;
      this.selectNode(ref, reveal);
    } else {
      // The same node if it is still there (an edit elsewhere), else wherever the cursor now is.
      const row = previous ? this.model.find(previous) : -1;
      if (row >= 0) this.view.setActive(row, true);
      else this.follow(this.editor.getSelection());
    }
    this.describe();
  }

  /** The editor's cursor moved: highlight the node under it. */
  private follow(selection: monaco.Selection | null): void {
    if (!selection || !this.current) return;
    const model = this.model!;
    const row = selection.isEmpty()
      ? model.nodeAt({ line: selection.positionLineNumber, column: selection.positionColumn })
      : model.nodeCovering({ line: selection.startLineNumber, column: selection.startColumn, endLine: selection.endLineNumber, endColumn: selection.endColumn });
    if (row === this.view.activeRow) return;
    this.view.setActive(row, true);
    this.viewChanged();
  }

  /** Selects a range in the editor without the tree following that move. */
  selectInEditor(range: Range): void {
    const selection = new monaco.Selection(range.line, range.column, range.endLine, range.endColumn);
    this.selecting = true;
    try {
      this.editor.setSelection(selection);
    } finally {
      this.selecting = false;
    }
    this.editor.revealRangeInCenterIfOutsideViewport(selection, monaco.editor.ScrollType.Smooth);
  }

  private pick(row: number): void {
    const model = this.model;
    if (!model) return;
    this.selectInEditor(model.range(row));
    this.viewChanged();
  }

  /** Makes a node the active one (as soon as the rows of the current text are there); `reveal` selects its code. */
  selectNode(ref: NodeRef, reveal: boolean): void {
    if (!this.current) {
      this.pendingNode = { ref, reveal };
      return;
    }
    const model = this.model!;
    const exact = model.find(ref);
    const row = exact >= 0 ? exact : model.nodeCovering(ref);
    this.view.setActive(row, true);
    if (reveal) this.selectInEditor(model.range(row));
    this.viewChanged();
  }

  /** Marks the rows of an explained finding's nodes (and keeps them marked across refreshes). */
  showMatches(nodes: readonly MatchedNode[]): void {
    this.matches = nodes;
    this.applyMatches();
  }

  private applyMatches(): void {
    const model = this.model;
    const marks = new Map<number, MatchRole>();
    if (model && this.current) {
      // Related first, so that a node both reported and related shows as reported.
      for (const node of [...this.matches].sort((a, b) => (a.role === b.role ? 0 : a.role === 'related' ? -1 : 1))) {
        const row = model.find(node);
        marks.set(row >= 0 ? row : model.nodeCovering(node), node.role);
      }
    }
    this.view.setMarks(marks);
  }

  activeNode(): NodeRef | null {
    const row = this.view.activeRow;
    return this.model && row >= 0 && row < this.model.count ? this.model.ref(row) : (this.pendingNode?.ref ?? null);
  }

  inspect(): TreePanelInspection {
    this.view.draw();
    const model = this.model;
    const marked: TreePanelInspection['marked'] = [];
    for (const element of this.elements.panel.querySelectorAll<HTMLElement>('.tree-row[data-match]')) {
      const row = Number(element.dataset.row);
      if (model) marked.push({ ...model.ref(row), role: element.dataset.match as MatchRole });
    }
    return {
      open: this.isOpen,
      current: this.current,
      nodes: model?.count ?? 0,
      renderedRows: this.view.renderedRows,
      buildMs: this.data?.buildMs ?? null,
      active: this.activeNode(),
      marked,
    };
  }
}
