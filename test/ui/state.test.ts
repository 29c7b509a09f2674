import { describe, expect, it } from 'vitest';
import { budgetText, linkBudget } from '../../src/ui/link-budget';
import { encodePermalink } from '../../src/ui/permalink';
import { LocalStore, restoreStart, type PlaygroundState } from '../../src/ui/state';

/** localStorage's behaviour, with an optional quota in characters. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  constructor(private readonly quota = Number.POSITIVE_INFINITY) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    const others = [...this.items].filter(([name]) => name !== key).reduce((sum, [name, text]) => sum + name.length + text.length, 0);
    if (others + key.length + value.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

const state = (code: string, extra: Partial<PlaygroundState> = {}): PlaygroundState => ({
  code,
  rules: { enabled: [], disabled: [] },
  selected: null,
  demo: null,
  ...extra,
});
const FALLBACK = state('# the default demo\n', { demo: 'nova-live-migration' });
const link = async (code: string) => `#${await encodePermalink({ ...state(code), engine: '0.1.0' })}`;

describe('where the playground starts', () => {
  it('the default demo when there is nothing else; the saved copy when there is one', async () => {
    const store = new LocalStore(new MemoryStorage());
    expect(await restoreStart('', store, FALLBACK)).toEqual({ state: FALLBACK, origin: 'default' });
    expect(await restoreStart('', null, FALLBACK)).toEqual({ state: FALLBACK, origin: 'default' });
    store.save(state('mine = 1\n', { selected: { rule: 'TIM001', line: 1, column: 1, endLine: 1, endColumn: 5 } }), '');
    const start = await restoreStart('', store, FALLBACK);
    expect(start.origin).toBe('local');
    expect(start.state.code).toBe('mine = 1\n');
    expect(start.state.selected?.rule).toBe('TIM001');
  });

  it('a link takes precedence, and the saved copy it replaces is kept', async () => {
    const store = new LocalStore(new MemoryStorage());
    store.save(state('mine = 1\n'), '');
    const start = await restoreStart(await link('theirs = 2\n'), store, FALLBACK);
    expect(start.origin).toBe('link');
    expect(start.state.code).toBe('theirs = 2\n');
    expect(start.linkEngine).toBe('0.1.0');
    expect(start.replacedLocal?.code).toBe('mine = 1\n');
    expect(start.keepFailed).toBe(false);
    expect(store.kept().map((copy) => copy.code)).toEqual(['mine = 1\n']);
    // The saved copy itself is untouched until the user edits the link's code.
    expect(store.load()?.code).toBe('mine = 1\n');
    // Opening the link again keeps the same copy once.
    await restoreStart(await link('theirs = 2\n'), store, FALLBACK);
    expect(store.kept()).toHaveLength(1);
  });

  it('the page’s own fragment (a reload) restores the saved copy, which may be newer', async () => {
    const store = new LocalStore(new MemoryStorage());
    const own = await link('mine = 1\n');
    store.save(state('mine = 1\nmore = 2\n'), own);
    const start = await restoreStart(own, store, FALLBACK);
    expect(start).toEqual({ state: state('mine = 1\nmore = 2\n'), origin: 'local' });
    expect(store.kept()).toEqual([]);
  });

  it('a broken link changes nothing and says why', async () => {
    const store = new LocalStore(new MemoryStorage());
    store.save(state('mine = 1\n'), '');
    const good = await link('theirs = 2\n');
    for (const hash of [good.slice(0, -6), '#v1.!!', '#v3.AAAA', '#top']) {
      const start = await restoreStart(hash, store, FALLBACK);
      expect(start.origin).toBe('local');
      expect(start.state.code).toBe('mine = 1\n');
      expect(start.linkError?.message.length).toBeGreaterThan(20);
    }
    expect(store.kept()).toEqual([]);
    const withoutLocal = await restoreStart('#v1.AAAA', new LocalStore(new MemoryStorage()), FALLBACK);
    expect(withoutLocal.origin).toBe('default');
    expect(withoutLocal.linkError?.code).toBe('damaged');
  });

  it('when the browser has no room to keep the saved copy, it says so (and the page must not overwrite it)', async () => {
    const storage = new MemoryStorage(300);
    const store = new LocalStore(storage);
    store.save(state('x'.repeat(100)), '');
    const start = await restoreStart(await link('theirs = 2\n'), store, FALLBACK);
    expect(start.keepFailed).toBe(true);
    expect(store.load()?.code).toBe('x'.repeat(100));
  });

  it('keeps at most five copies, newest first, dropping the oldest when storage is full', () => {
    const store = new LocalStore(new MemoryStorage(2_000));
    for (let i = 0; i < 8; i++) expect(store.keep(state(`code_${i} = ${'#'.repeat(200)}\n`))).toBe(true);
    const kept = store.kept().map((copy) => copy.code.slice(0, 6));
    expect(kept[0]).toBe('code_7');
    expect(kept.length).toBeLessThanOrEqual(5);
    expect(store.keep(state('y'.repeat(5_000)))).toBe(false);
  });

  it('ignores saved data of the wrong shape', async () => {
    const storage = new MemoryStorage();
    storage.setItem('testsniff.playground.v1', '{"code": 5}');
    storage.setItem('testsniff.kept.v1', '{"not": "a list"}');
    const store = new LocalStore(storage);
    expect(store.load()).toBeNull();
    expect(store.kept()).toEqual([]);
    storage.setItem('testsniff.playground.v1', 'not json');
    expect((await restoreStart('', store, FALLBACK)).origin).toBe('default');
  });
});

describe('link length budget', () => {
  it('chat, long, too long', () => {
    expect([1, 2000, 2001, 8000, 8001].map(linkBudget)).toEqual(['chat', 'chat', 'long', 'long', 'too-long']);
    expect(budgetText(1234)).toMatch(/^1,234 characters: fits a chat message/);
    expect(budgetText(9000)).toMatch(/too long .* Markdown or download/);
  });
});
