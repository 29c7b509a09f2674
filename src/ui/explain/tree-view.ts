/**
 * The syntax tree as a virtualised ARIA tree: only the rows in view exist in the DOM (a small pool of
 * elements, reused while scrolling), each at a fixed height, in a scroll container as tall as the whole
 * list. The container holds the keyboard focus and points at the active row with aria-activedescendant.
 * Arrows move (and select the node's code through `onPick`), Left/Right collapse and expand, Enter picks.
 */
import { h } from '../dom';
import { rangeLabel, type TreeModel } from './tree-model';
import { contentHeight, rowWindow, scrollTopToShow, type Viewport } from './windowing';

export const ROW_HEIGHT = 22;
/** Deeper rows are indented no further (their depth is still announced and shown on hover). */
const MAX_INDENT_LEVELS = 40;
const INDENT_PX = 12;

export type MatchRole = 'reported' | 'related';

export interface TreeViewOptions {
  /** The scroll container: it becomes the `tree`. */
  scroller: HTMLElement;
  /** Prefix of the rows' element ids (for aria-activedescendant). */
  idPrefix: string;
  /** The user moved to (or clicked) a row. */
  onPick(row: number): void;
}

export class TreeView {
  private model: TreeModel | null = null;
  private active = -1;
  private marks: ReadonlyMap<number, MatchRole> = new Map();
  private readonly spacer: HTMLElement;
  private readonly layer: HTMLElement;
  private readonly pool: HTMLElement[] = [];
  private frame = 0;

  constructor(private readonly options: TreeViewOptions) {
    const { scroller } = options;
    scroller.setAttribute('role', 'tree');
    scroller.tabIndex = 0;
    this.layer = h('div', { className: 'tree-rows', attrs: { role: 'presentation' } });
    this.spacer = h('div', { className: 'tree-spacer', attrs: { role: 'presentation' } }, this.layer);
    scroller.append(this.spacer);
    scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(scroller);
    this.layer.addEventListener('click', (event) => this.clicked(event));
    scroller.addEventListener('keydown', (event) => this.keydown(event));
  }

  setModel(model: TreeModel | null): void {
    this.model = model;
    this.active = -1;
    this.marks = new Map();
    this.spacer.style.height = `${model ? contentHeight(model.visibleCount, ROW_HEIGHT) : 0}px`;
    this.schedule();
  }

  get activeRow(): number {
    return this.active;
  }

  /** Makes a row the active one; `scroll` brings it into view (opening collapsed ancestors). */
  setActive(row: number, scroll: boolean): void {
    const model = this.model;
    if (!model || row >= model.count) return;
    this.active = row;
    if (row >= 0 && scroll) {
      if (model.positionOf(row) < 0) {
        model.reveal(row);
        this.spacer.style.height = `${contentHeight(model.visibleCount, ROW_HEIGHT)}px`;
      }
      const target = scrollTopToShow(model.positionOf(row), this.viewport());
      if (target !== null) this.options.scroller.scrollTop = target;
    }
    this.schedule();
  }

  /** Rows that a finding rests on, shown marked. */
  setMarks(marks: ReadonlyMap<number, MatchRole>): void {
    this.marks = marks;
    this.schedule();
  }

  /** How many row elements exist now (the point of virtualising: a screenful, whatever the file). */
  get renderedRows(): number {
    return this.layer.childElementCount;
  }

  rowElementId(row: number): string {
    return `${this.options.idPrefix}-${row}`;
  }

  private viewport(): Viewport {
    const { scroller } = this.options;
    return { scrollTop: scroller.scrollTop, height: scroller.clientHeight, rowHeight: ROW_HEIGHT, count: this.model?.visibleCount ?? 0 };
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws synchronously (the browser tests and a scroll handler may need it now). */
  draw(): void {
    const model = this.model;
    const window = model ? rowWindow(this.viewport()) : { first: 0, end: 0, top: 0 };
    const needed = window.end - window.first;
    while (this.pool.length < needed) this.pool.push(this.createRow());
    const shown = this.pool.slice(0, needed);
    if (this.layer.childElementCount !== needed) this.layer.replaceChildren(...shown);
    this.layer.style.transform = `translateY(${window.top}px)`;
    let activeShown = false;
    shown.forEach((element, index) => {
      const row = model!.rowAt(window.first + index);
      this.fill(element, model!, row);
      if (row === this.active) activeShown = true;
    });
    const { scroller } = this.options;
    if (activeShown) scroller.setAttribute('aria-activedescendant', this.rowElementId(this.active));
    else scroller.removeAttribute('aria-activedescendant');
  }

  private createRow(): HTMLElement {
    return h(
      'div',
      { className: 'tree-row', attrs: { role: 'treeitem' } },
      h('span', { className: 'tree-toggle', attrs: { 'aria-hidden': 'true' } }),
      h('span', { className: 'tree-field' }),
      h('span', { className: 'tree-type' }),
      h('span', { className: 'tree-flag' }),
      h('span', { className: 'tree-range' }),
    );
  }

  private fill(element: HTMLElement, model: TreeModel, row: number): void {
    const depth = model.depth(row);
    const range = model.range(row);
    const field = model.field(row);
    const type = model.type(row);
    const flag = model.isError(row) ? 'ERROR' : model.isMissing(row) ? 'MISSING' : '';
    const [toggle, fieldSpan, typeSpan, flagSpan, rangeSpan] = element.children as unknown as HTMLElement[];
    element.id = this.rowElementId(row);
    element.dataset.row = String(row);
    element.style.height = `${ROW_HEIGHT}px`;
    element.style.paddingLeft = `${4 + Math.min(depth, MAX_INDENT_LEVELS) * INDENT_PX}px`;
    element.setAttribute('aria-level', String(depth + 1));
    element.setAttribute('aria-selected', row === this.active ? 'true' : 'false');
    element.title = `depth ${depth} · ${type} · ${rangeLabel(range)}`;
    if (model.hasChildren(row)) element.setAttribute('aria-expanded', model.isCollapsed(row) ? 'false' : 'true');
    else element.removeAttribute('aria-expanded');
    const mark = this.marks.get(row);
    if (mark) element.dataset.match = mark;
    else delete element.dataset.match;
    if (flag) element.dataset.flag = flag;
    else delete element.dataset.flag;
    toggle!.textContent = model.hasChildren(row) ? (model.isCollapsed(row) ? '▸' : '▾') : '';
    fieldSpan!.textContent = field ? `${field}: ` : '';
    typeSpan!.textContent = type;
    flagSpan!.textContent = flag;
    rangeSpan!.textContent = rangeLabel(range);
  }

  private rowOf(target: EventTarget | null): number {
    const element = target instanceof Element ? target.closest<HTMLElement>('.tree-row') : null;
    return element?.dataset.row === undefined ? -1 : Number(element.dataset.row);
  }

  private clicked(event: MouseEvent): void {
    const row = this.rowOf(event.target);
    const model = this.model;
    if (row < 0 || !model) return;
    if (event.target instanceof Element && event.target.closest('.tree-toggle')) {
      this.toggle(row);
      return;
    }
    this.options.scroller.focus({ preventScroll: true });
    this.setActive(row, false);
    this.options.onPick(row);
  }

  private toggle(row: number): void {
    const model = this.model;
    if (!model) return;
    model.setCollapsed(row, !model.isCollapsed(row));
    this.spacer.style.height = `${contentHeight(model.visibleCount, ROW_HEIGHT)}px`;
    this.schedule();
  }

  private move(row: number): void {
    if (row < 0 || row === this.active) return;
    this.setActive(row, true);
    this.options.onPick(row);
  }

  private keydown(event: KeyboardEvent): void {
    const model = this.model;
    if (!model || model.count === 0) return;
    const position = Math.max(0, model.positionOf(this.active));
    const page = Math.max(1, Math.floor(this.options.scroller.clientHeight / ROW_HEIGHT) - 1);
    const at = (next: number) => model.rowAt(Math.min(Math.max(next, 0), model.visibleCount - 1));
    const active = this.active < 0 ? 0 : this.active;
    switch (event.key) {
      case 'ArrowDown':
        this.move(this.active < 0 ? 0 : at(position + 1));
        break;
      case 'ArrowUp':
        this.move(at(position - 1));
        break;
      case 'PageDown':
        this.move(at(position + page));
        break;
      case 'PageUp':
        this.move(at(position - page));
        break;
      case 'Home':
        this.move(at(0));
        break;
      case 'End':
        this.move(at(model.visibleCount - 1));
        break;
      case 'ArrowRight':
        if (model.hasChildren(active) && model.isCollapsed(active)) this.toggle(active);
        else if (model.hasChildren(active)) this.move(active + 1);
        break;
      case 'ArrowLeft':
        if (model.hasChildren(active) && !model.isCollapsed(active)) this.toggle(active);
        else this.move(model.parent(active));
        break;
      case 'Enter':
      case ' ':
        if (this.active >= 0) this.options.onPick(this.active);
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}
