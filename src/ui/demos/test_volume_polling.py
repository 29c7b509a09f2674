import time

from cinder.tests.functional import functional_helpers


class VolumeAttachTest(functional_helpers._FunctionalTestBase):

    def test_attach_and_detach(self):
        volume = self.api.post_volume({'volume': {'size': 1}})
        while self.api.get_volume(volume['id'])['status'] != 'available':  # expect: TIM002
            time.sleep(1)  # expect: TIM001
        self.api.attach_volume(volume['id'], server_id='srv-1')
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            volume = self.api.get_volume(volume['id'])
            if volume['attach_status'] == 'attached':
                break
            time.sleep(0.5)  # expect: TIM001
        self.assertEqual('in-use', volume['status'])
