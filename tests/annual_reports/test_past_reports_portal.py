"""Past reports imported as history appear in the portal's 政府信息公开年报 column as earlier published years,
marked as imported, without the findings of parsing them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from gongkai.agencies.models import Agency
from gongkai.annual_reports import services as reports
from gongkai.portal import annual_reports as portal_reports
from tests.annual_reports.factories import finish_text, year_of_records

pytestmark = pytest.mark.django_db

SEED = Path("gongkai/annual_reports/demo/xiaodian-2023.txt")


@pytest.fixture
def history(town: Agency, clerk: Any, head: Any, supervisor: Any) -> Any:
    """小店镇: the seed imported as its 2023 report, 2025 published through gongkai."""
    imported = reports.import_past_report(
        town, SEED.read_bytes(), SEED.name, actor=None, today=date(2026, 1, 5), year=2023
    )
    year_of_records(town, clerk, head)
    draft = finish_text(
        reports.generate_draft(town, 2025, actor=clerk, today=date(2026, 1, 10)), clerk, date(2026, 1, 10)
    )
    reports.submit_report(draft, actor=head, today=date(2026, 1, 12))
    reports.clear_report(draft, actor=supervisor, today=date(2026, 1, 13))
    reports.publish_report(draft, actor=head, today=date(2026, 1, 14))
    return imported


def test_published_reports_include_imported_history_in_year_order(town: Agency, history: Any) -> None:
    views = reports.published_reports(town)
    public = portal_reports.published_reports(town)

    assert [(v.year, v.is_imported) for v in views] == [(2025, False), (2023, True)]
    assert [(p.year, p.is_imported, p.origin_label) for p in public] == [
        (2025, False, ""),
        (2023, True, "往年报告（导入）"),
    ]
    # What the portal receives has no findings: the seed's are staff-only.
    assert history.findings and not hasattr(public[1], "findings")
    assert [current.year for current, _ in portal_reports.current_by_year(town)] == [2025, 2023]


def test_the_column_lists_the_imported_year_and_its_url_works(
    client: Client, town: Agency, history: Any
) -> None:
    listing = client.get(f"/{town.code}/annual-reports/")
    page = client.get(f"/{town.code}/annual-reports/2023/")
    docx = client.get(f"/{town.code}/annual-reports/2023/report.docx")

    assert listing.status_code == 200 and page.status_code == 200
    text = listing.content.decode()
    assert f"/{town.code}/annual-reports/2023/" in text and f"/{town.code}/annual-reports/2025/" in text
    assert text.index("/annual-reports/2025/") < text.index("/annual-reports/2023/")
    body = page.content.decode()
    assert "2023" in body and "<table" in body
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    # The parse findings (rule ids and messages) are never shown to the public.
    for finding in history.findings:
        assert finding["message"] not in body and finding["message"] not in text
    assert "M-004" not in body and "M-012" not in body


def test_the_column_marks_imported_reports(client: Client, town: Agency, history: Any) -> None:
    listing = client.get(f"/{town.code}/annual-reports/").content.decode()
    page = client.get(f"/{town.code}/annual-reports/2023/").content.decode()
    current = client.get(f"/{town.code}/annual-reports/2025/").content.decode()

    assert listing.count("往年报告（导入）") == 1
    assert "往年报告（导入）" in page and "往年报告（导入）" not in current
