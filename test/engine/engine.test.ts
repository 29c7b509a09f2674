import { describe, expect, it } from 'vitest';
import { applyEdits, createEngine, isEnabled, type Finding, type RuleMeta } from '../../src/engine';
import { sharedEngine } from '../rules/rule-tester';

const engine = await sharedEngine();

const SLEEPY = [
  'import time',
  'import unittest',
  '',
  'class T(unittest.TestCase):',
  '    def test_a(self):',
  '        time.sleep(1)',
  '',
].join('\n');

describe('createEngine', () => {
  it('loads in Node with no arguments and lists every rule with its docs', async () => {
    const fresh = await createEngine();
    expect(fresh.rules.length).toBeGreaterThan(0);
    const ids = fresh.rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(fresh.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reports a clear error when the grammar cannot be loaded', async () => {
    await expect(createEngine({ grammarWasm: '/nonexistent/tree-sitter-python.wasm' })).rejects.toThrow(/Python grammar/);
  });
});

describe('positions', () => {
  it('counts columns in UTF-16 code units on lines with non-ASCII text', () => {
    const source = "import time\ndef test_x():\n    label = 'naïve 😀'; time.sleep(1)\n";
    const [finding] = engine.check(source, { select: ['TIM001'] });
    const line = source.split('\n')[2]!;
    const start = line.indexOf('time.sleep');
    expect(finding).toMatchObject({ line: 3, column: start + 1, endLine: 3, endColumn: start + 'time.sleep(1)'.length + 1 });
  });

  it('keeps CRLF files on the right lines', () => {
    const [finding] = engine.check(SLEEPY.replace(/\n/g, '\r\n'), { select: ['TIM001'] });
    expect(finding).toMatchObject({ line: 6, column: 9, endColumn: 22 });
  });
});

describe('syntax errors', () => {
  it('still analyses the intact parts and counts the errors', () => {
    const source = [
      'import time',
      'def test_before():',
      '    time.sleep(1)',
      'def broken(:',
      '    x = = 2',
      'def test_after():',
      '    time.sleep(2)',
      '',
    ].join('\n');
    const analysis = engine.analyze(source, { select: ['TIM001'] });
    expect(analysis.parseErrors.length).toBeGreaterThan(0);
    expect(analysis.findings.map((f) => f.line)).toEqual([3, 7]);
  });

  it('returns nothing and no error for an empty file', () => {
    expect(engine.analyze('')).toEqual({ findings: [], parseErrors: [] });
  });
});

describe('noqa', () => {
  const withComment = (comment: string) => SLEEPY.replace('time.sleep(1)', `time.sleep(1)  ${comment}`);

  it('a bare # noqa silences every rule on the line', () => {
    expect(engine.check(withComment('# noqa'), { select: ['TIM001'] })).toEqual([]);
  });

  it('# noqa: IDS silences only those rules', () => {
    expect(engine.check(withComment('# noqa: TIM001'), { select: ['TIM001'] })).toEqual([]);
    expect(engine.check(withComment('# noqa:SEC003,TIM001'), { select: ['TIM001'] })).toEqual([]);
    expect(engine.check(withComment('# noqa: SEC003'), { select: ['TIM001'] })).toHaveLength(1);
  });

  it('noqa inside a string is not a directive', () => {
    const source = SLEEPY.replace('time.sleep(1)', "time.sleep(1); x = '# noqa'");
    expect(engine.check(source, { select: ['TIM001'] })).toHaveLength(1);
  });
});

describe('settings', () => {
  const meta = (id: string, severity: RuleMeta['severity'], profile?: string) => ({ id, severity, profile }) as RuleMeta;

  it('runs default rules, skips off and profile rules unless selected', () => {
    expect(isEnabled(meta('TIM001', 'warning'))).toBe(true);
    expect(isEnabled(meta('SML001', 'off'))).toBe(false);
    expect(isEnabled(meta('TIM003', 'info', 'openstack'))).toBe(false);
    expect(isEnabled(meta('SML001', 'off'), { select: ['SML001'] })).toBe(true);
    expect(isEnabled(meta('TIM003', 'info', 'openstack'), { select: ['TIM'] })).toBe(true);
  });

  it('a switched-on profile adds its rules to the defaults, not the off ones', () => {
    expect(isEnabled(meta('TIM003', 'info', 'openstack'), { profiles: ['openstack'] })).toBe(true);
    expect(isEnabled(meta('FXT008', 'off', 'openstack'), { profiles: ['openstack'] })).toBe(false);
    expect(isEnabled(meta('TIM003', 'info', 'openstack'), { profiles: ['openstack'], ignore: ['TIM003'] })).toBe(false);
    expect(isEnabled(meta('TIM001', 'warning'), { profiles: ['openstack'] })).toBe(true);
  });

  it('select replaces the default set; ignore removes; the more specific selector wins', () => {
    expect(isEnabled(meta('TIM001', 'warning'), { select: ['SEC'] })).toBe(false);
    expect(isEnabled(meta('TIM001', 'warning'), { ignore: ['TIM'] })).toBe(false);
    expect(isEnabled(meta('TIM001', 'warning'), { select: ['TIM'], ignore: ['TIM001'] })).toBe(false);
    expect(isEnabled(meta('TIM001', 'warning'), { select: ['TIM001'], ignore: ['TIM'] })).toBe(true);
    expect(isEnabled(meta('TIM002', 'warning'), { select: ['TIM001'], ignore: ['TIM'] })).toBe(false);
  });

  it('engine.check honours select and ignore', () => {
    expect(engine.check(SLEEPY, { ignore: ['TIM'] }).filter((f) => f.rule.startsWith('TIM'))).toEqual([]);
    expect(engine.check(SLEEPY, { select: ['TIM001'] }).map((f) => f.rule)).toEqual(['TIM001']);
  });
});

/** A deterministic pseudo-random sequence, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('incremental analysis', () => {
  const base = [
    'import time',
    'from unittest import mock',
    'import unittest',
    '',
    'class T(unittest.TestCase):',
    '    def setUp(self):',
    '        super(T, self).setUp()',
    '',
    '    def test_a(self):',
    "        s = 'é😀'",
    '        time.sleep(1)',
    '        self.assertTrue(a == b)',
    '',
    '    def test_b(self):',
    '        pass',
    '',
  ].join('\n');
  const pieces = ['time.sleep(2)\n', '    ', '\n', 'def test_c():\n    pass\n', '(', ')', ':', 'é', '😀', 'self.assertEqual(x, None)', '#', "'", 'class X(unittest.TestCase):\n'];

  it('after random edit sequences equals a fresh check of the same text', () => {
    const next = random(42);
    for (let round = 0; round < 20; round++) {
      const doc = engine.open(base);
      let text = base;
      for (let step = 0; step < 15; step++) {
        let start = Math.floor(next() * (text.length + 1));
        let end = Math.min(text.length, start + Math.floor(next() * 6));
        // Never split a surrogate pair: editors do not either.
        if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start--;
        if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end++;
        const insert = next() < 0.7 ? pieces[Math.floor(next() * pieces.length)]! : '';
        const incremental = doc.edit(start, end, insert);
        text = text.slice(0, start) + insert + text.slice(end);
        expect(doc.text).toBe(text);
        expect(incremental).toEqual(engine.check(text));
      }
      doc.dispose();
    }
  });

  it('applies a batch of edits with one re-parse, each in the coordinates left by the previous', () => {
    const doc = engine.open(base);
    doc.applyEdits([
      { start: 0, end: 0, text: '# one\n' },
      { start: 6, end: 6, text: '# two\n' },
    ]);
    expect(doc.text).toBe('# one\n# two\n' + base);
    expect(doc.findings()).toEqual(engine.check(doc.text));
    expect(() => doc.applyEdits([{ start: 0, end: 0, text: 'x' }, { start: 0, end: 10_000, text: '' }])).toThrow(RangeError);
    expect(doc.text).toBe('# one\n# two\n' + base);
    doc.dispose();
  });

  it('rejects edits outside the document', () => {
    const doc = engine.open('x = 1\n');
    expect(() => doc.edit(3, 100, '')).toThrow(RangeError);
    expect(doc.text).toBe('x = 1\n');
    doc.dispose();
  });
});

describe('streaming', () => {
  it('hands out the same findings as check, and can be stopped', async () => {
    const source = Array.from({ length: 30 }, (_, i) => `def test_${i}():\n    import time\n    time.sleep(${i + 1})\n`).join('');
    const expected = engine.check(`import time\n${source}`);
    const doc = engine.open(`import time\n${source}`);
    const streamed: Finding[] = [];
    for await (const finding of doc.stream()) streamed.push(finding);
    expect(streamed).toEqual(expected);

    // New settings mean a full run (an edit would reuse the findings of unchanged statements, in one batch).
    doc.configure({});
    let asked = 0;
    const partial: Finding[] = [];
    for await (const finding of doc.stream({ shouldStop: () => ++asked >= 3 })) partial.push(finding);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(expected.length);
    doc.dispose();
  });
});

describe('fix helpers', () => {
  it('applyEdits applies non-overlapping edits by position', () => {
    const text = 'ab\ncd😀e\n';
    expect(applyEdits(text, [
      { line: 1, column: 1, endLine: 1, endColumn: 2, text: 'A' },
      { line: 2, column: 3, endLine: 2, endColumn: 5, text: 'X' },
    ])).toBe('Ab\ncdXe\n');
  });
});
