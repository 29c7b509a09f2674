import time

import eventlet
from eventlet import greenthread

from nova.compute import manager
from nova import test


class ComputeManagerShutdownTest(test.NoDBTestCase):

    def setUp(self):
        super().setUp()
        self.compute = manager.ComputeManager()

    def test_graceful_shutdown_waits_for_tasks(self):
        task = eventlet.spawn(self.compute.periodic_tasks, None)
        greenthread.sleep(0)  # expect: TIM003
        self.compute.graceful_shutdown()
        eventlet.sleep(0.1)  # expect: TIM001, TIM003
        self.assertTrue(task.dead)

    def test_yield_lets_the_timer_run(self):
        self.compute.start_timer()
        time.sleep(0)  # expect: TIM003
        self.assertEqual(1, self.compute.timer_ticks)
