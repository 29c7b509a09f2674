import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import type { Scope } from '../../scope';
import { callArguments, calleeLastName, definitionOf } from '../../syntax';
import { ancestors, canLeave, enclosingLoop, isBoundedLoop, isInterruptedSleep, isMeasuredSleep, isSleepCall, isWorkerLoop, sleepsZero, statementOf, STOP_FLAG } from './sleeps';

/** The nested def is handed to a patch as its replacement: `new=fake` or `side_effect=fake`. */
function isPatchReplacement(nested: Scope): boolean {
  const test = nested.testFunction;
  if (!test || !nested.name) return false;
  return test.node.descendantsOfType('keyword_argument').some((keyword) => {
    const name = keyword?.childForFieldName('name')?.text;
    return (name === 'new' || name === 'side_effect') && keyword?.childForFieldName('value')?.text === nested.name;
  });
}

/** The nested def runs in a thread of the test: `Thread(target=fn)`, `start_new_thread(fn, ...)`. */
function isThreadTarget(nested: Scope): boolean {
  const test = nested.testFunction;
  if (!test || !nested.name || test === nested) return false;
  return test.node.descendantsOfType(['keyword_argument', 'call']).some((node) => {
    if (node?.type === 'keyword_argument') return node.childForFieldName('name')?.text === 'target' && node.childForFieldName('value')?.text === nested.name;
    return !!node && calleeLastName(node) === 'start_new_thread' && callArguments(node).positional[0]?.text === nested.name;
  });
}

/**
 * A sleep that paces work rather than waits: a thread target repeating an action in a `for` loop (a load
 * generator), or a sleep that sets how long background load runs before the test raises its stop flag.
 */
function pacesLoad(call: Node, loop: Node | null, ctx: RuleContext): boolean {
  if (loop?.type === 'for_statement' && isThreadTarget(ctx.scope)) return true;
  const next = statementOf(call)?.nextNamedSibling;
  const expression = next?.type === 'expression_statement' ? next.namedChild(0) : null;
  if (expression?.type === 'assignment') {
    return STOP_FLAG.test(expression.childForFieldName('left')?.text ?? '') && /^(True|1)$/.test(expression.childForFieldName('right')?.text ?? '');
  }
  if (expression?.type === 'call' && calleeLastName(expression) === 'set') {
    return STOP_FLAG.test(expression.childForFieldName('function')?.childForFieldName('object')?.text ?? '');
  }
  return false;
}

/** `test_sleep` tests `time.sleep` itself. */
function testsSleepItself(ctx: RuleContext): boolean {
  return /(^|_)sleep(_|$)/i.test(ctx.scope.testFunction?.name ?? '');
}

/** A comment on the line right above the statement (or the def) explains the sleep. */
function hasCommentAbove(node: Node): boolean {
  let statement = node;
  for (const parent of ancestors(node)) {
    if (parent.type === 'block') break;
    statement = parent;
  }
  // tree-sitter puts a comment that opens a block before the block node, so look there too.
  const previous = statement.previousSibling ?? (statement.parent?.type === 'block' ? statement.parent.previousSibling : null);
  return previous?.type === 'comment' && previous.endPosition.row >= statement.startPosition.row - 1;
}

/** A sleep inside a patch replacement, explained by a comment: the test forces a thread interleaving. */
function isDocumentedRace(call: Node, scope: Scope): boolean {
  if (scope.kind !== 'function' || scope === scope.testFunction) return false;
  if (!isPatchReplacement(scope)) return false;
  const definition = scope.node.parent?.type === 'decorated_definition' ? scope.node.parent : scope.node;
  return hasCommentAbove(definitionOf(definition)) || hasCommentAbove(call);
}

/**
 * In asyncio tests a coroutine defined inside the test is the workload (a task to cancel, a generator to
 * drive) and its `asyncio.sleep` stands for work; only a sleep of the test itself waits on the clock.
 */
function isWorkloadSleep(call: Node, ctx: RuleContext): boolean {
  return ctx.scope !== ctx.scope.testFunction && ctx.qualifiedName(call.childForFieldName('function')) === 'asyncio.sleep';
}

function check(call: Node, ctx: RuleContext): void {
  if (!ctx.scope.inTestCode || !isSleepCall(call, ctx) || sleepsZero(call)) return;
  if (isWorkloadSleep(call, ctx) || isInterruptedSleep(call) || isMeasuredSleep(call) || testsSleepItself(ctx)) return;
  const callee = call.childForFieldName('function')?.text ?? 'sleep';
  if (isDocumentedRace(call, ctx.scope)) {
    ctx.report({
      node: call,
      related: [ctx.scope.node],
      severity: 'info',
      message: `\`${callee}()\` forces a race by waiting; order the threads with \`threading.Event\` so the interleaving is certain (a fake clock cannot order threads)`,
    });
    return;
  }
  const loop = enclosingLoop(call);
  // A thread target that works until the test stops it (or forever): the sleep paces work, the test waits for nothing.
  if ((loop && isWorkerLoop(loop, ctx)) || pacesLoad(call, loop, ctx)) return;
  // A poll loop leaves once the state is there; a `for` loop without an early exit just repeats with delays.
  if (loop && isBoundedLoop(loop) && (loop.type === 'while_statement' || canLeave(loop, ['break_statement', 'return_statement']))) {
    ctx.report({
      node: call,
      related: [loop],
      severity: 'info',
      message: `\`${callee}()\` paces a bounded poll loop; prefer the project's wait helper or an event so the test wakes as soon as the state arrives`,
    });
    return;
  }
  ctx.report({
    node: call,
    message: `\`${callee}()\` in a test waits on the wall clock: slow, and still racy on a loaded CI host; wait for a condition with a deadline or fake the clock`,
  });
}

export default defineRule({
  meta: {
    id: 'TIM001',
    name: 'sleepy-test',
    family: 'TIM',
    severity: 'warning',
    fixable: 'no',
    summary: 'A test or its setup sleeps on the wall clock.',
    why:
      'A sleep guesses how long something takes. On a fast machine it wastes time on every run; on a loaded CI ' +
      'host the guess is too short and the test fails at random. Sleeps inside helpers and patch replacements ' +
      'count too. A sleep that paces a bounded poll loop, or that deliberately forces a race and says so in a ' +
      'comment, is reported as info. Sleeps that stand for work rather than wait are not reported: one inside ' +
      'a timeout, `assertRaises` or `except CancelledError` block that is meant to cut it short, one bracketed ' +
      'by clock reads (the test measures it), one pacing a worker loop that the test stops through a flag (or ' +
      'that never ends) or a thread target repeating an action in a `for` loop (a load generator), one that ' +
      'times a stress phase right before the stop flag is raised, sleeps in a test named after sleep, and ' +
      '`asyncio.sleep` in a coroutine the test defines (the task it cancels or the generator it drives).',
    fix:
      'Wait for the condition itself with a deadline (a helper such as nova\'s `_wait_for_state_change`), order ' +
      'threads with `threading.Event`, or fake the clock (mock `time`, freezegun, `timeutils.set_time_override`).',
    bad: [
      'import time',
      'import unittest',
      '',
      '',
      'class ServerTest(unittest.TestCase):',
      '    def test_reboot(self):',
      '        server = start_server()',
      '        server.reboot()',
      '        time.sleep(5)',
      "        self.assertEqual('ACTIVE', server.status)",
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class ServerTest(unittest.TestCase):',
      '    def test_reboot(self):',
      '        server = start_server()',
      '        server.reboot()',
      "        server.wait_for_status('ACTIVE', timeout=10)",
      "        self.assertEqual('ACTIVE', server.status)",
      '',
    ].join('\n'),
    peers: ['PyNose Sleepy Test', 'tsDetect Sleepy Test', 'nova N373'],
    detection:
      'Visits every `call` in a test, its setup or a function nested in them whose function resolves through the ' +
      'imports to `time.sleep`, `eventlet.sleep`, `greenthread.sleep` or `asyncio.sleep`, except `sleep(0)`. From the ' +
      'call it looks up the tree: inside a bounded `while`/`for` poll loop (a counter or deadline in the condition or ' +
      'in an `if` that leaves) it is info, and so is a sleep in a nested function handed to a patch as ' +
      '`new=`/`side_effect=` with a comment above it. Exempt: sleeps inside a timeout, `assertRaises` or `except ' +
      'CancelledError` block, between two clock reads, in worker loops the test stops with a flag, in tests named after ' +
      'sleep, and `asyncio.sleep` in a coroutine the test defines.',
  },
  visit: { call: check },
});
