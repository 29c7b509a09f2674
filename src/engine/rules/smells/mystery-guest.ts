import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import type { Scope } from '../../scope';
import { callArguments, calleeLastName, dottedName, stringValue, unwrapParens } from '../../syntax';
import { assignmentTargetOf } from '../fixtures/methods';
import { isUnderExpectedException } from '../assertions/raises';

/** Paths every machine has, or that are the test process itself: not outside state. */
const SELF_CONTAINED_PATH = /^(\/dev\/|\/proc\/self\/|CONIN\$|CONOUT\$|NUL$|CON$)/i;
const LOOPBACK_HOST = /^(localhost|127(\.\d+){3}|\[?::1\]?|0\.0\.0\.0|)$/i;
const HTTP_CALLS = new Set([
  'requests.get', 'requests.post', 'requests.put', 'requests.patch', 'requests.delete', 'requests.head', 'requests.options', 'requests.request',
  'httpx.get', 'httpx.post', 'httpx.put', 'httpx.patch', 'httpx.delete', 'httpx.head', 'httpx.options', 'httpx.request', 'httpx.stream',
  'urllib.request.urlopen', 'urllib2.urlopen', 'urlopen',
]);
/** The test declares or fakes the network it needs: a resource check, a transient-network guard, an HTTP mock library. */
const NETWORK_HANDLED = /requires\(\s*['"]network|requires_resource\(\s*['"]network|transient_internet|requires_network|skip\w*network|requests_mock|responses\.activate|httpretty|respx|patch\(\s*['"](requests|httpx|urllib)|patch\.object\(\s*(requests|httpx|urllib)|urlopen\s*=|install_opener/i;

function isReadMode(call: Node): boolean {
  const { positional, keywords } = callArguments(call);
  const mode = keywords.get('mode') ?? positional[1];
  if (!mode) return true;
  const text = stringValue(mode);
  return text !== null && !/[wax]/.test(text);
}

function literalPath(node: Node | undefined): string | null {
  const path = node ? stringValue(unwrapParens(node)) : null;
  return path && !SELF_CONTAINED_PATH.test(path) ? path : null;
}

/** `open('data/x.json')`, `io.open('/etc/hosts')` for reading. */
function openedFile(call: Node, qualified: string, ctx: RuleContext): string | null {
  if (qualified !== 'io.open' && !(qualified === 'open' && !ctx.facts.imports.has('open'))) return null;
  const { positional, keywords } = callArguments(call);
  if (keywords.has('opener') || !isReadMode(call)) return null;
  return literalPath(positional[0] ?? keywords.get('file'));
}

/** `Path('data/x.json').read_text()`, `pathlib.Path('/etc/os-release').open()`. */
function readPath(call: Node, ctx: RuleContext): string | null {
  const last = calleeLastName(call);
  if (last !== 'read_text' && last !== 'read_bytes' && last !== 'open') return null;
  const receiver = call.childForFieldName('function')?.childForFieldName('object');
  if (receiver?.type !== 'call' || !/(^|\.)(Path|PosixPath|WindowsPath)$/.test(ctx.qualifiedName(receiver.childForFieldName('function')) ?? '')) return null;
  if (last === 'open' && !isReadMode(call)) return null;
  return literalPath(callArguments(receiver).positional[0]);
}

/** The host of a literal URL or `(host, port)` address, when it is not this machine. */
function remoteHost(address: Node | undefined): string | null {
  if (!address) return null;
  const value = unwrapParens(address);
  if (value.type === 'tuple') {
    const host = stringValue(value.namedChildren.find((child) => child?.type !== 'comment'));
    return host !== null && !LOOPBACK_HOST.test(host) ? host : null;
  }
  const url = stringValue(value);
  const match = url ? /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+|\[[^\]]+\])/i.exec(url) : null;
  return match && !LOOPBACK_HOST.test(match[1]!) ? match[1]! : null;
}

function remoteCall(call: Node, qualified: string): string | null {
  const { positional, keywords } = callArguments(call);
  if (HTTP_CALLS.has(qualified)) return remoteHost(positional[qualified.endsWith('.request') ? 1 : 0] ?? keywords.get('url'));
  if (qualified === 'socket.create_connection' || calleeLastName(call) === 'connect') return remoteHost(positional[0] ?? keywords.get('address'));
  return null;
}

/** The test function, its decorators and its class: where a network guard or an HTTP mock would be set up. */
function handlesNetwork(scope: Scope): boolean {
  const method = scope.method ?? scope.testFunction;
  const home = method?.parent?.kind === 'class' ? method.parent : (scope.testFunction ?? scope);
  return home.data('SML014:network', () => {
    const definition = home.node.parent?.type === 'decorated_definition' ? home.node.parent : home.node;
    let module: Scope = home;
    while (module.parent) module = module.parent;
    return NETWORK_HANDLED.test(definition.text) || module.data('SML014:networkFile', () => /requests_mock|responses|httpretty|respx/.test(module.node.text.slice(0, 4000)));
  });
}

function checkCall(call: Node, ctx: RuleContext): void {
  const last = calleeLastName(call);
  if (!last || !/^(open|read_text|read_bytes|get|post|put|patch|delete|head|options|request|stream|urlopen|create_connection|connect)$/.test(last)) return;
  if (!ctx.scope.inTestCode) return;
  const qualified = ctx.qualifiedName(call.childForFieldName('function')) ?? '';
  const path = openedFile(call, qualified, ctx) ?? readPath(call, ctx);
  if (path !== null) {
    // Opening a path that must not exist, to test the error: the file is the point.
    if (isUnderExpectedException(call, ctx.scope.node)) return;
    const where = path.startsWith('/') || /^[a-z]:[\\/]/i.test(path) ? 'this machine' : 'the directory the tests happen to run from';
    ctx.report({
      node: call,
      message: `The test reads \`${path}\` from ${where}: a mystery guest the test does not create, so it breaks elsewhere; build the file in a temporary directory or ship it next to the test (\`Path(__file__).parent / ...\`)`,
    });
    return;
  }
  const host = remoteCall(call, qualified);
  if (host === null || handlesNetwork(ctx.scope)) return;
  ctx.report({
    node: call,
    message: `The test talks to \`${host}\` over the network and assumes it is reachable: it fails offline, behind a proxy, or when that host changes; use a local fake server or mock the client`,
  });
}

/** `os.environ['HOME']` read: KeyError, or different values, on another machine. */
function checkSubscript(subscript: Node, ctx: RuleContext): void {
  if (!ctx.scope.inTestCode) return;
  const value = subscript.childForFieldName('value');
  if (value?.type !== 'attribute' || ctx.qualifiedName(value) !== 'os.environ') return;
  if (assignmentTargetOf(subscript) || subscript.parent?.type === 'delete_statement') return;
  const key = subscript.childForFieldName('subscript');
  const name = key ? stringValue(key) : null;
  if (name === null || !key) return;
  // The test sets the variable itself (assignment, `setenv`, `patch.dict`): the read checks its own doing.
  const test = ctx.scope.testFunction?.node ?? ctx.scope.node;
  if (test.text.split(key.text).length > 2) return;
  if (isUnderExpectedException(subscript, ctx.scope.node)) return;
  ctx.report({
    node: subscript,
    message: `\`os.environ[${key.text}]\` reads the environment of whoever runs the test: it raises KeyError where \`${name}\` is unset and differs between machines; set it in the test (\`mock.patch.dict(os.environ, ...)\`, \`monkeypatch.setenv\`) or pass the value in`,
  });
}

export default defineRule({
  meta: {
    id: 'SML014',
    name: 'mystery-guest',
    family: 'SML',
    severity: 'info',
    fixable: 'no',
    summary: 'A test depends on files, hosts or environment variables it does not set up itself.',
    why:
      'A test that reads a fixed path (`open("/etc/hosts")`, `open("data.json")` from whatever the current ' +
      'directory is), calls a real remote host, or reads `os.environ["X"]` passes only on machines that happen ' +
      'to have that state. It breaks on a colleague\'s laptop, in a container or offline, and the reason is not ' +
      'visible in the test. Left alone: `/dev/*` and `/proc/self/*`, files opened for writing, paths under an ' +
      'expected-exception block, loopback hosts, tests that declare the network (`requires("network")`, ' +
      '`transient_internet`) or mock HTTP, and variables the test sets itself.',
    fix:
      'Create the file in a temporary directory (`tmp_path`, `tempfile.TemporaryDirectory`) or ship it next to ' +
      'the test and open it relative to `__file__`; serve HTTP from a local fake or mock the client; set ' +
      'environment variables in the test with `mock.patch.dict(os.environ, {...})` or `monkeypatch.setenv`.',
    bad: [
      'import json',
      '',
      '',
      'def test_default_flavors():',
      '    with open("etc/flavors.json") as f:',
      '        flavors = json.load(f)',
      '    assert "m1.small" in flavors',
      '',
    ].join('\n'),
    good: [
      'import json',
      'import pathlib',
      '',
      'DATA = pathlib.Path(__file__).parent / "data"',
      '',
      '',
      'def test_default_flavors():',
      '    with open(DATA / "flavors.json") as f:',
      '        flavors = json.load(f)',
      '    assert "m1.small" in flavors',
      '',
    ].join('\n'),
    peers: ['tsDetect Mystery Guest', 'tsDetect Resource Optimism'],
  },
  visit: { call: checkCall, subscript: checkSubscript },
});
