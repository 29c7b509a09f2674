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
    { name: 'a count that guards a check of the items on the next line', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(len(d), 1)
              self.assertEqual(list(d.keys()), [o2])
              self.assertEqual(len(x), 1)
              # the only item
              self.assertIsInstance(x[0], cls)
    ` },
    { name: 'a count right after the contents were compared; the length of a fresh instance tests __len__', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(self.s, set())
              self.assertEqual(len(self.s), 0)
              self.assertEqual(len(Guess30Len5()), 30)
              self.assertEqual(len(MMB[str, str]()), 0)
    ` },
    { name: 'a length compared with a size', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(info.file_size, len(self.data))
              self.assertEqual(len(example), size + 8)
              self.assertEqual(nbytes, len(MSG))
              self.assertEqual(len(ancdata), 1)
              level, kind, data = ancdata[0]
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
    { name: 'the next statement does something else, or names another collection that merely contains the name', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(len(res), 1)
              res = cur.fetchmany(100)
              self.assertEqual(len(d), 2)
              self.assertEqual(dd, [1])
    `, errors: [{ line: 3 }, { line: 5 }] },
    { name: 'len first, in a helper method', code: py`
      class T(unittest.TestCase):
          def _check(self, hosts):
              self.assertEqual(len(hosts), 3)
    `, errors: [{ line: 3, message: '`assertEqual(len(hosts), 3)`' }] },
  ],
});
