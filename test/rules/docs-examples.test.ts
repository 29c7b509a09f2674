/** Every rule's own docs are tested: the bad example fires, the good one does not, and fixes are valid. */
import { describe, expect, it } from 'vitest';
import { applyAllFixes, findingsOf, sharedEngine } from './rule-tester';

const engine = await sharedEngine();

describe.each(engine.rules.map((rule) => [rule.id, rule] as const))('%s docs', (id, rule) => {
  it('has complete docs', () => {
    for (const field of ['name', 'summary', 'why', 'fix', 'bad', 'good'] as const) {
      expect(rule[field].trim().length, field).toBeGreaterThan(0);
    }
    expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('bad example fires', () => {
    const analysis = engine.analyze(rule.bad, { select: [id] });
    expect(analysis.parseErrors).toEqual([]);
    expect(analysis.findings.length).toBeGreaterThan(0);
    expect(analysis.findings.every((f) => f.rule === id)).toBe(true);
  });

  it('good example is silent', () => {
    const analysis = engine.analyze(rule.good, { select: [id] });
    expect(analysis.parseErrors).toEqual([]);
    expect(analysis.findings).toEqual([]);
  });

  it('fixes of the bad example give valid Python without the finding', () => {
    const findings = findingsOf(engine, id, rule.bad);
    const fixable = findings.filter((f) => f.fix);
    if (fixable.length === 0) {
      expect(rule.fixable === 'yes' ? 'a rule marked fixable offers no fix on its bad example' : 'ok').toBe('ok');
      return;
    }
    const fixed = applyAllFixes(rule.bad, fixable);
    const after = engine.analyze(fixed, { select: [id] });
    expect(after.parseErrors).toEqual([]);
    expect(after.findings.filter((f) => f.fix).length).toBeLessThan(fixable.length);
  });
});
