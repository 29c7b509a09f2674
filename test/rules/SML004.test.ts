import { py, ruleTester } from './rule-tester';

ruleTester('SML004', {
  valid: [
    { name: 'loop over subTest cases', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              for value, expected in [('1', 1), ('2', 2)]:
                  with self.subTest(value=value):
                      self.assertEqual(expected, int(value))
    ` },
    { name: 'subTest in an inner loop, or after per-case setup', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              for text, expected in CASES:
                  for parse in (parse_a, parse_b):
                      with self.subTest(text=text, parse=parse):
                          self.assertEqual(expected, parse(text))
              for sep in 'T ':
                  value = build(sep)
                  with self.subTest(sep=sep):
                      self.assertEqual(sep, value.sep)
    ` },
    { name: 'setup loop without assertions', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              servers = []
              for i in range(3):
                  servers.append(self._create_server(name=f'vm{i}'))
              self.assertEqual(3, len(self.api.list_servers()))
    ` },
    { name: 'comprehension that builds the compared value', code: py`
      def test_ids(servers):
          assert sorted(s.id for s in servers if s.active) == [1, 2]
    ` },
    { name: 'logic in a nested helper or lambda belongs to the helper', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              def fake(x):
                  if x:
                      return 1
                  return 2
              pick = lambda xs: [x for x in xs if x]
              self.assertEqual(1, run(fake, pick))
    ` },
    { name: 'run-time skip and hand-written failure guards', code: py`
      import sys, unittest
      class T(unittest.TestCase):
          def test_a(self):
              if sys.platform == 'win32':
                  self.skipTest('POSIX only')
              result = run()
              if result.code != 0:
                  self.fail(result.stderr)
    ` },
    { name: 'poll loop control with break', code: py`
      import time
      def test_poll():
          for _ in range(10):
              if done():
                  break
              time.sleep(0.1)
          assert done()
    ` },
    { name: '`return self.skipTest(...)` is a skip; a match that only computes the checked value', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              if not can_symlink():
                  return self.skipTest('no symlinks')
              x = b"x"
              match x:
                  case [120]:
                      y = 0
                  case _:
                      y = 1
              self.assertEqual(1, y)
    ` },
    { name: 'helper methods are not tests', code: py`
      import unittest
      class T(unittest.TestCase):
          def _check_all(self, items):
              for item in items:
                  self.assertTrue(item)
    ` },
  ],
  invalid: [
    { name: 'if/else in a test: range is the keyword', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              if use_v2():
                  self.assertEqual(2, version())
              else:
                  self.assertEqual(1, version())
    `, errors: [{ line: 4, column: 9, endLine: 4, endColumn: 11, severity: 'info', message: '`if` in test `test_a`' }] },
    { name: 'literal table of cases asks for parametrize; nested if is not reported again', code: py`
      def test_parse():
          for text in ['1', '2']:
              if text:
                  assert int(text) > 0
    `, errors: [{ line: 2, column: 5, endColumn: 8, message: 'fixed table of cases' }] },
    { name: 'range over literals is a fixed table too; a computed iterable may be empty', code: py`
      def test_powers(values):
          for i in range(5):
              assert 2 ** i > 0
          for v in values:
              assert v
    `, errors: [{ line: 2, message: 'fixed table of cases' }, { line: 4, message: 'may run zero times' }] },
    { name: 'while loop with assertions', code: py`
      def test_queue(q):
          while not q.empty():
              assert q.get() is not None
    `, errors: [{ line: 2, message: 'may run zero times' }] },
    { name: 'async for covers both words', code: py`
      async def test_stream(stream):
          async for chunk in stream:
              assert chunk
    `, errors: [{ line: 2, column: 5, endColumn: 14 }] },
    { name: 'match statement', code: py`
      def test_kind(event):
          match event.kind:
              case 'a':
                  assert event.a
              case _:
                  assert event.b
    `, errors: [{ line: 2, column: 5, endColumn: 10, message: '`match`' }] },
    { name: 'comprehension of assertions; one run for side effects is a loop without checks', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              results = [self.assertTrue(r.ok) for r in run()]
              [m.reset() for m in self.mocks]
              self.assertEqual([], results)
    `, errors: [{ line: 4, column: 19, endColumn: 57, message: 'Comprehension' }] },
    { name: 'a loop that calls a checking helper counts as asserting', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_states(self):
              for server in self.api.list_servers():
                  self._check_state(server, 'ACTIVE')
    `, errors: [{ line: 4, message: 'may run zero times' }] },
    { name: 'an if with an early return', code: py`
      def test_a():
          if not supported():
              return
          assert run()
    `, errors: [{ line: 2 }] },
    { name: 'an if nested in a setup loop is reported on its own', code: py`
      def test_a(api):
          for i in range(3):
              if i % 2:
                  api.create(i)
          assert api.count() == 1
    `, errors: [{ line: 3, column: 9 }] },
  ],
});
