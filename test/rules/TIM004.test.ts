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
  ],
});
