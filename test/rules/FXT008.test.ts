import { py, ruleTester } from './rule-tester';

ruleTester('FXT008', {
  valid: [
    { name: 'three steps are not a copy of the base', code: py`
      from nova import test
      class T(test.TestCase):
          def setUp(self):
              super().setUp()
              self.useFixture(func_fixtures.PlacementFixture())
              self.useFixture(nova_fixtures.NeutronFixture(self))
              self.start_service('conductor')
              self.start_service('compute')
    ` },
    { name: 'a class that derives from the base through a local class', code: py`
      from nova.tests.functional import integrated_helpers
      class Base(integrated_helpers._IntegratedTestBase):
          pass
      class T(Base):
          def setUp(self):
              super().setUp()
              self.useFixture(func_fixtures.PlacementFixture())
              self.useFixture(nova_fixtures.NeutronFixture(self))
              self.useFixture(nova_fixtures.GlanceFixture(self))
              self.start_service('conductor')
    ` },
    { name: 'the steps in a test, not in setUp', code: py`
      from nova import test
      class T(test.TestCase):
          def test_a(self):
              self.useFixture(func_fixtures.PlacementFixture())
              self.useFixture(nova_fixtures.NeutronFixture(self))
              self.useFixture(nova_fixtures.GlanceFixture(self))
              self.start_service('conductor')
    ` },
  ],
  invalid: [
    { name: 'four steps of _IntegratedTestBase in setUp, exact range on its name', code: py`
      from nova import test
      class T(test.TestCase):
          def setUp(self):
              super().setUp()
              self.useFixture(func_fixtures.PlacementFixture())
              self.useFixture(nova_fixtures.NeutronFixture(self))
              api = self.useFixture(nova_fixtures.OSAPIFixture(api_version='v2.1')).api
              self.start_service('scheduler')
              self.start_service('scheduler')
              self.start_service('compute')
    `, errors: [{ line: 3, column: 9, endLine: 3, endColumn: 14, severity: 'info', message: "repeats 4 steps of `integrated_helpers._IntegratedTestBase` (`PlacementFixture`, `NeutronFixture`, `OSAPIFixture`, `start_service('scheduler')`)" }] },
  ],
});
