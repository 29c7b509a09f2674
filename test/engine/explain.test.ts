/**
 * "Explain": every finding can name the syntax nodes it rests on. For every rule's bad example, each finding
 * explains itself with the reported node first (exactly the finding's range) and every node inside the
 * finding's context; a few rules with related nodes are checked node by node.
 */
import { describe, expect, it } from 'vitest';
import type { Explanation, Finding, MatchedNode, Range, RuleMeta } from '../../src/engine';
import { createParser, loadPython } from '../../src/engine/parser';
import { py, sharedEngine } from '../rules/rule-tester';

const engine = await sharedEngine();
const parser = createParser(await loadPython());

function rangeOfFinding(finding: Range): Range {
  return { line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn };
}

function before(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
}

function inside(inner: Range, outer: Range): boolean {
  return before([outer.line, outer.column], [inner.line, inner.column]) && before([inner.endLine, inner.endColumn], [outer.endLine, outer.endColumn]);
}

/**
 * A finding's context: the top-level statement that encloses it. A rule that judges the file as a whole (it
 * visits `module:exit`, e.g. a test shadowed by a later top-level one) may relate nodes anywhere: its context
 * is the document.
 */
function contextOf(source: string, finding: Finding, visits: readonly string[]): Range {
  const tree = parser.parse(source)!;
  try {
    const root = tree.rootNode;
    const whole = { line: 1, column: 1, endLine: root.endPosition.row + 1, endColumn: root.endPosition.column + 1 };
    if (visits.includes('module:exit')) return whole;
    for (const statement of root.namedChildren) {
      if (!statement) continue;
      const range = {
        line: statement.startPosition.row + 1,
        column: statement.startPosition.column + 1,
        endLine: statement.endPosition.row + 1,
        endColumn: statement.endPosition.column + 1,
      };
      if (inside(rangeOfFinding(finding), range)) return range;
    }
    throw new Error(`no top-level statement encloses ${JSON.stringify(rangeOfFinding(finding))}`);
  } finally {
    tree.delete();
  }
}

function explainAll(source: string, id: string): { findings: Finding[]; explanations: (Explanation | null)[] } {
  const doc = engine.open(source, { select: [id] });
  try {
    const findings = doc.findings();
    return { findings, explanations: findings.map((finding) => doc.explain(finding)) };
  } finally {
    doc.dispose();
  }
}

/** The related nodes of the one finding of `id` in `source`, as `type@line`. */
function relatedOf(source: string, id: string): string[] {
  const { findings, explanations } = explainAll(source, id);
  expect(findings).toHaveLength(1);
  return explanations[0]!.nodes.filter((node) => node.role === 'related').map((node: MatchedNode) => `${node.type}@${node.line}`);
}

function meta(id: string): RuleMeta {
  return engine.rules.find((rule) => rule.id === id)!;
}

describe.each(engine.rules.map((rule) => [rule.id, rule] as const))('%s explain', (id, rule) => {
  it('describes its detection', () => {
    expect(rule.detection.trim().length).toBeGreaterThan(0);
  });

  it('explains every finding of its bad example with nodes inside the finding context', () => {
    const { findings, explanations } = explainAll(rule.bad, id);
    expect(findings.length).toBeGreaterThan(0);
    findings.forEach((finding, index) => {
      const explanation = explanations[index];
      expect(explanation, finding.message).not.toBeNull();
      const { nodes, visits, detection } = explanation!;
      expect(explanation!.finding).toEqual(finding);
      expect(detection).toBe(rule.detection);
      expect(visits.length).toBeGreaterThan(0);
      expect(nodes[0]).toMatchObject({ role: 'reported', ...rangeOfFinding(finding) });
      expect(nodes.slice(1).every((node) => node.role === 'related')).toBe(true);
      const context = contextOf(rule.bad, finding, visits);
      for (const node of nodes) expect(inside(node, context), `${node.type} at ${node.line}:${node.column}`).toBe(true);
    });
  });
});

describe('related nodes', () => {
  it('MCK005 relates every patch of the group, not the other decorators', () => {
    const source = py`
      from unittest import mock

      from nova.compute import api as compute_api


      class ServerTest(unittest.TestCase):
          @mock.patch.object(compute_api.API, 'resize')
          @mock.patch('nova.utils.execute')
          @mock.patch.object(compute_api.API, 'get')
          @mock.patch.object(compute_api.API, 'delete')
          def test_resize(self, mock_delete, mock_get, mock_execute, mock_resize):
              pass
    `;
    expect(relatedOf(source, 'MCK005')).toEqual(['call@7', 'call@9', 'call@10']);
  });

  it('MCK005 relates the other started patches of the test', () => {
    const source = py`
      import fixtures

      from nova.compute import api as compute_api


      class ServerTest(unittest.TestCase):
          def test_resize(self):
              self.useFixture(fixtures.MockPatchObject(compute_api.API, 'resize'))
              self.useFixture(fixtures.MockPatchObject(compute_api.API, 'get'))
              self.useFixture(fixtures.MockPatchObject(compute_api.API, 'delete'))
    `;
    expect(relatedOf(source, 'MCK005')).toEqual(['call@9', 'call@10']);
  });

  it('MCK004 relates the earlier patch of the same target', () => {
    expect(relatedOf(meta('MCK004').bad, 'MCK004')).toEqual(['call@12']);
  });

  it('MCK008 relates the patches that pass the mocks', () => {
    expect(relatedOf(meta('MCK008').bad, 'MCK008')).toEqual(['call@6', 'call@7']);
  });

  it('MCK009 relates the patcher the start belongs to', () => {
    expect(relatedOf(meta('MCK009').bad, 'MCK009')).toEqual(['call@8']);
  });

  it('MCK003 relates the assignment that configures the class', () => {
    expect(relatedOf(meta('MCK003').bad, 'MCK003')).toEqual(['assignment@9']);
  });

  it('SML001 relates the unlabeled assertions', () => {
    expect(relatedOf(meta('SML001').bad, 'SML001')).toEqual(['call@7', 'call@8', 'call@9']);
  });

  it('SML007 relates the assertion it repeats', () => {
    const source = py`
      def test_total():
          cart = make_cart()
          assert cart.total == 3
          assert cart.total == 3
    `;
    expect(relatedOf(source, 'SML007')).toEqual(['assert_statement@3']);
  });

  it('SML016 relates the later definition that replaces the test', () => {
    const source = py`
      import unittest


      class VolumeTest(unittest.TestCase):
          def test_extend(self):
              self.assertTrue(extend(1))

          def test_extend(self):
              self.assertTrue(extend(2))
    `;
    const { explanations } = explainAll(source, 'SML016');
    expect(explanations[0]!.nodes).toEqual([
      { type: 'identifier', role: 'reported', line: 5, column: 9, endLine: 5, endColumn: 20 },
      { type: 'identifier', role: 'related', line: 8, column: 9, endLine: 8, endColumn: 20 },
    ]);
  });

  it('FXT003 relates the tests that use the fixture', () => {
    expect(relatedOf(meta('FXT003').bad, 'FXT003')).toEqual(['identifier@14']);
  });

  it('FXT004 relates what the setup builds', () => {
    expect(relatedOf(meta('FXT004').bad, 'FXT004')).toEqual(['attribute@8', 'attribute@9']);
  });

  it('TIM004 relates the source of the value and the assertion it reaches', () => {
    expect(relatedOf(meta('TIM004').bad, 'TIM004')).toEqual(['call@9', 'call@12']);
  });

  it('TIM002 relates the sleep that paces the loop', () => {
    expect(relatedOf(meta('TIM002').bad, 'TIM002')).toEqual(['call@11']);
  });

  it('SML005 relates the failure and the clause that swallows it', () => {
    const source = py`
      import unittest


      class ParseTest(unittest.TestCase):
          def test_rejects_garbage(self):
              try:
                  parse('garbage')
                  self.fail('no error')
              except Exception:
                  pass
    `;
    expect(relatedOf(source, 'SML005')).toEqual(['expression_statement@8', 'except_clause@9']);
  });

  it('a rule without related nodes gives the reported node alone', () => {
    const { explanations } = explainAll(meta('TIM001').bad, 'TIM001');
    expect(explanations[0]!.nodes).toEqual([{ type: 'call', role: 'reported', line: 9, column: 9, endLine: 9, endColumn: 22 }]);
  });
});

describe('stale findings', () => {
  it('explains nothing for a finding that is not in the current text', () => {
    const doc = engine.open(meta('TIM001').bad, { select: ['TIM001'] });
    try {
      const [finding] = doc.findings();
      expect(doc.explain(finding!)).not.toBeNull();
      expect(doc.explain({ ...finding!, message: 'something else' })).toBeNull();
      expect(doc.explain({ ...finding!, line: finding!.line + 1, endLine: finding!.endLine + 1 })).toBeNull();
      // The sleep is gone: the finding no longer matches anything.
      const start = doc.text.indexOf('time.sleep(5)');
      doc.edit(start, start + 'time.sleep(5)'.length, 'server.wait()');
      expect(doc.findings()).toEqual([]);
      expect(doc.explain(finding!)).toBeNull();
    } finally {
      doc.dispose();
    }
  });
});
