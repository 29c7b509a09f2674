import { py, ruleTester } from './rule-tester';

ruleTester('TIM004', {
  valid: [
    { name: 'uuid only passed to the code under test, never asserted', code: py`
      import uuid, unittest
      class T(unittest.TestCase):
          def test_a(self):
              server = create(name=str(uuid.uuid4()))
              self.assertEqual('ACTIVE', server.status)
    ` },
    { name: 'random value for a not-found lookup inside assertRaises', code: py`
      import uuid, unittest
      class T(unittest.TestCase):
          def test_missing(self):
              self.assertRaises(NotFound, self.api.get, uuid.uuid4())
    ` },
    { name: 'the class seeds random in setUp', code: py`
      import random, unittest
      class T(unittest.TestCase):
          def setUp(self):
              super().setUp()
              random.seed(42)
          def test_pick(self):
              x = random.choice([1, 2, 3])
              self.assertEqual(x, pick())
    ` },
    { name: 'the test freezes the clock by patching time.time', code: py`
      import time, unittest
      from unittest import mock
      class T(unittest.TestCase):
          @mock.patch('time.time', return_value=100)
          def test_a(self, mock_time):
              now = time.time()
              self.assertEqual(100, now)
    ` },
    { name: 'freezegun on the test', code: py`
      import datetime
      from freezegun import freeze_time
      @freeze_time('2024-01-01')
      def test_today():
          today = datetime.date.today()
          assert today == expected()
    ` },
    { name: 'a deterministic check of the value (validator), not a comparison of it', code: py`
      import uuid, unittest
      class T(unittest.TestCase):
          def test_like(self):
              value = str(uuid.uuid4())
              self.assertTrue(is_uuid_like(value))
              self.assertTrue(value.startswith(''))
              self.assertIsNotNone(value)
    ` },
    { name: 'reassigned to a fixed value before the assertion', code: py`
      import uuid
      def test_a():
          x = uuid.uuid4()
          use(x)
          x = 'fixed'
          assert x == get()
    ` },
    { name: 'assertAlmostEqual with a delta states the tolerance', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def test_a(self):
              now = time.time()
              self.assertAlmostEqual(now, stamp(), delta=5)
    ` },
    { name: 'a seeded Random instance in the module', code: py`
      import random
      rng = random.Random(1234)
      def test_a():
          x = random.randint(1, 6)
          assert x == roll()
    ` },
    // From CPython's test_statistics: a random number formatted into a message is a unique marker.
    { name: 'a random marker formatted into a message', code: py`
      import random, unittest
      class T(unittest.TestCase):
          def test_error_msg(self):
              msg = 'badness #%d' % random.randint(10000, 99999)
              try:
                  next(fail_neg([-1], msg))
              except StatisticsError as e:
                  errmsg = e.args[0]
              self.assertEqual(errmsg, msg)
    ` },
    // From CPython's datetimetester: today's date stands for any date; equality holds whatever the day.
    { name: 'a stored clock reading compared for equality (passed through)', code: py`
      import unittest
      from datetime import date, datetime, time
      class Oddballs(unittest.TestCase):
          def test_bug_1028306(self):
              as_date = date.today()
              as_datetime = datetime.combine(as_date, time())
              self.assertTrue(as_date != as_datetime)
              self.assertFalse(as_datetime == as_date)
              date_sc = SubclassDate(as_date.year, as_date.month, as_date.day)
              self.assertEqual(as_date, date_sc)
    ` },
    // From CPython's datetimetester: identity of the tzinfo says nothing about the time.
    { name: 'assertIs on an attribute of the reading', code: py`
      import unittest
      from datetime import datetime
      class T(unittest.TestCase):
          def test_tz(self):
              now = datetime.now(weirdtz)
              self.assertIs(now.tzinfo, weirdtz)
    ` },
    // From CPython's test_random: two generators must differ; seeding would defeat the test.
    { name: 'random values asserted to differ (uniqueness)', code: py`
      import random, unittest
      class T(unittest.TestCase):
          def test_after_fork(self):
              val = random.getrandbits(128)
              child_val = read_child_value()
              self.assertNotEqual(val, child_val)
    ` },
    { name: 'datetime.now from an unknown import is not guessed', code: py`
      def test_a():
          now = datetime.now()
          assert now == later()
    ` },
  ],
  invalid: [
    { name: 'uuid4 assigned, then asserted, exact range on the name', code: py`
      import uuid, unittest
      class T(unittest.TestCase):
          def test_a(self):
              instance_uuid = uuid.uuid4()
              mapping = create(instance_uuid)
              self.assertEqual(instance_uuid, mapping.instance_uuid)
    `, errors: [{ line: 6, column: 26, endLine: 6, endColumn: 39, severity: 'info', message: /`instance_uuid` holds `uuid\.uuid4\(\)` \(line 4\).*`self\.assertEqual`.*uuidsentinel/ }] },
    { name: 'source call directly inside an assert statement', code: py`
      import time
      def test_deadline():
          job = start()
          assert job.deadline > time.time()
    `, errors: [{ line: 4, column: 27, endColumn: 38, message: /`time\.time\(\)` changes on every run and reaches `assert`/ }] },
    { name: 'timing assertion through arithmetic', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def test_fast(self):
              start = time.time()
              run()
              self.assertLess(time.time() - start, 1)
    `, errors: [{ line: 6, column: 25 }] },
    { name: 'from datetime import datetime, through isoformat and a dict', code: py`
      from datetime import datetime
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              now = datetime.utcnow().isoformat()
              self.assertEqual({'updated_at': now}, show())
    `, errors: [{ line: 6, message: 'freeze or inject the clock' }] },
    { name: 'random value reaches a mock assertion; unseeded', code: py`
      import random
      from unittest import mock
      def test_a():
          size = random.randint(1, 100)
          m = mock.Mock()
          resize(m, size)
          m.assert_called_once_with(size)
    `, errors: [{ line: 7, message: 'seed the generator' }] },
    { name: 'f-string carries the value', code: py`
      import uuid
      def test_a():
          name = f'server-{uuid.uuid4()}'
          assert get_name() == name
    `, errors: [{ line: 4, column: 26 }] },
    { name: 'one finding per source and assertion, not one per name that carries it', code: py`
      import random, unittest
      class T(unittest.TestCase):
          def test_round(self):
              x = random.randrange(-10000, 10000)
              got = round(x)
              self.assertEqual(got, x)
    `, errors: [{ line: 6, column: 26, endColumn: 29 }] },
    { name: 'a year of a clock reading compared with the code under test', code: py`
      import unittest
      from datetime import datetime
      class T(unittest.TestCase):
          def test_timestamp(self):
              now = datetime.utcnow()
              ts = store_current_timestamp()
              self.assertEqual(ts.year, now.year)
    `, errors: [{ line: 7 }] },
    { name: 'a stored clock reading ordered against the code under test', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def test_retry_time(self):
              now = time.time()
              self.handler.createSocket()
              self.assertGreater(self.handler.retryTime, now)
    `, errors: [{ line: 6 }] },
    { name: 'assertAlmostEqual of a stored reading without a delta compares two clocks', code: py`
      import time, unittest
      class T(unittest.TestCase):
          def test_stamp(self):
              now = time.time()
              self.assertAlmostEqual(now, stamp())
    `, errors: [{ line: 5 }] },
    { name: 'one finding per source call, at the first assertion it reaches', code: py`
      import random, unittest
      class T(unittest.TestCase):
          def test_format(self):
              x = random.random()
              self.assertEqual(float(format(x, '.0f')), round(x, 0))
              self.assertEqual(float(format(x, '.1f')), round(x, 1))
    `, errors: [{ line: 5 }] },
    { name: 'freezegun on one test function does not cover the others', code: py`
      import datetime
      from freezegun import freeze_time
      @freeze_time('2024-03-01')
      def test_report_date():
          assert report().date == datetime.date.today()
      def test_expiry():
          created = datetime.datetime.now()
          assert put('k').expires_at > created
    `, errors: [{ line: 8 }] },
    { name: 'a seed in another class does not count', code: py`
      import random, unittest
      class Seeded(unittest.TestCase):
          def setUp(self):
              random.seed(1)
      class T(unittest.TestCase):
          def test_a(self):
              x = random.random()
              self.assertEqual(x, value())
    `, errors: [{ line: 8 }] },
    { name: 'a seed in another test of the class does not count (tests may run alone or in any order)', code: py`
      import random, unittest
      class T(unittest.TestCase):
          def test_seeded(self):
              random.seed(1)
              self.assertEqual(random.random(), value())
          def test_unseeded(self):
              x = random.random()
              self.assertEqual(x, value())
    `, errors: [{ line: 8 }] },
    { name: 'a seed in a helper method or on a class decorator covers every test', code: py`
      import random, unittest
      from unittest import mock
      class Helper(unittest.TestCase):
          def _seed(self):
              random.seed(1)
          def test_a(self):
              self._seed()
              self.assertEqual(random.random(), value())
      @mock.patch('time.time', return_value=5)
      class Patched(unittest.TestCase):
          def test_b(self, _time):
              import time
              self.assertEqual(time.time(), value())
    `, errors: [] },
  ],
});
