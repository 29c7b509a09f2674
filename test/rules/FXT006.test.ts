import { py, ruleTester } from './rule-tester';

ruleTester('FXT006', {
  valid: [
    { name: 'self.flags and set_override go through the fixture', code: py`
      import nova.conf
      from nova import test
      CONF = nova.conf.CONF
      class T(test.TestCase):
          def test_a(self):
              self.flags(max_attempts=1, group='scheduler')
              CONF.set_override('host', 'h1')
              self.assertEqual('h1', CONF.host)
    ` },
    { name: 'a config object local to the test, or on the instance', code: py`
      from oslo_config import cfg
      from nova import test
      class T(test.TestCase):
          def test_a(self):
              CONF = cfg.ConfigOpts()
              CONF.host = 'h1'
              self.CONF.host = 'h2'
              self.conf.host = 'h3'
    ` },
    { name: 'outside test code: a module-level helper and module level', code: py`
      import nova.conf
      CONF = nova.conf.CONF
      CONF.import_opt('host', 'nova.netconf')
      def configure():
          CONF.host = 'h1'
    ` },
    { name: 'reading an option is fine', code: py`
      import nova.conf
      from nova import test
      CONF = nova.conf.CONF
      class T(test.TestCase):
          def test_a(self):
              host = CONF.host
              self.assertEqual(host, CONF.compute.host)
    ` },
  ],
  invalid: [
    { name: 'CONF.opt in a nova test that uses self.flags already: safe fix, exact range', code: py`
      import nova.conf
      from nova import test
      CONF = nova.conf.CONF
      class T(test.TestCase):
          def setUp(self):
              super().setUp()
              self.flags(use_neutron=True)
          def test_a(self):
              CONF.host = 'h1'
    `, errors: [{ line: 9, column: 9, endLine: 9, endColumn: 18, severity: 'warning', message: '`CONF.host` is changed directly and never restored', fixTitle: "self.flags(host='h1')", unsafe: false }],
      output: py`
      import nova.conf
      from nova import test
      CONF = nova.conf.CONF
      class T(test.TestCase):
          def setUp(self):
              super().setUp()
              self.flags(use_neutron=True)
          def test_a(self):
              self.flags(host='h1')
    ` },
    { name: 'a grouped option through cfg.CONF, in a class deriving from nova test base', code: py`
      from oslo_config import cfg
      from nova import test
      class T(test.NoDBTestCase):
          def test_a(self):
              cfg.CONF.scheduler.max_attempts = 1, 2
    `, errors: [{ line: 5, unsafe: false, fixTitle: 'self.flags' }],
      output: py`
      from oslo_config import cfg
      from nova import test
      class T(test.NoDBTestCase):
          def test_a(self):
              self.flags(max_attempts=(1, 2), group='scheduler')
    ` },
    { name: 'unsure whether the class has flags: the fix is marked unsafe', code: py`
      from oslo_config import cfg
      import testtools
      CONF = cfg.CONF
      class T(testtools.TestCase):
          def test_a(self):
              CONF.debug = True
    `, errors: [{ line: 6, unsafe: true, fixTitle: 'unsafe' }] },
    { name: 'no fix: augmented assignment, chained assignment (both options reported), setUpClass, a pytest function', code: py`
      from oslo_config import cfg
      from nova import test
      CONF = cfg.CONF
      class T(test.TestCase):
          @classmethod
          def setUpClass(cls):
              CONF.host = 'h1'
          def test_a(self):
              CONF.workers += 1
              CONF.a = CONF.b = 1
      def test_b():
          CONF.host = 'h2'
    `, errors: [
      { line: 7, fixTitle: null },
      { line: 9, fixTitle: null },
      { line: 10, column: 9, fixTitle: null },
      { line: 10, column: 18, fixTitle: null },
      { line: 12, fixTitle: null },
    ] },
    { name: 'inside a nested function of a test, self is still the test', code: py`
      from oslo_config import cfg
      from nova import test
      CONF = cfg.CONF
      class T(test.TestCase):
          def test_a(self):
              def fake_start():
                  CONF.host = 'h1'
              fake_start()
    `, errors: [{ line: 7, fixTitle: 'self.flags' }] },
  ],
});
