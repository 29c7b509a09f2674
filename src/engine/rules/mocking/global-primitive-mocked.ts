import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { patchCallOf } from './patches';

const ID = 'MCK011';

/**
 * The synchronisation primitives of the `threading` module, or one of their methods: `threading.Event`,
 * `threading.Event.wait`, also reached through another module's import (`nova.utils.threading.Event`).
 * Patching `mymodule.Event` (a name bound by `from threading import Event`) is local and not matched.
 */
const GLOBAL_PRIMITIVE = /(^|\.)threading\.(Event|Condition|Lock|RLock|Semaphore|BoundedSemaphore|Barrier)(\.\w+)?$/;

function onCall(call: Node, ctx: RuleContext): void {
  const patch = patchCallOf(call, ctx);
  if (!patch) return;
  for (const target of patch.targets) {
    const match = GLOBAL_PRIMITIVE.exec(target.key);
    if (!match) continue;
    const primitive = `threading.${match[2]}${match[3] ?? ''}`;
    ctx.report({
      node: call,
      message:
        `This patch replaces \`${primitive}\` for the whole process: every library and fixture that uses it while ` +
        'the test runs gets the mock too; patch the one object the code under test uses instead',
    });
  }
}

export default defineRule({
  meta: {
    id: ID,
    name: 'global-primitive-mocked',
    family: 'MCK',
    severity: 'warning',
    fixable: 'no',
    summary: 'A threading primitive such as `threading.Event` is patched for the whole process.',
    why:
      'Patching `threading.Event` (or `threading.Event.wait`, `threading.Lock`...) replaces it in the ' +
      '`threading` module itself, not only in the code under test. Everything else that runs meanwhile, such ' +
      'as looping calls, thread pools, logging and test fixtures, gets the mock as well: it may hang, return ' +
      'at once, or record calls that leak into the test\'s assertions.',
    fix:
      'Patch the specific object the code uses: the event instance (`mock.patch.object(self.service._stop_event, ' +
      "'wait')`), or the name in the module under test (`mock.patch('nova.service.Event')` when it does " +
      '`from threading import Event`).',
    bad: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class PeriodicTaskTest(unittest.TestCase):',
      "    @mock.patch('threading.Event.wait', return_value=True)",
      '    def test_stop_wakes_the_loop(self, mock_wait):',
      '        self.service.stop()',
      '        mock_wait.assert_called_once_with(timeout=60)',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class PeriodicTaskTest(unittest.TestCase):',
      '    def test_stop_wakes_the_loop(self):',
      "        with mock.patch.object(self.service._stop_event, 'wait', return_value=True) as mock_wait:",
      '            self.service.stop()',
      '        mock_wait.assert_called_once_with(timeout=60)',
      '',
    ].join('\n'),
    peers: ['nova N375'],
    detection:
      'Visits every patch `call` in any spelling the mocking rules know (`mock.patch`, `patch.object`, `MockPatch`, ' +
      '`monkeypatch.setattr`, `mocker.patch`...) and reports a target, qualified through the imports, that is ' +
      '`threading.Event`, `Condition`, `Lock`, `RLock`, `Semaphore`, `BoundedSemaphore` or `Barrier`, or one of their ' +
      'methods, in the `threading` module itself.',
  },
  visit: { call: onCall },
});
