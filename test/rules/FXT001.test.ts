import { py, ruleTester } from './rule-tester';

ruleTester('FXT001', {
  valid: [
    { name: 'super().setUp() is called', code: py`
      from nova import test
      class T(test.TestCase):
          def setUp(self):
              super().setUp()
              self.x = 1
    ` },
    { name: 'two-argument super and Base.hook(self) count as base calls', code: py`
      import testtools
      class T(testtools.TestCase):
          def setUp(self):
              super(T, self).setUp()
          def tearDown(self):
              self.stop()
              testtools.TestCase.tearDown(self)
    ` },
    { name: 'base call inside try/if still counts', code: py`
      import testtools
      class T(testtools.TestCase):
          def setUp(self):
              try:
                  super().setUp()
              finally:
                  self.ready = True
    ` },
    { name: 'classmethod and async hooks that call their base', code: py`
      import unittest
      class T(unittest.IsolatedAsyncioTestCase):
          @classmethod
          def setUpClass(cls):
              super().setUpClass()
          async def asyncSetUp(self):
              await super().asyncSetUp()
    ` },
    { name: 'pytest-style class without a base: no base hook to call', code: py`
      class TestThing:
          def setUp(self):
              self.x = 1
    ` },
    { name: 'only base is object', code: py`
      class TestThing(object):
          def setUp(self):
              self.x = 1
    ` },
    { name: 'only a local helper class as base', code: py`
      class Helpers:
          def make(self):
              return 1
      class TestThing(Helpers):
          def setUp(self):
              self.x = self.make()
    ` },
    { name: 'not a test class', code: py`
      class Fixture(Base):
          def setUp(self):
              self.x = 1
    ` },
    { name: 'a comment mentioning super explains a deliberate omission', code: py`
      import testtools
      class T(testtools.TestCase):
          def setUp(self):
              # Deliberately no super(): the base would start real services.
              self.x = 1
    ` },
    { name: 'a hook that skips at once', code: py`
      import testtools, unittest
      class T(testtools.TestCase):
          def setUp(self):
              raise unittest.SkipTest('needs libvirt')
    ` },
    { name: 'local bases without the hook, leading to no test base at all', code: py`
      class Helpers:
          def make(self):
              return 1
      class TestBase(Helpers):
          pass
      class TestThing(TestBase):
          def setUp(self):
              self.x = self.make()
    ` },
    { name: 'an override that sets up again everything the local base hook sets up', code: py`
      import unittest
      class TestMedian(unittest.TestCase):
          def setUp(self):
              super().setUp()
              self.func = statistics.median
      class TestMedianLow(TestMedian):
          def setUp(self):
              self.func = statistics.median_low
    ` },
    { name: 'an explicit pass over a local base hook, and an abstract local base hook', code: py`
      import unittest
      class RemoteTest(unittest.TestCase):
          def setUp(self):
              super().setUp()
              self.server = connect()
          def tearDown(self):
              self.server.logout()
              super().tearDown()
      class OfflineTest(RemoteTest):
          def setUp(self):
              pass
          def tearDown(self):
              pass
      class TimeoutBase(unittest.TestCase):
          def setUp(self):
              raise NotImplementedError()
      class TCPTimeoutTest(TimeoutBase):
          def setUp(self):
              self.sock = make_socket()
    ` },
    { name: 'a teardown that touches everything the local base teardown touches', code: py`
      import unittest
      class POP3Test(unittest.TestCase):
          def setUp(self):
              super().setUp()
              self.server = start()
              self.client = connect(self.server)
          def tearDown(self):
              self.client.close()
              self.server.stop()
              super().tearDown()
      class POP3TLSTest(POP3Test):
          def setUp(self):
              self.server = start()
              self.client = connect(self.server, tls=True)
          def tearDown(self):
              if self.client.sock is not None:
                  self.client.quit()
              self.server.stop()
    ` },
    { name: 'helper methods are not hooks', code: py`
      import testtools
      class T(testtools.TestCase):
          def _setUp(self):
              self.x = 1
    ` },
  ],
  invalid: [
    { name: 'setUp without super, exact range on the name, fix after the docstring', code: py`
      from nova import test
      class ServerTest(test.TestCase):
          def setUp(self):
              """Start things."""
              self.x = 1
    `, errors: [{ line: 3, column: 9, endLine: 3, endColumn: 14, severity: 'error', message: 'super().setUp()', fixTitle: 'first' }],
      output: py`
      from nova import test
      class ServerTest(test.TestCase):
          def setUp(self):
              """Start things."""
              super().setUp()
              self.x = 1
    ` },
    { name: 'inserted under the header, above a leading comment', code: py`
      import testtools
      class T(testtools.TestCase):
          def setUp(self):  # noqa: E501
              # Two hosts.
              self.hosts = [1, 2]
    `, errors: [{ line: 3 }],
      output: py`
      import testtools
      class T(testtools.TestCase):
          def setUp(self):  # noqa: E501
              super().setUp()
              # Two hosts.
              self.hosts = [1, 2]
    ` },
    { name: 'self.setUp() recursion is not a base call', code: py`
      import testtools
      class T(testtools.TestCase):
          def setUp(self):
              self.setUp()
    `, errors: [{ line: 3 }] },
    { name: 'tearDown: the base call goes last, before a final return; tabs kept', code: 'import testtools\nclass T(testtools.TestCase):\n\tdef tearDown(self):\n\t\tself.server.stop()\n\t\treturn None\n',
      errors: [{ line: 3, message: 'cleanup', fixTitle: 'last' }],
      output: 'import testtools\nclass T(testtools.TestCase):\n\tdef tearDown(self):\n\t\tself.server.stop()\n\t\tsuper().tearDown()\n\t\treturn None\n' },
    { name: 'CRLF line endings are kept', code: 'import testtools\r\nclass T(testtools.TestCase):\r\n    def setUp(self):\r\n        """Doc\r\n        more."""\r\n        self.x = 1\r\n',
      errors: [{ line: 3, message: 'under testtools' }],
      output: 'import testtools\r\nclass T(testtools.TestCase):\r\n    def setUp(self):\r\n        """Doc\r\n        more."""\r\n        super().setUp()\r\n        self.x = 1\r\n' },
    { name: 'tearDown ending in a compound statement', code: py`
      import testtools
      class T(testtools.TestCase):
          def tearDown(self):
              if self.server:
                  self.server.stop()  # stop it
      x = 1
    `, errors: [{ line: 3 }],
      output: py`
      import testtools
      class T(testtools.TestCase):
          def tearDown(self):
              if self.server:
                  self.server.stop()  # stop it
              super().tearDown()
      x = 1
    ` },
    { name: 'classmethod, async hook and one-line body', code: py`
      import fixtures
      class TestDb(fixtures.TestWithFixtures):
          @classmethod
          def setUpClass(cls): cls.db = 1
          async def asyncSetUp(self):
              """Doc."""
    `, errors: [{ line: 4, message: 'super().setUpClass()' }, { line: 5, message: 'super().asyncSetUp()' }],
      output: py`
      import fixtures
      class TestDb(fixtures.TestWithFixtures):
          @classmethod
          def setUpClass(cls): super().setUpClass(); cls.db = 1
          async def asyncSetUp(self):
              """Doc."""
              await super().asyncSetUp()
    ` },
    { name: 'docstring and code on one line', code: py`
      import testtools
      class T(testtools.TestCase):
          def setUp(self):
              """Doc."""; self.x = 1
    `, errors: [{ line: 3 }],
      output: py`
      import testtools
      class T(testtools.TestCase):
          def setUp(self):
              """Doc."""; super().setUp(); self.x = 1
    ` },
    { name: 'direct unittest.TestCase base: info, the stdlib hook does nothing', code: py`
      import unittest
      class ParserTest(unittest.TestCase):
          def setUp(self):
              self.parser = make_parser()
    `, errors: [{ line: 3, severity: 'info', message: 'harmless while' }] },
    { name: 'a local base chain with no hook of its own, ending in unittest.TestCase: info', code: py`
      import unittest
      class BaseTest(unittest.TestCase):
          def check(self, value):
              self.assertTrue(value)
      class ParserTest(BaseTest):
          def setUp(self):
              self.parser = make_parser()
    `, errors: [{ line: 6, severity: 'info', message: 'no base in this file defines one and the rest is `unittest.TestCase`' }] },
    { name: 'a local mixin beside unittest.TestCase, neither with the hook: info', code: py`
      import unittest
      class SetOps:
          def test_len(self):
              self.assertEqual(len(self.set), self.length)
      class TestEmptySet(SetOps, unittest.TestCase):
          def setUp(self):
              self.set = set()
              self.length = 0
    `, errors: [{ line: 6, severity: 'info', message: 'no base in this file defines one' }] },
    { name: 'a base from elsewhere not named like a test case: info, hedged', code: py`
      from test.test_email import TestEmailBase
      class TestMIMEMessage(TestEmailBase):
          def setUp(self):
              self.text = read('msg_11.txt')
    `, errors: [{ line: 3, severity: 'info', message: 'if `TestEmailBase` has a `setUp()`' }] },
    { name: 'a base built at run time in this file is not known either', code: py`
      import unittest
      HelpTestCase = HelpMeta('HelpTestCase', (unittest.TestCase,), {})
      class TestShortColumns(HelpTestCase):
          def setUp(self):
              self.columns = 15
    `, errors: [{ line: 4, severity: 'info', message: 'if `HelpTestCase` has' }] },
    { name: 'a local base hook that does real work the override skips: error naming it', code: py`
      import unittest
      class BaseTestCase(unittest.TestCase):
          def setUp(self):
              super().setUp()
              self._threads = threading_setup()
          def tearDown(self):
              threading_cleanup(*self._threads)
              super().tearDown()
      class BarrierTests(BaseTestCase):
          def setUp(self):
              self.barrier = Barrier(5)
          def tearDown(self):
              self.barrier.abort()
    `, errors: [
      { line: 10, severity: 'error', message: '`BaseTestCase.setUp()` (in this file) does not run' },
      { line: 12, severity: 'error', message: '`BaseTestCase.tearDown()` (in this file) does not run' },
    ] },
    { name: 'a stand-in for a local hook that itself leads to a real base hook still skips that one', code: py`
      from nova import test
      class Base(test.TestCase):
          def setUp(self):
              super().setUp()
              self.api = make_api()
      class Child(Base):
          def setUp(self):
              self.api = make_other_api()
    `, errors: [{ line: 7, severity: 'error', message: '`Base.setUp()`' }] },
    { name: 'a local test base counts as a base', code: py`
      import unittest
      class Base(unittest.TestCase):
          def setUp(self):
              super().setUp()
              self.db = 1
      class TestChild(Base):
          def setUp(self):
              self.x = 1
    `, errors: [{ line: 7, severity: 'error' }] },
  ],
});
