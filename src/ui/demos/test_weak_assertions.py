import unittest

from glance.common import format_inspector


class QcowInspectorTest(unittest.TestCase):

    def setUp(self):
        super().setUp()
        with open(self.data_file('cirros.qcow2'), 'rb') as image:
            self.inspector = format_inspector.QcowInspector()
            self.inspector.eat_chunk(image.read())

    def test_format_is_detected(self):
        self.assertTrue(self.inspector.format_match == True)  # expect: ASR001
        self.assertTrue(isinstance(self.inspector, format_inspector.FileInspector))  # expect: ASR001

    def test_virtual_size(self):
        self.assertTrue(self.inspector.virtual_size > 0)  # expect: ASR001
        self.assertEqual(self.inspector.backing_file, None)  # expect: ASR002

    def test_regions(self):
        regions = self.inspector.regions
        self.assertEqual(len(regions), 2)  # expect: ASR008
