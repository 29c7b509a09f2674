/**
 * Keeps the address bar's fragment equal to the current state, so that the address always is a
 * permalink. `history.replaceState` replaces the entry: typing does not fill the back button's history.
 */
import { encodePermalink, type SharedState } from './permalink';

const DELAY_MS = 300;
/** Beyond this the address bar carries no state (reloads use the saved copy); Share still works. */
const LIVE_LIMIT = 100_000;

export interface LinkSync {
  schedule(): void;
  /** The fragment (with `#`) the page last wrote, or '' when the address carries none of its own. */
  lastWritten(): string;
  /** Declares the address's current fragment the page's own (it was opened from it). */
  adopt(hash: string): void;
}

export function createLinkSync(current: () => SharedState, written: (hash: string) => void): LinkSync {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  let generation = 0;

  const write = async () => {
    timer = undefined;
    const mine = ++generation;
    let hash = '';
    try {
      const fragment = await encodePermalink(current());
      hash = fragment.length <= LIVE_LIMIT ? `#${fragment}` : '';
    } catch {
      hash = '';
    }
    // A newer write started while this one was encoding: it describes a newer state.
    if (mine !== generation) return;
    const url = new URL(window.location.href);
    url.hash = hash;
    window.history.replaceState(window.history.state, '', hash ? url.href : url.href.replace(/#$/, ''));
    last = hash;
    written(hash);
  };

  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => void write(), DELAY_MS);
    },
    lastWritten: () => last,
    adopt(hash) {
      last = hash;
    },
  };
}
