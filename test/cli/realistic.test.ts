/**
 * The acceptance check: the command line on a realistic OpenStack-style functional test reports
 * what a careful reviewer would, at the right lines, and nothing on a clean, well-written one.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';

async function jsonOf(path: string): Promise<{ code: number; findings: { rule: string; line: number; severity: string }[]; parseErrors: number }> {
  let stdout = '';
  const code = await run(['--format', 'json', path], (text) => (stdout += text), () => {});
  const file = JSON.parse(stdout).files[0];
  return { code, findings: file.findings, parseErrors: file.parseErrors };
}

describe('a realistic nova functional test', () => {
  it('gets the reviewer notes at the right lines', async () => {
    const { code, findings, parseErrors } = await jsonOf('test/fixtures/nova_functional_test.py');
    expect(code).toBe(1);
    expect(parseErrors).toBe(0);
    expect(findings.map((f) => `${f.rule}@${f.line}`)).toEqual([
      'FXT002@16', // super(ServerRebuildRaceTest, self).setUp()
      'FXT001@23', // tearDown never calls super().tearDown()
      'MCK005@27', // three patches of compute_api.API
      'TIM001@33', // time.sleep(2)
      'TIM001@35', // time.sleep(2)
      'ASR008@38', // assertEqual(len(...), 1)
      'ASR001@39', // assertTrue(x == None)
      'ASR002@40', // assertEqual(x, None)
      'SML003@42', // a test without any assertion
    ]);
  });

  it('says nothing about a clean, well-written test', async () => {
    const { code, findings } = await jsonOf('test/fixtures/clean_functional_test.py');
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });
});
