"""A published annual report for the browser tests (the annual-report app is not built yet)."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.core.annual_report.parse import parse_file
from gongkai.portal.annual_reports import PublishedReport

DEMO = "gongkai/annual_reports/demo/xiaodian-2023.txt"


def provider(agency: Any) -> list[PublishedReport]:
    if agency.code != "boye-xiaodian":
        return []
    report = parse_file(DEMO)
    return [PublishedReport(2023, 1, date(2024, 1, 25), report)]
