import { describe, expect, it } from 'vitest';
import { demoById } from '../../src/ui/demos';
import { maskSecrets } from '../../src/ui/mask-secrets';
import { sharedEngine } from '../rules/rule-tester';

const SECRET_ONLY = { select: ['SEC001'] };

async function secrets(code: string) {
  return (await sharedEngine()).check(code, SECRET_ONLY);
}

/** Masks what SEC001 finds and checks what must hold for any masked code. */
async function maskAndCheck(code: string) {
  const engine = await sharedEngine();
  const found = await secrets(code);
  expect(found.length, `SEC001 finds the secret in ${code.slice(0, 50)}`).toBeGreaterThan(0);
  const result = maskSecrets(code, found);
  expect(result.masked).toBeGreaterThanOrEqual(found.length);
  // One for one: every line keeps its length, so every other finding keeps its position.
  expect(result.code.split('\n').map((line) => line.length)).toEqual(code.split('\n').map((line) => line.length));
  expect(engine.analyze(result.code).parseErrors).toEqual(engine.analyze(code).parseErrors);
  expect(await secrets(result.code)).toEqual([]);
  const others = (text: string) => engine.check(text).filter((finding) => finding.rule !== 'SEC001').map(({ rule, line, column, endLine, endColumn }) => ({ rule, line, column, endLine, endColumn }));
  expect(others(result.code)).toEqual(others(code));
  return result.code;
}

describe('masking secrets for a shared link', () => {
  it('masks the security demo’s key and password, keeping their first characters', async () => {
    const masked = await maskAndCheck(demoById('security-smells')!.code);
    expect(masked).toContain("AWS_ACCESS_KEY_ID = 'AKIAxxxxxxxxxxxxxxxx'");
    expect(masked).toContain("DB_PASSWORD = 'q8Zrxxxxxxxxxxxxxxxxxxx'");
    expect(masked).not.toMatch(/AKIAZ7Q3RN5XW2LPUM4K|q8Zr4TkP2mW9vXc7LbN3sJd/);
  });

  it('keeps escapes, prefixes, quotes and f-string fields intact', async () => {
    const body = 'MIIEowIBAAKCAQEA7bq9Jz3nW5xP0kR8tL2mQv4hY6cF1dS9gH3jK7lZ0aB2nC4eD6fG8hJ0kL2mN4pQ6rS8tU0vW2xY4zA6bC8dE0fG2hJ4kL6mN8pQ0rS2tU4vW6xY8zA0bC2dE4fG6hJ8kL0mN2pQ4rS6tU8v';
    const cases = [
      `KEY = "-----BEGIN RSA PRIVATE KEY-----\\n${body}\\n-----END RSA PRIVATE KEY-----"\n`,
      `KEY = """-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n"""\n`,
      `KEY = r'-----BEGIN RSA PRIVATE KEY-----\\n${body}\\n-----END RSA PRIVATE KEY-----'\n`,
      `KEY = b"-----BEGIN RSA PRIVATE KEY-----\\x0a${body}\\n-----END RSA PRIVATE KEY-----"\n`,
      'import requests\n\nTOKEN = "ghp_8sJ2kLmN4pQ6rT9vX1zB3dF5hJ7lN0qS2uW4"\n',
      'def test_api(user):\n    client.login(headers={"Authorization": f"{user} ghp_8sJ2kLmN4pQ6rT9vX1zB3dF5hJ7lN0qS2uW4 {{x}}"})\n',
      // A helper, not a test: SEC001 treats credentials handed to a login inside a test as test data.
      'def connect():\n    client.login(password="Zq81mXv0Lr7TkP2wBn5cYd"\n                 "J4sHg9Fa6")\n',
      'CONFIG = {"aws": {"key": "AKIAZ7Q3RN5XW2LPUM4K"}}  # a comment with "quotes" and AKIA\n',
      'cafe = 1\nKEY = "AKIAZ7Q3RN5XW2LPUM4K"; elif_ = "😀 AKIAZ7Q3RN5XW2LPUM4J"\n',
    ];
    for (const code of cases) {
      const masked = await maskAndCheck(code);
      expect(masked.replace(/x/g, '')).not.toBe(code.replace(/x/g, ''));
      if (code.includes('\\n')) expect(masked.split('\\n').length).toBe(code.split('\\n').length);
      if (code.includes('{user}')) expect(masked).toContain('{user}');
      if (code.includes('BEGIN')) expect(masked).toContain('-----BEGIN RSA PRIVATE KEY-----');
    }
  });

  it('leaves code outside the reported ranges alone', () => {
    const code = 'A = "AKIAZ7Q3RN5XW2LPUM4K"\nB = "AKIAZ7Q3RN5XW2LPUM4K"\n';
    const { code: masked } = maskSecrets(code, [{ line: 2, column: 5, endLine: 2, endColumn: 27 }]);
    expect(masked).toBe('A = "AKIAZ7Q3RN5XW2LPUM4K"\nB = "AKIAxxxxxxxxxxxxxxxx"\n');
  });

  it('tolerates ranges beyond the text', () => {
    expect(maskSecrets('x = 1\n', [{ line: 9, column: 1, endLine: 9, endColumn: 4 }])).toEqual({ code: 'x = 1\n', masked: 0 });
  });
});
