/**
 * Questions rules ask about the text of the whole file ("does it call `stopall` anywhere?", "how often is
 * `helper_name` written?"), recorded with their answers. An incremental run reuses findings only if every
 * question the reused findings depended on still has the same answer on the edited text.
 */

const WORD = /[A-Za-z_]\w*/g;

/** How often each word (identifier-like token) occurs in `text`. */
export function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.match(WORD) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** The answer to a search, as a string: `1`/`0` for a plain pattern, every match (with groups) for a global one. */
export function answer(pattern: RegExp, text: string): string {
  pattern.lastIndex = 0;
  if (!pattern.global) return pattern.test(text) ? '1' : '0';
  return JSON.stringify([...text.matchAll(pattern)].map((match) => [...match]));
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class TextQuestions {
  readonly searches = new Map<string, { pattern: RegExp; answer: string }>();
  readonly words = new Map<string, number>();

  search(pattern: RegExp, result: string): void {
    this.searches.set(`${pattern.source}/${pattern.flags}`, { pattern, answer: result });
  }

  word(word: string, count: number): void {
    this.words.set(word, count);
  }

  /** Adds another run's questions (asked about the same text, so the answers agree). */
  merge(other: TextQuestions): TextQuestions {
    const merged = new TextQuestions();
    for (const source of [this, other]) {
      for (const [key, value] of source.searches) merged.searches.set(key, value);
      for (const [word, count] of source.words) merged.words.set(word, count);
    }
    return merged;
  }

  /** Whether every recorded question has the same answer on `text`. */
  holdFor(text: string): boolean {
    for (const { pattern, answer: before } of this.searches.values()) if (answer(pattern, text) !== before) return false;
    if (this.words.size === 0) return true;
    // One pass over the text for all the recorded words.
    const counts = new Map<string, number>();
    const words = new RegExp(`(?<![\\w])(?:${[...this.words.keys()].map(escape).join('|')})(?![\\w])`, 'g');
    for (const match of text.matchAll(words)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
    for (const [word, count] of this.words) if ((counts.get(word) ?? 0) !== count) return false;
    return true;
  }
}
