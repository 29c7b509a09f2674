import { py, ruleTester } from './rule-tester';

ruleTester('FXT003', {
  valid: [
    { name: 'every product used by most tests', code: py`
      import unittest
      class CartTest(unittest.TestCase):
          def setUp(self):
              self.cart = Cart()
          def test_add(self):
              self.cart.add('a')
          def test_remove(self):
              self.cart.remove('a')
          def test_len(self):
              self.assertEqual(0, len(Cart()))
    ` },
    { name: 'a single test: nothing to compare', code: py`
      import unittest
      class CartTest(unittest.TestCase):
          def setUp(self):
              self.catalog = Catalog.load()
          def test_add(self):
              self.assertTrue(True)
    ` },
    { name: 'uses followed through helpers, transitively and with recursion', code: py`
      import unittest
      class ServerTest(unittest.TestCase):
          def setUp(self):
              self.server = FakeServer()
          def _boot(self, name):
              return self._request('boot', name)
          def _request(self, verb, name):
              if verb == 'retry':
                  return self._boot(name)
              return self.server.call(verb, name)
          def test_boot(self):
              self.assertTrue(self._boot('vm1'))
          def test_boot_twice(self):
              self._boot('vm1')
              self.assertRaises(Conflict, self._boot, 'vm1')
          def test_name(self):
              self.assertEqual('vm1', normalize(' vm1 '))
    ` },
    { name: 'a product built from another: using the client uses the server', code: py`
      import unittest
      class ClientTest(unittest.TestCase):
          def setUp(self):
              self.server = FakeServer()
              self.client = Client(self.server.address)
          def test_get(self):
              self.assertEqual(200, self.client.get('/').status)
          def test_post(self):
              self.assertEqual(201, self.client.post('/').status)
          def test_url(self):
              self.assertEqual('/a', join('/', 'a'))
    ` },
    { name: 'setup done for its effect, saved state, cleanups, values installed elsewhere', code: py`
      import sys
      import unittest
      class EnvTest(unittest.TestCase):
          def setUp(self):
              self.fixture = self.useFixture(SomeFixture())
              self.old_path = list(sys.path)
              self.tmp = make_tempdir()
              self.addCleanup(remove, self.tmp)
              self.debug = module.STREAM = make_stream()
              self.real_uname = os.uname()
              os.uname = self._fake_uname
          def _fake_uname(self):
              return self.real_uname
          def tearDown(self):
              sys.path[:] = self.old_path
          def test_a(self):
              self.assertTrue(run())
          def test_b(self):
              self.assertTrue(run())
          def test_c(self):
              self.assertTrue(run())
    ` },
    { name: 'values that are not computed by a call cost nothing', code: py`
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              self.name = 'vm1'
              self.admin_api = self.api_fixture.admin_api
          def test_a(self):
              self.assertEqual('vm1', self.name)
          def test_b(self):
              self.assertTrue(run())
          def test_c(self):
              self.assertTrue(run())
    ` },
    { name: 'a test calls a helper inherited from a base defined elsewhere', code: py`
      from nova.tests.functional import integrated_helpers
      class ServersTest(integrated_helpers._IntegratedTestBase):
          def setUp(self):
              super().setUp()
              self.flavor = make_flavor()
          def test_boot(self):
              server = self._create_server()
              self.assertEqual('ACTIVE', server['status'])
          def test_list(self):
              self.assertEqual([], self.api.get_servers())
          def test_flavor(self):
              self.assertEqual(1, self.flavor.vcpus)
    ` },
    { name: 'a test hands self to other code', code: py`
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              self.db = make_db()
          def test_a(self):
              run_scenario(self)
          def test_b(self):
              self.assertTrue(run())
          def test_c(self):
              self.assertTrue(run())
    ` },
    { name: 'a class that another class of the file derives from', code: py`
      import unittest
      class Base(unittest.TestCase):
          def setUp(self):
              self.db = make_db()
          def test_a(self):
              self.assertTrue(run())
          def test_b(self):
              self.assertTrue(run())
      class Child(Base):
          def test_c(self):
              self.assertTrue(self.db)
    ` },
    { name: 'a product that a test inherited from a local mixin reads', code: py`
      import unittest
      class InvariantTests:
          def test_invariant(self):
              self.assertEqual(len(self.it), 3)
      class ReversedTest(InvariantTests, unittest.TestCase):
          def setUp(self):
              self.it = reversed(range(3))
          def test_mutation(self):
              self.assertEqual([], list(reversed([])))
    ` },
    { name: 'a base from elsewhere that may bring tests of its own', code: py`
      from test import string_tests
      class StrTest(string_tests.CommonTest):
          def setUp(self):
              self.data = load()
          def test_a(self):
              self.assertTrue(run())
          def test_b(self):
              self.assertTrue(run())
    ` },
    { name: 'one value for several targets: the host comes with the port', code: py`
      import unittest
      class SmtpTest(unittest.TestCase):
          def setUp(self):
              self.host, self.port = start_server()
          def test_a(self):
              connect(self.port)
          def test_b(self):
              connect(self.port)
          def test_c(self):
              connect(self.host, self.port)
    ` },
    { name: 'the client half of a threaded socket test reads it', code: py`
      import unittest
      class SocketTest(unittest.TestCase):
          def setUp(self):
              self.data = make_payload()
          def testSend(self):
              self.assertTrue(receive())
          def _testSend(self):
              send(self.data)
          def testRecv(self):
              self.assertTrue(receive())
          def _testRecv(self):
              send(self.data)
    ` },
    { name: 'setUpClass builds once per class, not once per test', code: py`
      import unittest
      class ImageTest(unittest.TestCase):
          @classmethod
          def setUpClass(cls):
              cls.testdata = load_images()
          def test_png(self):
              self.assertTrue(is_png(self.testdata['png']))
          def test_none(self):
              self.assertIsNone(what(b''))
          def test_bad(self):
              self.assertRaises(TypeError, what, 1)
    ` },
    { name: 'a test class built inside a function', code: py`
      import unittest
      def make_case():
          class T(unittest.TestCase):
              def setUp(self):
                  self.db = make_db()
              def test_a(self):
                  self.assertTrue(run())
              def test_b(self):
                  self.assertTrue(run())
          return T
    ` },
  ],
  invalid: [
    { name: 'built for every test, used by one of three: exact range on the target', code: py`
      import unittest
      class ArchiveTest(unittest.TestCase):
          def setUp(self):
              self.archive = build_archive(size=10_000)
          def test_extract(self):
              self.assertTrue(self.archive.extract())
          def test_name(self):
              self.assertEqual('a.tar', name_for('a'))
          def test_empty(self):
              self.assertEqual(0, build_archive(size=0).size)
    `, errors: [{ line: 4, column: 9, endLine: 4, endColumn: 21, severity: 'info', message: '`self.archive` is built in `setUp()` for all 3 tests of `ArchiveTest`, but only `test_extract` uses it' }] },
    { name: 'half of the tests is enough; reached through a helper still counts as one user', code: py`
      import unittest
      class ResolverTest(unittest.TestCase):
          def setUp(self):
              self.addr = resolve_address('www.python.org', 80)
              self.sock = make_socket()
          def _connect(self):
              self.sock.connect(self.addr)
          def test_connect(self):
              self._connect()
          def test_send(self):
              self.sock.send(b'x')
    `, errors: [{ line: 4, message: 'only `test_connect` uses it' }] },
    { name: 'no test reads it at all', code: py`
      import unittest
      class WrapTest(unittest.TestCase):
          def setUp(self):
              self.wrapper = TextWrapper()
              self.text = 'hello'
          def test_a(self):
              self.assertEqual(['hello'], wrap(self.text, 5))
          def test_b(self):
              self.assertEqual(['he', 'llo'], wrap(self.text, 3))
    `, errors: [{ line: 4, message: 'but no test uses it' }] },
    { name: 'a test-case base from elsewhere: used by too few is reported, used by none is not (its helpers may read it)', code: py`
      from nova import test
      class FlavorTest(test.NoDBTestCase):
          def setUp(self):
              super().setUp()
              self.flavor = objects.Flavor(vcpus=1)
              self.image = make_image()
          def test_vcpus(self):
              self.assertEqual(1, self.flavor.vcpus)
          def test_name(self):
              self.assertEqual('m1', flavor_name(1))
          def test_id(self):
              self.assertEqual(1, flavor_id('m1'))
    `, errors: [{ line: 5, message: '`self.flavor`' }] },
  ],
});
