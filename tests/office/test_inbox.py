"""The inbox: the user's agencies' open requests, most urgent first, with filters and search."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from gongkai.disclosure_requests import services
from tests.office import factories as f
from tests.personas import logged_in, staff


def _numbers_in_order(html: str) -> list[str]:
    return re.findall(r'href="/office/requests/\d+/">(\d{4}-\d{4})</a>', html)


def test_overdue_first_then_due_soon_then_by_due_date(town: Any, clerk: Any, as_clerk: Client) -> None:
    today = f.today()
    later = f.register(town, clerk, f.working_day_before(today, 2), name="甲")
    overdue = f.register(town, clerk, f.working_day_before(today, 30), name="乙")
    due_soon = f.register(town, clerk, f.working_day_before(today, 18), name="丙")
    middle = f.register(town, clerk, f.working_day_before(today, 10), name="丁")

    html = as_clerk.get("/office/").content.decode()

    assert _numbers_in_order(html) == [overdue.number, due_soon.number, middle.number, later.number]
    assert "已逾期" in html and "badge-overdue" in html
    assert "badge-due-soon" in html


def test_pending_confirmation_and_waiting_requests_are_grouped_with_badges(
    town: Any, clerk: Any, as_clerk: Client
) -> None:
    today = f.today()
    online = f.register(town, clerk, today, channel="online", name="网络申请人")
    waiting = f.register(town, clerk, f.working_day_before(today, 2), name="补正人")
    services.request_correction(waiting, actor=clerk, on=today, items="请写明文件名称")

    html = as_clerk.get("/office/").content.decode()
    pending_only = as_clerk.get("/office/?status=pending_confirmation").content.decode()

    assert "待确认（条例第三十一条）" in html
    assert "等待申请人补正" in html
    assert _numbers_in_order(pending_only) == [online.number]


def test_search_finds_by_applicant_name_and_number(town: Any, clerk: Any, as_clerk: Client) -> None:
    first = f.register(town, clerk, f.today(), name="李四")
    second = f.register(town, clerk, f.today(), name="王五", description="小店镇2024年度财政预算执行情况")

    by_name = as_clerk.get("/office/?q=李四").content.decode()
    by_number = as_clerk.get(f"/office/?q={second.number}").content.decode()
    by_text = as_clerk.get("/office/?q=财政预算").content.decode()

    assert _numbers_in_order(by_name) == [first.number]
    assert _numbers_in_order(by_number) == [second.number]
    assert _numbers_in_order(by_text) == [second.number]


def test_a_supervisor_sees_every_body_below_with_an_agency_filter(
    town: Any, other_agency: Any, clerk: Any, other_clerk: Any, as_supervisor: Client
) -> None:
    mine = f.register(town, clerk, f.today())
    theirs = f.register(other_agency, other_clerk, f.today(), name="赵六")

    everything = as_supervisor.get("/office/").content.decode()
    filtered = as_supervisor.get("/office/?agency=boye-zrzy").content.decode()

    assert "只读" in everything
    assert {mine.pk, theirs.pk} <= {int(x) for x in re.findall(r'href="/office/requests/(\d+)/"', everything)}
    assert f'href="/office/requests/{mine.pk}/"' not in filtered
    assert f'href="/office/requests/{theirs.pk}/"' in filtered


def test_a_clerk_never_sees_another_bodys_requests(
    town: Any, other_agency: Any, clerk: Any, other_clerk: Any, as_clerk: Client
) -> None:
    theirs = f.register(other_agency, other_clerk, f.today(), name="赵六")

    html = as_clerk.get("/office/?status=all").content.decode()

    assert f'href="/office/requests/{theirs.pk}/"' not in html
    assert "赵六" not in html


def test_provisional_due_dates_are_flagged_with_an_import_hint_for_admins(
    town: Any, clerk: Any, head: Any, as_clerk: Client
) -> None:
    # An extension of 20 working days carries the due date into next year, whose holidays are not imported.
    dr = f.register(town, clerk, f.working_day_before(f.today(), 1))
    services.extend_deadline(dr, actor=head, on=f.today(), working_days=20, reason="需调取档案")
    dr.refresh_from_db()
    admin = staff("xd_admin", town, "admin")

    clerk_view = as_clerk.get("/office/").content.decode()
    admin_view = logged_in(admin).get("/office/").content.decode()

    assert dr.due_is_provisional and dr.due_on.year == f.today().year + 1
    assert f"{dr.due_on.year}年节假日数据尚未导入" in clerk_view
    assert "badge-provisional" in clerk_view
    assert "import_holiday_notice" not in clerk_view
    assert "import_holiday_notice" in admin_view
