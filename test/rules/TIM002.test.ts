import { py, ruleTester } from './rule-tester';

ruleTester('TIM002', {
  valid: [
    { name: 'deadline in the condition', code: py`
      import time
      def test_wait():
          deadline = time.monotonic() + 10
          while not ready() and time.monotonic() < deadline:
              time.sleep(0.1)
    ` },
    { name: 'counter compared in the condition', code: py`
      import time
      def test_wait():
          attempts = 0
          while not ready() and attempts < 50:
              attempts += 1
              time.sleep(0.1)
    ` },
    { name: 'guarded self.fail on a deadline', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def test_wait(self):
              start = time.time()
              while self.server.status != 'ACTIVE':
                  if time.time() - start > 30:
                      self.fail('server never became ACTIVE')
                  time.sleep(1)
    ` },
    { name: 'counter stepped in the body (while retries:)', code: py`
      import time
      def test_wait():
          retries = 10
          while retries:
              if ready():
                  break
              retries -= 1
              time.sleep(1)
    ` },
    { name: 'unconditional assertion on the elapsed time', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def test_wait(self):
              start = time.monotonic()
              while not ready():
                  self.assertLess(time.monotonic() - start, 30)
                  time.sleep(1)
    ` },
    { name: 'an unconditional helper that fails on a deadline', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def test_wait(self):
              start = time.monotonic()
              while not ready():
                  self._check_timeout(start)
                  time.sleep(1)
    ` },
    { name: 'a Timeout block around the loop', code: py`
      import eventlet
      import time
      def test_wait():
          with eventlet.Timeout(10):
              while not ready():
                  time.sleep(0.1)
    ` },
    { name: 'no sleep: not a poll loop', code: py`
      def test_drain():
          while queue:
              queue.pop()
    ` },
    { name: 'sleep(0) is a yield (TIM003 territory)', code: py`
      import time
      def test_spin():
          while not ready():
              time.sleep(0)
    ` },
    { name: 'for loops are bounded by their iterable', code: py`
      import time
      def test_poll():
          for _ in range(10):
              if ready():
                  break
              time.sleep(0.1)
    ` },
    { name: 'outside test code', code: py`
      import time
      def wait_forever():
          while not ready():
              time.sleep(1)
    ` },
    // From CPython's _test_eintr: the deadline is compared through a name computed from the clock.
    { name: 'deadline compared through a name computed in the body', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def test_lockf(self):
              start_time = time.monotonic()
              while True:
                  dt = time.monotonic() - start_time
                  if dt > 60.0:
                      raise Exception('failed to sync child in %.1f sec' % dt)
                  if try_lock():
                      break
                  time.sleep(0.01)
    ` },
    // From CPython's _test_multiprocessing: a thread target that works until the test tells it to stop.
    { name: 'a worker loop stopped by the test through a flag', code: py`
      import random, time, unittest
      class T(unittest.TestCase):
          def test_thread_safety(self):
              finish = False
              def run_finalizers():
                  while not finish:
                      time.sleep(random.random() * 1e-1)
                      util._run_finalizers()
              t = threading.Thread(target=run_finalizers)
              t.start()
              finish = True
              t.join()
    ` },
    // From CPython's fork_wait: a helper method used as the thread target, ended by self.stop.
    { name: 'a worker method stopped through an attribute flag', code: py`
      import os, time, unittest
      class ForkWait(unittest.TestCase):
          def f(self, id):
              while not self.stop:
                  self.alive[id] = os.getpid()
                  time.sleep(0.1)
          def test_wait(self):
              self.stop = 1
    ` },
    // From CPython's test_runners: an endless async generator is the workload, not a wait.
    { name: 'while True with no way out is a workload, not a poll', code: py`
      import asyncio, unittest
      class T(unittest.TestCase):
          def test_asyncio_run_closes_gens(self):
              async def fidget():
                  while True:
                      yield 1
                      await asyncio.sleep(1)
              run(fidget())
    ` },
    { name: 'sleep inside a nested function does not pace the loop', code: py`
      import time
      def test_x():
          while queue:
              def slow():
                  time.sleep(1)
              run(queue.pop(), slow)
    ` },
  ],
  invalid: [
    { name: 'status poll with no bound, range covers while and the condition only', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def test_reboot(self):
              self.server.reboot()
              while self.server.status != 'ACTIVE':
                  time.sleep(1)
              self.assertEqual('ACTIVE', self.server.status)
    `, errors: [{ line: 5, column: 9, endLine: 5, endColumn: 45, severity: 'warning', message: /`while self\.server\.status != 'ACTIVE'` polls with `time\.sleep\(\)`/ }] },
    { name: 'while True with a break that is no limit', code: py`
      from time import sleep
      def test_wait():
          while True:
              if ready():
                  break
              sleep(0.5)
    `, errors: [{ line: 3, column: 5, endColumn: 15 }] },
    { name: 'helper method of a test class', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def _wait_for_active(self, server):
              while server.status != 'ACTIVE':
                  server.refresh()
                  time.sleep(1)
    `, errors: [{ line: 4 }] },
    { name: 'sleep under an inner for loop still paces the outer while', code: py`
      import eventlet
      def test_wait():
          while not all_done():
              for server in servers:
                  server.refresh()
                  eventlet.sleep(0.1)
    `, errors: [{ line: 3, message: '`eventlet.sleep()`' }] },
    { name: 'nested unbounded whiles: each reported for its own sleep', code: py`
      import time
      def test_wait():
          while not a():
              time.sleep(1)
              while not b():
                  time.sleep(1)
    `, errors: [{ line: 3 }, { line: 5 }] },
    { name: 'a stop-flag loop in the test itself is a wait', code: py`
      import time
      def test_wait():
          while not service.stopped:
              time.sleep(0.1)
    `, errors: [{ line: 3 }] },
    { name: 'a stop-flag loop in a helper that only sleeps is a wait', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def _wait_until_stopped(self):
              while not self.service.stopped:
                  time.sleep(0.1)
    `, errors: [{ line: 4 }] },
    { name: 'a counter that is never compared does not bound the loop', code: py`
      import time
      def test_wait():
          count = 0
          while not ready():
              count += 1
              time.sleep(1)
    `, errors: [{ line: 4 }] },
  ],
});
