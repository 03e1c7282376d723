"""The supervisor's view: each body's status, the regional roll-up (sum per cell), XLSX, reminders."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core import mail
from openpyxl import load_workbook

from gongkai.agencies.models import Agency
from gongkai.annual_reports import services as reports
from gongkai.annual_reports import supervision
from gongkai.annual_reports.models import ReportReminder
from gongkai.disclosure_requests import services
from tests.annual_reports.factories import finish_text, year_of_records
from tests.personas import register, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(county: Agency, town: Agency, bureau: Agency, clerk: Any, head: Any) -> dict[str, Any]:
    year_of_records(town, clerk, head)
    zr_clerk = staff("zr_clerk", bureau, "clerk", "head")
    item = register(bureau, zr_clerk, date(2025, 9, 1), name="周七")
    services.record_reply(
        item, actor=zr_clerk, on=date(2025, 9, 10), outcome="granted", today=date(2025, 9, 10)
    )
    register(bureau, zr_clerk, date(2025, 10, 9), name="吴八")  # open at the end of 2025
    reports.register_case(
        bureau,
        actor=zr_clerk,
        kind="review",
        forum="博野县人民政府",
        case_number="Q1",
        received_on=date(2025, 10, 1),
        today=date(2025, 10, 1),
    )
    return {"town_draft": reports.generate_draft(town, 2025, actor=clerk, today=date(2026, 1, 10))}


def test_the_rollup_is_the_sum_of_each_cell(
    county: Agency, town: Agency, bureau: Agency, region: Any
) -> None:
    rows = supervision.body_rows(county, 2025, date(2026, 1, 20))

    t3, t4 = supervision.rollup(rows)

    by_code = {r.agency.code: r for r in rows}
    assert by_code["boye-xiaodian"].source == "年报草稿" and by_code["boye-zrzy"].source == "由记录实时统计"
    for row_id in t3:
        for col in t3[row_id]:
            assert (
                t3[row_id][col]
                == by_code["boye-xiaodian"].t3[row_id][col] + by_code["boye-zrzy"].t3[row_id][col]
            )
    assert t3["new_received"]["total"] == 4 + 2
    assert t3["carried_forward"]["total"] == 1 + 1
    assert t4["review.total"] == 1 + 1 and t4["review.pending"] == 0 + 1


def test_each_body_shows_status_findings_and_deadline(county: Agency, region: Any) -> None:
    rows = {r.agency.code: r for r in supervision.body_rows(county, 2025, date(2026, 1, 20))}

    assert rows["boye-xiaodian"].status == "draft" and rows["boye-xiaodian"].warning_count > 0
    assert rows["boye-zrzy"].status == "none"
    # Department deadline 31 Jan (条例第四十九条); township: the configured 20 Feb.
    assert rows["boye-zrzy"].due_on == date(2026, 1, 31) and rows["boye-zrzy"].days_left == 11
    assert rows["boye-xiaodian"].due_on == date(2026, 2, 20)
    assert rows["boye-zrzy"].rates["extension"] == "0%"


def test_the_dashboard_exports_to_xlsx(county: Agency, region: Any) -> None:
    book = load_workbook(io.BytesIO(supervision.dashboard_xlsx(county, 2025, date(2026, 1, 20))))

    assert book.sheetnames == ["报告状态", "表三汇总", "表四汇总"]
    names = [row[0] for row in book["报告状态"].iter_rows(min_row=3, values_only=True)]
    assert names == ["博野县小店镇人民政府", "博野县自然资源和规划局"]
    t3 = {row[0]: row[1:] for row in book["表三汇总"].iter_rows(min_row=3, values_only=True)}
    assert t3["一、本年新收政府信息公开申请数量"][-1] == 6


def test_reminders_go_out_once_per_stage(county: Agency, town: Agency, bureau: Agency, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = staff("zr_head", bureau, "head")
    user.email = "zr@example.cn"
    user.save()

    sent = supervision.send_reminders(date(2026, 1, 24))
    again = supervision.send_reminders(date(2026, 1, 24))

    mine = [r for r in sent if r.agency == bureau]
    assert [(r.year, r.stage, r.days_left) for r in mine] == [(2025, "d7", 7)]
    assert again == []
    assert [m.to for m in mail.outbox] == [["zr@example.cn"]]
    assert "条例》第四十九条" in mail.outbox[0].body
    assert ReportReminder.objects.filter(agency=bureau, year=2025, stage="d7").exists()


def test_a_published_report_gets_no_reminder(
    town: Agency, region: Any, clerk: Any, head: Any, supervisor: Any
) -> None:
    draft = finish_text(region["town_draft"], clerk, date(2026, 1, 12))
    reports.submit_report(draft, actor=head, today=date(2026, 1, 12))
    reports.clear_report(draft, actor=supervisor, today=date(2026, 1, 13))
    reports.publish_report(draft, actor=head, today=date(2026, 1, 14))

    due = supervision.due_reminders(date(2026, 2, 15))

    assert town not in [r.agency for r in due]


@pytest.fixture
def three_levels(county: Agency, bureau: Agency, region: Any) -> Agency:
    """county → 自然资源和规划局 → 不动产登记中心 (a unit below a department), with requests of its own."""
    centre = Agency.objects.create(
        code="boye-zrzy-bdc", name="博野县不动产登记中心", kind="other", parent=bureau
    )
    centre_clerk = staff("bdc_clerk", centre, "clerk", "head")
    for i, received_on in enumerate((date(2025, 3, 2), date(2025, 5, 6), date(2025, 11, 3))):
        item = register(centre, centre_clerk, received_on, name=f"申请人{i}")
        if i < 2:
            services.record_reply(
                item, actor=centre_clerk, on=received_on, outcome="granted", today=received_on
            )
    return centre


def test_the_dashboard_covers_every_level_below_the_supervising_body(
    county: Agency, town: Agency, bureau: Agency, three_levels: Agency
) -> None:
    centre = three_levels
    rows = supervision.body_rows(county, 2025, date(2026, 1, 20))

    # Tree order: a body's own subordinates follow it.
    assert [(r.agency.code, r.depth) for r in rows] == [
        ("boye-xiaodian", 1),
        ("boye-zrzy", 1),
        ("boye-zrzy-bdc", 2),
    ]
    groups = supervision.grouped(county, rows)
    assert [(g.parent, [r.agency for r in g.rows]) for g in groups] == [
        (county, [town, bureau]),
        (bureau, [centre]),
    ]
    t3, t4 = supervision.rollup(rows)
    by_code = {r.agency.code: r for r in rows}
    assert by_code["boye-zrzy-bdc"].t3["new_received"]["total"] == 3
    for row_id in t3:
        for col in t3[row_id]:
            assert t3[row_id][col] == sum(r.t3[row_id][col] for r in rows)
    # Hand count: town 4 + bureau 2 + centre 3 received; granted town 2 + bureau 1 + centre 2.
    assert t3["new_received"]["total"] == 4 + 2 + 3
    assert t3["granted"]["total"] == 2 + 1 + 2
    assert t3["carried_forward"]["total"] == 1 + 1 + 1
    assert all(t4[k] == sum(r.t4[k] for r in rows) for k in t4)
    assert t4["review.total"] == 1 + 1 + 0
    # The middle body's dashboard covers only what is below it.
    assert [r.agency for r in supervision.body_rows(bureau, 2025, date(2026, 1, 20))] == [centre]


def test_the_xlsx_lists_every_level_with_its_parent(county: Agency, three_levels: Agency) -> None:
    book = load_workbook(io.BytesIO(supervision.dashboard_xlsx(county, 2025, date(2026, 1, 20))))

    rows = [row[:2] for row in book["报告状态"].iter_rows(min_row=3, values_only=True)]
    assert rows == [
        ("博野县小店镇人民政府", "博野县人民政府"),
        ("博野县自然资源和规划局", "博野县人民政府"),
        ("博野县不动产登记中心", "博野县自然资源和规划局"),
    ]
    t3 = {row[0]: row[1:] for row in book["表三汇总"].iter_rows(min_row=3, values_only=True)}
    assert t3["一、本年新收政府信息公开申请数量"][-1] == 9
