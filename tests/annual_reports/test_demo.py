"""The demo county: cases, the imported 2023 seed, 2025 published for every body, 2026 drafts in three states."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from gongkai.agencies.models import Agency
from gongkai.annual_reports import demo
from gongkai.annual_reports import services as reports
from gongkai.annual_reports.models import AnnualReportDraft, RemedyCase, ReportEvent, ReportPublication
from gongkai.disclosure_requests import demo as requests_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings: Any) -> io.StringIO:
    settings.GONGKAI_TOWNSHIP_REPORT_DEADLINE = "01-31"
    out = io.StringIO()
    requests_demo.load(out)
    demo.load(out)
    return out


def test_the_demo_county_has_history_2025_published_and_2026_in_three_states(loaded: io.StringIO) -> None:
    published = ReportPublication.objects.filter(year=2025, is_imported=False)
    states = dict(AnnualReportDraft.objects.filter(year=2026).values_list("agency__code", "status"))

    assert sorted(published.values_list("agency__code", flat=True)) == [
        "boye",
        "boye-office",
        "boye-xiaodian",
        "boye-zrzy",
    ]
    assert all(p.days_late == 0 and p.html_file and p.docx_file and p.pdf_file for p in published)
    assert states == {
        "boye": "draft",
        "boye-xiaodian": "submitted",
        "boye-zrzy": "returned",
        "boye-office": "draft",
    }
    assert RemedyCase.objects.count() == len(demo.CASES)
    # The seed is history for the town; its real defects are kept as findings.
    town = Agency.objects.get(code="boye-xiaodian")
    seed = ReportPublication.objects.get(agency=town, year=2023)

    assert seed.is_imported and seed.source_file
    assert {"M-004", "M-012"} <= {f["rule"] for f in seed.findings}
    assert [v.year for v in reports.published_reports(town)] == [2025, 2023]
    # Table 四 of the town follows its cases.
    t4_2025 = reports.report_of(AnnualReportDraft.objects.get(agency=town, year=2025)).t4
    t4_2026 = reports.report_of(AnnualReportDraft.objects.get(agency=town, year=2026)).t4

    assert (t4_2025["review.upheld"], t4_2025["litigation_after_review.pending"]) == (1, 1)
    assert (t4_2026["litigation_after_review.corrected"], t4_2026["review.pending"]) == (1, 1)
    assert t4_2026["review.upheld"] == 0


def test_the_county_government_publishes_its_own_report_by_31_march(loaded: io.StringIO) -> None:
    county = Agency.objects.get(code="boye")
    publication = ReportPublication.objects.get(agency=county, year=2025)
    cleared = ReportEvent.objects.get(agency=county, year=2025, kind="cleared")

    # 条例第四十九条: the government's own report is due 31 Mar; nobody above it, so its 负责人 cleared it.
    assert county.parent is None
    assert publication.due_on == date(2026, 3, 31) and publication.days_late == 0
    assert publication.published_on <= date(2026, 3, 31)
    assert cleared.actor.username == "boye_head"
    assert cleared.label == "本机关负责人审定（无上级审核机关）"


def test_loading_twice_changes_nothing(loaded: io.StringIO) -> None:
    counts = (
        ReportPublication.objects.count(),
        AnnualReportDraft.objects.count(),
        RemedyCase.objects.count(),
    )

    demo.load(io.StringIO())

    assert (
        ReportPublication.objects.count(),
        AnnualReportDraft.objects.count(),
        RemedyCase.objects.count(),
    ) == counts
