/**
 * fast-check arbitraries for fuzzing the engine: Python-like text built from the tokens our rules look at,
 * and random mutations of real test files (CPython's test suite plus our own fixtures). Shared by the short
 * run inside `npm test` (test/engine/fuzz.test.ts) and the long one (`npm run fuzz`, scripts/fuzz.ts).
 *
 * Positions are drawn as integers and reduced modulo the text's length when applied, so every value is valid
 * for any text and fast-check can shrink texts and edits independently.
 */
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cpythonTestDir, pythonFiles } from '../../../bench/corpus';
import type { Settings } from '../../../src/engine';
import { allRules } from '../../../src/engine/rules';

// ---------------------------------------------------------------------------------------------- tokens

const KEYWORDS = [
  'def', 'class', 'with', 'assert', 'return', 'if', 'elif', 'else', 'try', 'except', 'finally', 'for', 'in',
  'while', 'import', 'from', 'as', 'lambda', 'yield', 'async', 'await', 'pass', 'raise', 'not', 'and', 'or',
  'is', 'None', 'True', 'False', 'global', 'nonlocal', 'del', 'match', 'case', 'break', 'continue', 'print',
];

/** Names the rules care about: their presence steers the text into the rules' code paths. */
const TEST_NAMES = [
  'self', 'cls', 'self.assertEqual', 'self.assertTrue', 'self.assertFalse', 'self.assertIs', 'self.assertIn',
  'self.assertRaises', 'self.assertRaisesRegex', 'self.assertEquals', 'self.assert_', 'self.fail',
  'self.addCleanup', 'self.useFixture', 'self.flags', 'self.skipTest', 'assertTrue', 'unittest',
  'unittest.TestCase', 'unittest.mock', 'mock', 'mock.patch', 'mock.patch.object', 'mock.Mock',
  'mock.MagicMock', 'MagicMock', 'patch', 'patch.object', 'patcher.start', 'mock.patch.stopall', 'create_autospec',
  'pytest', 'pytest.raises', 'pytest.fixture', 'pytest.mark.parametrize', 'time', 'time.sleep', 'sleep',
  'eventlet.sleep', 'asyncio.sleep', 'setUp', 'tearDown', 'setUpClass', 'super', 'super().setUp', 'test_x',
  'test_it', 'TestFoo', 'FooTest', 'helper', 'subprocess.call', 'subprocess.run', 'os.system', 'shell',
  'verify', 'password', 'secret', 'token', 'requests.get', 'urllib.request.urlopen', 'open', 'tempfile',
  'tempfile.mktemp', '/tmp/x', 'pickle.loads', 'yaml.load', 'eval', 'exec', 'called_once_with',
  'assert_called_once_with', 'assert_not_called', 'return_value', 'side_effect', 'spec', 'autospec', 'len',
  'isinstance', 'type', 'random', 'datetime.now', 'fixtures', 'testtools', 'oslotest', 'CONF', 'monkeypatch',
];

const PUNCTUATION = [
  '(', ')', '[', ']', '{', '}', ':', ',', '.', '=', '==', '!=', '<', '>', '<=', '+', '-', '*', '**', '/', '//',
  '%', '->', ';', '@', '\\', ':=', '...', '|', '&', '~', '^', '!', '?', '$', '`',
];

const LITERALS = [
  "''", '""', "'x'", '"abc"', "f'{x}'", 'f"{x!r:>{w}}"', "r'\\d+'", "b'\\x00'", '"""doc"""', "'''doc'''",
  "'unterminated", '"unterminated', '"""never closed', "u'é'", "'\\N{DASH}'", "'/tmp/foo'", "'secret'",
  '0', '1', '1.5', '0x1f', '1e10', '1_000', '-1', '1j', '0o17', '3.14e-2', '10 ** 9',
];

const COMMENTS = ['# noqa', '# noqa: TIM001', '# noqa:SEC003,ASR001', '# comment', '# type: ignore', '#', '# -*- coding: latin-1 -*-'];

const UNICODE = [
  'é', 'ß', '😀', '👩‍👩‍👧', '中文', 'Ω', '\u00a0', '\u2028', '\u2029', '\u200b', '\u200d', '\ufeff', '\u0000',
  '\ud800', '\udfff', '\ufffd', '\u000b', '\u000c', '\u001b', '\u0085',
];

/** Statement templates: realistic test code that makes rules fire, with holes filled by small arbitraries. */
const TEMPLATES: ReadonlyArray<(name: string, value: string) => string> = [
  (n) => `def test_${n}(self):`,
  (n) => `def ${n}(self, *args, **kwargs):`,
  (n) => `async def test_${n}():`,
  (n) => `class Test${n}(unittest.TestCase):`,
  (n) => `class ${n}(object):`,
  () => 'def setUp(self):',
  () => 'super().setUp()',
  (_, v) => `time.sleep(${v})`,
  (n, v) => `self.assertEqual(${n}, ${v})`,
  (n) => `self.assertTrue(${n} == 1)`,
  (n) => `self.assertTrue(${n})`,
  (n) => `assert ${n}`,
  (n, v) => `assert ${n} == ${v}, "message"`,
  () => 'assert True',
  (n) => `with mock.patch('${n}.thing') as m:`,
  (n) => `@mock.patch('os.${n}')`,
  (n) => `@mock.patch.object(${n}, 'method', return_value=1)`,
  (n) => `p = mock.patch('${n}'); p.start()`,
  (n) => `m.${n}.assert_called_once_with()`,
  (n) => `m.${n}.called_once_with(1)`,
  () => 'with self.assertRaises(Exception):',
  () => 'with pytest.raises(Exception):',
  (n) => `subprocess.call(${n}, shell=True)`,
  (n) => `requests.get(${n}, verify=False)`,
  (_, v) => `password = ${v}`,
  (n) => `${n} = tempfile.mktemp()`,
  (n) => `pickle.loads(${n})`,
  (n) => `try:\n    ${n}()\nexcept Exception:\n    pass`,
  () => 'for i in range(3):',
  (n) => `if ${n}:`,
  () => 'else:',
  () => 'return',
  () => 'pass',
  () => '@pytest.fixture',
  (n) => `@pytest.mark.parametrize('${n}', [1, 2])`,
  (n) => `import ${n}`,
  (n) => `from unittest import ${n}`,
  () => 'from unittest import mock',
  () => 'import time, unittest, mock',
  (n) => `self.addCleanup(${n}.stop)`,
  (n) => `print(${n})`,
  (n) => `lambda: ${n}`,
  (n) => `${n} = [x for x in ${n} if x]`,
];

const identifier = fc
  .tuple(fc.constantFrom('a', 'b', 'x', 'foo', 'bar', 'client', 'server', 'm', 'Ω', 'é', '_'), fc.nat(20))
  .map(([stem, n]) => (n === 0 ? stem : `${stem}${n}`));

const value = fc.oneof(fc.constantFrom(...LITERALS), identifier, fc.integer({ min: -5, max: 100 }).map(String));

/** One token of Python-like text (words, punctuation, literals, comments, unicode, rarely junk). */
export const token: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 8, arbitrary: fc.constantFrom(...TEST_NAMES) },
  { weight: 6, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 4, arbitrary: fc.constantFrom(...LITERALS) },
  { weight: 4, arbitrary: identifier },
  { weight: 1, arbitrary: fc.constantFrom(...COMMENTS) },
  { weight: 1, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);

const statement = fc
  .tuple(fc.nat(TEMPLATES.length - 1), identifier, value)
  .map(([index, name, v]) => TEMPLATES[index]!(name, v));

const tokenSoup = fc
  .array(fc.tuple(token, fc.constantFrom(' ', ' ', '', '  ', '\t')), { minLength: 1, maxLength: 10 })
  .map((parts) => parts.map(([t, space]) => t + space).join(''));

const indent = fc.oneof(
  { weight: 10, arbitrary: fc.nat(4).map((depth) => '    '.repeat(depth)) },
  { weight: 1, arbitrary: fc.nat(3).map((depth) => '\t'.repeat(depth)) },
  { weight: 1, arbitrary: fc.nat(9).map((width) => ' '.repeat(width)) },
);

const line = fc
  .tuple(indent, fc.oneof({ weight: 3, arbitrary: statement }, { weight: 2, arbitrary: tokenSoup }, { weight: 1, arbitrary: fc.constant('') }))
  .map(([space, body]) => space + body.replace(/\n/g, `\n${space}`));

const lineEnd = fc.oneof({ weight: 20, arbitrary: fc.constant('\n') }, { weight: 2, arbitrary: fc.constant('\r\n') }, { weight: 1, arbitrary: fc.constant('\r') });

/** Random Python-like text: indented lines of statement templates and token soup. */
export function pythonLikeText(maxLines = 40): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(fc.tuple(line, lineEnd), { maxLength: maxLines }), fc.boolean())
    .map(([lines, trailing]) => {
      const text = lines.map(([body, end]) => body + end).join('');
      return trailing ? text : text.replace(/(\r\n|\r|\n)$/, '');
    });
}

const simple = statement.filter((s) => !s.endsWith(':') && !s.includes('\n') && !s.startsWith('@'));
const opener = fc.oneof(
  fc.constantFrom('for i in range(3):', 'while not done:', 'with self.assertRaises(ValueError):', 'with pytest.raises(KeyError):', 'if ok:', 'try:', 'else:', 'async with lock:'),
  identifier.map((n) => `with mock.patch('pkg.${n}') as ${n}:`),
  identifier.map((n) => `with mock.patch.object(${n}, 'run') as m:`),
  identifier.map((n) => `def ${n}():`),
);
const decorator = fc.oneof(
  fc.constantFrom('@pytest.fixture', '@pytest.fixture(autouse=True)', '@staticmethod', '@unittest.skip("later")', '@pytest.mark.slow'),
  identifier.map((n) => `@mock.patch('pkg.${n}')`),
  identifier.map((n) => `@mock.patch.object(${n}, 'method')`),
);

function block(depth: number): fc.Arbitrary<string[]> {
  const pad = '    '.repeat(depth);
  const inner = fc.array(simple, { minLength: 1, maxLength: 3 }).map((lines) => lines.map((line) => `${pad}    ${line}`));
  const entry = fc.oneof(
    { weight: 3, arbitrary: simple.map((line) => [pad + line]) },
    { weight: 1, arbitrary: fc.tuple(opener, inner).map(([head, body]) => [pad + head, ...body]) },
  );
  return fc.array(entry, { minLength: 1, maxLength: 6 }).map((entries) => entries.flat());
}

const defName = fc.oneof(identifier.map((n) => `test_${n}`), fc.constantFrom('setUp', 'tearDown', 'setUpClass', 'helper', 'runTest', 'test'));
const parameters = fc.constantFrom('', 'self', 'self, m', 'self, mock_a, mock_b', 'tmp_path', 'monkeypatch, caplog', 'cls', '*args');

function definition(depth: number): fc.Arbitrary<string[]> {
  const pad = '    '.repeat(depth);
  return fc
    .tuple(fc.array(decorator, { maxLength: 2 }), fc.boolean(), defName, parameters, block(depth + 1))
    .map(([decorators, isAsync, name, params, body]) => [
      ...decorators.map((d) => pad + d),
      `${pad}${isAsync ? 'async ' : ''}def ${name}(${params}):`,
      ...body,
    ]);
}

const testClass = fc
  .tuple(identifier, fc.constantFrom('unittest.TestCase', 'test.TestCase', 'object', 'base.BaseTestCase', 'testtools.TestCase', ''), fc.array(definition(1), { minLength: 1, maxLength: 4 }))
  .map(([name, base, methods]) => [`class Test${name}(${base}):`, ...methods.flat()]);

const IMPORTS = [
  'import time', 'import unittest', 'from unittest import mock', 'import mock', 'import pytest', 'import subprocess',
  'import requests', 'import tempfile', 'import pickle', 'from unittest.mock import patch, MagicMock', 'import os',
  'from oslo_config import cfg', 'CONF = cfg.CONF',
];

/**
 * A structured test module: imports, then test classes, test functions and fixtures with bodies of realistic
 * statements (most rules need that structure to fire), with now and then a line of token soup.
 */
export function testModule(maxItems = 5): fc.Arbitrary<string> {
  const item = fc.oneof({ weight: 2, arbitrary: testClass }, { weight: 2, arbitrary: definition(0) }, { weight: 1, arbitrary: simple.map((line) => [line]) });
  return fc
    .tuple(
      fc.subarray(IMPORTS),
      fc.array(item, { minLength: 1, maxLength: maxItems }),
      fc.array(fc.tuple(fc.nat(), tokenSoup), { maxLength: 2 }),
    )
    .map(([imports, items, soup]) => {
      const lines = [...imports, '', ...items.flatMap((lines) => [...lines, ''])];
      for (const [at, junkLine] of soup) lines.splice(at % lines.length, 0, junkLine);
      return lines.join('\n');
    });
}

// ---------------------------------------------------------------------------------------------- corpus

export interface CorpusFile {
  name: string;
  lines: string[];
}

let corpus: CorpusFile[] | undefined;

function fixtureFiles(): string[] {
  const root = join(import.meta.dirname, '..', '..', 'fixtures');
  return pythonFiles(root);
}

/**
 * Real test files, in a fixed order: CPython's test_*.py files (sorted by name), our own fixtures, and every
 * rule's bad and good examples (so that each rule's code paths get mutated input, not only the common
 * ones). Without a CPython test suite (python3 missing) the rest keeps the mutation arbitraries working.
 */
export function realTestFiles(): CorpusFile[] {
  if (corpus) return corpus;
  let cpython: string[] = [];
  try {
    const dir = cpythonTestDir();
    if (existsSync(dir)) {
      cpython = readdirSync(dir)
        .filter((name) => name.startsWith('test_') && name.endsWith('.py'))
        .sort()
        .map((name) => join(dir, name));
    }
  } catch {
    cpython = [];
  }
  const files = [...cpython, ...fixtureFiles()].flatMap((path) => {
    try {
      return [{ name: basename(path), lines: readFileSync(path, 'utf8').split('\n') }];
    } catch {
      return [];
    }
  });
  const examples = allRules.flatMap(({ meta }) => [
    { name: `${meta.id} bad example`, lines: meta.bad.split('\n') },
    { name: `${meta.id} good example`, lines: meta.good.split('\n') },
  ]);
  corpus = [...files, ...examples];
  return corpus;
}

/** Where a slice of a real file comes from: which file, which first line, how many lines. */
export interface Slice {
  file: number;
  start: number;
  length: number;
}

export function sliceArbitrary(maxLines: number): fc.Arbitrary<Slice> {
  return fc.record({ file: fc.nat(), start: fc.nat(), length: fc.integer({ min: 1, max: maxLines }) });
}

export function sliceText(slice: Slice): { name: string; text: string } {
  const files = realTestFiles();
  if (files.length === 0) return { name: '(none)', text: '' };
  const file = files[slice.file % files.length]!;
  const start = slice.start % Math.max(file.lines.length, 1);
  return { name: `${file.name}:${start + 1}+${slice.length}`, text: file.lines.slice(start, start + slice.length).join('\n') };
}

// ---------------------------------------------------------------------------------------------- mutations

/** Junk to inject: fragments of Python, raw binary, brackets, line ends, unicode. */
const junk = fc.oneof(
  { weight: 4, arbitrary: tokenSoup },
  { weight: 3, arbitrary: statement.map((s) => `${s}\n`) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('(', ')', '[', ']', '{', '}', '"', "'", ':', '\\'), maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\t', '    ', '\n\n', '\ufeff', '\0', '\ud800', '😀') },
);

export type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; text: string }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'reindent'; line: number; by: number }
  /** Lines of another real file (or rule example) inserted at a line. */
  | { kind: 'splice'; line: number; from: Slice };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: junk }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }), text: junk }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('reindent' as const), line: fc.nat(), by: fc.integer({ min: -8, max: 8 }) }),
  fc.record({ kind: fc.constant('splice' as const), line: fc.nat(), from: sliceArbitrary(20) }),
);

export function mutate(text: string, change: Mutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  switch (change.kind) {
    case 'insert':
      return text.slice(0, at(change.at)) + change.text + text.slice(at(change.at));
    case 'delete':
      return text.slice(0, at(change.at)) + text.slice(at(change.at) + change.length);
    case 'replace':
      return text.slice(0, at(change.at)) + change.text + text.slice(at(change.at) + change.length);
    default: {
      const lines = text.split('\n');
      const pick = (n: number) => n % lines.length;
      if (change.kind === 'duplicate-line') lines.splice(pick(change.line), 0, lines[pick(change.line)]!);
      else if (change.kind === 'splice') lines.splice(pick(change.line), 0, ...sliceText(change.from).text.split('\n'));
      else if (change.kind === 'swap-lines') {
        const a = lines[pick(change.a)]!;
        lines[pick(change.a)] = lines[pick(change.b)]!;
        lines[pick(change.b)] = a;
      } else {
        const i = pick(change.line);
        const current = lines[i]!;
        lines[i] = change.by >= 0 ? ' '.repeat(change.by) + current : current.replace(new RegExp(`^ {0,${-change.by}}`), '');
      }
      return lines.join('\n');
    }
  }
}

/** A slice of a real test file with a few random mutations applied. */
export interface MutatedFile {
  slice: Slice;
  mutations: Mutation[];
}

export function mutatedFile(maxLines: number, maxMutations = 5): fc.Arbitrary<MutatedFile> {
  return fc.record({ slice: sliceArbitrary(maxLines), mutations: fc.array(mutation, { maxLength: maxMutations }) });
}

export function mutatedText(input: MutatedFile): string {
  return input.mutations.reduce(mutate, sliceText(input.slice).text);
}

// ---------------------------------------------------------------------------------------------- edits

/** An edit session's step: a batch of replacements (through `applyEdits`, or `edit` for one), then maybe a look. */
export interface EditStep {
  /** `wholeLines`: the replaced range is widened to whole lines (the text then holds whole lines too). */
  changes: { at: number; length: number; text: string; wholeLines?: true }[];
  /** How the document is looked at after the step: the incremental path needs earlier results to reuse. */
  look: 'none' | 'findings' | 'stream' | 'edit';
  settings?: Settings;
}

const SETTINGS: Settings[] = [{}, { select: ['ALL'] }, { select: ['TIM', 'MCK'] }, { profiles: ['openstack'] }, { ignore: ['SML', 'ASR'] }];

export const settingsArbitrary: fc.Arbitrary<Settings> = fc.constantFrom(...SETTINGS);

/** Typing-like edits: single characters and words, backspaces, pasted lines, selections replaced. */
const typed = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', ' ', '\n', '(', ')', ':', '.', "'", '"', '#', '\t', '    ', 'e', '\r\n') },
  { weight: 3, arbitrary: token },
  { weight: 2, arbitrary: junk },
  { weight: 1, arbitrary: fc.constant('') },
);

const typedChange = fc.record({
  at: fc.nat(),
  length: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.nat(120) }),
  text: typed,
});

/** Whole lines inserted, deleted or replaced: imports, defs and statements that change what other lines mean. */
const lineChange = fc.record({
  at: fc.nat(),
  length: fc.oneof(fc.constant(0), fc.nat(200)),
  text: fc
    .array(fc.tuple(fc.constantFrom('', '    ', '        '), fc.oneof(fc.constantFrom(...IMPORTS), statement)), { maxLength: 3 })
    .map((lines) => lines.map(([pad, line]) => `${pad}${line}\n`).join('')),
  wholeLines: fc.constant(true as const),
});

const change = fc.oneof({ weight: 3, arbitrary: typedChange }, { weight: 1, arbitrary: lineChange });

export const editStep: fc.Arbitrary<EditStep> = fc.record({
  changes: fc.array(change, { minLength: 1, maxLength: 3 }),
  look: fc.constantFrom('none', 'findings', 'findings', 'stream', 'edit'),
  // Now and then the settings change too (which makes the next run a full one).
  settings: fc.option(settingsArbitrary, { freq: 6, nil: undefined }),
});

// ---------------------------------------------------------------------------------------------- cases

export interface CaseSizes {
  /** Lines of Python-like text. */
  textLines: number;
  /** Lines of a real file's slice. */
  sliceLines: number;
  /** Steps of an edit session. */
  steps: number;
}

/** One fuzz case: a text to analyse (generated or a mutated real file), or an edit session on one. */
export type FuzzCase =
  | { kind: 'text'; text: string }
  | { kind: 'mutated'; file: MutatedFile }
  | { kind: 'edits'; start: { text: string } | { file: MutatedFile }; settings: Settings; steps: EditStep[] };

export function fuzzCase(sizes: CaseSizes): fc.Arbitrary<FuzzCase> {
  const generated = fc.oneof(pythonLikeText(sizes.textLines), testModule(Math.max(1, Math.round(sizes.textLines / 8))));
  const start = fc.oneof(
    generated.map((text) => ({ text })),
    mutatedFile(sizes.sliceLines, 2).map((file) => ({ file })),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('text' as const), text: generated }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('mutated' as const), file: mutatedFile(sizes.sliceLines) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('edits' as const),
        start,
        settings: settingsArbitrary,
        steps: fc.array(editStep, { minLength: 1, maxLength: sizes.steps }),
      }),
    },
  );
}

export function startText(start: { text: string } | { file: MutatedFile }): string {
  return 'text' in start ? start.text : mutatedText(start.file);
}
