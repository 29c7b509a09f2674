/**
 * The acceptance check: the command line on a realistic OpenStack-style functional test reports
 * what a careful reviewer would, at the right lines, and nothing on a clean, well-written one.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { run } from '../../src/cli/main';

const FIXTURE = 'test/fixtures/nova_functional_test.py';

async function jsonOf(path: string): Promise<{ code: number; findings: { rule: string; line: number; severity: string }[]; parseErrors: number }> {
  let stdout = '';
  const code = await run(['--format', 'json', path], (text) => (stdout += text), () => {});
  const file = JSON.parse(stdout).files[0];
  return { code, findings: file.findings, parseErrors: file.parseErrors };
}

describe('a realistic nova functional test', () => {
  it('gets the reviewer notes at the right lines', async () => {
    const { code, findings, parseErrors } = await jsonOf(FIXTURE);
    expect(code).toBe(1);
    expect(parseErrors).toBe(0);
    // Lines located by their text, so the fixture can be edited without renumbering.
    const source = readFileSync(FIXTURE, 'utf8').split('\n');
    const lineOf = (snippet: string, nth = 0): number => {
      const hits = source.flatMap((text, index) => (text.includes(snippet) ? [index + 1] : []));
      expect(hits.length, snippet).toBeGreaterThan(nth);
      return hits[nth]!;
    };
    expect(findings.map((f) => `${f.rule}@${f.line}`)).toEqual([
      `FXT002@${lineOf('super(ServerRebuildRaceTest, self).setUp()')}`,
      `FXT001@${lineOf('def tearDown(self):')}`, // never calls super().tearDown()
      `MCK005@${lineOf("@mock.patch.object(compute_api.API, '_record_action_start')")}`, // three patches of one object
      `TIM001@${lineOf('time.sleep(2)', 0)}`,
      `TIM001@${lineOf('time.sleep(2)', 1)}`,
      `ASR008@${lineOf("self.assertEqual(len(server['addresses']), 1)")}`,
      `ASR001@${lineOf("self.assertTrue(server['OS-EXT-STS:task_state'] == None)")}`,
      `ASR002@${lineOf("self.assertEqual(server['fault'], None)")}`,
      `SML003@${lineOf('def test_delete_during_rebuild(self):')}`, // no assertion at all
    ]);
  });

  it('says nothing about a clean, well-written test', async () => {
    const { code, findings } = await jsonOf('test/fixtures/clean_functional_test.py');
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });
});
