from django.apps import AppConfig


class AnnualReportsConfig(AppConfig):
    name = "gongkai.annual_reports"
    verbose_name = "年度报告"
