import { describe, expect, it } from 'vitest';
import { py, ruleTester, sharedEngine } from './rule-tester';

ruleTester('TIM003', {
  valid: [
    { name: 'time.sleep with a real duration', code: py`
      import time
      def test_x():
          time.sleep(1)
    ` },
    { name: 'a local function called sleep', code: py`
      def sleep(n):
          pass
      def test_x():
          sleep(0)
    ` },
    { name: 'other eventlet modules are not primitives with a stdlib twin here', code: py`
      from eventlet import greenthread
      import eventlet
    ` },
    // From CPython's test_import: with native threads and no eventlet, sleep(0) is a real GIL yield.
    { name: 'time.sleep(0) between native threads, no eventlet or nova in the file', code: py`
      import threading
      import time
      def test_concurrency():
          threads = [threading.Thread(target=run) for x in range(2)]
          with threading_helper.start_threads(threads, event.set):
              time.sleep(0)
    ` },
    { name: 'threading primitives', code: py`
      import threading
      from threading import Event
    ` },
  ],
  invalid: [
    { name: 'eventlet.sleep(n) with time imported: fix, exact range', code: py`
      import eventlet
      import time
      def test_x():
          eventlet.sleep(0.5)
    `, errors: [{ line: 4, column: 5, endLine: 4, endColumn: 24, severity: 'info', message: 'use `time.sleep()`', fixTitle: 'time.sleep', unsafe: false }],
    output: py`
      import eventlet
      import time
      def test_x():
          time.sleep(0.5)
    ` },
    { name: 'greenthread.sleep with time imported under an alias', code: py`
      from eventlet import greenthread
      import time as _time
      def test_x():
          greenthread.sleep(2)
    `, errors: [{ line: 4, fixTitle: '_time.sleep' }], output: py`
      from eventlet import greenthread
      import time as _time
      def test_x():
          _time.sleep(2)
    ` },
    { name: 'no fix when time is not imported', code: py`
      import eventlet
      def test_x():
          eventlet.sleep(1)
    `, errors: [{ line: 3, fixTitle: null }] },
    { name: 'eventlet.sleep() and sleep(0) are yields: no fix, cooperative_yield advice', code: py`
      import eventlet
      import time
      def test_x():
          eventlet.sleep()
          eventlet.sleep(0)
    `, errors: [
      { line: 4, message: 'cooperative_yield', fixTitle: null },
      { line: 5, message: 'cooperative_yield', fixTitle: null },
    ] },
    { name: 'time.sleep(0) relies on monkey-patching', code: py`
      import time
      def test_x():
          time.sleep(0)
    `, errors: [{ line: 3, column: 5, endColumn: 18, message: 'implicit green-thread switch' }] },
    { name: 'time.sleep(0) in a nova test that also uses threading', code: py`
      import threading
      import time
      from nova import test
      class T(test.NoDBTestCase):
          def test_x(self):
              threading.Thread(target=run).start()
              time.sleep(0)
    `, errors: [{ line: 7, message: 'cooperative_yield' }] },
    { name: 'eventlet primitives imported', code: py`
      from eventlet import semaphore, event as ev
      from eventlet.timeout import Timeout
      import eventlet.semaphore
    `, errors: [
      { line: 1, column: 22, endColumn: 31, message: 'threading.Semaphore' },
      { line: 1, column: 33, endColumn: 38, message: 'threading.Event' },
      { line: 2, column: 6, endColumn: 22, message: '`eventlet.timeout`' },
      { line: 3, column: 8, message: '`eventlet.semaphore`' },
    ] },
  ],
});

describe('TIM003 profile', () => {
  it('is off unless selected (OpenStack profile)', async () => {
    const engine = await sharedEngine();
    const meta = engine.rules.find((rule) => rule.id === 'TIM003');
    expect(meta?.profile).toBe('openstack');
    expect(engine.check('import eventlet\nimport time\ndef test_x():\n    eventlet.sleep(1)\n').filter((f) => f.rule === 'TIM003')).toEqual([]);
  });
});
