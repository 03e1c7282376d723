"""The editor marks the table cells each finding concerns and links the finding to them (server-side)."""

from __future__ import annotations

from datetime import date
from typing import Any

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.annual_reports import finding_cells
from gongkai.annual_reports import services as reports
from gongkai.annual_reports.models import AnnualReportDraft
from gongkai.core.annual_report.model import t3_ref, t4_ref
from gongkai.core.annual_report.render import render_html
from tests.annual_reports.factories import finish_text, year_of_records

BALANCE = ("new_received", "carried_over", "total_processed", "carried_forward")


def test_a_balance_finding_concerns_the_four_rows_of_its_column() -> None:
    finding = {"rule": "T3-002", "severity": "error", "cell": t3_ref("total_processed", "commercial")}

    cells = finding_cells.cells_of(finding)

    # Where the check failed first, then every other cell of the balance, each once.
    assert cells[0] == t3_ref("total_processed", "commercial")
    assert sorted(cells) == sorted(t3_ref(r, "commercial") for r in BALANCE)


def test_sum_findings_concern_the_parts_and_others_only_their_cell() -> None:
    row_total = finding_cells.cells_of({"rule": "T3-001", "cell": t3_ref("granted", "total")})
    t4_total = finding_cells.cells_of({"rule": "T4-001", "cell": t4_ref("review.total")})
    carried = finding_cells.cells_of({"rule": "X-001", "cell": t3_ref("carried_over", "total")})

    assert row_total[0] == t3_ref("granted", "total") and len(row_total) == 7
    assert t4_total == [t4_ref(f"review.{p}") for p in ("total", "upheld", "corrected", "other", "pending")]
    assert carried == [t3_ref("carried_over", "total")]
    assert finding_cells.cells_of({"rule": "M-004", "cell": "section:overview"}) == []
    assert finding_cells.cells_of({"rule": "S-001", "cell": None}) == []


def test_anchors_are_valid_distinct_ids() -> None:
    refs = [t3_ref("other.fee_unpaid", "total"), t3_ref("granted", "total"), t4_ref("review.total")]

    anchors = [finding_cells.anchor(r) for r in refs]

    assert anchors == ["cell-T3-other-fee_unpaid-total", "cell-T3-granted-total", "cell-T4-review-total"]


@pytest.fixture
def broken(town: Agency, clerk: Any, head: Any, db: Any) -> AnnualReportDraft:
    """新收 typed as 5 instead of 4 in 自然人 and 总计 (rows add up, the balance does not): T3-002 twice."""
    year_of_records(town, clerk, head)
    draft = reports.generate_draft(town, 2025, actor=clerk, today=date(2026, 1, 10))
    return finish_text(draft, clerk, date(2026, 1, 10))


def _marked(html: str) -> set[str]:
    tree = lxml.html.fromstring(html)
    return {td.get("data-cell") for td in tree.xpath("//td[contains(@class,'finding-cell')]")}


@pytest.mark.django_db
@pytest.mark.urls("tests.annual_reports.urls")
def test_saving_a_cell_in_the_editor_marks_the_cells_of_the_t3_002_finding(
    broken: AnnualReportDraft, clerk: Any
) -> None:
    client = Client()
    client.force_login(clerk)
    clean = client.get(reverse("reports_office:report", args=["boye-xiaodian", 2025])).content.decode()
    for col in ("natural_person", "total"):
        client.post(
            reverse("reports_office:action", args=["boye-xiaodian", 2025, "cell"]),
            {"ref": t3_ref("new_received", col), "value": "5"},
        )

    page = client.get(reverse("reports_office:report", args=["boye-xiaodian", 2025])).content.decode()

    broken.refresh_from_db()
    assert {f["rule"] for f in broken.findings if f["severity"] == "error"} == {"T3-002"}
    assert not _marked(clean) & {t3_ref(r, "total") for r in BALANCE}
    expected = {t3_ref(r, c) for r in BALANCE for c in ("natural_person", "total")}
    assert expected <= _marked(page)
    assert t3_ref("granted", "total") not in _marked(page)
    tree = lxml.html.fromstring(page)
    # Each finding links to its cells, and each marked cell carries that anchor and links back.
    balance = [li for li in tree.xpath("//li[starts-with(@id,'finding-')]") if "T3-002" in li.text_content()]
    assert len(balance) == 2  # one per broken column
    finding = next(li for li in balance if "总计列" in li.text_content())
    targets = {a.get("href") for a in finding.xpath(".//a")}
    assert targets == {f"#cell-T3-{r}-total" for r in BALANCE}
    cell = tree.get_element_by_id("cell-T3-total_processed-total")
    assert cell.get("data-cell") == t3_ref("total_processed", "total")
    assert f"#{finding.get('id')}" in {a.get("href") for a in cell.xpath(".//a")}


@pytest.mark.django_db
@pytest.mark.urls("tests.annual_reports.urls")
def test_the_preview_marks_the_same_cells_in_the_rendered_report(
    broken: AnnualReportDraft, clerk: Any
) -> None:
    broken = reports.save_draft(
        broken, actor=clerk, today=date(2026, 1, 11), cells={t3_ref("new_received", "total"): 5}
    )
    client = Client()
    client.force_login(clerk)

    page = client.get(reverse("reports_office:preview", args=["boye-xiaodian", 2025])).content.decode()

    # 总计 column only: T3-001 (row total ≠ parts) and T3-002 (balance) both point into it.
    assert {t3_ref(r, "total") for r in BALANCE} <= _marked(page)
    assert t3_ref("new_received", "natural_person") in _marked(page)  # a part of the T3-001 row sum
    assert t3_ref("carried_forward", "natural_person") not in _marked(page)


def test_mark_rendered_leaves_unconcerned_cells_alone() -> None:
    from gongkai.core.annual_report.model import AnnualReport

    html = render_html(AnnualReport.blank("2021"), full_document=False)
    ref = t3_ref("granted", "total")

    marked = finding_cells.mark_rendered(html, {ref: [3]})

    assert _marked(marked) == {ref}
    assert marked.count('title="核对问题 #3"') == 1
    assert finding_cells.mark_rendered(html, {}) == html
