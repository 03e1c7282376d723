"""The report for a year: generated from the records, checked, submitted, cleared, published, corrected."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from gongkai.agencies.models import Agency
from gongkai.annual_reports import services as reports
from gongkai.annual_reports.models import (
    DraftVersion,
    ReportEvent,
    ReportPublication,
    ReportStatus,
)
from gongkai.core.annual_report.model import t3_ref
from gongkai.core.annual_report.parse import parse_bytes
from gongkai.disclosure_requests.services import ActionRefused, PermissionRefused
from tests.annual_reports.factories import finish_text, year_of_records

pytestmark = pytest.mark.django_db

JAN = date(2026, 1, 15)


@pytest.fixture
def draft(town: Agency, clerk: Any, head: Any) -> Any:
    year_of_records(town, clerk, head)
    return reports.generate_draft(town, 2025, actor=clerk, today=JAN)


def rules(draft: Any, severity: str | None = None) -> set[str]:
    return {f["rule"] for f in draft.findings if severity is None or f["severity"] == severity}


def test_it_freezes_the_tables_from_the_records(draft: Any) -> None:
    report = reports.report_of(draft)

    # Hand count: 4 received in 2025, 3 closed (2 granted, 1 withheld), 1 carried forward.
    assert report.t3["new_received"]["natural_person"] == 4
    assert report.t3["granted"]["total"] == 2
    assert report.t3["withheld.third_party_rights"]["total"] == 1
    assert report.t3["total_processed"]["total"] == 3
    assert report.t3["carried_forward"]["total"] == 1
    assert report.t4["review.upheld"] == 1 and report.t4["review.total"] == 1
    assert report.t4["litigation_after_review.pending"] == 1
    assert report.t4["litigation_direct.total"] == 0
    assert draft.cell_records[t3_ref("carried_forward", "total")]


def test_the_first_draft_states_the_record_numbers_and_the_fee_statement(draft: Any) -> None:
    report = reports.report_of(draft)

    overview = report.sections["overview"]
    assert "全年新收到政府信息公开申请4件" in overview
    assert "办结政府信息公开申请3件" in overview
    assert "结转下年度继续办理1件" in overview
    assert "被申请行政复议1件，被提起行政诉讼1件" in overview
    fee = reports.fee_summary(draft.agency, 2025)
    assert fee.notices_issued_count == 1 and fee.collected_yuan == fee.notices_total_yuan > Decimal(0)
    assert (
        f"共发出信息处理费收费通知1件，通知金额合计{fee.notices_total_yuan:.2f}元"
        in report.sections["other_matters"]
    )
    # The text agrees with the tables (M-009) and the prompts are flagged until replaced (M-005).
    assert "M-009" not in rules(draft)
    assert "M-005" in rules(draft, "warning")
    assert not rules(draft, "error")


def test_a_demo_year_goes_from_records_to_the_published_page(
    draft: Any, clerk: Any, head: Any, supervisor: Any, client: Any
) -> None:
    draft = finish_text(draft, clerk, JAN)
    assert not rules(draft, "error") and "M-005" not in rules(draft)

    reports.submit_report(draft, actor=head, today=JAN)
    reports.clear_report(draft, actor=supervisor, today=date(2026, 1, 20), comment="同意公布")
    publication = reports.publish_report(draft, actor=head, today=date(2026, 1, 22))

    draft.refresh_from_db()
    assert draft.status == ReportStatus.PUBLISHED
    kinds = list(ReportEvent.objects.filter(draft=draft).values_list("kind", "actor_label"))
    assert [k for k, _ in kinds] == ["generated", "saved", "submitted", "cleared", "published"]
    assert ("cleared", "boye_supervisor") in kinds
    assert publication.days_late == 0 and publication.due_on == date(2026, 2, 20)
    frozen = reports.report_of(draft)
    for field in ("html_file", "docx_file", "pdf_file"):
        stored = getattr(publication, field)
        assert stored, f"{field} not stored"
        back = parse_bytes(stored.read(), stored.name)
        assert back.t3 == frozen.t3, field
        assert back.t4 == frozen.t4, field
        assert back.t2 == frozen.t2, field
        assert back.year == 2025 and back.agency == frozen.agency
    views = reports.published_reports(draft.agency)
    assert [(v.year, v.version) for v in views] == [(2025, 1)]
    assert views[0].report.t3 == frozen.t3


def test_a_hand_edited_number_that_breaks_the_balance_blocks_submission(
    draft: Any, clerk: Any, head: Any
) -> None:
    draft = finish_text(draft, clerk, JAN)

    # 新收 typed as 5 instead of 4 in both the column and the total: rows still add up, the balance does not.
    edits = {t3_ref("new_received", "natural_person"): 5, t3_ref("new_received", "total"): 5}
    draft = reports.save_draft(draft, actor=clerk, today=JAN, cells=edits)

    assert rules(draft, "error") == {"T3-002"}
    assert draft.hand_edited_cells[t3_ref("new_received", "total")] == {"computed": 4, "value": 5}
    with pytest.raises(ActionRefused, match="错误"):
        reports.submit_report(draft, actor=head, today=JAN)
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT


def test_text_copied_from_another_body_is_caught_before_publication(draft: Any, clerk: Any) -> None:
    text = reports.report_of(draft).sections["overview"] + "\n及时调整局政务公开领导小组，我局高度重视。"

    draft = reports.save_draft(draft, actor=clerk, today=JAN, sections_text={"overview": text})

    assert "M-004" in rules(draft, "warning")
    message = next(f["message"] for f in draft.findings if f["rule"] == "M-004")
    assert "局" in message


def test_every_save_is_a_version_with_its_findings(draft: Any, clerk: Any) -> None:
    reports.save_draft(draft, actor=clerk, today=JAN, sections_text={"other_matters": "无。"})

    draft.refresh_from_db()
    assert list(DraftVersion.objects.filter(draft=draft).values_list("number", flat=True)) == [1, 2]
    assert "M-008" in rules(draft)  # the fee statement was deleted


def test_a_body_cannot_clear_its_own_report(draft: Any, clerk: Any, head: Any) -> None:
    draft = finish_text(draft, clerk, JAN)
    reports.submit_report(draft, actor=head, today=JAN)

    with pytest.raises(PermissionRefused, match="本机关"):
        reports.clear_report(draft, actor=head, today=JAN)


def test_a_supervisor_cannot_edit_a_subordinates_text(draft: Any, supervisor: Any) -> None:
    with pytest.raises(PermissionRefused, match="不能修改"):
        reports.save_draft(draft, actor=supervisor, today=JAN, sections_text={"overview": "上级改写的内容"})

    assert "上级改写" not in reports.report_of(draft).sections["overview"]


def test_another_body_cannot_review(draft: Any, clerk: Any, head: Any, bureau_head: Any) -> None:
    draft = finish_text(draft, clerk, JAN)
    reports.submit_report(draft, actor=head, today=JAN)

    with pytest.raises(PermissionRefused):
        reports.clear_report(draft, actor=bureau_head, today=JAN)
    with pytest.raises(PermissionRefused):
        reports.return_report(draft, actor=bureau_head, comment="x", today=JAN)


def test_only_cleared_reports_are_published(draft: Any, clerk: Any, head: Any, supervisor: Any) -> None:
    draft = finish_text(draft, clerk, JAN)
    with pytest.raises(ActionRefused, match="审核通过"):
        reports.publish_report(draft, actor=head, today=JAN)
    reports.submit_report(draft, actor=head, today=JAN)
    with pytest.raises(ActionRefused, match="审核通过"):
        reports.publish_report(draft, actor=head, today=JAN)


def test_a_return_with_comments_reopens_the_draft(draft: Any, clerk: Any, head: Any, supervisor: Any) -> None:
    draft = finish_text(draft, clerk, JAN)
    reports.submit_report(draft, actor=head, today=JAN)
    with pytest.raises(ActionRefused):
        reports.save_draft(draft, actor=clerk, today=JAN, sections_text={"overview": "x"})

    draft = reports.return_report(draft, actor=supervisor, comment="第五部分请写明整改时限。", today=JAN)

    assert draft.status == ReportStatus.RETURNED and draft.review_comment == "第五部分请写明整改时限。"
    reports.save_draft(
        draft,
        actor=clerk,
        today=JAN,
        sections_text={"problems_improvements": "加强培训，2026年6月底前完成整改。" * 3},
    )
    reports.submit_report(draft, actor=head, today=JAN)


def test_a_correction_is_a_new_version_and_the_old_one_stays(
    draft: Any, clerk: Any, head: Any, supervisor: Any
) -> None:
    draft = finish_text(draft, clerk, JAN)
    reports.submit_report(draft, actor=head, today=JAN)
    reports.clear_report(draft, actor=supervisor, today=JAN)
    first = reports.publish_report(draft, actor=head, today=date(2026, 1, 22))
    with pytest.raises(ActionRefused, match="更正"):
        reports.save_draft(draft, actor=clerk, today=JAN, sections_text={"overview": "x"})

    draft = reports.start_correction(
        draft.agency, 2025, actor=head, today=date(2026, 3, 2), correction_note="更正第六部分文字"
    )
    reports.save_draft(
        draft,
        actor=clerk,
        today=date(2026, 3, 2),
        sections_text={"other_matters": reports.report_of(draft).sections["other_matters"] + "\n（更正）"},
    )
    reports.submit_report(draft, actor=head, today=date(2026, 3, 2))
    reports.clear_report(draft, actor=supervisor, today=date(2026, 3, 3))
    second = reports.publish_report(draft, actor=head, today=date(2026, 3, 4))

    assert (first.version, second.version) == (1, 2)
    assert ReportPublication.objects.filter(agency=draft.agency, year=2025).count() == 2
    first.refresh_from_db()
    assert "（更正）" not in first.data["sections"]["other_matters"]
    assert second.correction_note == "更正第六部分文字" and second.days_late == 0
    assert [v.version for v in reports.published_reports(draft.agency)] == [2, 1]


def test_late_publication_is_recorded(draft: Any, clerk: Any, head: Any, supervisor: Any) -> None:
    draft = finish_text(draft, clerk, JAN)
    reports.submit_report(draft, actor=head, today=JAN)
    reports.clear_report(draft, actor=supervisor, today=JAN)

    publication = reports.publish_report(draft, actor=head, today=date(2026, 3, 2))

    # Township deadline configured as 20 Feb in conftest: 10 days late; M-002 warns on the published report.
    assert publication.days_late == 10
    assert any(f["rule"] == "M-002" for f in publication.findings)


def test_the_report_is_not_published_before_the_year_ends(
    town: Agency, clerk: Any, head: Any, supervisor: Any
) -> None:
    draft = reports.generate_draft(town, 2026, actor=clerk, today=date(2026, 11, 28))
    draft = finish_text(draft, clerk, date(2026, 11, 28))
    reports.submit_report(draft, actor=head, today=date(2026, 11, 28))
    reports.clear_report(draft, actor=supervisor, today=date(2026, 11, 28))

    with pytest.raises(ActionRefused, match="12月31日"):
        reports.publish_report(draft, actor=head, today=date(2026, 12, 30))


def test_the_published_report_is_on_the_portal_with_a_stable_url_per_year(
    draft: Any, clerk: Any, head: Any, supervisor: Any, client: Any
) -> None:
    from django.urls import NoReverseMatch, reverse

    try:
        year_url = reverse("portal:annual-report", args=["boye-xiaodian", 2025])
    except NoReverseMatch:
        pytest.skip("gongkai/portal/urls.py has no portal:annual-report URL yet (portal helper's work)")
    draft = finish_text(draft, clerk, JAN)
    reports.submit_report(draft, actor=head, today=JAN)
    reports.clear_report(draft, actor=supervisor, today=JAN)
    reports.publish_report(draft, actor=head, today=date(2026, 1, 22))
    draft = reports.start_correction(
        draft.agency, 2025, actor=head, today=date(2026, 2, 2), correction_note="更正错字"
    )
    reports.save_draft(
        draft,
        actor=clerk,
        today=date(2026, 2, 2),
        sections_text={"other_matters": reports.report_of(draft).sections["other_matters"] + "\n第二版"},
    )
    reports.submit_report(draft, actor=head, today=date(2026, 2, 2))
    reports.clear_report(draft, actor=supervisor, today=date(2026, 2, 3))
    reports.publish_report(draft, actor=head, today=date(2026, 2, 4))

    current = client.get(year_url)
    first = client.get(reverse("portal:annual-report-version", args=["boye-xiaodian", 2025, 1]))

    assert current.status_code == 200 and first.status_code == 200
    assert "第二版" in current.content.decode() and "第二版" not in first.content.decode()
    assert "博野县小店镇人民政府" in current.content.decode()
