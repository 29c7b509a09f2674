import unittest

from tracker.parser import parse_ticket


class TicketParserTest(unittest.TestCase):

    def test_title_is_stripped(self):
        ticket = parse_ticket('  Fix login  | open')
        self.assertEquals(ticket.title, 'Fix login')  # expect: ASR005

    def test_labels_keep_their_order_free(self):
        ticket = parse_ticket('Fix login | open | auth, ui')
        self.assertItemsEqual(ticket.labels, ['ui', 'auth'])  # expect: ASR005

    def test_reference_format(self):
        ticket = parse_ticket('Fix login | open')
        self.assertRegexpMatches(ticket.reference, r'^TCK-\d+$')  # expect: ASR005

    def test_closed_ticket(self):
        ticket = parse_ticket('Fix login | closed')
        self.failUnless(ticket.closed)  # expect: ASR005
