import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO, DEMOS, demoById } from '../../src/ui/demos';
import { compareWithFindings, parseExpectations } from '../../src/ui/expectations';
import { engineSettings, NO_OVERRIDES } from '../../src/ui/rule-selection';
import { sharedEngine } from '../rules/rule-tester';

describe('the demo gallery', () => {
  it('has at least ten demos with unique ids, a title and a story each', () => {
    expect(DEMOS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(DEMOS.map((demo) => demo.id)).size).toBe(DEMOS.length);
    for (const demo of DEMOS) {
      expect(demo.id).toMatch(/^[a-z0-9-]+$/);
      expect(demo.title.length).toBeGreaterThan(5);
      expect(demo.story.length).toBeGreaterThan(60);
      expect(demo.code.endsWith('\n')).toBe(true);
      expect(demo.code).not.toMatch(/\r/);
    }
    expect(demoById(DEFAULT_DEMO.id)).toBe(DEFAULT_DEMO);
    expect(demoById('no-such-demo')).toBeUndefined();
  });

  it('includes a clean demo and demos of every rule family', () => {
    const expected = DEMOS.flatMap((demo) => parseExpectations(demo.code).findings.map((expectation) => expectation.rule));
    expect(new Set(expected.map((rule) => rule.slice(0, 3)))).toEqual(new Set(['TIM', 'MCK', 'FXT', 'ASR', 'SML', 'SEC']));
    expect(DEMOS.some((demo) => parseExpectations(demo.code).none)).toBe(true);
  });

  for (const demo of DEMOS) {
    it(`${demo.id}: the engine finds exactly what its # expect: comments say, on those lines`, async () => {
      const engine = await sharedEngine();
      const analysis = engine.analyze(demo.code, engineSettings(engine.rules, demo.rules ?? NO_OVERRIDES));
      expect(analysis.parseErrors).toEqual([]);
      const expectations = parseExpectations(demo.code);
      expect(expectations.none || expectations.findings.length > 0, 'the demo states its expectations').toBe(true);
      const key = (item: { rule: string; line: number }) => `${item.line}:${item.rule}`;
      expect(analysis.findings.map(key).sort()).toEqual(expectations.findings.map(key).sort());
      const comparison = compareWithFindings(expectations, analysis.findings);
      expect(comparison.verdict).toBe(expectations.none ? 'all-fixed' : 'matches');
    });
  }
});

describe('expectations', () => {
  const code = [
    'import time  # expect: TIM001, SEC005',
    'x = 1',
    '    time.sleep(1)    #   expect:TIM001',
    '# expect: lowercase001 is ignored',
  ].join('\n');

  it('are read from comments, several per line', () => {
    expect(parseExpectations(code)).toEqual({
      findings: [
        { rule: 'TIM001', line: 1 },
        { rule: 'SEC005', line: 1 },
        { rule: 'TIM001', line: 3 },
      ],
      none: false,
    });
    expect(parseExpectations('# expect: none\nx = 1\n')).toEqual({ findings: [], none: true });
  });

  const finding = (rule: string, line: number) => ({ rule, line, column: 1, endLine: line, endColumn: 2, name: 'n', severity: 'warning' as const, message: 'm' });

  it('compare rule by rule, and a fixed rule gets its checkmark', () => {
    const expectations = parseExpectations(code);
    const all = [finding('TIM001', 1), finding('SEC005', 1), finding('TIM001', 3)];
    expect(compareWithFindings(expectations, all).verdict).toBe('matches');

    const oneSleepLeft = compareWithFindings(expectations, [finding('TIM001', 7)]);
    expect(oneSleepLeft.verdict).toBe('in-progress');
    expect(oneSleepLeft.rows).toEqual([
      { rule: 'SEC005', expected: 1, found: 0, lines: [], state: 'fixed' },
      { rule: 'TIM001', expected: 2, found: 1, lines: [7], state: 'partly-fixed' },
    ]);

    const withNewProblem = compareWithFindings(expectations, [finding('ASR001', 2)]);
    expect(withNewProblem.verdict).toBe('in-progress');
    expect(withNewProblem.rows.find((row) => row.rule === 'ASR001')?.state).toBe('unexpected');

    expect(compareWithFindings(expectations, []).verdict).toBe('all-fixed');
    expect(compareWithFindings(expectations, [...all, finding('TIM001', 9)]).rows.find((row) => row.rule === 'TIM001')?.state).toBe('more-than-expected');
  });
});
