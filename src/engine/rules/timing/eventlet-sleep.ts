import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { replaceNode } from '../../position';
import { callArguments } from '../../syntax';
import type { Fix } from '../../types';
import { sleepsZero } from './sleeps';

const EVENTLET_SLEEPS = new Set(['eventlet.sleep', 'eventlet.greenthread.sleep', 'greenthread.sleep']);
/** eventlet modules with a stdlib replacement, and what to use instead. */
const EVENTLET_PRIMITIVES: Record<string, string> = {
  semaphore: '`threading.Semaphore`/`threading.BoundedSemaphore`',
  event: '`threading.Event`',
  timeout: 'a `time.monotonic()` deadline or a timeout argument of the call you wait on',
};
const YIELD_ADVICE = 'use `nova.utils.cooperative_yield()` where a yield is really needed';

/** How this file can say `time.sleep`: `time.sleep` after `import time`, `t.sleep` after `import time as t`. */
function stdlibSleep(ctx: RuleContext): string | null {
  for (const [local, target] of ctx.facts.imports) {
    if (target === 'time') return `${local}.sleep`;
  }
  for (const [local, target] of ctx.facts.imports) {
    if (target === 'time.sleep') return local;
  }
  return null;
}

/** Only a plain `eventlet.sleep(seconds)` maps onto `time.sleep(seconds)`; `sleep()` and keywords do not. */
function sleepFix(call: Node, ctx: RuleContext): Fix | undefined {
  const args = callArguments(call);
  const callee = call.childForFieldName('function');
  const replacement = stdlibSleep(ctx);
  if (!callee || !replacement || args.positional.length !== 1 || args.keywords.size > 0 || args.hasSplat) return undefined;
  return { title: `Replace with \`${replacement}()\``, edits: [replaceNode(callee, replacement)] };
}

function isYield(call: Node): boolean {
  const args = callArguments(call);
  return (args.positional.length === 0 && args.keywords.size === 0 && !args.hasSplat) || sleepsZero(call);
}

const NATIVE_THREADS = /^(threading|_thread|concurrent|multiprocessing)(\.|$)/;
const GREEN_CONTEXT = /^(eventlet|nova)(\.|$)/;

/**
 * A file that runs native threads and never touches eventlet or nova (the project with the convention):
 * there `time.sleep(0)` is a plain GIL release, not an implicit green-thread switch.
 */
function usesNativeThreadsOnly(ctx: RuleContext): boolean {
  const targets = [...ctx.facts.imports.values()];
  return targets.some((target) => NATIVE_THREADS.test(target)) && !targets.some((target) => GREEN_CONTEXT.test(target));
}

function checkCall(call: Node, ctx: RuleContext): void {
  const callee = call.childForFieldName('function');
  const name = ctx.qualifiedName(callee);
  if (!name || !callee) return;
  if (EVENTLET_SLEEPS.has(name)) {
    if (isYield(call)) {
      ctx.report({ node: call, message: `\`${call.text}\` is an eventlet green-thread yield; nova is leaving eventlet: ${YIELD_ADVICE}` });
      return;
    }
    const fix = sleepFix(call, ctx);
    ctx.report({
      node: call,
      message: `\`${callee.text}()\` ties the test to eventlet, which nova is leaving: use \`time.sleep()\``,
      ...(fix ? { fix } : {}),
    });
  } else if (name === 'time.sleep' && sleepsZero(call) && !usesNativeThreadsOnly(ctx)) {
    ctx.report({
      node: call,
      message: `\`${call.text}\` only yields through eventlet's monkey-patching, an implicit green-thread switch: ${YIELD_ADVICE}`,
    });
  }
}

function reportPrimitive(node: Node, primitive: string, ctx: RuleContext): void {
  const instead = EVENTLET_PRIMITIVES[primitive];
  if (!instead) return;
  ctx.report({ node, message: `\`eventlet.${primitive}\`: nova is leaving eventlet; use ${instead}` });
}

function checkImportFrom(statement: Node, ctx: RuleContext): void {
  const moduleName = statement.childForFieldName('module_name');
  const module = moduleName?.text.replace(/\s+/g, '');
  if (!moduleName || !module) return;
  if (module === 'eventlet') {
    for (const item of statement.childrenForFieldName('name')) {
      const name = item?.type === 'aliased_import' ? item.childForFieldName('name') : item;
      if (name) reportPrimitive(name, name.text, ctx);
    }
  } else if (module.startsWith('eventlet.')) {
    reportPrimitive(moduleName, module.slice('eventlet.'.length), ctx);
  }
}

function checkImport(statement: Node, ctx: RuleContext): void {
  for (const item of statement.namedChildren) {
    const name = item?.type === 'aliased_import' ? item.childForFieldName('name') : item;
    if (name?.type === 'dotted_name' && name.text.startsWith('eventlet.')) reportPrimitive(name, name.text.slice('eventlet.'.length), ctx);
  }
}

export default defineRule({
  meta: {
    id: 'TIM003',
    name: 'eventlet-sleep',
    family: 'TIM',
    severity: 'info',
    profile: 'openstack',
    fixable: 'partial',
    summary: 'eventlet sleeps, yields and primitives where nova now wants the standard library.',
    why:
      'nova is moving off eventlet, so `eventlet.sleep`, `greenthread.sleep` and the `eventlet.semaphore`, ' +
      '`event` and `timeout` modules tie tests to a runtime that is going away. `time.sleep(0)` is worse: it ' +
      'only switches green threads because eventlet monkey-patched `time`, so the test depends on an ' +
      'implicit scheduling side effect that disappears with native threads. In a file that runs native ' +
      'threads and imports neither eventlet nor nova, `time.sleep(0)` is a plain GIL release and is not reported.',
    fix:
      'Use `time.sleep()` for waits and the `threading` primitives (`Semaphore`, `Event`) for ' +
      'coordination; where a cooperative yield is really needed, call `nova.utils.cooperative_yield()`. ' +
      'The quick fix rewrites `eventlet.sleep(n)` to `time.sleep(n)` only when the file already imports ' +
      '`time`; otherwise add `import time` and change the call by hand. Yields (`sleep()`, `sleep(0)`) get no ' +
      'fix: `time.sleep(0)` would only trade one implicit switch for another.',
    bad: [
      'import eventlet',
      'import time',
      '',
      'from nova import test',
      '',
      '',
      'class LockTest(test.NoDBTestCase):',
      '    def test_lock_released(self):',
      '        worker = self.start_worker()',
      '        eventlet.sleep(0.1)',
      '        self.assertFalse(worker.lock.locked())',
      '',
    ].join('\n'),
    good: [
      'import threading',
      '',
      'from nova import test',
      '',
      '',
      'class LockTest(test.NoDBTestCase):',
      '    def test_lock_released(self):',
      '        released = threading.Event()',
      '        worker = self.start_worker(on_release=released.set)',
      '        self.assertTrue(released.wait(timeout=10))',
      '        self.assertFalse(worker.lock.locked())',
      '',
    ].join('\n'),
    peers: ['nova N373', 'nova N374', 'hacking H905'],
    detection:
      'Visits every `call` in the file whose function resolves to `eventlet.sleep`, `eventlet.greenthread.sleep` or ' +
      '`greenthread.sleep` (a yield when called with no argument or `0`), and `time.sleep(0)` unless the file imports ' +
      'native thread modules and neither eventlet nor nova. It also visits `import_statement` and ' +
      '`import_from_statement` nodes that bring in `eventlet.semaphore`, `eventlet.event` or `eventlet.timeout`.',
  },
  visit: {
    call: checkCall,
    import_from_statement: checkImportFrom,
    import_statement: checkImport,
  },
});
