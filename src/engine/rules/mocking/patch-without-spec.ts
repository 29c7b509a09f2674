import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { calleeName } from '../../syntax';
import type { Fix } from '../../types';
import { describeTarget, newArgumentOf, patchCallOf } from './patches';

const ID = 'MCK006';

/** Keywords that give the replacement a shape (or are the replacement): the patch is specced or deliberate. */
const SHAPED = ['autospec', 'spec', 'spec_set', 'new', 'new_callable', 'wraps'];

/** `, autospec=True` after the last argument; none when the patch may create the attribute (autospec refuses). */
function autospecFix(call: Node, keywords: Map<string, Node>): Fix | undefined {
  if (keywords.has('create')) return undefined;
  const list = call.childForFieldName('arguments');
  const last = list?.namedChildren.filter((child) => child && child.type !== 'comment').pop();
  if (!last) return undefined;
  const line = last.endPosition.row + 1;
  const column = last.endPosition.column + 1;
  return {
    title: 'Add `autospec=True` (unsafe: calls that do not match the real signature start failing)',
    edits: [{ line, column, endLine: line, endColumn: column, text: ', autospec=True' }],
    unsafe: true,
  };
}

function onCall(call: Node, ctx: RuleContext): void {
  const patch = patchCallOf(call, ctx);
  if (!patch || (patch.library !== 'mock' && patch.library !== 'mocker')) return;
  if (patch.api !== 'patch' && patch.api !== 'patch.object') return;
  // `**options` may hold a spec; a positional `new` is a replacement of the test's choosing.
  if (patch.args.hasSplat || newArgumentOf(patch) || SHAPED.some((name) => patch.args.keywords.has(name))) return;
  const target = patch.targets[0];
  const fix = autospecFix(call, patch.args.keywords);
  ctx.report({
    node: call,
    message:
      `\`${calleeName(call) ?? 'patch'}(...)\` replaces ${target ? `\`${describeTarget(target)}\`` : 'its target'} with a mock ` +
      'that accepts any attribute and any arguments: typos and API changes pass unnoticed; add `autospec=True`',
    ...(fix ? { fix } : {}),
  });
}

export default defineRule({
  meta: {
    id: ID,
    name: 'patch-without-spec',
    family: 'MCK',
    severity: 'off',
    fixable: 'yes',
    summary: 'A patch creates a mock without a spec.',
    why:
      'Without `autospec`, `spec` or `spec_set` the mock accepts every attribute and every call signature. A test ' +
      'that calls a renamed method, passes the wrong number of arguments or asserts on a misspelled attribute ' +
      'keeps passing, and the code it guards can drift away from the API it uses. Off by default: most suites ' +
      'patch without a spec, and adding one can make loose tests fail.',
    fix:
      'Pass `autospec=True` (or `spec=`/`spec_set=`); say `autospec=False` where a loose mock is intended. The ' +
      'quick fix adds `autospec=True` and is unsafe: tests that relied on the loose mock start failing.',
    bad: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class MigrationTest(unittest.TestCase):',
      "    @mock.patch('nova.virt.libvirt.driver.LibvirtDriver.live_migration')",
      '    def test_migrate(self, mock_migrate):',
      "        migrate(self.instance, 'dest-host')",
      "        mock_migrate.assert_called_once_with(self.instance, 'dest-host')",
      '',
    ].join('\n'),
    good: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class MigrationTest(unittest.TestCase):',
      "    @mock.patch('nova.virt.libvirt.driver.LibvirtDriver.live_migration', autospec=True)",
      '    def test_migrate(self, mock_migrate):',
      "        migrate(self.instance, 'dest-host')",
      "        mock_migrate.assert_called_once_with(mock.ANY, self.instance, 'dest-host')",
      '',
    ].join('\n'),
    peers: ['hacking H210'],
    detection:
      "Visits every `call` that is a `mock.patch` or `patch.object` (also pytest-mock's `mocker.patch`), however it is " +
      'imported, and reports one that passes none of `autospec`, `spec`, `spec_set`, `new`, `new_callable` or `wraps`, ' +
      'no positional replacement and no `**kwargs`.',
  },
  visit: { call: onCall },
});
