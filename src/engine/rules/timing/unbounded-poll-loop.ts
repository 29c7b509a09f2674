import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { ancestors, isBoundedLoop, isSleepCall, isWorkerLoop, sleepsZero } from './sleeps';

/** A sleep that paces this very loop: not one owned by an inner `while`, a nested def or a lambda. */
function pacesLoop(call: Node, loop: Node): boolean {
  for (const current of ancestors(call)) {
    if (current.id === loop.id) return true;
    if (current.type === 'while_statement' || current.type === 'function_definition' || current.type === 'lambda' || current.type === 'class_definition') {
      return false;
    }
  }
  return false;
}

function pollingSleep(loop: Node, ctx: RuleContext): Node | null {
  const body = loop.childForFieldName('body');
  for (const call of body?.descendantsOfType('call') ?? []) {
    if (call && isSleepCall(call, ctx) && !sleepsZero(call) && pacesLoop(call, loop)) return call;
  }
  return null;
}

function shorten(text: string, limit = 60): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > limit ? `${flat.slice(0, limit - 3)}...` : flat;
}

function check(loop: Node, ctx: RuleContext): void {
  // Test helpers (`_wait_for_state`) hang CI as surely as the tests that call them.
  if (!ctx.scope.inTestCode && !ctx.scope.enclosingClass?.isTestClass) return;
  const sleep = pollingSleep(loop, ctx);
  if (!sleep || isBoundedLoop(loop)) return;
  const keyword = loop.child(0);
  const condition = loop.childForFieldName('condition');
  if (!keyword || !condition || isWorkerLoop(loop, ctx)) return;
  const callee = sleep.childForFieldName('function')?.text ?? 'sleep';
  ctx.report({
    node: keyword,
    endNode: condition,
    related: [sleep],
    message:
      `\`while ${shorten(condition.text)}\` polls with \`${callee}()\` but nothing bounds it: if the state never ` +
      'arrives the test hangs until the global timeout; limit the attempts or set a `time.monotonic()` deadline and fail with the last state',
  });
}

export default defineRule({
  meta: {
    id: 'TIM002',
    name: 'unbounded-poll-loop',
    family: 'TIM',
    severity: 'warning',
    fixable: 'no',
    summary: 'A `while` loop in test code sleeps until a state arrives, with no limit on how long.',
    why:
      'A poll loop without a bound waits forever when the state never comes: the run hangs until the CI ' +
      'job or the test runner\'s global timeout kills it, and the log says nothing about what the test was ' +
      'waiting for. A loop counts as bounded when its condition compares a counter or a deadline, when a ' +
      'counter in the condition is stepped in the body, when the body leaves (`break`, `raise`, `return`, ' +
      '`self.fail`) under such a comparison (also through a name computed from the clock) or asserts it, or ' +
      'when a `Timeout` block encloses it. Loops that wait for nothing are not reported: a `while True` with ' +
      'no way out (a workload), and a thread target or helper that works until the test sets its stop flag ' +
      '(`while not self.stop:` with more than a sleep in the body).',
    fix:
      'Bound the loop by attempts or by a `time.monotonic()` deadline and fail with the last observed state, ' +
      'as nova\'s `integrated_helpers._wait_for_state_change` does; better, call such a helper.',
    bad: [
      'import time',
      '',
      'from nova.tests.functional import integrated_helpers',
      '',
      '',
      'class ServerMigrationTest(integrated_helpers._IntegratedTestBase):',
      '    def test_live_migrate(self):',
      "        server = self._create_server(networks='none')",
      "        self.api.post_server_action(server['id'], {'os-migrateLive': {'host': None}})",
      "        while self.api.get_server(server['id'])['status'] != 'ACTIVE':",
      '            time.sleep(0.5)',
      "        self.assertEqual('host2', self.api.get_server(server['id'])['OS-EXT-SRV-ATTR:host'])",
      '',
    ].join('\n'),
    good: [
      'import time',
      '',
      'from nova.tests.functional import integrated_helpers',
      '',
      '',
      'class ServerMigrationTest(integrated_helpers._IntegratedTestBase):',
      '    def test_live_migrate(self):',
      "        server = self._create_server(networks='none')",
      "        self.api.post_server_action(server['id'], {'os-migrateLive': {'host': None}})",
      '        deadline = time.monotonic() + 30',
      "        while self.api.get_server(server['id'])['status'] != 'ACTIVE':",
      '            if time.monotonic() > deadline:',
      "                self.fail('server %s never became ACTIVE' % server['id'])",
      '            time.sleep(0.5)',
      "        self.assertEqual('host2', self.api.get_server(server['id'])['OS-EXT-SRV-ATTR:host'])",
      '',
    ].join('\n'),
    peers: ['ruff ASYNC110', 'nova integrated_helpers._wait_for_state_change (bounded retries)'],
    detection:
      'Visits every `while_statement` in test code (a test, its setup, functions nested in them, any method of a test ' +
      'class) whose body calls a sleep (`time.sleep`, `eventlet.sleep`, `asyncio.sleep`...) that paces this loop rather ' +
      'than an inner one. The loop counts as bounded, and is left alone, when its condition compares a counter or a ' +
      'clock, a name of the condition is stepped with `+=`/`-=` in the body, an `if` on such a bound breaks, raises, ' +
      'returns or calls `fail`, the body asserts the bound, or a `with ...Timeout(...)` encloses it; endless `while ' +
      'True` loops without an exit and worker loops stopped by a flag are exempt too.',
  },
  visit: { while_statement: check },
});
