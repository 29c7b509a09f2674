import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import type { Scope } from '../../scope';
import { callArguments, calleeLastName, stringValue, unwrapParens } from '../../syntax';
import { assignmentTargetOf } from '../fixtures/methods';
import { isUnderExpectedException } from '../assertions/raises';
import { methodsOf } from './test-bodies';

/** Paths every machine has, or that are the test process itself: not outside state. */
const SELF_CONTAINED_PATH = /^(\/dev\/|\/proc\/self\/|\\\\\.\\)|(^|[\\/:])(con|conin\$|conout\$|nul|prn|aux)$/i;
const LOOPBACK_HOST = /^(localhost|127(\.\d+){3}|\[?::1\]?|0\.0\.0\.0|)$/i;
const HTTP_CALLS = new Set([
  'requests.get', 'requests.post', 'requests.put', 'requests.patch', 'requests.delete', 'requests.head', 'requests.options', 'requests.request',
  'httpx.get', 'httpx.post', 'httpx.put', 'httpx.patch', 'httpx.delete', 'httpx.head', 'httpx.options', 'httpx.request', 'httpx.stream',
  'urllib.request.urlopen', 'urllib2.urlopen', 'urlopen',
]);
/** The test declares or fakes the network it needs: a resource check, a transient-network guard, a mock or fake transport. */
const NETWORK_HANDLED = /requires\(\s*['"]network|requires_resource\(\s*['"]network|transient_internet|requires_network|skip\w*network|requests_mock|responses\.activate|httpretty|respx|mock|patch|fake|stub|install_opener/i;
/** Variables the operating system itself sets: reading them is reading the platform, not a guest. */
const SYSTEM_VARIABLES = new Set(['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'PWD', 'LANG', 'TERM', 'TMPDIR', 'TEMP', 'TMP', 'SYSTEMROOT', 'WINDIR', 'COMPUTERNAME', 'USERNAME', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'PATHEXT', 'COMSPEC', 'PROGRAMFILES', 'HOMEDRIVE', 'HOMEPATH']);

function isReadMode(call: Node): boolean {
  const { positional, keywords } = callArguments(call);
  const mode = keywords.get('mode') ?? positional[1];
  if (!mode) return true;
  const text = stringValue(mode);
  return text !== null && !/[wax]/.test(text);
}

function literalPath(node: Node | undefined): { path: string; literal: Node } | null {
  const literal = node ? unwrapParens(node) : null;
  const path = literal ? stringValue(literal) : null;
  return literal && path && !SELF_CONTAINED_PATH.test(path) ? { path, literal } : null;
}

/** `open('data/x.json')`, `io.open('/etc/hosts')` for reading. */
function openedFile(call: Node, qualified: string, ctx: RuleContext): { path: string; literal: Node } | null {
  if (qualified !== 'io.open' && !(qualified === 'open' && !ctx.facts.imports.has('open'))) return null;
  const { positional, keywords } = callArguments(call);
  if (keywords.has('opener') || !isReadMode(call)) return null;
  return literalPath(positional[0] ?? keywords.get('file'));
}

/** `Path('data/x.json').read_text()`, `pathlib.Path('/etc/os-release').open()`. */
function readPath(call: Node, ctx: RuleContext): { path: string; literal: Node } | null {
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

/** The test function with its decorators, and its class's `setUp`: where a network guard or a fake transport would be set up. */
function handlesNetwork(scope: Scope): boolean {
  const test = scope.testFunction ?? scope;
  return test.data('SML014:network', () => {
    const definition = test.node.parent?.type === 'decorated_definition' ? test.node.parent : test.node;
    const owner = test.parent?.kind === 'class' ? test.parent.node : null;
    const setUp = owner ? methodsOf(owner).find((method) => method.childForFieldName('name')?.text === 'setUp') : undefined;
    return NETWORK_HANDLED.test(definition.text) || (!!setUp && NETWORK_HANDLED.test(setUp.text));
  });
}

/** The literal appears elsewhere in the test too, in either quotes: the test writes the file or sets the variable itself. */
function testMentionsAgain(literal: Node, scope: Scope): boolean {
  const value = stringValue(literal);
  if (value === null) return false;
  const test = (scope.testFunction ?? scope).node;
  const quoted = new RegExp(`['"]${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`, 'g');
  return (test.text.match(quoted)?.length ?? 0) > 1;
}

/** A relative path inside `with temp_cwd()` / `os_helper.change_cwd(tmp)`: the directory is the test's own. */
function inTemporaryDirectory(node: Node): boolean {
  for (let current = node.parent; current && current.type !== 'function_definition'; current = current.parent) {
    if (current.type !== 'with_statement') continue;
    const clause = current.namedChildren.find((child) => child?.type === 'with_clause');
    if (clause && /te?mp|chdir|cwd/i.test(clause.text)) return true;
  }
  return false;
}

function checkCall(call: Node, ctx: RuleContext): void {
  const last = calleeLastName(call);
  if (!last || !/^(open|read_text|read_bytes|get|post|put|patch|delete|head|options|request|stream|urlopen|create_connection|connect)$/.test(last)) return;
  if (!ctx.scope.inTestCode) return;
  const qualified = ctx.qualifiedName(call.childForFieldName('function')) ?? '';
  const opened = openedFile(call, qualified, ctx) ?? readPath(call, ctx);
  if (opened !== null) {
    const { path, literal } = opened;
    // Opening a path that must not exist, to test the error: the file is the point.
    if (isUnderExpectedException(call, ctx.scope.node) || testMentionsAgain(literal, ctx.scope)) return;
    const absolute = path.startsWith('/') || /^[a-z]:[\\/]/i.test(path);
    if (!absolute && inTemporaryDirectory(call)) return;
    const where = absolute ? 'this machine' : 'the directory the tests happen to run from';
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
  if (name === null || !key || SYSTEM_VARIABLES.has(name.toUpperCase())) return;
  // The test sets the variable itself (assignment, `setenv`, `patch.dict`): the read checks its own doing.
  if (testMentionsAgain(key, ctx.scope)) return;
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
      'visible in the test. Left alone: `/dev/*`, `/proc/self/*` and console devices, files opened for writing, ' +
      'paths the test names elsewhere too (it writes them first), relative paths inside a temporary working ' +
      'directory, paths under an expected-exception block, loopback hosts, tests that declare the network ' +
      '(`requires("network")`, `transient_internet`) or mention a mock, fake or patch, variables the operating ' +
      'system always sets (`PATH`, `HOME`, `windir`...) and variables the test sets itself.',
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
    detection:
      'Visits `call` and `subscript` nodes in test code: `open()`/`io.open()`/`Path(...).read_text()` reading a literal ' +
      'path, HTTP and socket calls (`requests.get`, `urlopen`, `connect`...) to a literal host that is not loopback, ' +
      "and reads of `os.environ['NAME']`. Exempt: system variables and `/dev` paths, a path or name the test writes " +
      'again elsewhere (it creates it), relative paths inside a temporary directory, calls under `assertRaises`, and ' +
      'network tests whose decorators or `setUp` mention a network guard or a mock.',
  },
  visit: { call: checkCall, subscript: checkSubscript },
});
