"""Following an application: codes, status, due date explained, timeline, letters, correction, withdrawal."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Attachment, DisclosureRequest
from tests.portal.conftest import PDF_BYTES, application_post

SUBMITTED_ON = date(2026, 11, 2)  # a Monday


def _apply_online(agency: Agency, **overrides: Any) -> DisclosureRequest:
    data = application_post(**overrides)
    return services.register_request(
        agency=agency,
        actor=None,
        channel="online",
        submitted_on=SUBMITTED_ON,
        applicant=services.ApplicantData(
            kind="natural_person",
            name=data["name"],
            id_number=data["id_number"],
            phone=data["phone"],
            email=data["email"],
        ),
        description=data["description"],
        information_form="paper",
        delivery_way="post",
        today=SUBMITTED_ON,
    ).disclosure_request


def _look_up(client: Client, disclosure_request: DisclosureRequest, code: str | None = None) -> Any:
    return client.post(
        "/track/",
        {"number": disclosure_request.number, "code": code or disclosure_request.tracking_code.lower()},
    )


def test_the_codes_open_the_application_and_it_shows_pending_confirmation(
    client: Client, town: Agency
) -> None:
    disclosure_request = _apply_online(town)

    response = _look_up(client, disclosure_request)
    html = client.get(response["Location"]).content.decode()

    assert response.status_code == 302
    assert "待确认" in html and "条例第三十一条" in html
    assert "提交申请" in html  # timeline


def test_a_wrong_code_gets_one_generic_message(client: Client, town: Agency) -> None:
    disclosure_request = _apply_online(town)

    wrong_code = _look_up(client, disclosure_request, code="ZZZZZZZZZZ")
    wrong_number = client.post("/track/", {"number": "2099-9999", "code": disclosure_request.tracking_code})

    assert wrong_code.status_code == wrong_number.status_code == 400
    message = "没有找到与这组申请编号和查询码对应的申请"
    assert message in wrong_code.content.decode() and message in wrong_number.content.decode()
    assert client.get("/track/application/").status_code == 302  # still locked out


def test_lookups_are_rate_limited_per_address(client: Client, town: Agency, settings: Any) -> None:
    settings.GONGKAI_PORTAL_FAILED_LOOKUPS_PER_IP_PER_15_MIN = 3
    disclosure_request = _apply_online(town)
    for _ in range(3):
        _look_up(client, disclosure_request, code="ZZZZZZZZZZ")

    blocked = _look_up(client, disclosure_request)  # even the right code waits now

    assert blocked.status_code == 429
    assert "输错次数过多" in blocked.content.decode()


def test_after_confirmation_the_due_date_and_its_explanation_show(
    client: Client, town: Agency, clerk: Any
) -> None:
    disclosure_request = _apply_online(town)
    services.confirm_receipt(disclosure_request, actor=clerk, on=date(2026, 11, 3), today=date(2026, 11, 3))

    _look_up(client, disclosure_request)
    html = client.get("/track/application/").content.decode()

    assert "办理中" in html
    assert "本机关确认收到申请" in html
    assert "答复期限" in html and "这个日期是怎么算出来的" in html
    # 20 working days from 2026-11-03 (no holidays in between): 2026-12-01.
    assert "2026年12月1日" in html


def test_staff_names_and_internal_events_are_not_shown(client: Client, town: Agency, clerk: Any) -> None:
    clerk.first_name = "内部经办人甲"
    clerk.save()
    disclosure_request = _apply_online(town)
    services.confirm_receipt(disclosure_request, actor=clerk, on=date(2026, 11, 3), today=date(2026, 11, 3))
    services.start_consultation(
        disclosure_request,
        actor=clerk,
        on=date(2026, 11, 4),
        party_kind="third_party",
        party_name="某某建筑公司",
        today=date(2026, 11, 4),
    )

    _look_up(client, disclosure_request)
    html = client.get("/track/application/").content.decode()

    assert "征求第三方意见" in html
    assert "某某建筑公司" not in html and "内部经办人甲" not in html and "xd_clerk" not in html


def test_online_correction_with_an_attachment_restarts_the_clock(
    client: Client, town: Agency, clerk: Any
) -> None:
    disclosure_request = _apply_online(town)
    services.confirm_receipt(disclosure_request, actor=clerk, on=date(2026, 11, 3), today=date(2026, 11, 3))
    services.request_correction(
        disclosure_request,
        actor=clerk,
        on=date(2026, 11, 4),
        items="请写明道路所在的村和项目年份",
        today=date(2026, 11, 4),
    )
    _look_up(client, disclosure_request)
    page = client.get("/track/application/").content.decode()
    assert "在线补正" in page and "请写明道路所在的村和项目年份" in page

    response = client.post(
        "/track/application/correction/",
        {
            "note": "东街村，2025年",
            "files": [SimpleUploadedFile("补正.pdf", PDF_BYTES, content_type="application/pdf")],
        },
    )

    disclosure_request.refresh_from_db()
    assert response.status_code == 302
    assert disclosure_request.status == "in_progress"
    assert Attachment.objects.filter(disclosure_request=disclosure_request, kind="correction").count() == 1
    assert "收到补正" in client.get("/track/application/").content.decode()


def test_a_correction_needs_a_note(client: Client, town: Agency, clerk: Any) -> None:
    disclosure_request = _apply_online(town)
    services.confirm_receipt(disclosure_request, actor=clerk, on=date(2026, 11, 3), today=date(2026, 11, 3))
    services.request_correction(
        disclosure_request, actor=clerk, on=date(2026, 11, 4), items="写明年份", today=date(2026, 11, 4)
    )
    _look_up(client, disclosure_request)

    response = client.post("/track/application/correction/", {"note": ""})

    assert response.status_code == 400
    assert "请填写补正说明" in response.content.decode()
    disclosure_request.refresh_from_db()
    assert disclosure_request.status == "awaiting_correction"


def test_withdrawal_needs_an_explicit_confirmation(client: Client, town: Agency) -> None:
    disclosure_request = _apply_online(town)
    _look_up(client, disclosure_request)

    unconfirmed = client.post("/track/application/withdraw/", {"reason": "已经找到了"})
    disclosure_request.refresh_from_db()
    assert unconfirmed.status_code == 400 and disclosure_request.status == "pending_confirmation"

    client.post("/track/application/withdraw/", {"reason": "已经找到了", "confirm": "on"})
    disclosure_request.refresh_from_db()
    assert disclosure_request.status == "withdrawn"
    assert "已撤回" in client.get("/track/application/").content.decode()


def test_issued_letters_to_the_applicant_download_but_drafts_do_not(
    client: Client, town: Agency, clerk: Any
) -> None:
    from tests.personas import staff

    reviewer = staff("xd_reviewer", town, "reviewer")
    disclosure_request = _apply_online(town)
    services.confirm_receipt(disclosure_request, actor=clerk, on=date(2026, 11, 3), today=date(2026, 11, 3))
    issued = services.draft_letter(disclosure_request, actor=clerk, kind="receipt", body="登记回执正文")
    services.issue_letter(issued, actor=reviewer, on=date(2026, 11, 3))
    draft = services.draft_letter(disclosure_request, actor=clerk, kind="extension_notice", body="草稿正文")
    _look_up(client, disclosure_request)

    html = client.get("/track/application/").content.decode()
    pdf = client.get(f"/track/application/letters/{issued.pk}.pdf")
    hidden = client.get(f"/track/application/letters/{draft.pk}.txt")

    assert "登记回执" in html and "延期答复告知书" not in html
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert hidden.status_code == 404


def test_letters_of_another_application_are_out_of_reach(client: Client, town: Agency, clerk: Any) -> None:
    from tests.personas import staff

    reviewer = staff("xd_reviewer", town, "reviewer")
    mine = _apply_online(town)
    other = _apply_online(town, submission_key="other", name="王五")
    letter = services.draft_letter(other, actor=clerk, kind="receipt", body="别人的回执")
    services.issue_letter(letter, actor=reviewer, on=date(2026, 11, 3))
    _look_up(client, mine)

    assert client.get(f"/track/application/letters/{letter.pk}.txt").status_code == 404


def test_the_agency_track_address_leads_to_the_lookup(client: Client, town: Agency) -> None:
    response = client.get(f"/{town.code}/apply/track/")

    assert response.status_code == 302 and response["Location"] == "/track/"
