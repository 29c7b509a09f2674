import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { calleeLastName } from '../../syntax';
import { isConcatenationPart, literalPrefix, preview } from './literals';

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
  if (call?.type !== 'call') return false;
  const qualified = ctx.qualifiedName(call.childForFieldName('function')) ?? '';
  if (FILE_CALLS.has(qualified) || qualified.startsWith('shutil.')) return true;
  return call.childForFieldName('function')?.type === 'attribute' && FILE_METHODS.has(calleeLastName(call) ?? '');
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
  const shown = preview(prefix);
  if (isUsedAsPath(node, ctx)) {
    ctx.report({
      node,
      message: `Fixed path '${shown}' in a shared temp directory: parallel runs (stestr, xdist) collide on it, and another user can plant a symlink there first; ${ADVICE}`,
    });
    return;
  }
  ctx.report({
    node,
    severity: 'info',
    message: `'${shown}' is a fixed path in a shared temp directory; if the code under test touches it, parallel runs collide: ${ADVICE}`,
  });
}

function checkCall(call: Node, ctx: RuleContext): void {
  if (ctx.qualifiedName(call.childForFieldName('function')) !== 'tempfile.mktemp') return;
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
      'create the file or a symlink first. `tempfile.mktemp()` has the same race. A literal passed to `open`, ' +
      '`os.makedirs`, `shutil.*`, `Path` and similar is a warning; other literals (often fake paths given ' +
      'to mocks) are info.',
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
  },
  visit: { string: checkString, concatenated_string: checkString, call: checkCall },
});
