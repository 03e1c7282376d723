"""Every procedure action through the request page: the form calls the service; refusals come back in Chinese."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.test import Client

from gongkai.core.fees import quote_fee
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Consultation, Event, FeeNotice
from tests.office import factories as f

TODAY = f.today


def _status(dr: Any) -> str:
    dr.refresh_from_db()
    return dr.status


def _follow(client: Client, response: Any) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


def test_confirm_receipt_starts_the_clock(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, TODAY(), channel="online")

    page = _follow(as_clerk, f.post_action(as_clerk, dr, "confirm_receipt", on=TODAY().isoformat()))

    assert _status(dr) == "in_progress" and dr.received_on == TODAY() and dr.due_on is not None
    assert "已办理：确认收到申请" in page


def test_request_and_receive_a_correction(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.working_day_before(TODAY(), 2))

    f.post_action(as_clerk, dr, "request_correction", on=TODAY().isoformat(), items="请写明文件的名称或文号")
    waiting = _status(dr)
    f.post_action(as_clerk, dr, "receive_correction", on=TODAY().isoformat(), note="申请人当面补正")

    assert waiting == "awaiting_correction"
    assert _status(dr) == "in_progress"
    assert Event.objects.filter(disclosure_request=dr, kind="correction_received").exists()


def test_a_second_correction_is_refused_with_the_reason(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.working_day_before(TODAY(), 2))
    services.request_correction(dr, actor=clerk, on=TODAY(), items="补正事项")
    services.receive_correction(dr, actor=clerk, on=TODAY())

    page = _follow(
        as_clerk, f.post_action(as_clerk, dr, "request_correction", on=TODAY().isoformat(), items="再补")
    )

    assert "一次性告知" in page and "Traceback" not in page
    assert Event.objects.filter(disclosure_request=dr, kind="correction_requested").count() == 1


def test_mark_abandoned_after_the_correction_period(town: Any, clerk: Any, as_clerk: Client) -> None:
    received = f.working_day_before(TODAY(), 12)
    dr = f.register(town, clerk, received)
    services.request_correction(
        dr, actor=clerk, on=received + timedelta(days=1), items="补正事项", period_working_days=2
    )

    f.post_action(as_clerk, dr, "mark_abandoned", on=TODAY().isoformat())

    assert _status(dr) == "abandoned" and dr.outcome == "other.no_correction"


def test_consultation_is_started_and_answered(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.working_day_before(TODAY(), 3))

    f.post_action(
        as_clerk,
        dr,
        "start_consultation",
        on=TODAY().isoformat(),
        party_kind="third_party",
        party_name="博野县恒泰建材有限公司",
    )
    paused = _status(dr)
    consultation = Consultation.objects.get()
    f.post_action(
        as_clerk,
        dr,
        "end_consultation",
        on=TODAY().isoformat(),
        consultation=consultation.pk,
        answer="consent",
    )

    assert paused == "in_consultation"
    assert _status(dr) == "in_progress"
    consultation.refresh_from_db()
    assert consultation.answer == "consent"


def test_the_head_extends_the_deadline_once(town: Any, clerk: Any, as_head: Client) -> None:
    dr = f.register(town, clerk, f.working_day_before(TODAY(), 3))
    before = dr.due_on

    f.post_action(as_head, dr, "extend", on=TODAY().isoformat(), working_days=10, reason="需要调取档案")
    again = _follow(
        as_head, f.post_action(as_head, dr, "extend", on=TODAY().isoformat(), working_days=5, reason="再延")
    )

    dr.refresh_from_db()
    assert dr.has_extension and dr.due_on > before
    assert "只允许延长一次" in again or 'id="action-extend"' not in again


def test_an_extension_beyond_20_working_days_is_refused_next_to_the_field(
    town: Any, clerk: Any, as_head: Client
) -> None:
    dr = f.register(town, clerk, TODAY())

    response = f.post_action(as_head, dr, "extend", on=TODAY().isoformat(), working_days=30, reason="太多")

    assert response.status_code == 422
    assert "1至20个工作日" in response.content.decode()
    dr.refresh_from_db()
    assert not dr.has_extension


def test_fee_notice_then_payment(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.working_day_before(TODAY(), 3))

    f.post_action(as_clerk, dr, "issue_fee_notice", on=TODAY().isoformat(), method="per_volume", pages=50)
    waiting = _status(dr)
    f.post_action(as_clerk, dr, "record_fee_payment", on=TODAY().isoformat())

    notice = FeeNotice.objects.get()
    assert waiting == "awaiting_fee" and notice.amount_yuan == 200
    assert _status(dr) == "in_progress" and notice.__class__.objects.get().paid_on == TODAY()


def test_a_free_quote_is_refused_next_to_the_method(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, TODAY())

    response = f.post_action(
        as_clerk, dr, "issue_fee_notice", on=TODAY().isoformat(), method="per_volume", pages=10
    )

    assert response.status_code == 422 and "不收费" in response.content.decode()
    assert _status(dr) == "in_progress"


def test_an_unpaid_fee_lapses(town: Any, clerk: Any, as_clerk: Client) -> None:
    received = f.working_day_before(TODAY(), 30)
    dr = f.register(town, clerk, received)
    services.issue_fee_notice(
        dr, actor=clerk, on=received + timedelta(days=1), quote=quote_fee("per_volume", pages=50)
    )

    f.post_action(as_clerk, dr, "lapse_fee", on=TODAY().isoformat())

    assert _status(dr) == "abandoned" and dr.outcome == "other.fee_unpaid"


def test_the_head_sets_an_article_35_period(town: Any, clerk: Any, as_head: Client) -> None:
    dr = f.register(town, clerk, TODAY())
    until = TODAY() + timedelta(days=60)

    f.post_action(
        as_head,
        dr,
        "set_agency_period",
        on=TODAY().isoformat(),
        due_on=until.isoformat(),
        reasons="申请内容涉及十年档案",
    )

    dr.refresh_from_db()
    assert dr.due_on == until


def test_a_withholding_reply_needs_basis_and_reasons(town: Any, clerk: Any, as_head: Client) -> None:
    dr = f.register(town, clerk, TODAY())

    missing = f.post_action(
        as_head, dr, "reply", on=TODAY().isoformat(), outcome="withheld.third_party_rights"
    )
    complete = f.post_action(
        as_head,
        dr,
        "reply",
        on=TODAY().isoformat(),
        outcome="withheld.third_party_rights",
        legal_basis="《政府信息公开条例》第十五条",
        reasons="涉及第三方商业秘密，第三方不同意公开",
    )

    html = missing.content.decode()
    assert missing.status_code == 422
    assert "须写明法律依据" in html and "须向申请人说明理由" in html
    assert complete.status_code == 302
    assert _status(dr) == "replied" and dr.outcome == "withheld.third_party_rights"


def test_the_reply_form_groups_outcomes_as_in_table_3(town: Any, clerk: Any, as_head: Client) -> None:
    dr = f.register(town, clerk, TODAY())

    page = as_head.get(f"/office/requests/{dr.pk}/").content.decode()

    assert '<optgroup label="（三）不予公开">' in page
    assert 'value="withheld.state_secret"' in page
    assert 'value="other.no_correction"' not in page  # reached by its own action


def test_withdraw_then_archive(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, TODAY())

    f.post_action(as_clerk, dr, "withdraw", on=TODAY().isoformat(), reason="申请人书面申请撤回")
    withdrawn = _status(dr)
    f.post_action(as_clerk, dr, "archive", on=TODAY().isoformat())

    assert withdrawn == "withdrawn"
    assert _status(dr) == "archived"


def test_the_same_form_submitted_twice_acts_once(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.working_day_before(TODAY(), 3))
    token = f.form_token(as_clerk, f"/office/requests/{dr.pk}/")
    data = {
        "start_consultation-on": TODAY().isoformat(),
        "start_consultation-party_kind": "agency",
        "start_consultation-party_name": "博野县自然资源和规划局",
        "form_token": token,
    }

    as_clerk.post(f"/office/requests/{dr.pk}/actions/start_consultation/", data)
    second = as_clerk.post(f"/office/requests/{dr.pk}/actions/start_consultation/", data)

    assert Consultation.objects.count() == 1
    assert "没有重复办理" in _follow(as_clerk, second)


def test_an_unknown_action_is_404(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, TODAY())

    assert as_clerk.post(f"/office/requests/{dr.pk}/actions/delete_everything/", {}).status_code == 404


def test_the_fee_notice_counts_this_months_earlier_applications_and_stays_editable(
    town: Any, clerk: Any, as_clerk: Client
) -> None:
    month_start = TODAY().replace(day=1)
    earlier = [f.register(town, clerk, month_start, description=f"第{i}件") for i in (1, 2, 3)]
    f.register(town, clerk, month_start - timedelta(days=1), description="上个月的申请")
    f.register(
        town, clerk, month_start, name="李四", phone="13900000002", id_number="E98765432", id_type="passport"
    )
    dr = f.register(town, clerk, TODAY(), description="本件")

    page = as_clerk.get(f"/office/requests/{dr.pk}/").content.decode()
    f.post_action(
        as_clerk,
        dr,
        "issue_fee_notice",
        on=TODAY().isoformat(),
        method="per_application",
        previous_in_month=12,
    )

    assert len(earlier) == 3
    assert re.search(r'name="issue_fee_notice-previous_in_month" value="3"', page)
    # The clerk's corrected figure is the one charged: the 13th application this month costs 100 元.
    assert FeeNotice.objects.get().amount_yuan == 100
