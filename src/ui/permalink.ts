/**
 * Permalinks: the whole playground state in the URL fragment, so that a link needs no server and opens
 * the same code next year. Format v1 is
 *
 *     #v1.<base64url( deflate-raw(UTF-8(JSON state)) ++ CRC-32 of the compressed bytes, big-endian )>
 *
 * The JSON text keeps the code losslessly: `JSON.stringify` writes a lone surrogate (which the editor
 * can hold, e.g. half of a pasted emoji) as a `\udXXX` escape, so the JSON text is well-formed and its
 * UTF-8 bytes decode back to exactly the same UTF-16 string. The checksum rejects a link that was cut
 * short or altered before anything is unpacked; unpacking is capped, so a small link cannot expand into
 * gigabytes. Every failure is a PermalinkError with a specific code; nothing here touches the page.
 */
import type { RuleOverrides } from './rule-selection';
import { explainViewJson, parseExplainView, type ExplainViewState } from './explain/view-state';

export const FORMAT_VERSION = 1;
const PREFIX = `v${FORMAT_VERSION}.`;
/** Chromium refuses longer URLs; a longer fragment cannot have come from a working link. */
export const MAX_FRAGMENT_CHARS = 2_000_000;
/** The unpacked JSON may be this large (a 30,000-line test file is about 1.5 MB). */
export const MAX_STATE_BYTES = 8 * 1024 * 1024;
/** Input is fed to the decompressor in slices this small: deflate expands at most ~1,032x, so the output
 * overshoots the cap by at most ~4 MB before unpacking stops. */
const INFLATE_SLICE = 4096;
const CHECKSUM_BYTES = 4;

/** Where a finding is: enough to find it again in the findings of the same code. */
export interface FindingRef {
  rule: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface SharedState {
  code: string;
  rules: RuleOverrides;
  selected: FindingRef | null;
  /** The testsniff version that made the link: findings may differ under another one. */
  engine: string;
  /** The gallery demo the code came from (its expectations are shown), or null. */
  demo: string | null;
  /**
   * The tree panel, its selected node and the explained finding. Added within v1: older links lack it
   * (the view stays closed) and older pages ignore it, as they ignore every unknown field.
   */
  explain?: ExplainViewState | null;
}

export type PermalinkErrorCode =
  | 'foreign'
  | 'newer-version'
  | 'oversized'
  | 'bad-characters'
  | 'damaged'
  | 'corrupt'
  | 'too-large'
  | 'bad-text'
  | 'bad-json'
  | 'bad-state';

const MESSAGES: Record<PermalinkErrorCode, string> = {
  foreign: 'The address ends in a fragment that is not a testsniff link.',
  'newer-version': 'The link was made by a newer testsniff whose link format this page cannot read.',
  oversized: 'The link is longer than any testsniff link can be.',
  'bad-characters': 'The link holds characters that a testsniff link never contains (it was probably changed when it was pasted).',
  damaged: 'The link is incomplete or was altered: it was probably cut short when it was copied.',
  corrupt: 'The link’s data cannot be unpacked.',
  'too-large': `The link would unpack to more than ${MAX_STATE_BYTES / 1024 / 1024} MB, so it was not opened.`,
  'bad-text': 'The link’s content is not valid text.',
  'bad-json': 'The link’s content is not a testsniff state.',
  'bad-state': 'The link’s state is incomplete or malformed.',
};

export class PermalinkError extends Error {
  constructor(
    readonly code: PermalinkErrorCode,
    detail?: string,
  ) {
    super(detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code]);
    this.name = 'PermalinkError';
  }
}

// --- base64url, without padding -------------------------------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Joined in slices: one string per byte triple would be slow and heavy for megabyte states.
  for (let start = 0; start < bytes.length; start += 3 * 8192) {
    const end = Math.min(start + 3 * 8192, bytes.length);
    let out = '';
    for (let i = start; i < end; i += 3) {
      const a = bytes[i]!;
      const b = i + 1 < end ? bytes[i + 1]! : 0;
      const c = i + 2 < end ? bytes[i + 2]! : 0;
      out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b >> 4)]!;
      if (i + 1 < end) out += ALPHABET[((b & 15) << 2) | (c >> 6)]!;
      if (i + 2 < end) out += ALPHABET[c & 63]!;
    }
    parts.push(out);
  }
  return parts.join('');
}

export function fromBase64Url(text: string): Uint8Array {
  const stray = text.search(/[^A-Za-z0-9_-]/);
  if (stray >= 0) throw new PermalinkError('bad-characters', `character ${stray + PREFIX.length + 1} of the fragment`);
  // A length of 4n+1 cannot come from whole bytes: the text was cut inside a character group.
  if (text.length % 4 === 1) throw new PermalinkError('damaged', 'the encoded data ends mid-byte');
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let value = 0;
  let bits = 0;
  let out = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = DECODE[text.charCodeAt(i)]!;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (value >> bits) & 0xff;
    }
  }
  return bytes;
}

// --- CRC-32 (IEEE), as zip and PNG use it ------------------------------------------------------------

const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// --- deflate-raw through the platform's streams ------------------------------------------------------

async function collect(reader: ReadableStreamDefaultReader<Uint8Array>, cap: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new PermalinkError('too-large');
    }
    chunks.push(value);
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return collect(stream.getReader(), Number.POSITIVE_INFINITY);
}

/**
 * Inflates at most `cap` bytes. The input goes in small slices, each written only once the previous one
 * was consumed: a decompressor expands a whole input chunk at once, whatever the reader wants.
 */
async function inflateRawCapped(bytes: Uint8Array, cap: number): Promise<Uint8Array> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stopped = false;
  const feeding = (async () => {
    for (let start = 0; start < bytes.length && !stopped; start += INFLATE_SLICE) {
      await writer.write(bytes.slice(start, start + INFLATE_SLICE));
    }
    if (!stopped) await writer.close();
  })();
  // Once reading stops (cap reached, bad data), the feeder's pending write rejects: that is expected.
  feeding.catch(() => undefined);
  try {
    const output = await collect(reader, cap);
    await feeding;
    return output;
  } catch (error) {
    stopped = true;
    await reader.cancel().catch(() => undefined);
    if (error instanceof PermalinkError) throw error;
    throw new PermalinkError('corrupt', error instanceof Error ? error.message : String(error));
  }
}

// --- the state -----------------------------------------------------------------------------------------

const RULE_ID = /^[A-Z]{3}\d{3}$/;

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function ruleIds(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) {
    throw new PermalinkError('bad-state', `${field} is not a list of rule ids`);
  }
  // Ids are stable forever; one the page does not know (a newer rule) is kept, a malformed one dropped.
  return (value as string[]).filter((id) => RULE_ID.test(id));
}

function findingRef(value: unknown): FindingRef | null {
  if (value === undefined || value === null) return null;
  const record = value as Record<string, unknown>;
  if (
    typeof value !== 'object' ||
    typeof record.rule !== 'string' ||
    !RULE_ID.test(record.rule) ||
    ![record.line, record.column, record.endLine, record.endColumn].every(isPositiveInteger)
  ) {
    throw new PermalinkError('bad-state', 'the selected finding is malformed');
  }
  return {
    rule: record.rule,
    line: record.line as number,
    column: record.column as number,
    endLine: record.endLine as number,
    endColumn: record.endColumn as number,
  };
}

/** Validates decoded JSON. Unknown fields are ignored, so that later v1 pages can add some. */
export function parseSharedState(value: unknown): SharedState {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PermalinkError('bad-state', 'not an object');
  const record = value as Record<string, unknown>;
  if (typeof record.code !== 'string') throw new PermalinkError('bad-state', 'the code is missing');
  const rules = record.rules ?? {};
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new PermalinkError('bad-state', 'the rule settings are malformed');
  const { enabled, disabled } = rules as Record<string, unknown>;
  if (record.engine !== undefined && typeof record.engine !== 'string') throw new PermalinkError('bad-state', 'the version is malformed');
  if (record.demo !== undefined && record.demo !== null && typeof record.demo !== 'string') throw new PermalinkError('bad-state', 'the demo is malformed');
  const explain = parseExplainView(record.explain);
  return {
    code: record.code,
    rules: { enabled: ruleIds(enabled, 'rules.enabled'), disabled: ruleIds(disabled, 'rules.disabled') },
    selected: findingRef(record.selected),
    engine: typeof record.engine === 'string' ? record.engine : '',
    demo: typeof record.demo === 'string' ? record.demo : null,
    ...(explain ? { explain } : {}),
  };
}

function toJson(state: SharedState): string {
  const { code, rules, selected, engine, demo } = state;
  const explain = explainViewJson(state.explain);
  return JSON.stringify({
    code,
    rules: { enabled: rules.enabled, disabled: rules.disabled },
    ...(selected ? { selected } : {}),
    engine,
    ...(demo ? { demo } : {}),
    ...(explain ? { explain } : {}),
  });
}

/** The fragment for a state, without the leading `#`. */
export async function encodePermalink(state: SharedState): Promise<string> {
  // Every UTF-16 unit takes at least one byte: a text this long is refused before it is copied (twice).
  if (state.code.length > MAX_STATE_BYTES) throw new PermalinkError('too-large');
  const json = new TextEncoder().encode(toJson(state));
  if (json.byteLength > MAX_STATE_BYTES) throw new PermalinkError('too-large');
  const packed = await deflateRaw(json);
  const framed = new Uint8Array(packed.byteLength + CHECKSUM_BYTES);
  framed.set(packed);
  new DataView(framed.buffer).setUint32(packed.byteLength, crc32(packed));
  return PREFIX + toBase64Url(framed);
}

/** True when the fragment claims to be a testsniff link (any format version). */
export function looksLikePermalink(fragment: string): boolean {
  return /^#?v\d+\./.test(fragment);
}

/** The state in a fragment (with or without the leading `#`); throws a PermalinkError when it cannot. */
export async function decodePermalink(fragment: string): Promise<SharedState> {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  const version = /^v(\d+)\./.exec(text);
  if (!version) throw new PermalinkError('foreign');
  if (Number(version[1]) !== FORMAT_VERSION) {
    throw new PermalinkError(Number(version[1]) > FORMAT_VERSION ? 'newer-version' : 'foreign', `format v${version[1]}`);
  }
  if (text.length > MAX_FRAGMENT_CHARS) throw new PermalinkError('oversized', `${text.length} characters`);
  const framed = fromBase64Url(text.slice(version[0].length));
  if (framed.byteLength <= CHECKSUM_BYTES) throw new PermalinkError('damaged', 'no data');
  const packed = framed.subarray(0, framed.byteLength - CHECKSUM_BYTES);
  const expected = new DataView(framed.buffer, framed.byteOffset + packed.byteLength, CHECKSUM_BYTES).getUint32(0);
  if (crc32(packed) !== expected) throw new PermalinkError('damaged', 'the checksum does not match');

  const bytes = await inflateRawCapped(packed, MAX_STATE_BYTES);
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new PermalinkError('bad-text');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new PermalinkError('bad-json');
  }
  return parseSharedState(value);
}
