import time
from unittest import mock

from nova.compute import api as compute_api
from nova import test
from nova.tests import fixtures as nova_fixtures
from nova.tests.functional import integrated_helpers


class ServerLiveMigrationRaceTest(test.TestCase,
                                  integrated_helpers.InstanceHelperMixin):

    def setUp(self):
        super(ServerLiveMigrationRaceTest, self).setUp()  # expect: FXT002
        self.useFixture(nova_fixtures.NeutronFixture(self))
        self.useFixture(nova_fixtures.GlanceFixture(self))
        api_fixture = self.useFixture(nova_fixtures.OSAPIFixture(
            api_version='v2.1'))
        self.api = api_fixture.admin_api
        self.start_service('conductor')
        self.start_service('scheduler')
        self.src = self.start_service('compute', host='src')
        self.dest = self.start_service('compute', host='dest')

    def tearDown(self):  # expect: FXT001
        self.src.stop()
        self.dest.stop()

    @mock.patch.object(compute_api.API, '_record_action_start')  # expect: MCK005
    @mock.patch.object(compute_api.API, '_check_requested_networks')
    @mock.patch.object(compute_api.API, '_validate_host')
    def test_live_migrate_while_rebooting(self, mock_validate, mock_networks,
                                          mock_record):
        server = self._create_server(networks='none')
        self.api.post_server_action(server['id'], {'reboot': {'type': 'HARD'}})
        time.sleep(1)  # expect: TIM001
        self.api.post_server_action(
            server['id'], {'os-migrateLive': {'host': 'dest',
                                              'block_migration': 'auto'}})
        time.sleep(2)  # expect: TIM001
        server = self.api.get_server(server['id'])
        self.assertTrue(server['OS-EXT-SRV-ATTR:host'] == 'dest')  # expect: ASR001
        self.assertEqual(server['OS-EXT-STS:task_state'], None)  # expect: ASR002
        self.assertEqual(len(server['addresses']), 0)  # expect: ASR008

    def test_delete_during_migration(self):
        server = self._create_server(networks='none')
        self.api.delete_server(server['id'])
        self._wait_until_deleted(server)
