"""The annual report (政府信息公开工作年度报告): model, parsers, validator, renderers."""

from gongkai.core.annual_report.model import AnnualReport, ReportError

__all__ = ["AnnualReport", "ReportError"]
