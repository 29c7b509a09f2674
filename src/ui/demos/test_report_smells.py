import unittest

from billing.report import MonthlyReport


class MonthlyReportTest(unittest.TestCase):

    def test_totals_per_customer(self):
        report = MonthlyReport.from_rows([('acme', 10), ('acme', 5), ('zeta', 7)])
        for customer, total in report.totals().items():  # expect: SML004
            if customer == 'acme':
                self.assertEqual(15, total)
            else:
                self.assertEqual(7, total)

    def test_renders_pdf(self):  # expect: SML003
        report = MonthlyReport.from_rows([('acme', 10)])
        report.render_pdf()

    def test_handles_refunds(self):  # expect: SML002
        pass

    def test_currency_defaults_to_euro(self):
        report = MonthlyReport.from_rows([])
        self.assertEqual('EUR', report.currency)
