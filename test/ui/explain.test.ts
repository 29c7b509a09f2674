import { describe, expect, it } from 'vitest';
import type { Finding, SyntaxTreeRows } from '../../src/engine';
import type { TestDefinition } from '../../src/engine/syntax-rows';
import { equivalentQuery } from '../../src/ui/explain/equivalent-query';
import { summarise } from '../../src/ui/explain/test-summary';
import { rangeLabel, TreeModel } from '../../src/ui/explain/tree-model';
import { parseExplainView } from '../../src/ui/explain/view-state';
import { MAX_CONTENT_PX, rowWindow, scrollTopToShow } from '../../src/ui/explain/windowing';
import { decodePermalink, encodePermalink, type SharedState } from '../../src/ui/permalink';
import { sharedEngine } from '../rules/rule-tester';

const engine = await sharedEngine();

const SOURCE = [
  'import time',
  '',
  'class T(unittest.TestCase):',
  '    def test_a(self):',
  '        time.sleep(1)',
  '        self.assertEqual(f(x), 2)',
  '',
].join('\n');

function treeOf(source: string): SyntaxTreeRows {
  const doc = engine.open(source);
  try {
    return doc.syntaxTree();
  } finally {
    doc.dispose();
  }
}

const before = (a: { line: number; column: number }, b: { line: number; column: number }) =>
  a.line < b.line || (a.line === b.line && a.column <= b.column);

describe('TreeModel', () => {
  const model = new TreeModel(treeOf(SOURCE));

  it('finds the node under every position as a brute-force search does: one starting there, else the deepest around it', () => {
    const lines = SOURCE.split('\n');
    lines.forEach((text, index) => {
      for (let column = 1; column <= text.length + 1; column++) {
        const position = { line: index + 1, column };
        let startingHere = -1;
        let around = 0;
        for (let row = 0; row < model.count; row++) {
          const range = model.range(row);
          const end = { line: range.endLine, column: range.endColumn };
          if (!before(range, position) || !before(position, end)) continue;
          if (model.depth(row) >= model.depth(around)) around = row;
          if (range.line === position.line && range.column === position.column) startingHere = row;
        }
        expect(model.nodeAt(position), `${position.line}:${position.column}`).toBe(startingHere >= 0 ? startingHere : around);
      }
    });
  });

  it('puts the cursor on the word it touches, and a selection on the node that covers it', () => {
    const sleep = model.nodeAt({ line: 5, column: 14 }); // after "time.sleep"
    expect(model.type(sleep)).toBe('identifier');
    expect(model.field(sleep)).toBe('attribute');
    const call = model.nodeCovering({ line: 5, column: 9, endLine: 5, endColumn: 22 });
    expect(model.ref(call)).toEqual({ type: 'call', line: 5, column: 9, endLine: 5, endColumn: 22 });
    expect(model.find({ type: 'call', line: 5, column: 9, endLine: 5, endColumn: 22 })).toBe(call);
    expect(model.find({ type: 'expression_statement', line: 5, column: 9, endLine: 5, endColumn: 22 })).toBe(model.parent(call));
    expect(model.find({ type: 'string', line: 5, column: 9, endLine: 5, endColumn: 22 })).toBe(-1);
    expect(rangeLabel(model.range(call))).toBe('5:9–22');
  });

  it('hides collapsed subtrees from the visible rows, and reveals a row by opening its ancestors', () => {
    const classRow = model.find({ type: 'class_definition', line: 3, column: 1, endLine: 6, endColumn: 34 });
    expect(classRow).toBeGreaterThan(0);
    const call = model.nodeCovering({ line: 5, column: 9, endLine: 5, endColumn: 22 });
    model.setCollapsed(classRow, true);
    expect(model.visibleCount).toBe(classRow + 1);
    expect(model.positionOf(call)).toBe(-1);
    expect(model.rowAt(classRow)).toBe(classRow);
    model.reveal(call);
    expect(model.isCollapsed(classRow)).toBe(false);
    expect(model.visibleCount).toBe(model.count);
    expect(model.positionOf(call)).toBe(call);
  });
});

describe('row windowing', () => {
  it('draws only the rows in view (plus a few), placed at index × height', () => {
    const view = { scrollTop: 2000 * 20 + 7, height: 600, rowHeight: 20, count: 265_000 };
    const window = rowWindow(view, 5);
    expect(window.first).toBe(1995);
    expect(window.end - window.first).toBeLessThanOrEqual(30 + 1 + 10);
    expect(window.top).toBe(1995 * 20);
    expect(scrollTopToShow(2005, view)).toBeNull();
    expect(scrollTopToShow(90_000, view)).toBe(90_000 * 20 - 290);
  });

  it('scales positions when the list is taller than a browser lets an element be', () => {
    const count = 2_000_000;
    const height = 600;
    const last = { scrollTop: MAX_CONTENT_PX - height, height, rowHeight: 20, count };
    const window = rowWindow(last, 0);
    expect(window.end).toBe(count);
    const middle = rowWindow({ ...last, scrollTop: (MAX_CONTENT_PX - height) / 2 }, 0);
    expect(Math.abs(middle.first - count / 2)).toBeLessThan(40);
    const target = scrollTopToShow(1_234_567, { ...last, scrollTop: 0 })!;
    const shown = rowWindow({ ...last, scrollTop: target }, 0);
    expect(shown.first).toBeLessThanOrEqual(1_234_567);
    expect(shown.end).toBeGreaterThan(1_234_567);
  });
});

describe('per-test summary', () => {
  const test = (kind: TestDefinition['kind'], name: string, line: number, endLine: number, parent: number): TestDefinition => ({
    kind, name, line, column: 1, endLine, endColumn: 10, nameLine: line, nameColumn: 5, parent,
  });
  const finding = (rule: string, line: number): Finding => ({ rule, name: 'x', severity: 'warning', message: 'm', line, column: 9, endLine: line, endColumn: 12 });

  it('counts findings by family per test; classes hold their methods; top-level rows and "outside" add up', () => {
    const tests = [test('class', 'T', 3, 20, -1), test('setup', 'setUp', 4, 6, 0), test('function', 'test_a', 8, 12, 0), test('function', 'test_b', 22, 25, -1)];
    const findings = [finding('TIM001', 1), finding('FXT003', 5), finding('TIM001', 9), finding('ASR005', 10), finding('TIM001', 11), finding('SML002', 15), finding('SEC001', 23), finding('MCK001', 30)];
    const rows = summarise(tests, findings);
    const byName = new Map(rows.map((row) => [row.test?.name ?? '(outside)', row]));
    expect(byName.get('T')).toMatchObject({ level: 0, total: 5, counts: { TIM: 2, FXT: 1, ASR: 1, SML: 1 } });
    expect(byName.get('setUp')).toMatchObject({ level: 1, total: 1 });
    expect(byName.get('test_a')).toMatchObject({ level: 1, total: 3, counts: { TIM: 2, ASR: 1, SML: 0 } });
    expect(byName.get('test_b')).toMatchObject({ level: 0, total: 1, counts: { SEC: 1 } });
    expect(byName.get('(outside)')).toMatchObject({ total: 2, counts: { TIM: 1, MCK: 1 } });
    const topLevel = rows.filter((row) => row.level === 0).reduce((sum, row) => sum + row.total, 0);
    expect(topLevel).toBe(findings.length);
  });

  it('agrees with the engine on a real file: every finding counted once at the top level', () => {
    const source = `${SOURCE}\n\ndef test_b():\n    time.sleep(2)\n\ntime.sleep(3)\n`;
    const rows = summarise(treeOf(source).tests, engine.check(source));
    const findings = engine.check(source);
    expect(rows.filter((row) => row.level === 0).reduce((sum, row) => sum + row.total, 0)).toBe(findings.length);
    expect(rows.find((row) => row.test?.name === 'test_b')?.counts.TIM).toBe(1);
  });
});

describe('equivalent query', () => {
  it('lists one pattern per captured type, marks the matched ones, and says what the code reached itself', () => {
    const query = equivalentQuery({
      visits: ['call', 'function_definition:exit', 'module:exit'],
      nodes: [
        { type: 'call', role: 'reported', line: 5, column: 9, endLine: 5, endColumn: 22 },
        { type: 'function_definition', role: 'related', line: 4, column: 5, endLine: 6, endColumn: 34 },
        { type: 'attribute', role: 'related', line: 5, column: 9, endLine: 5, endColumn: 19 },
      ],
    });
    expect(query.patterns.map((pattern) => pattern.text)).toEqual(['(call) @call', '(class_definition) @class_definition', '(function_definition) @function_definition']);
    expect(query.patterns.map((pattern) => pattern.matched.length)).toEqual([1, 0, 1]);
    expect(query.patterns.map((pattern) => pattern.visited)).toEqual([true, false, false]);
    expect(query.exits).toEqual(['function_definition', 'module']);
    expect(query.reached.map((node) => node.type)).toEqual(['attribute']);
  });
});

describe('explain view in links', () => {
  const base: SharedState = { code: 'x = 1\n', rules: { enabled: [], disabled: [] }, selected: null, engine: '0.1.0', demo: null };

  it('round-trips the panel, the selected node and the explained finding', async () => {
    const explain = {
      tree: true,
      node: { type: 'call', line: 5, column: 9, endLine: 5, endColumn: 22 },
      finding: { rule: 'TIM001', line: 5, column: 9, endLine: 5, endColumn: 22 },
    };
    expect(await decodePermalink(await encodePermalink({ ...base, explain }))).toEqual({ ...base, explain });
  });

  it('keeps links without it as they were, both ways', async () => {
    const closed = await encodePermalink({ ...base, explain: { tree: false, node: null, finding: null } });
    expect(closed).toBe(await encodePermalink(base));
    expect(await decodePermalink(closed)).toEqual(base);
  });

  it('drops a malformed view instead of refusing the link', () => {
    expect(parseExplainView({ tree: 'yes', node: { type: '<img>', line: 1, column: 1, endLine: 1, endColumn: 2 }, finding: { rule: 'x' } })).toEqual({
      tree: false,
      node: null,
      finding: null,
    });
    expect(parseExplainView({ finding: { rule: 'TIM001', line: 2, column: 1, endLine: 1, endColumn: 1 } })?.finding).toBeNull();
    expect(parseExplainView({ finding: { rule: 'TIM001', line: 2, column: 1, endLine: 2, endColumn: 5 } })?.tree).toBe(true);
    expect(parseExplainView('open')).toBeNull();
  });
});
