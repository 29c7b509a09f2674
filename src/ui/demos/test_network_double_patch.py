from unittest import mock

from neutron.agent.linux import ip_lib
from neutron.tests import base


class RouterNamespaceTest(base.BaseTestCase):

    @mock.patch.object(ip_lib, 'IPWrapper')
    def test_namespace_is_created(self, mock_wrapper):
        with mock.patch.object(ip_lib, 'IPWrapper') as wrapper:  # expect: MCK004
            wrapper.return_value.netns.exists.return_value = False
            ip_lib.ensure_namespace('qrouter-1')
        wrapper.return_value.netns.add.assert_called_once_with('qrouter-1')

    @mock.patch.object(ip_lib.IPDevice, 'exists', return_value=True)  # expect: MCK005
    @mock.patch.object(ip_lib.IPDevice, 'link')
    @mock.patch.object(ip_lib.IPDevice, 'addr')
    @mock.patch.object(ip_lib.IPDevice, 'route')
    def test_device_is_configured(self, mock_route, mock_addr, mock_link,
                                  mock_exists):
        ip_lib.configure_device('qr-1', '10.0.0.1/24')
        mock_addr.add.assert_called_once_with('10.0.0.1/24')
        mock_link.set_up.assert_called_once_with()
