import { py, ruleTester } from './rule-tester';

ruleTester('ASR008', {
  valid: [
    { name: 'a message is given (positional, msg=, testtools message=)', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(2, len(servers), servers)
              self.assertEqual(len(servers), 2, msg=servers)
              self.assertEqual(2, len(servers), message=str(servers))
    ` },
    { name: 'the loose count form belongs to ASR001, not reported twice', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertTrue(len(servers) > 2)
              self.assertGreater(len(servers), 2)
    ` },
    { name: 'two lengths compared, or no len at all', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(len(expected), len(actual))
              self.assertEqual(2, count)
    ` },
  ],
  invalid: [
    { name: 'assertEqual(n, len(x)): exact range; never advice to loosen into assertGreater', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(2, len(servers))
    `, errors: [
      { line: 3, column: 9, endLine: 3, endColumn: 42, severity: 'info', fixTitle: null, message: /^(?!.*assertGreater).*compare `servers` itself/ },
    ] },
    { name: 'len first, in a helper method', code: py`
      class T(unittest.TestCase):
          def _check(self, hosts):
              self.assertEqual(len(hosts), 3)
    `, errors: [{ line: 3, message: '`assertEqual(len(hosts), 3)`' }] },
  ],
});
