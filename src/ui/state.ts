/**
 * The playground's state (the code and the rule selection) and where it is restored from. Sources are
 * tried in order; the permalink (URL fragment) will be added in front of the local copy.
 */
import { NO_OVERRIDES, parseOverrides, type RuleOverrides } from './rule-selection';

export interface PlaygroundState {
  code: string;
  rules: RuleOverrides;
}

export interface StateSource {
  readonly name: string;
  load(): PlaygroundState | null;
}

const STORAGE_KEY = 'testsniff.playground.v1';
const SAVE_DELAY_MS = 400;

function storage(): Storage | null {
  // Storage can be missing or throw (privacy modes, sandboxed frames): the playground works without it.
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const localCopy: StateSource = {
  name: 'the copy saved in this browser',
  load() {
    try {
      const raw = storage()?.getItem(STORAGE_KEY);
      if (!raw) return null;
      const saved = JSON.parse(raw) as Record<string, unknown>;
      if (typeof saved.code !== 'string') return null;
      return { code: saved.code, rules: parseOverrides(saved.rules) };
    } catch {
      return null;
    }
  },
};

/**
 * The text as the editor will hold it: "\n" line ends and no byte-order mark. The worker analyses the
 * restored text before Monaco exists, so both must start from exactly the same characters.
 */
export function normaliseCode(code: string): string {
  return code.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function restoreState(sources: readonly StateSource[], fallbackCode: string): PlaygroundState {
  for (const source of sources) {
    const state = source.load();
    if (state) return state;
  }
  return { code: fallbackCode, rules: NO_OVERRIDES };
}

/** Saves at most every SAVE_DELAY_MS while the user types, and once more when the page is hidden. */
export function createStateSaver(current: () => PlaygroundState): { schedule(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    try {
      storage()?.setItem(STORAGE_KEY, JSON.stringify(current()));
    } catch {
      // Quota exceeded or storage disabled: keeping the text in the editor is all that matters.
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
      if (timer === undefined) timer = setTimeout(save, SAVE_DELAY_MS);
    },
  };
}
