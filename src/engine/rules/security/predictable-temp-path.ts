import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { callArguments, calleeLastName, unwrapParens } from '../../syntax';
import { isConcatenationPart, literalPrefix, preview } from './literals';
import { testsSubject } from './test-subject';

/** `/tmp`, `/tmp/x`, `/var/tmp/...`, `/dev/shm/...`; not `/tmpfs` or `/tmp_data`. */
const SHARED_TEMP = /^\/(tmp|var\/tmp|dev\/shm)(\/|$)/;

/** Calls that create, open or name a file system entry from their first argument. */
const FILE_CALLS = new Set([
  'open', 'io.open', 'codecs.open', 'os.open', 'os.mkdir', 'os.makedirs', 'os.mkfifo', 'os.remove', 'os.unlink',
  'os.rmdir', 'os.listdir', 'os.chdir', 'os.symlink', 'os.rename', 'os.replace', 'os.path.join', 'pathlib.Path',
  'tarfile.open', 'zipfile.ZipFile', 'sqlite3.connect', 'logging.FileHandler',
]);
/** Methods whose first argument is a path whatever the object: `sock.bind('/tmp/app.sock')`. */
const FILE_METHODS = new Set(['bind']);

/**
 * The string is handed to something that touches the file system (the parallel-run collision is real),
 * rather than being data (a fake path given to a mock, an expected value).
 */
function isUsedAsPath(node: Node, ctx: RuleContext): boolean {
  const list = node.parent;
  if (list?.type !== 'argument_list' || list.namedChild(0)?.id !== node.id) return false;
  const call = list.parent;
  return call?.type === 'call' && isFileCall(call, ctx);
}

function isFileCall(call: Node, ctx: RuleContext): boolean {
  const qualified = ctx.qualifiedName(call.childForFieldName('function')) ?? '';
  if (FILE_CALLS.has(qualified) || qualified.startsWith('shutil.')) return true;
  return call.childForFieldName('function')?.type === 'attribute' && FILE_METHODS.has(calleeLastName(call) ?? '');
}

/** `conf_path = '/tmp/test.conf'` and then `open(conf_path)` in the same function. */
function isBoundToPathUse(node: Node, ctx: RuleContext): boolean {
  const assignment = node.parent;
  const name = assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === node.id ? assignment.childForFieldName('left') : null;
  if (name?.type !== 'identifier') return false;
  let scope: Node | null = assignment!.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (scope?.type !== 'function_definition') return false;
  return scope.descendantsOfType('call').some((call) => {
    const first = call?.childForFieldName('arguments')?.namedChild(0);
    return !!call && first?.type === 'identifier' && first.text === name.text && isFileCall(call, ctx);
  });
}

const MAKES_PRIVATE_DIRECTORY = /^(mkdtemp|TemporaryDirectory)$/;

/**
 * `mktemp(dir=self.mkdtemp())`, or a `dir` name (`dirname`, `self.dir_path`) assigned from `mkdtemp()` in the
 * function or its class: a name inside a private directory the test just made cannot be raced.
 */
function insidePrivateDirectory(call: Node): boolean {
  const dir = callArguments(call).keywords.get('dir');
  const value = dir ? unwrapParens(dir) : null;
  if (!value) return false;
  if (value.type === 'call') return MAKES_PRIVATE_DIRECTORY.test(calleeLastName(value) ?? '');
  if (value.type !== 'identifier' && value.type !== 'attribute') return false;
  let scope: Node | null = call.parent;
  const wanted = value.type === 'identifier' ? 'function_definition' : 'class_definition';
  while (scope && scope.type !== wanted && scope.type !== 'module') scope = scope.parent;
  return (scope?.descendantsOfType('assignment') ?? []).some((assignment) => {
    const right = assignment?.childForFieldName('right');
    return assignment?.childForFieldName('left')?.text === value.text && right?.type === 'call' && MAKES_PRIVATE_DIRECTORY.test(calleeLastName(right) ?? '');
  });
}

/** `tempfile.mkstemp(dir='/tmp')` picks an unpredictable name: naming the directory is fine. */
function isTempfileDir(node: Node, ctx: RuleContext): boolean {
  const keyword = node.parent;
  if (keyword?.type !== 'keyword_argument' || keyword.childForFieldName('name')?.text !== 'dir') return false;
  const call = keyword.parent?.parent;
  return call?.type === 'call' && (ctx.qualifiedName(call.childForFieldName('function')) ?? '').startsWith('tempfile.');
}

const ADVICE = 'use a per-test directory (pytest `tmp_path`, `tempfile.mkdtemp()`/`TemporaryDirectory()`, `fixtures.TempDir`)';

function checkString(node: Node, ctx: RuleContext): void {
  if (isConcatenationPart(node) || !/\/(tmp|var\/tmp|dev\/shm)\b/.test(node.text)) return;
  const prefix = literalPrefix(node);
  if (prefix === null || !SHARED_TEMP.test(prefix) || isTempfileDir(node, ctx)) return;
  // Other literals (fake paths given to mocks, URL paths, expected values) are data, not files the test touches.
  if (!isUsedAsPath(node, ctx) && !isBoundToPathUse(node, ctx)) return;
  // Where the path goes: the file call it is handed to, or the name it is bound to.
  const holder = node.parent?.type === 'argument_list' ? node.parent.parent?.childForFieldName('function') : node.parent?.childForFieldName('left');
  ctx.report({
    node,
    related: holder ? [holder] : [],
    message: `Fixed path '${preview(prefix)}' in a shared temp directory: parallel runs (stestr, xdist) collide on it, and another user can plant a symlink there first; ${ADVICE}`,
  });
}

function checkCall(call: Node, ctx: RuleContext): void {
  if (ctx.qualifiedName(call.childForFieldName('function')) !== 'tempfile.mktemp') return;
  if (insidePrivateDirectory(call) || testsSubject(ctx, (word) => word === 'mktemp')) return;
  ctx.report({
    node: call,
    message: '`tempfile.mktemp()` returns a name that another process can create first (a race the standard library warns about); use `tempfile.mkstemp()`, `NamedTemporaryFile()` or `mkdtemp()`',
  });
}

export default defineRule({
  meta: {
    id: 'SEC005',
    name: 'predictable-temp-path',
    family: 'SEC',
    severity: 'warning',
    fixable: 'no',
    summary: 'Fixed paths under `/tmp`, `/var/tmp`, `/dev/shm`, and `tempfile.mktemp()`.',
    why:
      'Every test run on the machine, every parallel worker (stestr, pytest-xdist) and every other user share ' +
      'those directories. A fixed name makes runs overwrite each other\'s files, and lets another local user ' +
      'create the file or a symlink first. `tempfile.mktemp()` has the same race (not inside a directory the ' +
      'test just made with `mkdtemp()`). Reported: literals passed to `open`, `os.makedirs`, `shutil.*`, `Path` ' +
      'and similar, directly or through a name in the same function. Other literals (fake paths given to ' +
      'mocks, URL paths, expected values) are data and are not reported.',
    fix:
      'Create a fresh directory per test: pytest\'s `tmp_path`, `tempfile.mkdtemp()` or ' +
      '`tempfile.TemporaryDirectory()`, or `self.useFixture(fixtures.TempDir()).path`. `mkstemp` is not a ' +
      'drop-in for `mktemp` (it opens the file), so there is no automatic fix.',
    bad: [
      'import json',
      '',
      '',
      'def test_export_writes_json():',
      '    export_inventory("/tmp/inventory.json")',
      '    with open("/tmp/inventory.json") as stream:',
      '        assert json.load(stream)["hosts"]',
      '',
    ].join('\n'),
    good: [
      'import json',
      '',
      '',
      'def test_export_writes_json(tmp_path):',
      '    target = tmp_path / "inventory.json"',
      '    export_inventory(target)',
      '    with open(target) as stream:',
      '        assert json.load(stream)["hosts"]',
      '',
    ].join('\n'),
    peers: ['bandit B108', 'bandit B306', 'ruff S108', 'ruff S306'],
    detection:
      'Visits `string` nodes whose literal start is `/tmp`, `/var/tmp` or `/dev/shm` and that are used as a path: the ' +
      'first argument of a file call (`open`, `os.makedirs`, `shutil.*`, `Path`, `.bind`...), or assigned to a name the ' +
      'same function passes to one; `dir=` of a `tempfile` call is exempt. It also visits `call` nodes of ' +
      '`tempfile.mktemp()`, unless `dir=` is a directory from `mkdtemp()` or the test is named after `mktemp`.',
  },
  visit: { string: checkString, concatenated_string: checkString, call: checkCall },
});
