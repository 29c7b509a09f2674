/**
 * One driver for every rule's table of cases, in the spirit of ESLint's RuleTester: `valid` snippets
 * must stay silent; `invalid` ones must report exactly the listed findings (position, severity, words of
 * the message) and, where given, produce the listed output once every fix is applied.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, createEngine, type Engine, type Finding, type Severity } from '../../src/engine';

let enginePromise: Promise<Engine> | null = null;
export function sharedEngine(): Promise<Engine> {
  enginePromise ??= createEngine();
  return enginePromise;
}

export interface ExpectedFinding {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  /** Words the message must contain. */
  message?: string | RegExp;
  /** Title words of the fix; `null` asserts there is no fix. */
  fixTitle?: string | RegExp | null;
  unsafe?: boolean;
}

export interface InvalidCase {
  name?: string;
  code: string;
  errors: ExpectedFinding[];
  /** The text after applying every fix of this rule's findings. */
  output?: string;
}

export interface ValidCase {
  name?: string;
  code: string;
}

export interface RuleCases {
  valid: (string | ValidCase)[];
  invalid: InvalidCase[];
}

/** Removes the common indentation of a template literal, so cases can be written indented. */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const strip = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(strip)).join('\n');
}

export function findingsOf(engine: Engine, ruleId: string, code: string): Finding[] {
  return engine.check(code, { select: [ruleId] });
}

export function applyAllFixes(code: string, findings: readonly Finding[]): string {
  return applyEdits(code, findings.flatMap((finding) => finding.fix?.edits ?? []));
}

function matchesText(actual: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? actual.includes(expected) : expected.test(actual);
}

export function ruleTester(ruleId: string, cases: RuleCases): void {
  describe(`${ruleId} cases`, () => {
    cases.valid.forEach((entry, index) => {
      const valid = typeof entry === 'string' ? { code: entry } : entry;
      it(`valid #${index + 1}${valid.name ? `: ${valid.name}` : ''}`, async () => {
        const engine = await sharedEngine();
        expect(findingsOf(engine, ruleId, valid.code)).toEqual([]);
      });
    });
    cases.invalid.forEach((invalid, index) => {
      it(`invalid #${index + 1}${invalid.name ? `: ${invalid.name}` : ''}`, async () => {
        const engine = await sharedEngine();
        const findings = findingsOf(engine, ruleId, invalid.code);
        expect(findings.map((f) => `${f.line}:${f.column} ${f.message}`)).toHaveLength(invalid.errors.length);
        invalid.errors.forEach((expected, i) => {
          const actual = findings[i]!;
          expect(actual.rule).toBe(ruleId);
          expect(actual.line).toBe(expected.line);
          if (expected.column !== undefined) expect(actual.column).toBe(expected.column);
          if (expected.endLine !== undefined) expect(actual.endLine).toBe(expected.endLine);
          if (expected.endColumn !== undefined) expect(actual.endColumn).toBe(expected.endColumn);
          if (expected.severity !== undefined) expect(actual.severity).toBe(expected.severity);
          if (expected.message !== undefined) expect(matchesText(actual.message, expected.message), actual.message).toBe(true);
          if (expected.fixTitle === null) expect(actual.fix).toBeUndefined();
          else if (expected.fixTitle !== undefined) {
            expect(actual.fix, 'expected a fix').toBeDefined();
            expect(matchesText(actual.fix!.title, expected.fixTitle), actual.fix!.title).toBe(true);
          }
          if (expected.unsafe !== undefined) expect(actual.fix?.unsafe === true).toBe(expected.unsafe);
        });
        if (invalid.output !== undefined) {
          const fixed = applyAllFixes(invalid.code, findings);
          expect(fixed).toBe(invalid.output);
          // A fix yields valid Python, and what it fixed is gone.
          const after = engine.analyze(fixed, { select: [ruleId] });
          expect(after.parseErrors).toEqual([]);
          expect(after.findings.filter((f) => f.fix).length).toBeLessThan(findings.filter((f) => f.fix).length);
        }
      });
    });
  });
}
