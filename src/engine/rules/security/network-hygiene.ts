import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { callArguments, calleeLastName, stringValue, unwrapParens } from '../../syntax';
import { replaceNode } from '../../position';
import type { Fix } from '../../types';

/** Module-level requests calls; sessions are left out because a session (or an adapter) may set a default. */
const REQUESTS_CALLS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'].map((name) => `requests.${name}`));
const DEFAULT_TIMEOUT = 10;

/** Address literals that mean "every interface". */
const ALL_INTERFACES = new Map([['0.0.0.0', '127.0.0.1'], ['', '127.0.0.1'], ['::', '::1']]);
/** Keywords that name the listening address; `''` is not accepted here, where it often means "the default". */
const HOST_KEYWORDS = new Set(['host', 'bind_host', 'listen_host', 'bind_address', 'listen_address']);

function loopbackFix(address: Node, value: string): Fix {
  const quote = address.text.endsWith('"') ? '"' : "'";
  const loopback = ALL_INTERFACES.get(value) ?? '127.0.0.1';
  // Unsafe: a server in a container or VM may need to be reachable from outside.
  return { title: `Bind to ${loopback}`, edits: [replaceNode(address, `${quote}${loopback}${quote}`)], unsafe: true };
}

/** `listener` is the callee of the call that listens, shown by "Explain". */
function reportBind(address: Node, ctx: RuleContext, value: string, listener: Node | null): void {
  const shown = value === '' ? "''" : `'${value}'`;
  ctx.report({
    node: address,
    related: listener ? [listener] : [],
    message: `Listening on ${shown} exposes the test server on every network interface of the machine; bind to the loopback address`,
    fix: loopbackFix(address, value),
  });
}

/** The host of a `(host, port)` address tuple, when it is an all-interfaces literal. */
function allInterfacesHost(argument: Node | undefined): { node: Node; value: string } | null {
  if (!argument) return null;
  const tuple = unwrapParens(argument);
  if (tuple.type !== 'tuple') return null;
  const host = tuple.namedChildren.find((child) => child && child.type !== 'comment');
  const value = host ? stringValue(host) : null;
  return host && value !== null && ALL_INTERFACES.has(value) ? { node: host, value } : null;
}

/** A mock, fake or stub server class among the arguments: nothing listens. */
function usesFakeServer(call: Node): boolean {
  const args = callArguments(call);
  return [...args.positional, ...args.keywords.values()].some((arg) => /^(Mock|Fake|Stub|Dummy)\w*$|\.(Mock|Fake|Stub|Dummy)\w*$/.test(arg.text));
}

/** The test asserts on the wildcard address itself (what `getsockname()` reports): binding it is the subject. */
function assertedInTest(value: string, call: Node): boolean {
  if (value === '') return false;
  let scope: Node | null = call.parent;
  while (scope && scope.type !== 'function_definition') scope = scope.parent;
  if (!scope) return false;
  const quoted = new RegExp(`['"]${value.replace(/[.]/g, '\\.')}['"]`);
  return scope.descendantsOfType(['assert_statement', 'call']).some((node) => {
    if (!node) return false;
    if (node.type === 'call' && !/^assert/.test(calleeLastName(node) ?? '')) return false;
    return quoted.test(node.text);
  });
}

/** `sock.bind((host, port))`, `HTTPServer((host, port), Handler)`, `make_server(host, port, app)`. */
function checkBind(call: Node, ctx: RuleContext): void {
  const name = calleeLastName(call) ?? '';
  if (name === 'bind' || /Server$/.test(name)) {
    const host = allInterfacesHost(callArguments(call).positional[0]);
    if (host && !usesFakeServer(call) && !assertedInTest(host.value, call)) reportBind(host.node, ctx, host.value, call.childForFieldName('function'));
  } else if (name === 'make_server') {
    const host = callArguments(call).positional[0];
    const value = host ? stringValue(host) : null;
    if (host && value !== null && ALL_INTERFACES.has(value) && !usesFakeServer(call)) reportBind(host, ctx, value, call.childForFieldName('function'));
  }
}

function timeoutFix(call: Node): Fix | undefined {
  const list = call.childForFieldName('arguments');
  if (list?.type !== 'argument_list') return undefined;
  const items = list.namedChildren.filter((child) => child && child.type !== 'comment');
  const last = items[items.length - 1];
  const open = list.child(0);
  const anchor = last ?? open;
  if (!anchor) return undefined;
  const end = replaceNode(anchor, '');
  const text = last ? `, timeout=${DEFAULT_TIMEOUT}` : `timeout=${DEFAULT_TIMEOUT}`;
  // Unsafe: a call that legitimately takes longer than the chosen limit would start to fail.
  return {
    title: `Add \`timeout=${DEFAULT_TIMEOUT}\``,
    edits: [{ line: end.endLine, column: end.endColumn, endLine: end.endLine, endColumn: end.endColumn, text }],
    unsafe: true,
  };
}

function checkTimeout(call: Node, ctx: RuleContext): void {
  const callee = call.childForFieldName('function');
  const qualified = ctx.qualifiedName(callee);
  if (!callee || !qualified || !REQUESTS_CALLS.has(qualified)) return;
  const args = callArguments(call);
  if (args.keywords.has('timeout') || args.hasSplat) return;
  ctx.report({
    node: callee,
    message: `\`${callee.text}()\` without \`timeout=\` waits forever if the server stops answering, hanging the whole run until the CI job is killed; pass a timeout`,
    fix: timeoutFix(call),
  });
}

function checkHostKeyword(keyword: Node, ctx: RuleContext): void {
  if (!HOST_KEYWORDS.has(keyword.childForFieldName('name')?.text ?? '')) return;
  const value = keyword.childForFieldName('value');
  const text = value ? stringValue(value) : null;
  if (value && text !== null && text !== '' && ALL_INTERFACES.has(text)) reportBind(value, ctx, text, keyword.parent?.parent?.type === 'call' ? keyword.parent.parent.childForFieldName('function') : null);
}

export default defineRule({
  meta: {
    id: 'SEC006',
    name: 'network-hygiene',
    family: 'SEC',
    severity: 'info',
    fixable: 'partial',
    summary: 'Test servers listening on every interface; `requests` calls without a timeout.',
    why:
      'A server bound to `0.0.0.0` (or `\'\'`, `::`) during a test is reachable from the whole network the CI ' +
      'host sits on, for as long as the test runs. A `requests` call without `timeout=` waits forever when ' +
      'the other side hangs, and the run dies at the CI job limit with no useful message. Only module-level ' +
      '`requests.get/post/...` calls are checked for timeouts: a session may carry a default. Not reported: ' +
      'servers built with a mock or fake server class, and a wildcard bind whose address the test then ' +
      'asserts on (it tests the binding itself).',
    fix:
      'Bind test servers to `127.0.0.1` (or `::1`), and pass `timeout=` to every request. Both quick fixes are ' +
      'marked unsafe: a server in a container may need to listen outside, and a limit can be too short for ' +
      'a slow endpoint.',
    bad: [
      'import http.server',
      'import threading',
      '',
      'import requests',
      '',
      '',
      'def test_serves_index(tmp_path):',
      '    server = http.server.ThreadingHTTPServer(("0.0.0.0", 0), http.server.SimpleHTTPRequestHandler)',
      '    threading.Thread(target=server.serve_forever, daemon=True).start()',
      '    port = server.server_address[1]',
      '    response = requests.get(f"http://127.0.0.1:{port}/")',
      '    assert response.status_code == 200',
      '',
    ].join('\n'),
    good: [
      'import http.server',
      'import threading',
      '',
      'import requests',
      '',
      '',
      'def test_serves_index(tmp_path):',
      '    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)',
      '    threading.Thread(target=server.serve_forever, daemon=True).start()',
      '    port = server.server_address[1]',
      '    response = requests.get(f"http://127.0.0.1:{port}/", timeout=10)',
      '    assert response.status_code == 200',
      '',
    ].join('\n'),
    peers: ['bandit B104', 'bandit B113', 'ruff S104', 'ruff S113'],
    detection:
      'Visits `call` nodes: `.bind(...)` and `*Server(...)` whose address tuple starts with `0.0.0.0`, an empty string ' +
      'or `::`, `make_server` with such a host, and module-level `requests.get`/`post`/... calls without `timeout=` or ' +
      '`**kwargs`; and `keyword_argument` nodes such as `host=`/`bind_host=` set to an all-interfaces address. Fake ' +
      'server classes among the arguments and tests that assert on the wildcard address are exempt.',
  },
  visit: {
    call(call, ctx) {
      checkBind(call, ctx);
      checkTimeout(call, ctx);
    },
    keyword_argument: checkHostKeyword,
  },
});
