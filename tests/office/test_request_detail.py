"""The request page: summary with a masked identity number, the clock, the timeline, the actions."""

from __future__ import annotations

from typing import Any

from django.test import Client

from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import IdentityAccessLog
from tests.office import factories as f
from tests.personas import ID_NUMBER


def test_the_full_identity_number_never_appears_until_revealed(
    town: Any, clerk: Any, as_clerk: Client
) -> None:
    dr = f.register(town, clerk, f.today())

    page = as_clerk.get(f"/office/requests/{dr.pk}/").content.decode()
    inbox = as_clerk.get("/office/").content.decode()
    register = as_clerk.get(f"/office/register/{f.today().year}/").content.decode()

    for html in (page, inbox, register):
        assert ID_NUMBER not in html
    assert dr.applicant.id_number_masked in page
    assert "查看完整号码" in page
    assert IdentityAccessLog.objects.count() == 0


def test_revealing_the_number_shows_it_and_logs_who_looked(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.today())

    fragment = as_clerk.post(f"/office/requests/{dr.pk}/reveal-identity/", HTTP_HX_REQUEST="true")
    full_page = as_clerk.post(f"/office/requests/{dr.pk}/reveal-identity/")

    assert ID_NUMBER in fragment.content.decode() and "<html" not in fragment.content.decode()
    assert ID_NUMBER in full_page.content.decode()
    logs = list(IdentityAccessLog.objects.all())
    assert len(logs) == 2 and {log.user for log in logs} == {clerk} and logs[0].disclosure_request == dr


def test_a_supervisor_cannot_reveal_the_number(town: Any, clerk: Any, as_supervisor: Client) -> None:
    dr = f.register(town, clerk, f.today())

    page = as_supervisor.get(f"/office/requests/{dr.pk}/").content.decode()
    response = as_supervisor.post(f"/office/requests/{dr.pk}/reveal-identity/")

    assert "查看完整号码" not in page
    assert response.status_code == 403 and ID_NUMBER not in response.content.decode()
    assert IdentityAccessLog.objects.count() == 0


def test_the_clock_and_its_explanation_are_shown(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.working_day_before(f.today(), 3))
    state = services.clock_state(dr)

    page = as_clerk.get(f"/office/requests/{dr.pk}/").content.decode()

    assert f"{state.due_on.year}年{state.due_on.month}月{state.due_on.day}日" in page
    assert f'还剩 <strong class="days-left">{state.working_days_left}</strong> 个工作日' in page
    assert "期限是怎样算出来的" in page and "条例第三十三条" in page


def test_an_overdue_request_says_by_how_many_working_days(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.working_day_before(f.today(), 30))
    state = services.clock_state(dr)

    page = as_clerk.get(f"/office/requests/{dr.pk}/").content.decode()

    assert state.overdue
    assert f"已逾期 {-state.working_days_left} 个工作日" in page


def test_the_timeline_lists_who_did_what_and_when(town: Any, clerk: Any, head: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.working_day_before(f.today(), 3))
    services.extend_deadline(dr, actor=head, on=f.today(), working_days=15, reason="需调取档案")

    page = as_clerk.get(f"/office/requests/{dr.pk}/").content.decode()

    timeline = page[page.index('class="timeline"') :]
    assert timeline.index("登记申请") < timeline.index("延长答复期限")
    assert "xd_head" in timeline and "延长15个工作日" in timeline and "需调取档案" in timeline


def test_only_actions_of_the_current_state_are_offered(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.today())

    page = as_clerk.get(f"/office/requests/{dr.pk}/").content.decode()

    assert 'id="action-request_correction"' in page
    assert 'id="action-withdraw"' in page
    assert "确认收到申请" not in page  # only for 待确认
    assert 'id="action-archive"' not in page  # only once closed
    assert "作出答复" in page and "须由负责人办理" in page  # the head's action, shown disabled to a clerk
