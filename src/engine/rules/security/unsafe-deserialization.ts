import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { callArguments, calleeLastName, dottedName, unwrapParens } from '../../syntax';
import { replaceNode } from '../../position';
import type { Fix } from '../../types';
import { isLiteralCommand, isStringLiteral } from './literals';
import { testsSubject } from './test-subject';

/** Words of test names that say the test exercises the serializer itself (`PickleTests`, `test_unpickler_hook`). */
const SERIALIZER_SUBJECT = /^(un)?pickl|^marshal|^(de)?seriali[sz]/;
const PICKLE_MODULES = new Set(['pickle', 'cPickle', '_pickle', 'dill', 'marshal']);
const PICKLE_FUNCTIONS = new Set(['load', 'loads', 'Unpickler']);
const SAFE_YAML_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader']);
/** Last names of every call this rule looks at: a cheap filter before reading arguments. */
const CANDIDATE_NAMES = new Set([...PICKLE_FUNCTIONS, 'load_all', 'unsafe_load', 'unsafe_load_all', 'eval', 'exec']);

/** The function (or module) a node sits in: the reach of the "same test" data-flow checks below. */
function enclosingFunction(node: Node): Node | null {
  let scope: Node | null = node.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  return scope;
}

/** Per tree and scope: the right-hand sides assigned to each name (`a, name = ...` binds both). */
const assignmentIndex = new WeakMap<object, Map<number, Map<string, Node[]>>>();

function assignmentsIn(scope: Node): Map<string, Node[]> {
  let byScope = assignmentIndex.get(scope.tree);
  if (!byScope) assignmentIndex.set(scope.tree, (byScope = new Map()));
  let index = byScope.get(scope.id);
  if (index) return index;
  index = new Map();
  // A name a function does not assign is a module global: only module-level assignments bind it (and the
  // rest of the file, test bodies included, is not this statement's business).
  const assignments =
    scope.type === 'module'
      ? scope.namedChildren.map((statement) => (statement?.type === 'expression_statement' ? statement.namedChild(0) : null)).filter((node) => node?.type === 'assignment')
      : scope.descendantsOfType('assignment');
  for (const assignment of assignments) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (!left || !right) continue;
    const targets = left.type === 'pattern_list' || left.type === 'tuple_pattern' ? left.namedChildren : [left];
    for (const target of targets) {
      if (!target) continue;
      const values = index.get(target.text) ?? [];
      values.push(right);
      index.set(target.text, values);
    }
  }
  byScope.set(scope.id, index);
  return index;
}

/**
 * The right-hand sides assigned to `name` in `scope`, or in the functions around it when `scope` never
 * assigns it (a nested thread target reading the test's bytes). Indexed once per scope: only candidates ask.
 */
function assignedValues(scope: Node, name: string): Node[] {
  for (let current: Node | null = scope; current; current = enclosingFunction(current)) {
    const values = assignmentsIn(current).get(name);
    if (values || current.type === 'module') return values ?? [];
  }
  return [];
}

function isSerializingCall(node: Node): boolean {
  return node.type === 'call' && /^(dumps?|repr)$/.test(calleeLastName(node) ?? '');
}

/** The values a `for` loop of `scope` gives to `name`, as the iterables it loops over. */
function loopedValues(scope: Node, name: string): Node[] {
  const iterables: Node[] = [];
  for (const loop of scope.descendantsOfType('for_statement')) {
    const right = loop?.childForFieldName('right');
    if (right && loop?.childForFieldName('left')?.text === name) iterables.push(right);
  }
  return iterables;
}

/**
 * Bytes or text written into the test: a literal, a list of literals, or a name bound only to those in the
 * same function (`dumped = b'...'`, `for case in CASES:` with `CASES = [b'...', ...]`).
 */
function isLiteralData(node: Node, scope: Node, depth = 0): boolean {
  const value = unwrapParens(node);
  if (isStringLiteral(value)) return true;
  // `b'I' + int.to_bytes(...)`, `bytes([i])`: bytes the test constructs.
  if (value.type === 'binary_operator' && !OUTSIDE_TEXT.test(value.text) &&
    [value.childForFieldName('left'), value.childForFieldName('right')].some((side) => !!side && isStringLiteral(unwrapParens(side)))) return true;
  if (value.type === 'call' && /^(bytes|bytearray)$/.test(value.childForFieldName('function')?.text ?? '')) return true;
  if (depth > 2) return false;
  if (value.type === 'list' || value.type === 'tuple') {
    return value.namedChildCount > 0 && value.namedChildren.every((item) => !!item && (item.type === 'comment' || isLiteralData(item, scope, depth + 1)));
  }
  if (value.type !== 'identifier') return false;
  const assigned = assignedValues(scope, value.text);
  const looped = loopedValues(scope, value.text);
  if (assigned.length + looped.length === 0) return false;
  const elementsAreLiteral = (iterable: Node): boolean => {
    const items = unwrapParens(iterable);
    if (items.type === 'identifier') return assignedValues(scope, items.text).some((list) => isLiteralData(list, scope, depth + 1));
    return isLiteralData(items, scope, depth + 1);
  };
  return assigned.every((right) => isLiteralData(right, scope, depth + 1)) && looped.every(elementsAreLiteral);
}

/**
 * The data was produced by the test itself: literal bytes, `pickle.loads(pickle.dumps(obj))`,
 * `eval(repr(obj))`, a variable assigned such a call, or a load in a function that also dumps with the same
 * module (written to a file, read back). These round trips are how picklability and `__repr__` are tested.
 */
function isTestProducedData(call: Node, argument: Node | undefined): boolean {
  if (!argument) return false;
  const value = unwrapParens(argument);
  if (isStringLiteral(value) || isSerializingCall(value)) return true;
  const scope = enclosingFunction(call);
  if (!scope) return false;
  if (value.type === 'identifier' && assignedValues(scope, value.text).some(isSerializingCall)) return true;
  if (isLiteralData(value, scope)) return true;
  // The same function dumps or writes (a Pickler, `pickle.dump` in a script it runs, a C helper writing the
  // file): what it loads is what it wrote.
  return scope.type === 'function_definition' && WRITES.test(scope.text);
}

/** Text of an expression that reads from outside: `'x = %s' % sys.argv[2]` is not built by the test alone. */
const OUTSIDE_TEXT = /\b(sys\.argv|sys\.stdin|environ|getenv|input|urlopen|recv\w*|read\w*)\b/;

const WRITES = /\b(dumps?|\w*_write\w*)\(|\.write\w*\(/;

/** Calls and attributes that bring in data from outside the test: files, sockets, the environment, HTTP. */
const READ_CALLS = new Set(['read', 'readline', 'readlines', 'read_text', 'read_bytes', 'recv', 'recvfrom', 'input', 'getenv', 'urlopen', 'communicate', 'check_output', 'json']);
const OUTSIDE_ATTRIBUTES = /^(os\.environ|sys\.argv|sys\.stdin)$|\.(text|content|stdout)$/;

function mentionsOutsideData(expression: Node, ctx: RuleContext): boolean {
  const nodes = [expression, ...expression.descendantsOfType(['call', 'attribute'])];
  return nodes.some((node) => {
    if (!node) return false;
    if (node.type === 'call') return READ_CALLS.has(calleeLastName(node) ?? '') || ctx.qualifiedName(node.childForFieldName('function')) === 'open';
    return node.type === 'attribute' && OUTSIDE_ATTRIBUTES.test(node.text);
  });
}

/** The expressions a value is computed from: itself, and what the names it reads were assigned. */
function sourcesOf(call: Node, argument: Node): Node[] {
  const value = unwrapParens(argument);
  const scope = enclosingFunction(call);
  if (!scope) return [value];
  // `eval(stdout.strip())` after `stdout, stderr = p.communicate()`: follow the names the argument reads.
  const names = value.type === 'identifier' ? [value] : value.descendantsOfType('identifier').slice(0, 4);
  return [value, ...names.flatMap((name) => (name ? assignedValues(scope, name.text) : []))];
}

/** `eval(f.read())`, `exec(open(p).read())`, `code = path.read_text(); exec(code)`. */
function readsOutsideData(call: Node, argument: Node, ctx: RuleContext): boolean {
  return sourcesOf(call, argument).some((source) => mentionsOutsideData(source, ctx));
}

/** `handle`, `handle_datagram`, `do_POST`: the request handler of a socketserver / http.server test server. */
const REQUEST_HANDLER = /^(handle\w*|do_[A-Z]+)$/;

/**
 * Data received on a socket, or by a request handler: the test's own server decoding the wire format of the
 * code under test (logging's SocketHandler pickles its records).
 */
function receivedOnSocket(call: Node, argument: Node | undefined): boolean {
  if (!argument) return false;
  const scope = enclosingFunction(call);
  if (scope?.type === 'function_definition' && REQUEST_HANDLER.test(scope.childForFieldName('name')?.text ?? '')) return true;
  return sourcesOf(call, argument).some((source) => /\.recv\w*\(/.test(source.text));
}

/** `.content`, `.text`, `urlopen(...)`, `cache.get(...)`: bytes from the network or a shared cache. */
function fromNetworkOrCache(call: Node, argument: Node | undefined): boolean {
  return !!argument && sourcesOf(call, argument).some((source) => /\.(content|text)\b|urlopen\(|\bcache\w*\.get\(/.test(source.text));
}

/** `exec(SOURCE)` where `SOURCE` is read from a `.py` file: running repository code, as an import would. */
function isPythonSource(call: Node, argument: Node): boolean {
  return sourcesOf(call, argument).some((source) => /\.py['"]/.test(source.text));
}

function yamlFix(call: Node, functionName: string): Fix | undefined {
  const callee = call.childForFieldName('function');
  const attribute = callee?.type === 'attribute' ? callee.childForFieldName('attribute') : null;
  if (!attribute) return undefined;
  const safe = functionName === 'load_all' ? 'safe_load_all' : 'safe_load';
  // safe_load rejects python/* tags and custom constructors that the old default loader accepted.
  return { title: `Use \`yaml.${safe}\``, edits: [replaceNode(attribute, safe)], unsafe: true };
}

function check(call: Node, ctx: RuleContext): void {
  const callee = call.childForFieldName('function');
  const qualified = ctx.qualifiedName(callee);
  if (!callee || !qualified) return;
  const dot = qualified.lastIndexOf('.');
  const module = qualified.slice(0, Math.max(dot, 0));
  const name = qualified.slice(dot + 1);
  if (!CANDIDATE_NAMES.has(name)) return;
  const args = callArguments(call);

  // `six.moves.cPickle.loads` is still cPickle.
  const serializer = module.slice(module.lastIndexOf('.') + 1);
  if (PICKLE_MODULES.has(serializer) && PICKLE_FUNCTIONS.has(name)) {
    const data = args.positional[0];
    if (isTestProducedData(call, data) || testsSubject(ctx, (word) => SERIALIZER_SUBJECT.test(word)) || receivedOnSocket(call, data)) return;
    // marshal builds code objects without running them; it is the format of .pyc files. Only bytes from the
    // network or a shared cache are a risk.
    if (serializer === 'marshal' && !fromNetworkOrCache(call, data)) return;
    ctx.report({
      node: callee,
      related: data ? [data] : [],
      message: `\`${callee.text}()\` runs code embedded in the data: a fixture file or cache that ever comes from outside the repository can execute anything; store test data as JSON`,
    });
    return;
  }

  if (module === 'yaml' && (name === 'unsafe_load' || name === 'unsafe_load_all')) {
    ctx.report({ node: callee, message: `\`${callee.text}()\` builds arbitrary Python objects from YAML tags; use \`yaml.safe_load()\`` });
    return;
  }

  if (module === 'yaml' && (name === 'load' || name === 'load_all')) {
    const loader = args.keywords.get('Loader') ?? args.positional[1];
    if (loader) {
      const loaderName = dottedName(unwrapParens(loader)) ?? '';
      if (SAFE_YAML_LOADERS.has(loaderName.slice(loaderName.lastIndexOf('.') + 1))) return;
      if (isTestProducedData(call, args.positional[0])) return;
      ctx.report({ node: callee, related: [loader], message: `\`${callee.text}(..., Loader=${loader.text})\` can build arbitrary Python objects from YAML tags; use \`yaml.safe_load()\` or \`Loader=yaml.SafeLoader\`` });
      return;
    }
    if (args.hasSplat) return;
    ctx.report({
      node: callee,
      message: `\`${callee.text}()\` without a safe \`Loader\` can build arbitrary Python objects (and fails on PyYAML 6, where \`Loader\` is required); use \`yaml.safe_load()\``,
      fix: yamlFix(call, name),
    });
    return;
  }

  if (qualified === 'eval' || qualified === 'exec' || qualified === 'builtins.eval' || qualified === 'builtins.exec') {
    const source = args.positional[0];
    if (!source || isLiteralCommand(source)) return;
    // Code the test assembles itself (language and code-generation tests) is not outside data: only text read in counts.
    if (!readsOutsideData(call, source, ctx) || (name === 'exec' && isPythonSource(call, source))) return;
    if (isTestProducedData(call, source)) return;
    ctx.report({
      node: callee,
      related: [source],
      message: `\`${callee.text}()\` runs text read from outside the test (a file, a process, the environment, a response): whoever controls it runs code; parse it with \`ast.literal_eval()\` or \`json.loads()\``,
    });
  }
}

export default defineRule({
  meta: {
    id: 'SEC004',
    name: 'unsafe-deserialization',
    family: 'SEC',
    severity: 'warning',
    fixable: 'partial',
    summary: '`pickle`/`marshal` loads, `yaml.load` without a safe loader, `eval`/`exec` of text read from outside.',
    why:
      'These calls turn data into running code. Test fixtures look harmless until one is regenerated from a ' +
      'production dump, downloaded, or shared through a cache, and then loading it executes whatever it ' +
      'contains. Data the test wrote itself is left alone: literal bytes, round trips ' +
      '(`pickle.loads(pickle.dumps(obj))`, `eval(repr(obj))`, a dump and a load in the same function). ' +
      '`eval`/`exec` of text read from a file, a process, the environment or a response is a warning; ' +
      'code the test assembles itself (language and code-generation tests) is not reported. A function that ' +
      'dumps or writes and then loads reads back its own data, bytes the test constructs are its own, ' +
      'tests named after the serializer (`PickleTests`, `test_unpickler`) exercise it on purpose, and a test ' +
      'server decoding what arrives on its socket reads the wire format of the code under test. `marshal` ' +
      '(which builds code objects without running them; the `.pyc` format) is reported only for bytes from ' +
      'the network or a cache, and `exec` of a `.py` source file runs repository code like an import does. ' +
      'Known false positive: a test of pickle compatibility that loads committed pickles on purpose.',
    fix:
      'Keep fixtures in JSON (`json.load`), parse YAML with `yaml.safe_load`, and literals with ' +
      '`ast.literal_eval`. The quick fix turns `yaml.load(x)` into `yaml.safe_load(x)`; it is marked unsafe ' +
      'because `safe_load` rejects `!!python/...` tags and custom constructors the old default accepted.',
    bad: [
      'import yaml',
      '',
      '',
      'def test_inventory_has_two_hosts():',
      '    with open("tests/fixtures/inventory.yaml") as stream:',
      '        inventory = yaml.load(stream)',
      '    assert len(inventory["hosts"]) == 2',
      '',
    ].join('\n'),
    good: [
      'import yaml',
      '',
      '',
      'def test_inventory_has_two_hosts():',
      '    with open("tests/fixtures/inventory.yaml") as stream:',
      '        inventory = yaml.safe_load(stream)',
      '    assert len(inventory["hosts"]) == 2',
      '',
    ].join('\n'),
    peers: ['bandit B301', 'bandit B302', 'bandit B506', 'bandit B307', 'bandit B102', 'ruff S301', 'ruff S506', 'ruff S307', 'ruff S102'],
    detection:
      'Visits every `call` resolving to `load`/`loads`/`Unpickler` of `pickle`, `cPickle`, `dill` or `marshal`, to ' +
      '`yaml.load`/`load_all` without a safe `Loader`, to `yaml.unsafe_load`, and to `eval`/`exec`. Exempt: data the ' +
      'test makes itself (literals, a `dumps()` round trip, a function that also writes), data received by a test ' +
      'server, tests of the serializer, `marshal` data not from the network or a cache, and `eval`/`exec` of text that ' +
      'is not read from outside (files, processes, the environment, responses).',
  },
  visit: { call: check },
});
