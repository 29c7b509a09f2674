import fc from 'fast-check';
import type { Node } from 'web-tree-sitter';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SyntaxTreeRows } from '../../src/engine';
import { createParser, loadPython } from '../../src/engine/parser';
import { clearSyntaxTreeCache, flattenTree } from '../../src/engine/syntax-tree';
import { FLAG_ERROR, FLAG_MISSING, ROW_WIDTH } from '../../src/engine/syntax-rows';
import { sharedEngine } from '../rules/rule-tester';

const engine = await sharedEngine();
const parser = createParser(await loadPython());

const NOVA = readFileSync(resolve(import.meta.dirname, '../fixtures/nova_functional_test.py'), 'utf8');

interface Row {
  depth: number;
  type: string;
  field: string | null;
  start: [number, number];
  end: [number, number];
  flags: number;
}

function decode(tree: SyntaxTreeRows): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < tree.count; i++) {
    const r = tree.rows.subarray(i * ROW_WIDTH, (i + 1) * ROW_WIDTH);
    rows.push({
      depth: r[0]!,
      type: tree.types[r[1]!]!,
      field: r[2]! < 0 ? null : tree.fields[r[2]!]!,
      start: [r[3]!, r[4]!],
      end: [r[5]!, r[6]!],
      flags: r[7]!,
    });
  }
  return rows;
}

/** The same rows from tree-sitter's Node API, the slow obvious way (recursive: small inputs only). */
function reference(node: Node, depth = 0, field: string | null = null, out: Row[] = []): Row[] {
  out.push({
    depth,
    type: node.type,
    field,
    start: [node.startPosition.row, node.startPosition.column],
    end: [node.endPosition.row, node.endPosition.column],
    flags: (node.type === 'ERROR' ? FLAG_ERROR : 0) | (node.isMissing ? FLAG_MISSING : 0),
  });
  node.children.forEach((child, index) => {
    if (child?.isNamed) reference(child, depth + 1, node.fieldNameForChild(index), out);
  });
  return out;
}

function flatten(source: string): SyntaxTreeRows {
  const tree = parser.parse(source)!;
  try {
    return flattenTree(tree);
  } finally {
    tree.delete();
  }
}

const before = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);

afterEach(() => clearSyntaxTreeCache());

describe('syntaxTree rows', () => {
  it('match the Node API: types, fields, ranges and depths, in document order', () => {
    const source = "import time\n\n@mock.patch('a.b')\nclass T(unittest.TestCase):\n    def test_a(self, m):\n        time.sleep(1)  # nap\n        self.assertEqual(f(x=1), [2, 'é😀'])\n";
    const tree = parser.parse(source)!;
    expect(decode(flattenTree(tree))).toEqual(reference(tree.rootNode));
    tree.delete();
  });

  it('are consistent on a real file: each row sits inside its parent, one level deeper, in order', () => {
    const rows = decode(flatten(NOVA));
    expect(rows[0]).toMatchObject({ depth: 0, type: 'module', field: null });
    const parents: Row[] = [];
    let previous: Row | undefined;
    for (const row of rows.slice(1)) {
      while (parents.length > 0 && parents[parents.length - 1]!.depth >= row.depth) parents.pop();
      const parent = parents[parents.length - 1] ?? rows[0]!;
      expect(row.depth).toBe(parent.depth + 1);
      expect(before(parent.start, row.start) && before(row.end, parent.end)).toBe(true);
      expect(before(row.start, row.end)).toBe(true);
      if (previous) expect(before(previous.start, row.start)).toBe(true);
      parents.push(row);
      previous = row;
    }
    expect(rows.filter((row) => row.type === 'function_definition').length).toBeGreaterThan(3);
  });

  it('mark ERROR and MISSING nodes', () => {
    const rows = decode(flatten('def broken(:\n    x = = 2\nprint((1)\n'));
    expect(rows.some((row) => row.type === 'ERROR' && row.flags & FLAG_ERROR)).toBe(true);
    const missing = decode(flatten('x = (1 +\n'));
    const any = missing.some((row) => row.flags & (FLAG_MISSING | FLAG_ERROR));
    expect(any).toBe(true);
  });

  it('walk 10,000 levels of nesting without recursion', () => {
    const depth = 10_000;
    const source = `x = ${'('.repeat(depth)}1${')'.repeat(depth)}\n`;
    const tree = flatten(source);
    const rows = decode(tree);
    const deepest = Math.max(...rows.map((row) => row.depth));
    expect(deepest).toBeGreaterThan(depth);
    expect(rows.at(-1)).toMatchObject({ type: 'integer', depth: deepest });
  });

  it('after edits, rows built from the remembered statements equal a fresh walk', () => {
    const doc = engine.open(NOVA);
    const lines = () => doc.text.split('\n');
    const offsetOfLine = (line: number) => lines().slice(0, line).reduce((sum, text) => sum + text.length + 1, 0);
    doc.syntaxTree();
    const pieces = ['        x = 1\n', 'x = 2\n', '    def test_new(self):\n        pass\n', '', '\n', '# note\n', '        self.assertTrue(y)\n', 'class Z:\n'];
    fc.assert(
      fc.property(fc.nat(), fc.nat(pieces.length - 1), fc.boolean(), (lineSeed, piece, remove) => {
        const count = lines().length;
        const line = lineSeed % count;
        const start = offsetOfLine(line);
        const end = remove && line + 1 < count ? offsetOfLine(line + 1) : start;
        doc.applyEdit(start, end, pieces[piece]!);
        const warm = doc.syntaxTree();
        clearSyntaxTreeCache();
        const cold = doc.syntaxTree();
        expect(warm.count).toBe(cold.count);
        expect(Array.from(warm.rows)).toEqual(Array.from(cold.rows));
        expect(warm.tests).toEqual(cold.tests);
      }),
      { numRuns: 25, seed: 8 },
    );
    doc.dispose();
  });
});

describe('syntaxTree tests outline', () => {
  const source = [
    'import unittest', //                                   1
    'from unittest import mock', //                         2
    '', //                                                  3
    'class Base(unittest.TestCase):', //                    4
    '    def setUp(self):', //                              5
    '        self.x = 1', //                                6
    '', //                                                  7
    'class LoginTest(Base):', //                            8
    '    @mock.patch("a.b")', //                            9
    '    def test_login(self, m):', //                      10
    '        def test_helper():', //                        11
    '            pass', //                                  12
    '', //                                                  13
    '    def helper(self):', //                             14
    '        pass', //                                      15
    '', //                                                  16
    'class Helpers:', //                                    17
    '    def test_not_collected_here(self):', //            18
    '        pass', //                                      19
    '', //                                                  20
    'def test_module_level():', //                          21
    '    assert True', //                                   22
    '',
  ].join('\n');

  it('lists test classes, test functions and setup methods as the rules see them', () => {
    const { tests } = flatten(source);
    expect(tests.map((test) => [test.kind, test.name, test.line, test.parent])).toEqual([
      ['class', 'Base', 4, -1],
      ['setup', 'setUp', 5, 0],
      ['class', 'LoginTest', 8, -1],
      ['function', 'test_login', 9, 2],
      ['function', 'test_module_level', 21, -1],
    ]);
  });

  it('gives each test its whole range, decorators included, and where its name is', () => {
    const login = flatten(source).tests.find((test) => test.name === 'test_login')!;
    expect(login).toMatchObject({ line: 9, column: 5, endLine: 12, endColumn: 17, nameLine: 10, nameColumn: 9 });
  });
});
