import { py, ruleTester } from './rule-tester';

ruleTester('FXT005', {
  valid: [
    { name: 'setUp instead of a constructor', code: py`
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              self.db = make_db()
    ` },
    { name: 'a constructor that only forwards to the base constructors', code: py`
      import unittest
      class SocketPairTest(unittest.TestCase, ThreadableTest):
          def __init__(self, methodName='runTest'):
              unittest.TestCase.__init__(self, methodName=methodName)
              ThreadableTest.__init__(self)
    ` },
    { name: 'a helper class named Test* without tests is no test class', code: py`
      class TestServer(threading.Thread):
          def __init__(self, addr):
              super().__init__()
              self.addr = addr
      class TestHook:
          def __init__(self, raise_on_events=None):
              self.events = []
          def __call__(self, event, args):
              self.events.append(event)
    ` },
    { name: 'a test case built inside a function on purpose', code: py`
      import unittest
      def make_tests(formats):
          class IntTester(unittest.TestCase):
              def __init__(self, format):
                  super().__init__(methodName='test_one')
                  self.format = format
              def test_one(self):
                  pass
          return [IntTester(f) for f in formats]
    ` },
    { name: 'a test-case subclass used as a helper object: its constructor never calls the base one', code: py`
      class SocketProxyDummyServer(SocketDummyServerTestCase):
          def __init__(self, host, port):
              self.host = host
              self.port = port
          def start_proxy_handler(self):
              return self.start_server(self.host, self.port)
    ` },
    { name: 'not a test class', code: py`
      class Client:
          def __init__(self):
              self.session = make_session()
    ` },
  ],
  invalid: [
    { name: 'unittest constructor with setup: unsafe fix into setUp, exact range', code: py`
      import unittest
      class WarehouseTest(unittest.TestCase):
          def __init__(self, *args, **kwargs):
              """Build the warehouse."""
              super().__init__(*args, **kwargs)
              self.warehouse = Warehouse('berlin')
          def test_stock(self):
              self.assertEqual(0, self.warehouse.stock('apple'))
    `, errors: [{ line: 3, column: 9, endLine: 3, endColumn: 17, severity: 'warning', message: '`WarehouseTest.__init__` runs once per test method', fixTitle: 'setUp', unsafe: true }],
      output: py`
      import unittest
      class WarehouseTest(unittest.TestCase):
          def setUp(self):
              """Build the warehouse."""
              super().setUp()
              self.warehouse = Warehouse('berlin')
          def test_stock(self):
              self.assertEqual(0, self.warehouse.stock('apple'))
    ` },
    { name: 'no fix when the class has a setUp, when the base call is not first, or when the arguments are used', code: py`
      import unittest
      class A(unittest.TestCase):
          def __init__(self, *args):
              super().__init__(*args)
              self.maxDiff = None
          def setUp(self):
              self.x = 1
      class B(unittest.TestCase):
          def __init__(self, *args, **kw):
              self.package_name = 'PACKAGE_'
              unittest.TestCase.__init__(self, *args, **kw)
      class C(unittest.TestCase):
          def __init__(self, methodName='runTest'):
              super().__init__(methodName)
              self.name = methodName.upper()
    `, errors: [{ line: 3, fixTitle: null }, { line: 9, fixTitle: null }, { line: 13, fixTitle: null }] },
    { name: 'a local base chain to a test case', code: py`
      import unittest
      class BaseTest(unittest.TestCase):
          pass
      class OperatorsTest(BaseTest):
          def __init__(self, *args, **kwargs):
              BaseTest.__init__(self, *args, **kwargs)
              self.binops = {'add': '+'}
    `, errors: [{ line: 5, message: 'OperatorsTest' }] },
    { name: 'a pytest class with a constructor is never collected', code: py`
      class TestCart:
          def __init__(self):
              self.cart = Cart()
          def test_add(self):
              self.cart.add('a')
              assert len(self.cart) == 1
          def test_empty(self):
              assert len(Cart()) == 0
    `, errors: [{ line: 2, message: 'pytest does not collect `TestCart` because it defines `__init__`: its 2 tests never run', fixTitle: null }] },
  ],
});
