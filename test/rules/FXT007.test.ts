import { py, ruleTester } from './rule-tester';

ruleTester('FXT007', {
  valid: [
    { name: 'the admin client used only where needed', code: py`
      from nova.tests.functional import integrated_helpers
      class T(integrated_helpers._IntegratedTestBase):
          def test_force_down(self):
              self.admin_api.force_down_service('host1', 'nova-compute', True)
    ` },
    { name: 'one test switches to admin: scoped to that test', code: py`
      from nova.tests.functional import integrated_helpers
      class T(integrated_helpers._IntegratedTestBase):
          def test_migrate(self):
              self.api = self.admin_api
              self.api.post_server_action('id', {'migrate': None})
          def test_ctx(self):
              ctxt = context.get_admin_context()
    ` },
    { name: 'ADMIN_API = False, and outside test classes', code: py`
      from nova.tests.functional import integrated_helpers
      class T(integrated_helpers._IntegratedTestBase):
          ADMIN_API = False
      class Settings:
          ADMIN_API = True
      class Helper:
          def setUp(self):
              self.api = self.api_fixture.admin_api
    ` },
    { name: 'a non-admin client and a user context in setUp', code: py`
      from nova import context, test
      class T(test.TestCase):
          def setUp(self):
              super().setUp()
              self.api = self.api_fixture.api
              self.ctxt = context.RequestContext('user', 'project')
    ` },
  ],
  invalid: [
    { name: 'ADMIN_API = True on the class, exact range', code: py`
      from nova.tests.functional import integrated_helpers
      class ServersTest(integrated_helpers._IntegratedTestBase):
          ADMIN_API = True
    `, errors: [{ line: 3, column: 5, endLine: 3, endColumn: 21, severity: 'info', message: '`ADMIN_API = True` makes `self.api` the admin client for every test of `ServersTest`' }] },
    { name: 'self.api set to an admin client in setUp, through a fixture or an attribute', code: py`
      from nova import test
      class T(test.TestCase):
          def setUp(self):
              super().setUp()
              self.api = self.useFixture(nova_fixtures.OSAPIFixture()).admin_api
      class U(test.TestCase):
          def setUp(self):
              super().setUp()
              self.api = self.admin_api
    `, errors: [{ line: 5, message: '`self.api` is the admin client for every test of `T`' }, { line: 9, message: 'of `U`' }] },
    { name: 'an admin context made the default in setUp', code: py`
      from nova import context as nova_context
      from nova import test
      class T(test.TestCase):
          def setUp(self):
              super().setUp()
              self.ctxt = nova_context.get_admin_context()
    `, errors: [{ line: 6, message: '`self.ctxt` is an admin context for every test of `T`' }] },
  ],
});
