/**
 * Masks the secrets SEC001 found, for a shared link: inside each reported string literal, long runs of
 * key characters keep their first four characters and the rest become `x`. Every character is replaced
 * one for one, so lines, columns and the other findings stay where they were; escape sequences and
 * f-string fields are left intact, so the code still parses; and the `xxxx` marks the value as an
 * obvious fake, so SEC001 is silent on the masked code.
 */
import type { Range } from '../engine/types';

/** Shorter runs are words of the format (`BEGIN`, `PRIVATE`, `token`), not secret material. */
const MIN_RUN = 8;
const KEEP = 4;
const MASK = 'x';

function isKeyChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    code === 43 || code === 47 || code === 61 || code === 95 // + / = _
  );
}

/** Offsets of the start of every line ("\n" ends lines, as the engine counts them). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function offsetOf(starts: readonly number[], text: string, line: number, column: number): number {
  const start = starts[line - 1];
  if (start === undefined) return text.length;
  return Math.min(start + column - 1, text.length);
}

/** Length of the escape sequence at `i` (a backslash) in a non-raw literal. */
function escapeLength(text: string, i: number, end: number): number {
  const next = text[i + 1];
  const hexDigits = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (hexDigits > 0) return Math.min(2 + hexDigits, end - i);
  if (next === 'N' && text[i + 2] === '{') {
    const close = text.indexOf('}', i);
    return close >= 0 && close < end ? close - i + 1 : end - i;
  }
  if (next !== undefined && next >= '0' && next <= '7') {
    let length = 2;
    while (length < 4 && i + length < end && text[i + length]! >= '0' && text[i + length]! <= '7') length++;
    return length;
  }
  return Math.min(2, end - i);
}

/** Masks one literal's content `[start, end)` into `out` (an array of the text's characters). */
function maskContent(text: string, out: string[], start: number, end: number, raw: boolean, formatted: boolean): void {
  let runStart = -1;
  const closeRun = (runEnd: number) => {
    if (runStart >= 0 && runEnd - runStart >= MIN_RUN) {
      for (let k = runStart + KEEP; k < runEnd; k++) out[k] = MASK;
    }
    runStart = -1;
  };
  let depth = 0;
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (formatted && (ch === '{' || ch === '}')) {
      // `{{` and `}}` are literal braces; a single brace opens or closes a field, left as code.
      if (text[i + 1] === ch) {
        closeRun(i);
        i++;
        continue;
      }
      closeRun(i);
      depth = Math.max(0, depth + (ch === '{' ? 1 : -1));
      continue;
    }
    if (depth > 0) continue;
    if (ch === '\\' && !raw) {
      closeRun(i);
      i += escapeLength(text, i, end) - 1;
      continue;
    }
    if (isKeyChar(ch.charCodeAt(0))) {
      if (runStart < 0) runStart = i;
    } else {
      closeRun(i);
    }
  }
  closeRun(end);
}

/** Masks every string literal that begins inside `[start, end)`. */
function maskLiterals(text: string, out: string[], start: number, end: number): number {
  let masked = 0;
  let i = start;
  while (i < end) {
    const prefix = /^[rRbBuUfF]{0,2}(?='|")/.exec(text.slice(i, i + 3));
    // `elif"x"` is no prefix: a prefix letter must start a token.
    const prefixStartsToken = !prefix || prefix[0] === '' || i === 0 || !/\w/.test(text[i - 1]!);
    if (!prefix || !prefixStartsToken) {
      if (text[i] === '#') {
        const newline = text.indexOf('\n', i);
        i = newline < 0 ? end : newline;
      } else {
        i++;
      }
      continue;
    }
    const flags = prefix[0].toLowerCase();
    const quoteAt = i + prefix[0].length;
    const quote = text.startsWith(text[quoteAt]!.repeat(3), quoteAt) ? text[quoteAt]!.repeat(3) : text[quoteAt]!;
    const contentStart = quoteAt + quote.length;
    let close = contentStart;
    while (close < text.length && !text.startsWith(quote, close)) close += text[close] === '\\' && !flags.includes('r') ? 2 : 1;
    const contentEnd = Math.min(close, text.length);
    maskContent(text, out, contentStart, contentEnd, flags.includes('r'), flags.includes('f'));
    masked++;
    i = contentEnd + quote.length;
  }
  return masked;
}

export interface MaskResult {
  code: string;
  /** How many literals were masked. */
  masked: number;
}

/** The code with the secrets of these findings (SEC001 ranges) masked. */
export function maskSecrets(code: string, findings: readonly Range[]): MaskResult {
  const starts = lineStarts(code);
  const out = code.split('');
  let masked = 0;
  for (const finding of findings) {
    const start = offsetOf(starts, code, finding.line, finding.column);
    const end = offsetOf(starts, code, finding.endLine, finding.endColumn);
    masked += maskLiterals(code, out, start, end);
  }
  return { code: out.join(''), masked };
}
