/**
 * The playground's state (code, rule selection, selected finding, demo) and where it comes from: a
 * permalink in the URL fragment first, then the copy saved in this browser, then the default demo.
 * Nothing the user wrote is lost on the way: opening a link (or a demo, or an example) first keeps the
 * code it replaces among a few "kept copies", and a broken link changes nothing at all.
 */
import { decodePermalink, PermalinkError, type FindingRef, type SharedState } from './permalink';
import { NO_OVERRIDES, parseOverrides, type RuleOverrides } from './rule-selection';
import { parseExplainView, type ExplainViewState } from './explain/view-state';

export interface PlaygroundState {
  code: string;
  rules: RuleOverrides;
  selected: FindingRef | null;
  demo: string | null;
  /** The explain view (tree panel, selected node, explained finding); absent: leave the view as it is. */
  explain?: ExplainViewState | null;
}

/** The local copy also remembers the fragment the page last wrote: that URL is the page's own. */
interface SavedCopy extends PlaygroundState {
  fragment: string;
}

export interface KeptCopy extends PlaygroundState {
  keptAt: string;
}

const STORAGE_KEY = 'testsniff.playground.v1';
const KEPT_KEY = 'testsniff.kept.v1';
const MAX_KEPT = 5;
const SAVE_DELAY_MS = 400;

export function browserStorage(): Storage | null {
  // Storage can be missing or throw (privacy modes, sandboxed frames): the playground works without it.
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function selectedOf(value: unknown): FindingRef | null {
  const ref = value as FindingRef | null | undefined;
  if (!ref || typeof ref !== 'object' || typeof ref.rule !== 'string') return null;
  const fields = [ref.line, ref.column, ref.endLine, ref.endColumn];
  return fields.every((field) => Number.isInteger(field) && field >= 1) ? { rule: ref.rule, line: ref.line, column: ref.column, endLine: ref.endLine, endColumn: ref.endColumn } : null;
}

function stateOf(value: unknown): PlaygroundState | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.code !== 'string') return null;
  const explain = parseExplainView(record.explain);
  return {
    code: record.code,
    rules: parseOverrides(record.rules),
    selected: selectedOf(record.selected),
    demo: typeof record.demo === 'string' ? record.demo : null,
    ...(explain ? { explain } : {}),
  };
}

function sameState(a: PlaygroundState, b: PlaygroundState): boolean {
  return a.code === b.code && JSON.stringify(a.rules) === JSON.stringify(b.rules);
}

/** The saved copy and the kept copies, in whatever Storage the page has (none in embed mode). */
export class LocalStore {
  constructor(private readonly storage: Storage) {}

  load(): SavedCopy | null {
    try {
      const raw = this.storage.getItem(STORAGE_KEY);
      if (!raw) return null;
      const saved = JSON.parse(raw) as Record<string, unknown>;
      const state = stateOf(saved);
      return state ? { ...state, fragment: typeof saved.fragment === 'string' ? saved.fragment : '' } : null;
    } catch {
      return null;
    }
  }

  /** False when the browser refused (quota exceeded, storage disabled). */
  save(state: PlaygroundState, fragment: string): boolean {
    try {
      this.storage.setItem(STORAGE_KEY, JSON.stringify({ ...state, fragment }));
      return true;
    } catch {
      return false;
    }
  }

  kept(): KeptCopy[] {
    try {
      const list = JSON.parse(this.storage.getItem(KEPT_KEY) ?? '[]') as unknown;
      if (!Array.isArray(list)) return [];
      return list.flatMap((item: unknown) => {
        const state = stateOf(item);
        const keptAt = (item as { keptAt?: unknown }).keptAt;
        return state ? [{ ...state, keptAt: typeof keptAt === 'string' ? keptAt : '' }] : [];
      });
    } catch {
      return [];
    }
  }

  /**
   * Keeps a copy (newest first, at most a few; the same code is kept once). False when the browser
   * would not store it: the caller must then not overwrite the saved copy either.
   */
  keep(state: PlaygroundState, now = new Date()): boolean {
    const entry: KeptCopy = { ...state, keptAt: now.toISOString() };
    let list = [entry, ...this.kept().filter((other) => !sameState(other, state))].slice(0, MAX_KEPT);
    // A full storage drops the oldest copies first; the newest must fit.
    while (list.length > 0) {
      try {
        this.storage.setItem(KEPT_KEY, JSON.stringify(list));
        return true;
      } catch {
        list = list.slice(0, -1);
      }
    }
    return false;
  }
}

export type StartOrigin = 'link' | 'local' | 'default';

export interface StartState {
  state: PlaygroundState;
  origin: StartOrigin;
  /** The engine version the opened link was made with. */
  linkEngine?: string;
  /** Why the link in the address could not be opened (the local work was kept as it was). */
  linkError?: PermalinkError;
  /** The local copy that the opened link replaced, now among the kept copies. */
  replacedLocal?: PlaygroundState;
  /** The replaced local copy could not be kept: it must not be overwritten either. */
  keepFailed?: boolean;
}

function fromLink(shared: SharedState): PlaygroundState {
  return { code: shared.code, rules: shared.rules, selected: shared.selected, demo: shared.demo, ...(shared.explain ? { explain: shared.explain } : {}) };
}

/**
 * The state to start with. `hash` is `location.hash`; `store` is null when the page must not touch the
 * browser's storage (embed mode, storage unavailable).
 */
export async function restoreStart(hash: string, store: LocalStore | null, fallback: PlaygroundState): Promise<StartState> {
  const local = store?.load() ?? null;
  const localState = local ? stateOf(local) : null;
  if (hash.length > 1) {
    // The page's own fragment (a reload): the saved copy is at least as new, and it is the user's.
    if (local && localState && local.fragment === hash) return { state: localState, origin: 'local' };
    try {
      const shared = await decodePermalink(hash);
      const state = fromLink(shared);
      if (!store || !localState || sameState(localState, state)) return { state, origin: 'link', linkEngine: shared.engine };
      const kept = store.keep(localState);
      return { state, origin: 'link', linkEngine: shared.engine, replacedLocal: localState, keepFailed: !kept };
    } catch (error) {
      const linkError = error instanceof PermalinkError ? error : new PermalinkError('corrupt', String(error));
      return localState ? { state: localState, origin: 'local', linkError } : { state: fallback, origin: 'default', linkError };
    }
  }
  return localState ? { state: localState, origin: 'local' } : { state: fallback, origin: 'default' };
}

/**
 * The text as the editor will hold it: "\n" line ends and no byte-order mark. The worker analyses the
 * restored text before Monaco exists, so both must start from exactly the same characters.
 */
export function normaliseCode(code: string): string {
  return code.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export const EMPTY_STATE: PlaygroundState = { code: '', rules: NO_OVERRIDES, selected: null, demo: null };

export interface StateSaver {
  schedule(): void;
  /** Stops saving for the rest of the session (the saved copy must survive). */
  pause(): void;
}

/**
 * Saves at most every SAVE_DELAY_MS while the user types, and once more when the page is hidden.
 * `failed` hears when the browser refuses to save (the code is too large for its storage).
 */
export function createStateSaver(
  store: LocalStore | null,
  current: () => { state: PlaygroundState; fragment: string },
  failed: (saving: boolean) => void,
): StateSaver {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let paused = store === null;
  let failing = false;
  const save = () => {
    timer = undefined;
    if (paused || !store) return;
    const { state, fragment } = current();
    const saved = store.save(state, fragment);
    if (saved === failing) {
      failing = !saved;
      failed(failing);
    }
  };
  window.addEventListener('pagehide', () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      save();
    }
  });
  return {
    schedule() {
      if (!paused && timer === undefined) timer = setTimeout(save, SAVE_DELAY_MS);
    },
    pause() {
      paused = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
