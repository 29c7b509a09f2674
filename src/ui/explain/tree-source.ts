/**
 * The syntax tree (and the tests) of the current text, fetched from the worker only while a view wants
 * it: the tree panel wants rows, the per-test summary only the tests. A fetch waits until the analysis
 * has settled on the current text (a little longer, so typing does not trigger one per pause), and an
 * answer about an older text is dropped; the next settled analysis asks again.
 */
import type { SyntaxTreeRows, TreeAnswer } from '../../worker/protocol';

export interface TreeData {
  /** The text version the tree describes. */
  version: number;
  tree: SyntaxTreeRows;
  withRows: boolean;
  buildMs: number;
}

export type TreeNeed = 'rows' | 'tests';

const SETTLE_DELAY_MS = 150;

export class TreeSource {
  private data: TreeData | null = null;
  private readonly needs = new Set<TreeNeed>();
  private readonly listeners = new Set<(data: TreeData) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private fetching = false;
  private again = false;

  constructor(
    private readonly fetch: (withRows: boolean) => Promise<TreeAnswer | null>,
    private readonly version: () => number,
  ) {}

  /** The latest tree, possibly of an older text (see `isCurrent`). */
  get current(): TreeData | null {
    return this.data;
  }

  isCurrent(data: TreeData | null = this.data): boolean {
    return data !== null && data.version === this.version();
  }

  onChange(listener: (data: TreeData) => void): void {
    this.listeners.add(listener);
  }

  want(need: TreeNeed, wanted: boolean): void {
    if (wanted) this.needs.add(need);
    else this.needs.delete(need);
    if (wanted) this.schedule(0);
  }

  /** The analysis has settled on the current text: a good time to fetch. */
  settled(): void {
    this.schedule(SETTLE_DELAY_MS);
  }

  private missing(): boolean {
    const current = this.isCurrent();
    return (this.needs.has('rows') && !(current && this.data!.withRows)) || (this.needs.has('tests') && !current);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    if (this.fetching) {
      this.again = true;
      return;
    }
    if (!this.missing()) return;
    this.fetching = true;
    const version = this.version();
    const withRows = this.needs.has('rows');
    try {
      const answer = await this.fetch(withRows);
      if (answer && version === this.version()) {
        this.data = { version, tree: answer.tree, withRows, buildMs: answer.buildMs };
        for (const listener of this.listeners) listener(this.data);
      }
    } finally {
      this.fetching = false;
    }
    if (this.again) {
      this.again = false;
      this.schedule(0);
    }
  }
}
