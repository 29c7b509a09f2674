/**
 * Incremental analysis reuses the findings of unchanged top-level statements (src/engine/incremental.ts).
 * Whatever it reuses, the findings must equal a fresh check of the same text: random edits on realistic
 * files, mostly typed inside test bodies (where reuse happens), some anywhere (where it must not).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Settings } from '../../src/engine';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function cpythonTests(): string | null {
  try {
    const dir = execFileSync('python3', ['-c', 'import test, os; print(os.path.dirname(test.__file__))'], { encoding: 'utf8' }).trim();
    return existsSync(dir) ? dir : null;
  } catch {
    return null;
  }
}

const fixtures = resolve(import.meta.dirname, '../fixtures');

function corpus(): { name: string; text: string }[] {
  const files = [{ name: 'nova_functional_test.py', text: readFileSync(join(fixtures, 'nova_functional_test.py'), 'utf8') }];
  // Every rule's examples in one file: each rule has something to find, and to reuse.
  files.push({ name: 'docs examples', text: engine.rules.map((rule) => `${rule.bad}\n\n${rule.good}\n`).join('\n\n') });
  const cpython = cpythonTests();
  // Large classes (typing in one method reuses the others), mocks, setups and seeds.
  for (const [name, lines] of [['test_typing.py', 700], ['test_subprocess.py', 700], ['test_logging.py', 900], ['test_argparse.py', 600]] as const) {
    const path = cpython && join(cpython, name);
    if (path && existsSync(path)) files.push({ name, text: readFileSync(path, 'utf8').split('\n').slice(0, lines).join('\n') });
  }
  return files;
}

const TYPED = [
  'x', ' ', '#', '\n', '        ', 'time.sleep(1)\n        ', 'self.assertEqual(len(a), 3)\n        ', '(', ')', ':', "'", 'é', '😀',
  'mock.patch("a.b")', 'try:\n', 'pass\n',
  // What rules judge across a class: seeds, started patchers, setup attributes, repeated assertions.
  'random.seed(1)\n        ', 'p = mock.patch("time.time").start()\n        ', 'self.fixture = make()\n        ',
  'x = datetime.now()\n        self.assertEqual(x, y)\n        ', 'self.assertEqual(a, b)\n        self.assertEqual(a, b)\n        ',
];

/** An offset inside an indented body line (where typing usually happens), or anywhere at all. */
function editPoint(text: string, next: () => number): number {
  if (next() < 0.25) return Math.floor(next() * (text.length + 1));
  const lines = text.split('\n');
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = Math.floor(next() * lines.length);
    const line = lines[row]!;
    if (!/^ {8}\S/.test(line)) continue;
    let offset = 0;
    for (let i = 0; i < row; i++) offset += lines[i]!.length + 1;
    return offset + 8 + Math.floor(next() * (line.length - 7));
  }
  return Math.floor(next() * (text.length + 1));
}

describe('incremental analysis equals a fresh check', () => {
  const settingsCases: [string, Settings][] = [
    ['default rules', {}],
    ['every rule', { select: ['TIM', 'MCK', 'FXT', 'ASR', 'SML', 'SEC'] }],
  ];

  it.each(settingsCases)('after random edits (%s)', (_, settings) => {
    const next = random(7);
    let incremental = 0;
    let steps = 0;
    for (const file of corpus()) {
      const doc = engine.open(file.text, settings);
      doc.findings();
      let text = file.text;
      for (let step = 0; step < 10; step++) {
        let start = editPoint(text, next);
        let end = Math.min(text.length, start + (next() < 0.7 ? 0 : Math.floor(next() * 4)));
        if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start--;
        if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end++;
        const insert = next() < 0.85 ? TYPED[Math.floor(next() * TYPED.length)]! : '';
        text = text.slice(0, start) + insert + text.slice(end);
        const found = doc.edit(start, end, insert);
        expect(found, `${file.name}, step ${step}: edit [${start}, ${end}) -> ${JSON.stringify(insert)}`).toEqual(engine.check(text, settings));
        steps++;
        if (doc.lastRun?.kind === 'incremental') incremental++;
      }
      doc.dispose();
    }
    // Most edits land inside a test body: most runs must have reused something.
    expect(incremental).toBeGreaterThan(steps / 3);
  }, 180_000);

  it('re-analyses only the statement typed into', () => {
    const text = ['import time', 'import unittest', '', ...Array.from({ length: 5 }, (_, i) => `class T${i}Test(unittest.TestCase):\n    def test_${i}(self):\n        time.sleep(${i + 1})\n`)].join('\n');
    const doc = engine.open(text);
    expect(doc.findings().filter((f) => f.rule === 'TIM001')).toHaveLength(5);
    const at = text.indexOf('time.sleep(3)');
    const after = doc.edit(at, at + 'time.sleep(3)'.length, 'pass\n        pass');
    expect(doc.lastRun).toEqual({ kind: 'incremental', analysed: 1, reused: 6, reusedMembers: 0 });
    // The sleeps below the edit moved down a line, with their findings.
    expect(after.filter((f) => f.rule === 'TIM001').map((f) => f.line)).toEqual([6, 10, 19, 23]);
    expect(after).toEqual(engine.check(doc.text));
    doc.dispose();
  });

  it('inside a class, re-analyses only the method typed into (rules judging the class see all of it)', () => {
    const tests = Array.from({ length: 6 }, (_, i) => `    def test_${i}(self):\n        time.sleep(${i + 1})\n`);
    const text = ['import time', 'import unittest', '', 'class SleepyTest(unittest.TestCase):', '    def setUp(self):', '        self.server = start()', '', ...tests].join('\n');
    const doc = engine.open(text, { select: ['TIM001', 'FXT003'] });
    expect(doc.findings().filter((f) => f.rule === 'TIM001')).toHaveLength(6);
    const at = text.indexOf('time.sleep(3)');
    let after = doc.edit(at, at + 'time.sleep(3)'.length, 'pass\n        pass');
    expect(doc.lastRun).toEqual({ kind: 'incremental', analysed: 1, reused: 2, reusedMembers: 6 });
    expect(after.filter((f) => f.rule === 'TIM001').map((f) => f.line)).toEqual([9, 12, 19, 22, 25]);
    expect(after).toEqual(engine.check(doc.text, { select: ['TIM001', 'FXT003'] }));
    // Using the setUp attribute in one test changes FXT003's judgement of the class: it runs over every method.
    const fixtureUse = doc.text.indexOf('time.sleep(5)');
    after = doc.edit(fixtureUse, fixtureUse, 'self.server.ping()\n        ');
    expect(after).toEqual(engine.check(doc.text, { select: ['TIM001', 'FXT003'] }));
    doc.dispose();
  });

  it('falls back to a full run when an edit changes what other statements can see', () => {
    const text = 'import unittest\n\nclass Base(unittest.TestCase):\n    def setUp(self):\n        pass\n\nclass T(Base):\n    def test_a(self):\n        pass\n';
    const doc = engine.open(text);
    doc.findings();
    // Base's setUp body is read by its subclass's rules: not a test body.
    const at = text.indexOf('pass');
    doc.edit(at, at, 'x = 1\n        ');
    expect(doc.lastRun?.kind).toBe('full');
    // A new import changes how every name resolves.
    doc.edit(0, 0, 'import time\n');
    expect(doc.lastRun?.kind).toBe('full');
    doc.dispose();
  });
});
