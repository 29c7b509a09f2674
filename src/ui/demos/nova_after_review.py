# expect: none
from unittest import mock

from nova.compute import api as compute_api
from nova import test
from nova.tests import fixtures as nova_fixtures
from nova.tests.functional import integrated_helpers


class ServerLiveMigrationRaceTest(test.TestCase,
                                  integrated_helpers.InstanceHelperMixin):

    def setUp(self):
        super().setUp()
        self.useFixture(nova_fixtures.NeutronFixture(self))
        self.useFixture(nova_fixtures.GlanceFixture(self))
        api_fixture = self.useFixture(nova_fixtures.OSAPIFixture(
            api_version='v2.1'))
        self.api = api_fixture.admin_api
        self.start_service('conductor')
        self.start_service('scheduler')
        self.src = self.start_service('compute', host='src')
        self.dest = self.start_service('compute', host='dest')

    def tearDown(self):
        self.src.stop()
        self.dest.stop()
        super().tearDown()

    @mock.patch.multiple(compute_api.API,
                         _record_action_start=mock.DEFAULT,
                         _check_requested_networks=mock.DEFAULT,
                         _validate_host=mock.DEFAULT)
    def test_live_migrate_while_rebooting(self, **mocks):
        server = self._create_server(networks='none')
        self.api.post_server_action(server['id'], {'reboot': {'type': 'HARD'}})
        server = self._wait_for_state_change(server, 'ACTIVE')
        self.api.post_server_action(
            server['id'], {'os-migrateLive': {'host': 'dest',
                                              'block_migration': 'auto'}})
        server = self._wait_for_migration_status(server, ['completed'])
        self.assertEqual('dest', server['OS-EXT-SRV-ATTR:host'])
        self.assertIsNone(server['OS-EXT-STS:task_state'])
        self.assertEqual({}, server['addresses'])

    def test_delete_during_migration(self):
        server = self._create_server(networks='none')
        self.api.delete_server(server['id'])
        self._wait_until_deleted(server)
