import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { stringValue, unwrapParens } from '../../syntax';
import { entropyBits, isConcatenationPart, isStringLiteral } from './literals';

/** Formats that only real credentials have; a match is an error whatever the variable is called. */
const KEY_FORMATS: { kind: string; pattern: RegExp; real?: (text: string) => boolean }[] = [
  { kind: 'an AWS access key id', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  {
    kind: 'a private key',
    pattern: /-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/,
    real: hasKeyBody,
  },
  { kind: 'a GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b/ },
  { kind: 'a Slack token', pattern: /\bxox[abpors]-[0-9A-Za-z-]{10,}/ },
  { kind: 'a Stripe live key', pattern: /\b[sr]k_live_[0-9A-Za-z]{24,}\b/ },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
];

/** Words that mark a value as made up for the test (AWS's own `AKIAIOSFODNN7EXAMPLE` included). */
const DUMMY = /fake|dummy|example|sample|test|placeholder|change_?me|secret|passw|redacted|invalid|notreal|not_real|mock|stub|xxxx|foo|bar|baz|<[^>]*>|\$\{|\{\{|%\(|\*\*\*/i;

/**
 * A header around a stub ("...", "fake") is a placeholder; a real key carries a long base64 body. (The
 * dummy words are not looked for in a body: in 1,600 random base64 characters "bar" turns up by chance.)
 */
function hasKeyBody(text: string): boolean {
  const body = (text.split(/PRIVATE KEY(?: BLOCK)?-----/)[1] ?? '').split('-----END')[0] ?? '';
  // `...` in the body: a key shortened for the source, i.e. a placeholder.
  if (/\.\.\.|…/.test(body)) return false;
  const base64 = body.replace(/\\n|[^A-Za-z0-9+/=]/g, '');
  return base64.length >= 64 && entropyBits(base64) >= 4.5;
}

/** Typed by hand rather than generated: `AKIAABCDEFGHIJKLMNOP`, `ghp_000000...`, `xoxb-1234567890`. */
function isContrived(token: string): boolean {
  const chars = [...token.replace(/^[a-z]+_|^(AKIA|ASIA|AIza|xox[a-z]-)/, '')];
  let steps = 0;
  for (let i = 1; i < chars.length; i++) if (chars[i]!.charCodeAt(0) - chars[i - 1]!.charCodeAt(0) === 1) steps++;
  return new Set(chars).size < 6 || steps >= chars.length / 2;
}

/** Every key format starts with one of these: a cheap first test for each of a file's many strings. */
const KEY_MARKERS = /AKIA|ASIA|PRIVATE KEY|gh[pousr]_|github_pat_|xox[abpors]-|k_live_|AIza/;

function keyFormatOf(text: string): string | null {
  if (!KEY_MARKERS.test(text)) return null;
  for (const format of KEY_FORMATS) {
    const match = format.pattern.exec(text);
    if (!match) continue;
    if (format.real ? format.real(text) : !DUMMY.test(match[0]) && !isContrived(match[0])) return format.kind;
  }
  return null;
}

/** `db_password`, `ADMIN_PASS`, `clientSecret`, `auth_token`, `api_key`, `privateKey`: snake or camel case. */
const SECRET_SEGMENT = /(^|_)(pass|passwd|password|passphrase|secret|token|api_?key|apikey|private_?key|privatekey)(_|$)/;
/** `token_url`, `password_file`: the value names where the secret is, not the secret. */
const NOT_THE_SECRET = /_(url|uri|path|file|filename|dir|name|type|field|header|endpoint|prefix|suffix|len|length|format|pattern|regex|template|policy|ttl|expiry|expires|expiration|algorithm|scope|kind)$/;

/** `SAMPLE_ID_TOKEN`, `fake_password`, `wrong_secret`: the name says the value is made up. */
const MADE_UP_NAME = /fake|dummy|example|sample|mock|stub|placeholder|invalid|bogus|wrong|bad_/;

function isSecretName(name: string): boolean {
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/^_+/, '');
  return SECRET_SEGMENT.test(snake) && !NOT_THE_SECRET.test(snake) && !MADE_UP_NAME.test(snake);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `keystone_admin_token_v3`: words joined by separators read as an identifier, not a random secret. */
const WORDY = /^[A-Za-z]+([_.-][A-Za-z0-9]+){2,}$/;

/** A random-looking value: long, no spaces, letters and digits, ≥3.5 bits of entropy per character. */
function looksRandom(value: string): boolean {
  if (value.length < 20 || /\s/.test(value) || value.includes('://') || value.startsWith('/')) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  if (UUID.test(value) || WORDY.test(value) || DUMMY.test(value)) return false;
  return entropyBits(value) >= 3.5;
}

/** The name a value is bound to: `x = ...`, `self.x = ...`, `conf['x'] = ...`, `f(x=...)`, `def f(x=...)`, `{'x': ...}`. */
function boundName(target: Node | null): string | null {
  if (!target) return null;
  switch (target.type) {
    case 'identifier':
      return target.text;
    case 'attribute':
      return target.childForFieldName('attribute')?.text ?? null;
    case 'subscript': {
      const key = target.childForFieldName('subscript');
      return key ? stringValue(key) : null;
    }
    case 'string':
    case 'concatenated_string':
      return stringValue(target);
    default:
      return null;
  }
}

function checkBinding(nameNode: Node | null, valueNode: Node | null, ctx: RuleContext): void {
  if (!valueNode) return;
  const value = unwrapParens(valueNode);
  if (!isStringLiteral(value)) return;
  const name = boundName(nameNode);
  if (!name || !isSecretName(name)) return;
  const text = stringValue(value);
  // Key formats are reported by the string visitor, wherever the string is.
  if (text === null || keyFormatOf(value.text) || !looksRandom(text)) return;
  ctx.report({
    node: value,
    related: nameNode ? [nameNode] : [],
    severity: 'warning',
    message: `\`${name}\` is set to a random-looking literal (${text.length} characters): if it is a real credential it is now public; read it from the environment or use an obvious fake such as 'fake-password'`,
  });
}

/**
 * The name the literal is bound to says it is made up for tests (`TEST_PRIVATE_KEY`, `FAKE_SSH_KEY`,
 * `sample_token=`): a throwaway key generated for the test suite, not a leaked one.
 */
function boundToMadeUpName(node: Node): boolean {
  let value: Node = node;
  while (value.parent?.type === 'parenthesized_expression') value = value.parent;
  const holder = value.parent;
  const target =
    holder?.type === 'assignment' ? holder.childForFieldName('left')
    : holder?.type === 'keyword_argument' || holder?.type === 'default_parameter' || holder?.type === 'typed_default_parameter' ? holder.childForFieldName('name')
    : holder?.type === 'pair' ? holder.childForFieldName('key')
    : null;
  const name = boundName(target ?? null);
  if (!name) return false;
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return MADE_UP_NAME.test(snake) || /(^|_)tests?(_|$)/.test(snake);
}

function checkLiteral(node: Node, ctx: RuleContext): void {
  if (isConcatenationPart(node)) return;
  const kind = keyFormatOf(node.text);
  if (!kind || boundToMadeUpName(node)) return;
  ctx.report({
    node,
    message: `String literal holds what looks like ${kind}: committed credentials get harvested from any file, tests included; revoke it and load it at run time, or use an obviously fake value`,
  });
}

export default defineRule({
  meta: {
    id: 'SEC001',
    name: 'hard-coded-secret',
    family: 'SEC',
    severity: 'error',
    fixable: 'no',
    summary: 'A real-looking credential written into the source.',
    why:
      'Secrets committed to a repository are harvested by scanners within minutes, and a test file is no ' +
      'exception: a token copied from a developer\'s shell to make a test pass is as exposed as one in ' +
      'production code. A string in a known key format (AWS key id, private key block, GitHub, Slack, Stripe, ' +
      'Google keys) is an error anywhere. A random-looking value (20+ characters, letters and digits, ' +
      '3.5+ bits of entropy per character) bound to a name such as `password`, `secret`, `token` or ' +
      '`api_key` is a warning, except as a keyword argument a test hands to the code under test (a test ' +
      'vector). Obvious fakes (`fake-token`, `AKIAIOSFODNN7EXAMPLE`, `<password>`), keys whose ' +
      'body is elided (`...`) and keys bound to a name that says they are made up (`TEST_PRIVATE_KEY`, ' +
      '`FAKE_SSH_KEY`) are silent.',
    fix:
      'Revoke the credential, then read it at run time (environment variable, a secrets fixture) or generate ' +
      'it in the test (`uuid.uuid4().hex`, `secrets.token_hex()`). Where any value will do, use one that is ' +
      'plainly fake.',
    bad: [
      'import requests',
      '',
      'GITHUB_TOKEN = "ghp_8sJ2kLmN4pQ6rT9vX1zB3dF5hJ7lN0qS2uW4"',
      '',
      '',
      'def test_list_repositories():',
      '    response = requests.get(',
      '        "https://api.github.com/user/repos",',
      '        headers={"Authorization": f"token {GITHUB_TOKEN}"},',
      '        timeout=10,',
      '    )',
      '    assert response.status_code == 200',
      '',
    ].join('\n'),
    good: [
      'import os',
      '',
      'import pytest',
      'import requests',
      '',
      'GITHUB_TOKEN = os.environ.get("GITHUB_TOKEN")',
      '',
      '',
      '@pytest.mark.skipif(not GITHUB_TOKEN, reason="needs GITHUB_TOKEN")',
      'def test_list_repositories():',
      '    response = requests.get(',
      '        "https://api.github.com/user/repos",',
      '        headers={"Authorization": f"token {GITHUB_TOKEN}"},',
      '        timeout=10,',
      '    )',
      '    assert response.status_code == 200',
      '',
    ].join('\n'),
    peers: ['bandit B105', 'bandit B106', 'bandit B107', 'ruff S105', 'ruff S106', 'ruff S107'],
    detection:
      'Visits every `string` and `concatenated_string` in the file for key formats (AWS key id, private key with a real ' +
      'body, GitHub, Slack, Stripe and Google tokens) that are not dummies, and `assignment`, `keyword_argument`, ' +
      'default parameter and dictionary `pair` nodes that bind a string literal to a secret-like name (`password`, ' +
      '`token`, `api_key`...) when the value looks random (20 or more letters and digits, high entropy). Names that say ' +
      'the value is fake, and keyword arguments passed straight to a call in test code, are exempt.',
  },
  visit: {
    string: checkLiteral,
    concatenated_string: checkLiteral,
    assignment(node, ctx) {
      checkBinding(node.childForFieldName('left'), node.childForFieldName('right'), ctx);
    },
    keyword_argument(node, ctx) {
      // Inside a test, a value handed straight to the code under test is a test vector (a fixed signing key,
      // a token for a fake server); pasted credentials end up in constants and attributes. Key formats still count.
      if (ctx.scope.inTestCode && node.parent?.parent?.type === 'call') return;
      checkBinding(node.childForFieldName('name'), node.childForFieldName('value'), ctx);
    },
    default_parameter(node, ctx) {
      checkBinding(node.childForFieldName('name'), node.childForFieldName('value'), ctx);
    },
    typed_default_parameter(node, ctx) {
      checkBinding(node.childForFieldName('name'), node.childForFieldName('value'), ctx);
    },
    pair(node, ctx) {
      checkBinding(node.childForFieldName('key'), node.childForFieldName('value'), ctx);
    },
  },
});
