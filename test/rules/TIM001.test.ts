import { py, ruleTester } from './rule-tester';

ruleTester('TIM001', {
  valid: [
    { name: 'sleep outside test code', code: py`
      import time
      def wait():
          time.sleep(1)
    ` },
    { name: 'sleep(0) is a yield, not a wait', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def test_a(self):
              time.sleep(0)
              self.assertTrue(x)
    ` },
    { name: 'a local function called sleep', code: py`
      import unittest
      def sleep(n): pass
      class T(unittest.TestCase):
          def test_a(self):
              sleep(3)
    ` },
    { name: 'helper method of a test class that is not a test', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def _wait(self):
              time.sleep(1)
    ` },
    // From CPython's test_asyncio: the nested coroutine is the workload, cancelled before it wakes.
    { name: 'asyncio.sleep inside a nested coroutine under test', code: py`
      import asyncio, unittest
      class T(unittest.IsolatedAsyncioTestCase):
          async def test_wait_for_self_cancellation(self):
              async def inner():
                  try:
                      await asyncio.sleep(0.3)
                  except asyncio.CancelledError:
                      await asyncio.sleep(0.3)
                  return 42
              task = asyncio.create_task(inner())
              task.cancel()
    ` },
    // From CPython's test_asyncgen: the sleep makes a suspension point in the generator being tested.
    { name: 'asyncio.sleep inside an async generator under test', code: py`
      import asyncio, unittest
      class T(unittest.TestCase):
          def test_async_gen_asyncio_01(self):
              async def gen():
                  yield 1
                  await asyncio.sleep(0.01)
                  yield 2
              self.assertEqual(self.loop.run_until_complete(self.to_list(gen())), [1, 2])
    ` },
    // From CPython's test_timeouts: the sleep stands for work the timeout interrupts.
    { name: 'a sleep the enclosing timeout block interrupts', code: py`
      import asyncio, unittest
      class T(unittest.IsolatedAsyncioTestCase):
          async def test_nested_timeouts_loop_busy(self):
              with self.assertRaises(TimeoutError):
                  async with asyncio.timeout(0.1):
                      await asyncio.sleep(10)
    ` },
    // From CPython's _test_multiprocessing: the thread target works until the test sets the flag.
    { name: 'a sleep pacing a worker loop the test stops', code: py`
      import threading, time
      def test_watcher_thread_stops():
          stop = threading.Event()
          def watch():
              while not stop.is_set():
                  poll_once()
                  time.sleep(0.01)
          t = threading.Thread(target=watch)
          t.start()
          stop.set()
          t.join()
    ` },
    // From CPython's test_time: the sleep is what the test measures.
    { name: 'a sleep bracketed by clock reads is measured, not waited on', code: py`
      import time, unittest
      class TimeTestCase(unittest.TestCase):
          def test_process_time(self):
              start = time.process_time()
              time.sleep(0.100)
              stop = time.process_time()
              self.assertLess(stop - start, 0.020)
    ` },
    // From CPython's test_timeouts: the task cancelled itself; the sleep is cut short at once.
    { name: 'a sleep inside try/except CancelledError', code: py`
      import asyncio, unittest
      class TimeoutTests(unittest.IsolatedAsyncioTestCase):
          async def test_timeout_after_cancellation(self):
              try:
                  asyncio.current_task().cancel()
                  await asyncio.sleep(1)
              except asyncio.CancelledError:
                  pass
    ` },
    // From CPython's test_syslog: the sleep sets how long the background load runs before the stop flag.
    { name: 'a sleep that times a stress phase ended by a stop flag', code: py`
      import threading, time
      def test_concurrent_openlog():
          stop = False
          def logger():
              while not stop:
                  log('message')
          with start_threads([threading.Thread(target=logger)]):
              time.sleep(0.1)
              stop = True
    ` },
    // From CPython's test_threadsignals and test_logging: a thread target that repeats an action with delays.
    { name: 'a thread target pacing its own repeated stimulus', code: py`
      import os, signal, threading, time
      def test_interrupted_timed_acquire():
          def send_signals():
              for _ in range(40):
                  time.sleep(0.02)
                  os.kill(os.getpid(), signal.SIGUSR1)
          threading.Thread(target=send_signals).start()
          lock.acquire(timeout=0.5)
    ` },
    // From CPython's test_time: the test of time.sleep itself.
    { name: 'a test named after sleep', code: py`
      import time, unittest
      class TimeTestCase(unittest.TestCase):
          def test_sleep(self):
              self.assertRaises(ValueError, time.sleep, -1)
              time.sleep(1.2)
    ` },
    { name: 'a sleep the test expects a signal to interrupt', code: py`
      import signal, time, unittest
      class T(unittest.TestCase):
          def test_interrupted_sleep(self):
              signal.alarm(1)
              with self.assertRaises(KeyboardInterrupt):
                  time.sleep(10)
    ` },
  ],
  invalid: [
    { name: 'time.sleep in a test method, exact range', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def test_a(self):
              time.sleep(2)
    `, errors: [{ line: 4, column: 9, endLine: 4, endColumn: 22, severity: 'warning', message: 'wall clock' }] },
    { name: 'bare sleep imported from time, in setUp', code: py`
      from time import sleep
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              super().setUp()
              sleep(1)
    `, errors: [{ line: 6, column: 9, severity: 'warning' }] },
    { name: 'aliased module and eventlet', code: py`
      import time as t
      import eventlet
      def test_x():
          t.sleep(1)
          eventlet.sleep(1)
    `, errors: [{ line: 4 }, { line: 5 }] },
    { name: 'a sleep inside a patch replacement function still counts', code: py`
      import time, unittest
      from unittest import mock
      class T(unittest.TestCase):
          def test_a(self):
              def slow(*args):
                  time.sleep(1)
              with mock.patch('a.b', side_effect=slow):
                  run()
    `, errors: [{ line: 6, severity: 'warning' }] },
    { name: 'a documented race-forcing sleep is info', code: py`
      import time, unittest
      from unittest import mock
      class T(unittest.TestCase):
          def test_a(self):
              # Delay the update so the delete wins the race.
              def slow_update(*args):
                  time.sleep(0.5)
              with mock.patch('a.b', new=slow_update):
                  run()
    `, errors: [{ line: 7, severity: 'info', message: 'threading.Event' }] },
    { name: 'a sleep pacing a bounded poll loop is info', code: py`
      import time
      def test_poll():
          for _ in range(10):
              if done():
                  break
              time.sleep(0.1)
    `, errors: [{ line: 6, severity: 'info', message: 'bounded poll' }] },
    { name: 'a for loop that never leaves early is no poll: the sleeps are plain waits', code: py`
      import time
      def test_race_between_set_target_and_flush():
          for _ in range(10):
              time.sleep(0.005)
              logger.info('not flushed')
    `, errors: [{ line: 4, severity: 'warning', message: 'wall clock' }] },
    { name: 'a raise on failure does not make a for loop a poll', code: py`
      import time
      def test_race():
          for _ in range(500):
              time.sleep(0.005)
              try:
                  handler.handle(record)
              except Exception:
                  raise
    `, errors: [{ line: 4, severity: 'warning' }] },
    { name: 'a thread target that waits before acting is still a guess', code: py`
      import threading, time
      def test_ctrl_c():
          def sigint_after_delay():
              time.sleep(0.1)
              signal.raise_signal(signal.SIGINT)
          threading.Thread(target=sigint_after_delay).start()
          loop.run_forever()
    `, errors: [{ line: 4, severity: 'warning' }] },
    { name: 'asyncio.sleep in the async test itself waits for a task to get going', code: py`
      import asyncio, unittest
      class T(unittest.IsolatedAsyncioTestCase):
          async def test_taskgroup_18(self):
              task = asyncio.create_task(runner())
              await asyncio.sleep(0.1)
              self.assertFalse(task.done())
    `, errors: [{ line: 5, column: 15, endColumn: 33, severity: 'warning' }] },
    { name: 'non-ASCII text before the call: UTF-16 columns', code: py`
      import time
      def test_x():
          s = 'é😀'; time.sleep(1)
    `, errors: [{ line: 3, column: 16, endColumn: 29 }] },
  ],
});
