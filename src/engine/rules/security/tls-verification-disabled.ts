import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { callArguments, calleeLastName, dottedName, stringValue, unwrapParens } from '../../syntax';
import { isLoopbackUrl } from './literals';
import { testsSubject } from './test-subject';

/** Methods that send a request on a session or client object: `session.get`, `requests.Session().post`. */
const REQUEST_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream']);
/** Libraries whose `verify=` is the TLS switch: module functions, clients and sessions alike. */
const TLS_LIBRARIES = /^(requests|httpx|keystoneauth1|openstack)\./;

/** Receivers that are HTTP sessions or clients by name: `self.session`, `http_client`, `requests.Session()`. */
const HTTP_RECEIVER = /session|client|requests|httpx|http|conn|api/i;

/** `s = requests.Session()` / `c = httpx.Client(...)` in the same function or at module level. */
function isAssignedHttpClient(receiver: Node, call: Node, ctx: RuleContext): boolean {
  if (receiver.type !== 'identifier') return false;
  let scope: Node | null = call.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  return (scope?.descendantsOfType('assignment') ?? []).some((assignment) => {
    const right = assignment?.childForFieldName('right');
    const made = right?.type === 'call' ? ctx.qualifiedName(right.childForFieldName('function')) : null;
    return assignment?.childForFieldName('left')?.text === receiver.text && !!made && TLS_LIBRARIES.test(made);
  });
}

/**
 * `verify=False` is the TLS switch when the call is into requests/httpx/keystoneauth/openstacksdk, or sends
 * a request (`get`, `post`, `request`...) through a session or client: one named like it
 * (`self.session.get`, `requests.Session().post`) or assigned from those libraries (`s = requests.Session()`).
 */
function isHttpCall(call: Node, ctx: RuleContext): boolean {
  const callee = call.childForFieldName('function');
  const qualified = ctx.qualifiedName(callee);
  if (qualified && TLS_LIBRARIES.test(qualified)) return true;
  if (callee?.type !== 'attribute' || !REQUEST_METHODS.has(calleeLastName(call) ?? '')) return false;
  const receiver = callee.childForFieldName('object');
  return !!receiver && (HTTP_RECEIVER.test(receiver.text) || isAssignedHttpClient(receiver, call, ctx));
}

/** A URL argument that names this machine: the test talks to its own server, so the risk is small. */
function targetsLoopback(call: Node): boolean {
  const args = callArguments(call);
  const candidates = [...args.positional.slice(0, 2), args.keywords.get('url'), args.keywords.get('base_url'), args.keywords.get('auth_url')];
  return candidates.some((node) => !!node && isLoopbackUrl(unwrapParens(node)));
}

function isFalse(node: Node | null): boolean {
  return !!node && unwrapParens(node).type === 'false';
}

/** `ssl.CERT_NONE` or the string `'CERT_NONE'`. */
function isCertNone(node: Node | null, ctx: RuleContext): boolean {
  if (!node) return false;
  const value = unwrapParens(node);
  return ctx.qualifiedName(value) === 'ssl.CERT_NONE' || stringValue(value) === 'CERT_NONE';
}

/**
 * The stdlib switches (`check_hostname`, `verify_mode`, `cert_reqs`, `_create_unverified_context`) in a test of
 * TLS support (`TestPOP3_SSLClass`, `HTTPSTest`, `test_starttls`, or any test in a module with such a class,
 * e.g. `test_ssl.py`): turning verification off is what such tests exercise.
 */
function testsTlsItself(ctx: RuleContext): boolean {
  return testsSubject(ctx, (word) => /ssl|tls|https/.test(word), true);
}

/** The function (or module) around a node. */
function enclosingScope(node: Node): Node | null {
  let scope: Node | null = node.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  return scope;
}

/**
 * A server-side context: on a server, `CERT_NONE` means "ask no client certificate" (the default) and
 * `check_hostname` does not apply. Named like one, or made with `PROTOCOL_TLS_SERVER` / `Purpose.CLIENT_AUTH`.
 */
function isServerContext(object: Node | null, ctx: RuleContext): boolean {
  if (!object) return false;
  if (/server/i.test(object.text)) return true;
  return (enclosingScope(object)?.descendantsOfType('assignment') ?? []).some((assignment) => {
    if (assignment?.childForFieldName('left')?.text !== object.text) return false;
    const right = assignment.childForFieldName('right');
    if (right?.type !== 'call' || !/^ssl\.(SSLContext|create_default_context)$/.test(ctx.qualifiedName(right.childForFieldName('function')) ?? '')) return false;
    return /PROTOCOL_TLS_SERVER|CLIENT_AUTH/.test(right.childForFieldName('arguments')?.text ?? '');
  });
}

const ADVICE = 'trust a test CA bundle instead (`verify="/path/to/test-ca.pem"`, `ssl.create_default_context(cafile=...)`)';

function checkKeyword(keyword: Node, ctx: RuleContext): void {
  const name = keyword.childForFieldName('name')?.text;
  if (name !== 'verify' && name !== 'check_hostname' && name !== 'cert_reqs') return;
  const value = keyword.childForFieldName('value');
  const call = keyword.parent?.parent;
  if (call?.type !== 'call') return;
  if (name === 'verify' && isFalse(value) && isHttpCall(call, ctx)) {
    // The HTTP call the switch belongs to, shown by "Explain".
    const related = [call.childForFieldName('function') ?? call];
    const callee = call.childForFieldName('function')?.text ?? 'the call';
    if (targetsLoopback(call)) {
      ctx.report({
        node: keyword,
        related,
        severity: 'info',
        message: `\`${callee}(..., verify=False)\` skips certificate checks; the URL is loopback so the exposure is small, but this line gets copied into helpers that talk to real hosts: ${ADVICE}`,
      });
      return;
    }
    ctx.report({ node: keyword, related, message: `\`${callee}(..., verify=False)\` accepts any certificate, so anyone on the path can impersonate the server: ${ADVICE}` });
  } else if (name === 'check_hostname' && isFalse(value)) {
    if (testsTlsItself(ctx)) return;
    ctx.report({ node: keyword, message: `\`check_hostname=False\` accepts a valid certificate for any host name: ${ADVICE}` });
  } else if (name === 'cert_reqs' && isCertNone(value, ctx)) {
    const serverSide = callArguments(call).keywords.get('server_side');
    if ((serverSide && unwrapParens(serverSide).type === 'true') || testsTlsItself(ctx)) return;
    ctx.report({ node: keyword, message: `\`cert_reqs=CERT_NONE\` accepts any certificate: ${ADVICE}` });
  }
}

/**
 * `ctx.check_hostname = False` right beside `ctx.verify_mode = CERT_NONE` is one decision written in two
 * lines (Python requires the first before the second): the `verify_mode` finding covers both.
 */
function pairedWithCertNone(assignment: Node, object: string, ctx: RuleContext): boolean {
  // The pair may be split by an `if disable_verify:`; look through the whole function.
  return (enclosingScope(assignment)?.descendantsOfType('assignment') ?? []).some((other) => {
    const left = other?.childForFieldName('left');
    return left?.type === 'attribute' && left.childForFieldName('object')?.text === object &&
      left.childForFieldName('attribute')?.text === 'verify_mode' && isCertNone(other!.childForFieldName('right'), ctx);
  });
}

function checkAssignment(assignment: Node, ctx: RuleContext): void {
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'attribute') return;
  const attribute = left.childForFieldName('attribute')?.text;
  if (attribute !== 'check_hostname' && attribute !== 'verify_mode' && attribute !== 'verify') return;
  const target = dottedName(left) ?? left.text;
  if (attribute !== 'verify' && (isServerContext(left.childForFieldName('object'), ctx) || testsTlsItself(ctx))) return;
  if (attribute === 'check_hostname' && isFalse(right)) {
    if (pairedWithCertNone(assignment, left.childForFieldName('object')?.text ?? '', ctx)) return;
    ctx.report({ node: assignment, message: `\`${target} = False\` accepts a valid certificate for any host name: ${ADVICE}` });
  } else if (attribute === 'verify_mode' && isCertNone(right, ctx)) {
    ctx.report({ node: assignment, message: `\`${target} = CERT_NONE\` accepts any certificate: ${ADVICE}` });
  } else if (attribute === 'verify' && isFalse(right) && /session|client/i.test(left.childForFieldName('object')?.text ?? '')) {
    ctx.report({ node: assignment, message: `\`${target} = False\` turns off certificate checks for every request of the session: ${ADVICE}` });
  }
}

function checkCall(call: Node, ctx: RuleContext): void {
  if (ctx.qualifiedName(call.childForFieldName('function')) !== 'ssl._create_unverified_context' || testsTlsItself(ctx)) return;
  ctx.report({ node: call, message: `\`ssl._create_unverified_context()\` builds a context that checks neither certificate nor host name: ${ADVICE}` });
}

export default defineRule({
  meta: {
    id: 'SEC002',
    name: 'tls-verification-disabled',
    family: 'SEC',
    severity: 'warning',
    fixable: 'no',
    summary: 'Certificate or host name verification turned off.',
    why:
      'With verification off, anyone between the test and the server can read and change the traffic. In ' +
      'test code this spreads: the line is copied into fixtures and helpers that later talk to real ' +
      'endpoints. Reported for `verify=False` on requests/httpx/keystoneauth/openstacksdk calls and on ' +
      '`get`/`post`/`request`... calls of a session or client (named like one, or assigned from those ' +
      'libraries), `session.verify = False`, `ssl._create_unverified_context()`, ' +
      '`check_hostname=False` and `CERT_NONE`. When the URL literal is loopback (`localhost`, `127.0.0.1`, ' +
      '`[::1]`) the finding is info. The `ssl`-module switches are not reported on server-side contexts ' +
      '(where `CERT_NONE` only means "ask no client certificate") nor in tests of TLS support itself (a test ' +
      'or test class of the file named for SSL/TLS/HTTPS), which turn verification off on purpose.',
    fix:
      'Give the test server a certificate from a test CA and trust that CA: `verify="tests/ca.pem"`, ' +
      '`ssl.create_default_context(cafile="tests/ca.pem")`, or the `trustme` package.',
    bad: [
      'import requests',
      '',
      '',
      'def test_health_endpoint(staging_host):',
      '    response = requests.get(f"https://{staging_host}/health", verify=False, timeout=5)',
      '    assert response.json()["status"] == "ok"',
      '',
    ].join('\n'),
    good: [
      'import requests',
      '',
      '',
      'def test_health_endpoint(staging_host, test_ca_bundle):',
      '    response = requests.get(f"https://{staging_host}/health", verify=test_ca_bundle, timeout=5)',
      '    assert response.json()["status"] == "ok"',
      '',
    ].join('\n'),
    peers: ['bandit B501', 'bandit B323', 'ruff S501', 'ruff S323'],
    detection:
      'Visits `keyword_argument` nodes: `verify=False` on calls into requests, httpx, keystoneauth or openstacksdk or ' +
      'on request methods of a session or client (info for a loopback URL), `check_hostname=False` and ' +
      '`cert_reqs=CERT_NONE`; `assignment` nodes setting `.check_hostname = False`, `.verify_mode = CERT_NONE` or a ' +
      "session's `.verify = False`; and `call` nodes of `ssl._create_unverified_context()`. For the `ssl` switches, " +
      'server-side contexts and tests of TLS itself (named so, or in a module with such a test class) are exempt.',
  },
  visit: { keyword_argument: checkKeyword, assignment: checkAssignment, call: checkCall },
});
