import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  crc32,
  decodePermalink,
  encodePermalink,
  fromBase64Url,
  MAX_FRAGMENT_CHARS,
  MAX_STATE_BYTES,
  PermalinkError,
  toBase64Url,
  type PermalinkErrorCode,
  type SharedState,
} from '../../src/ui/permalink';

/** A small deterministic generator (mulberry32): failures replay. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces an editor can hold, the awkward ones included: CRLF, lone surrogates, NUL, BOM, U+2028. */
const PIECES = [
  'def test_x(self):\n', '    ', 'self.assertEqual(a, b)', 'time.sleep(1)', '\n', '\r\n', '\r', '\t', ' ', '#', '"', "'", '\\',
  '`', '{', '}', 'é', 'ß', '中文', 'Ωμέγα', '😀', '👩‍💻', '\uD83D', '\uDE00', '\uDBFF', '\uDC00', '\u0000', '\uFEFF', '\u2028',
  '\u2029', '\uFFFF', '\uFFFD', '%', '&', '<script>', 'ghp_8sJ2kLmN4pQ6rT9vX1zB3dF5hJ7lN0qS2uW4', 'x', '0', 'Z',
];

function randomState(next: () => number, maxPieces: number): SharedState {
  const count = Math.floor(next() * maxPieces);
  let code = '';
  for (let i = 0; i < count; i++) {
    // Mostly pieces, sometimes an arbitrary UTF-16 code unit (any of the 65,536).
    code += next() < 0.9 ? PIECES[Math.floor(next() * PIECES.length)]! : String.fromCharCode(Math.floor(next() * 0x10000));
  }
  const ids = () =>
    Array.from({ length: Math.floor(next() * 4) }, () => `${['TIM', 'MCK', 'SEC', 'ASR'][Math.floor(next() * 4)]}00${Math.floor(next() * 10)}`);
  const line = 1 + Math.floor(next() * 500);
  return {
    code,
    rules: { enabled: ids(), disabled: ids() },
    selected: next() < 0.5 ? { rule: 'TIM001', line, column: 1 + Math.floor(next() * 80), endLine: line + Math.floor(next() * 3), endColumn: 1 + Math.floor(next() * 80) } : null,
    engine: next() < 0.5 ? '0.1.0' : '12.34.5-beta.1',
    demo: next() < 0.3 ? 'nova-live-migration' : null,
  };
}

function sameCodeUnits(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** A v1 fragment around arbitrary bytes, checksum included: reaches the stages after the checksum. */
function frame(payload: Uint8Array | string, options: { raw?: boolean } = {}): string {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  const packed = options.raw ? bytes : new Uint8Array(deflateRawSync(bytes));
  const framed = new Uint8Array(packed.length + 4);
  framed.set(packed);
  new DataView(framed.buffer).setUint32(packed.length, crc32(packed));
  return `v1.${toBase64Url(framed)}`;
}

async function rejection(fragment: string): Promise<PermalinkErrorCode> {
  try {
    await decodePermalink(fragment);
  } catch (error) {
    expect(error).toBeInstanceOf(PermalinkError);
    expect((error as PermalinkError).message.length).toBeGreaterThan(20);
    return (error as PermalinkError).code;
  }
  throw new Error(`decoded without an error: ${fragment.slice(0, 60)}`);
}

const SAMPLE: SharedState = {
  code: 'import time\n\n\ndef test_waits():\n    time.sleep(1)\n    assert True\n',
  rules: { enabled: ['TIM003'], disabled: ['SML003'] },
  selected: { rule: 'TIM001', line: 5, column: 5, endLine: 5, endColumn: 18 },
  engine: '0.1.0',
  demo: null,
};

describe('base64url', () => {
  it('round-trips every length and byte value', () => {
    const next = random(7);
    for (let length = 0; length < 300; length++) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(next() * 256));
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(Buffer.from(text, 'base64url').equals(Buffer.from(bytes))).toBe(true);
      expect(Array.from(fromBase64Url(text))).toEqual(Array.from(bytes));
    }
  });
});

describe('permalink round trip', () => {
  it('1,000 random states come back code unit for code unit', async () => {
    const next = random(20260101);
    let withLoneSurrogates = 0;
    let withCrlf = 0;
    for (let i = 0; i < 1000; i++) {
      const state = randomState(next, i % 50 === 0 ? 5000 : 200);
      if (/[\uD800-\uDFFF]/.test(state.code.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) withLoneSurrogates++;
      if (state.code.includes('\r\n')) withCrlf++;
      const fragment = await encodePermalink(state);
      expect(fragment).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
      const back = await decodePermalink(`#${fragment}`);
      expect(sameCodeUnits(back.code, state.code)).toBe(true);
      expect(back).toEqual(state);
    }
    // The generator really exercised the awkward cases.
    expect(withLoneSurrogates).toBeGreaterThan(100);
    expect(withCrlf).toBeGreaterThan(100);
  });

  it('keeps very long inputs: a 30,000-line file and half a megabyte of random code units', async () => {
    const line = "        self.assertEqual(server['status'], 'ACTIVE')  # ünïcödé ✓\r\n";
    const long: SharedState = { ...SAMPLE, code: line.repeat(30_000) };
    const fragment = await encodePermalink(long);
    console.info(`[measure] ${long.code.length} characters of repetitive code -> fragment of ${fragment.length} characters`);
    expect((await decodePermalink(fragment)).code === long.code).toBe(true);

    const next = random(3);
    const noise = Array.from({ length: 500_000 }, () => String.fromCharCode(Math.floor(next() * 0x10000))).join('');
    const noisy: SharedState = { ...SAMPLE, code: noise };
    const noisyFragment = await encodePermalink(noisy);
    expect(noisyFragment.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    expect(sameCodeUnits((await decodePermalink(noisyFragment)).code, noise)).toBe(true);
  });

  it('refuses to encode a state the decoder would refuse', async () => {
    await expect(encodePermalink({ ...SAMPLE, code: 'x'.repeat(MAX_STATE_BYTES) })).rejects.toMatchObject({ code: 'too-large' });
  });

  it('reads missing optional fields as their defaults, and ignores unknown fields', async () => {
    const back = await decodePermalink(frame(JSON.stringify({ code: 'x = 1\n', future: { anything: true } })));
    expect(back).toEqual({ code: 'x = 1\n', rules: { enabled: [], disabled: [] }, selected: null, engine: '', demo: null });
  });
});

describe('malformed fragments are rejected, each with its own error', () => {
  it('foreign fragments', async () => {
    for (const fragment of ['', '#', '#section-2', '#L10-L20', 'v1', '#v', '#V1.AAAA', '#v0.AAAA', '#v1x.AAAA', '#%76%31.AAAA']) {
      expect(await rejection(fragment), fragment).toBe('foreign');
    }
  });

  it('links of a newer format', async () => {
    expect(await rejection('#v2.AAAAAAAA')).toBe('newer-version');
    expect(await rejection('#v10.AAAA')).toBe('newer-version');
  });

  it('fragments longer than any link can be', async () => {
    expect(await rejection(`v1.${'A'.repeat(MAX_FRAGMENT_CHARS)}`)).toBe('oversized');
  });

  it('characters outside base64url, wherever they are', async () => {
    const good = await encodePermalink(SAMPLE);
    for (const bad of [`${good}.`, `${good})`, `${good}=`, `${good}%20`, good.replace(/.$/, '+'), `${good.slice(0, 10)}/${good.slice(11)}`, `${good.slice(0, 9)}é${good.slice(10)}`]) {
      expect(await rejection(bad), bad.slice(-12)).toBe('bad-characters');
    }
  });

  it('every truncation of a link', async () => {
    const good = await encodePermalink(SAMPLE);
    const seen = new Set<PermalinkErrorCode>();
    for (let length = 3; length < good.length; length++) seen.add(await rejection(good.slice(0, length)));
    expect([...seen]).toEqual(['damaged']);
    expect(await rejection('v1')).toBe('foreign');
  });

  it('every single-character change of a link', async () => {
    const good = await encodePermalink(SAMPLE);
    for (let i = 3; i < good.length; i++) {
      const swapped = good[i] === 'A' ? 'B' : 'A';
      const code = await rejection(good.slice(0, i) + swapped + good.slice(i + 1));
      // The last character may carry unused bits, so changing it can leave the bytes intact.
      if (i < good.length - 1) expect(code, `position ${i}`).toBe('damaged');
    }
  });

  it('data that is not deflate, with a matching checksum', async () => {
    expect(await rejection(frame(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]), { raw: true }))).toBe('corrupt');
    // A valid stream cut short, checksummed after the cut.
    const cut = new Uint8Array(deflateRawSync(Buffer.from(JSON.stringify(SAMPLE)))).slice(0, 20);
    expect(await rejection(frame(cut, { raw: true }))).toBe('corrupt');
  });

  it('a small link that would expand to gigabytes stops at the cap, quickly', async () => {
    // 1 GiB of zeros, built cheaply: non-final deflate blocks (byte-aligned by a sync flush) concatenate.
    const mebibyte = deflateRawSync(new Uint8Array(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
    const stream = Buffer.concat([...Array.from({ length: 1024 }, () => mebibyte), deflateRawSync(new Uint8Array(0))]);
    const bomb = frame(new Uint8Array(stream), { raw: true });
    expect(bomb.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    console.info(`[measure] a 1 GiB bomb is a fragment of ${bomb.length} characters`);
    const started = performance.now();
    const heapBefore = process.memoryUsage().arrayBuffers;
    expect(await rejection(bomb)).toBe('too-large');
    const elapsed = performance.now() - started;
    const grown = process.memoryUsage().arrayBuffers - heapBefore;
    console.info(`[measure] bomb rejected in ${Math.round(elapsed)} ms, array buffers grew by ${(grown / 1024 / 1024).toFixed(1)} MiB`);
    expect(elapsed).toBeLessThan(5000);
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });

  it('bytes that are not UTF-8', async () => {
    expect(await rejection(frame(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])))).toBe('bad-text');
    // CESU-style encoded surrogates are not UTF-8 either (a lossy encoder would produce nothing like it).
    expect(await rejection(frame(Uint8Array.from([0x22, 0xed, 0xa0, 0xbd, 0x22])))).toBe('bad-text');
  });

  it('text that is not JSON', async () => {
    for (const text of ['', 'not json', '{"code": "x"', '{"code": "x"} trailing']) expect(await rejection(frame(text)), text).toBe('bad-json');
  });

  it('JSON that is not a state', async () => {
    const states = [
      'null', '[]', '"code"', '42', '{}', '{"code": 5}', '{"code": null}',
      '{"code": "x", "rules": []}', '{"code": "x", "rules": "TIM001"}', '{"code": "x", "rules": {"enabled": "TIM001"}}',
      '{"code": "x", "rules": {"disabled": [1, 2]}}', '{"code": "x", "selected": {"rule": "TIM001"}}',
      '{"code": "x", "selected": {"rule": "TIM001", "line": 0, "column": 1, "endLine": 1, "endColumn": 2}}',
      '{"code": "x", "selected": {"rule": "<b>", "line": 1, "column": 1, "endLine": 1, "endColumn": 2}}',
      '{"code": "x", "selected": {"rule": "TIM001", "line": 1.5, "column": 1, "endLine": 1, "endColumn": 2}}',
      '{"code": "x", "engine": 1}', '{"code": "x", "demo": ["a"]}',
    ];
    for (const json of states) expect(await rejection(frame(json)), json).toBe('bad-state');
  });

  it('drops malformed rule ids instead of passing them on', async () => {
    const back = await decodePermalink(frame(JSON.stringify({ code: '', rules: { enabled: ['TIM001', '<img>', 'ALL'], disabled: ['sec001'] } })));
    expect(back.rules).toEqual({ enabled: ['TIM001'], disabled: [] });
  });
});
