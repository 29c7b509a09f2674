import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, (text) => (stdout += text), (text) => (stderr += text));
  return { code, stdout, stderr };
}

const SLEEPY = 'import time\n\ndef test_wait():\n    time.sleep(1)\n    assert True\n';
const SECURITY = "import subprocess\n\ndef test_run(cmd):\n    subprocess.call('ls ' + cmd, shell=True)\n    assert True\n";
const CLEAN = 'def helper():\n    return 1\n';

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'testsniff-cli-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

/** The JSON contract of design.md, checked field by field. */
function expectJsonShape(document: unknown): void {
  expect(Object.keys(document as object)).toEqual(['tool', 'version', 'files']);
  const report = document as { tool: string; version: string; files: unknown[] };
  expect(report.tool).toBe('testsniff');
  expect(typeof report.version).toBe('string');
  for (const file of report.files as Record<string, unknown>[]) {
    expect(Object.keys(file)).toEqual(['path', 'parseErrors', 'findings']);
    expect(Number.isInteger(file.parseErrors)).toBe(true);
    for (const finding of file.findings as Record<string, unknown>[]) {
      const keys = Object.keys(finding);
      expect(keys.slice(0, 9)).toEqual(['rule', 'name', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', ...(keys.includes('fix') ? ['fix'] : [])].slice(0, 9));
      expect(['error', 'warning', 'info']).toContain(finding.severity);
      for (const key of ['line', 'column', 'endLine', 'endColumn']) expect(Number.isInteger(finding[key]) && (finding[key] as number) >= 1).toBe(true);
      if ('fix' in finding) {
        const fix = finding.fix as { title: string; edits: Record<string, unknown>[] };
        expect(typeof fix.title).toBe('string');
        for (const edit of fix.edits) expect(Object.keys(edit).sort()).toEqual(['column', 'endColumn', 'endLine', 'line', 'text']);
      }
    }
  }
}

describe('command line', () => {
  it('prints ruff-style text lines and exits 1 on findings', async () => {
    const root = await tree({ 'test_a.py': SLEEPY });
    const result = await cli(join(root, 'test_a.py'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${join(root, 'test_a.py')}:4:5: TIM001 `);
  });

  it('exits 0 when there is nothing to report', async () => {
    const root = await tree({ 'helpers.py': CLEAN });
    const result = await cli('--format', 'json', root);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).files[0].findings).toEqual([]);
  });

  it('walks folders for *.py files, sorted, and prints one JSON document of the documented shape', async () => {
    const root = await tree({ 'b/test_b.py': SECURITY, 'a/test_a.py': SLEEPY, 'a/notes.txt': 'time.sleep(1)', 'a/broken.py': 'def test_x(:\n    pass\n' });
    const result = await cli('--format', 'json', root);
    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout);
    expectJsonShape(document);
    expect(document.files.map((f: { path: string }) => f.path)).toEqual([join(root, 'a/broken.py'), join(root, 'a/test_a.py'), join(root, 'b/test_b.py')]);
    expect(document.files[0].parseErrors).toBeGreaterThan(0);
  });

  it('honours --select and --ignore, and rejects unknown selectors', async () => {
    const root = await tree({ 'test_a.py': SLEEPY + SECURITY.replace('test_run', 'test_run2') });
    const onlySec = JSON.parse((await cli('--format', 'json', '--select', 'SEC', root)).stdout);
    expect(onlySec.files[0].findings.every((f: { rule: string }) => f.rule.startsWith('SEC'))).toBe(true);
    const noTim = JSON.parse((await cli('--format=json', '--ignore', 'TIM001', root)).stdout);
    expect(noTim.files[0].findings.some((f: { rule: string }) => f.rule === 'TIM001')).toBe(false);
    const bad = await cli('--select', 'NOPE1', root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('NOPE1');
  });

  it('--profile openstack adds the profile rules; an unknown profile is a usage error', async () => {
    const root = await tree({ 'test_e.py': 'import eventlet\n\ndef test_x():\n    eventlet.sleep(1)\n    assert True\n' });
    const plain = JSON.parse((await cli('--format', 'json', root)).stdout);
    expect(plain.files[0].findings.some((f: { rule: string }) => f.rule === 'TIM003')).toBe(false);
    const withProfile = JSON.parse((await cli('--format', 'json', '--profile', 'openstack', root)).stdout);
    expect(withProfile.files[0].findings.some((f: { rule: string }) => f.rule === 'TIM003')).toBe(true);
    expect((await cli('--profile', 'django', root)).code).toBe(2);
  });

  it('exits 2 on usage and read errors', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('--format', 'yaml', 'x.py')).code).toBe(2);
    expect((await cli('--frobnicate', 'x.py')).code).toBe(2);
    const missing = await cli('/nonexistent/test_x.py');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/test_x.py');
  });

  it('opens the review with the security verdict, in both cases', async () => {
    const root = await tree({ 'test_a.py': SLEEPY, 'test_s.py': SECURITY });
    const clean = await cli('--format', 'review', join(root, 'test_a.py'));
    const lines = clean.stdout.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    expect(lines[0]).toBe('No security defects are detected in the code.');
    expect(clean.stdout).toMatch(/1\. \*\*TIM001 sleepy-test\*\* \(warning, line 4\)/);
    expect(clean.stdout).toContain('Why:');
    expect(clean.stdout).toContain('Fix:');

    const unsafe = await cli('--format', 'review', join(root, 'test_s.py'));
    const first = unsafe.stdout.split('\n').filter((line) => line.trim() && !line.startsWith('#'))[0];
    expect(first).toMatch(/^1 security defect is detected in the code:$/);
    expect(unsafe.stdout).not.toContain('No security defects');
    expect(unsafe.stdout).toMatch(/1\. \*\*SEC003 /);
  });

  it('lists security info findings as hygiene notes without turning the verdict', async () => {
    const root = await tree({ 'test_net.py': "import requests\n\ndef test_get():\n    r = requests.get('https://example.org/x')\n    assert r.ok\n" });
    const review = (await cli('--format', 'review', '--select', 'SEC', root)).stdout;
    expect(review).toContain('No security defects are detected in the code.');
    expect(review).toContain('Security hygiene notes (not defects):');
    expect(review).toMatch(/1\. \*\*SEC006 /);
  });

  it('prints SARIF 2.1.0 with UTF-16 columns', async () => {
    const root = await tree({ 'test_a.py': SLEEPY });
    const sarif = JSON.parse((await cli('--format', 'sarif', root)).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].columnKind).toBe('utf16CodeUnits');
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'TIM001', level: 'warning' });
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 4, startColumn: 5, endLine: 4, endColumn: 18 });
  });

  it('checks large folders on worker threads with the same result as one thread', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 24; i++) files[`pkg${i % 3}/test_${i}.py`] = i % 2 ? SLEEPY : SECURITY;
    const root = await tree(files);
    const previous = process.env.TESTSNIFF_THREADS;
    try {
      process.env.TESTSNIFF_THREADS = '1';
      const single = await cli('--format', 'json', root);
      process.env.TESTSNIFF_THREADS = '2';
      const pooled = await cli('--format', 'json', root);
      expect(pooled.code).toBe(1);
      expect(pooled.stdout).toBe(single.stdout);
      expect(JSON.parse(pooled.stdout).files).toHaveLength(24);
    } finally {
      if (previous === undefined) delete process.env.TESTSNIFF_THREADS;
      else process.env.TESTSNIFF_THREADS = previous;
    }
  }, 60_000);

  it('is wired to `npm run --silent check`', async () => {
    const root = await tree({ 'test_a.py': SLEEPY });
    const result = await promisify(execFile)('npm', ['run', '--silent', 'check', '--', '--format', 'json', root]).catch((error: { code: number; stdout: string }) => error);
    expect('code' in result ? result.code : 0).toBe(1);
    expectJsonShape(JSON.parse(result.stdout));
  }, 60_000);
});
