"""Every back-office URL × persona: anonymous → login; own staff → allowed; another body's staff → 404;
a supervisor on the parent → may read, may not act; head-only actions refused for a clerk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Attachment, Event, IdentityAccessLog, Letter, LetterStatus
from tests.office import factories as f
from tests.personas import logged_in, pdf_with_text

YEAR = f.today().year


@dataclass
class World:
    open_request: Any
    archived_request: Any
    draft_letter: Letter
    issued_letter: Letter
    attachment: Attachment


@pytest.fixture
def world(town: Any, clerk: Any, reviewer: Any, head: Any) -> World:
    open_request = f.register(town, clerk, f.working_day_before(f.today(), 3))
    archived_request = f.archived(town, clerk, head)
    return World(
        open_request=open_request,
        archived_request=archived_request,
        draft_letter=f.draft(open_request, clerk),
        issued_letter=f.issued(open_request, clerk, reviewer),
        attachment=services.add_attachment(
            open_request,
            actor=clerk,
            kind="reply",
            name="答复材料.pdf",
            content=pdf_with_text("tel 13812345678"),
        ),
    )


# (name, method, url builder) — GET pages are reads; POST endpoints are actions.
READS = {
    "request-detail": lambda w: f"/office/requests/{w.open_request.pk}/",
    "letter-detail": lambda w: f"/office/letters/{w.draft_letter.pk}/",
    "letter-file-docx": lambda w: f"/office/letters/{w.issued_letter.pk}/file.docx",
    "letter-file-pdf": lambda w: f"/office/letters/{w.issued_letter.pk}/file.pdf",
    "case-file": lambda w: f"/office/requests/{w.archived_request.pk}/case-file.pdf",
    "case-zip": lambda w: f"/office/requests/{w.archived_request.pk}/case-file.zip",
    "attachment-file": lambda w: f"/office/attachments/{w.attachment.pk}/",
}
AGENCY_PAGES = {
    "inbox": lambda w: "/office/",
    "register-book": lambda w: f"/office/register/{YEAR}/?agency=boye-xiaodian",
    "table3": lambda w: f"/office/table3/{YEAR}/?agency=boye-xiaodian",
    "table3-xlsx": lambda w: f"/office/table3/{YEAR}.xlsx?agency=boye-xiaodian",
}
ACTS = {
    "reveal-identity": lambda w: (f"/office/requests/{w.open_request.pk}/reveal-identity/", {}),
    "request-action": lambda w: (
        f"/office/requests/{w.open_request.pk}/actions/withdraw/",
        {"withdraw-on": f.today().isoformat(), "withdraw-reason": "申请人书面撤回"},
    ),
    "draft-letter": lambda w: (f"/office/requests/{w.open_request.pk}/letters/new/", {"kind": "receipt"}),
    "issue-letter": lambda w: (f"/office/letters/{w.draft_letter.pk}/issue/", {"on": f.today().isoformat()}),
    "record-delivery": lambda w: (
        f"/office/letters/{w.issued_letter.pk}/delivery/",
        {"method": "in_person", "delivered_on": f.today().isoformat()},
    ),
    "discard-letter": lambda w: (f"/office/letters/{w.draft_letter.pk}/discard/", {"reason": "不再需要"}),
    "upload-attachment": lambda w: (
        f"/office/requests/{w.open_request.pk}/attachments/new/",
        {"kind": "other"},
    ),
    "acknowledge-screening": lambda w: (f"/office/attachments/{w.attachment.pk}/acknowledge/", {}),
}
ALL = {**READS, **AGENCY_PAGES, **{k: (lambda w, b=b: b(w)[0]) for k, b in ACTS.items()}}


def _post(client: Client, url: str, data: dict[str, Any], token_page: str | None = None) -> Any:
    if token_page:
        data = {**data, "form_token": f.form_token(client, token_page)}
    return client.post(url, data)


@pytest.mark.parametrize("name", [*sorted(ALL), "register-request"])
def test_anonymous_visitors_are_sent_to_the_login_page(world: World, name: str) -> None:
    url = "/office/requests/new/" if name == "register-request" else ALL[name](world)

    response = Client().get(url) if name not in ACTS else Client().post(url, {})

    assert response.status_code == 302
    assert response["Location"].startswith("/office/login/?next=")


@pytest.mark.parametrize("name", sorted(READS))
def test_staff_of_the_agency_may_read(world: World, as_clerk: Client, name: str) -> None:
    response = as_clerk.get(READS[name](world))

    assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(READS))
def test_a_supervisor_on_the_parent_may_read(world: World, as_supervisor: Client, name: str) -> None:
    response = as_supervisor.get(READS[name](world))

    assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(READS) + sorted(ACTS))
def test_staff_of_another_agency_get_404(world: World, as_other_clerk: Client, name: str) -> None:
    if name in READS:
        response = as_other_clerk.get(READS[name](world))
    else:
        url, data = ACTS[name](world)
        response = as_other_clerk.post(url, data)

    assert response.status_code == 404


@pytest.mark.parametrize("name", sorted(AGENCY_PAGES))
def test_agency_pages_never_show_another_agencys_requests(
    world: World, as_other_clerk: Client, name: str
) -> None:
    # Asking for 小店镇 by code falls back to the clerk's own body: nothing of 小店镇 is shown.
    response = as_other_clerk.get(AGENCY_PAGES[name](world))

    assert response.status_code == 200
    if name != "table3-xlsx":
        body = response.content.decode()
        assert world.open_request.description not in body
        assert "小店镇人民政府" not in body


@pytest.mark.parametrize("name", sorted(AGENCY_PAGES))
def test_agency_pages_open_for_staff_and_supervisor(
    world: World, as_clerk: Client, as_supervisor: Client, name: str
) -> None:
    for client in (as_clerk, as_supervisor):
        response = client.get(AGENCY_PAGES[name](world))

        assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(ACTS))
def test_a_supervisor_on_the_parent_may_not_act(world: World, as_supervisor: Client, name: str) -> None:
    url, data = ACTS[name](world)
    events_before = Event.objects.count()

    response = as_supervisor.post(url, data)

    assert response.status_code == 403
    assert "只能查看" in response.content.decode() or "没有相应岗位" in response.content.decode()
    assert Event.objects.count() == events_before


def test_staff_may_take_each_kind_of_action(world: World, clerk: Any, reviewer: Any) -> None:
    as_clerk, as_reviewer = logged_in(clerk), logged_in(reviewer)
    detail = f"/office/requests/{world.open_request.pk}/"
    letter_page = f"/office/letters/{world.draft_letter.pk}/"
    issued_page = f"/office/letters/{world.issued_letter.pk}/"

    reveal = as_clerk.post(*ACTS["reveal-identity"](world))
    drafted = _post(as_clerk, *ACTS["draft-letter"](world), token_page=detail)
    issued = _post(as_reviewer, *ACTS["issue-letter"](world), token_page=letter_page)
    delivered = _post(as_clerk, *ACTS["record-delivery"](world), token_page=issued_page)
    withdrawn = _post(as_clerk, *ACTS["request-action"](world), token_page=detail)

    assert reveal.status_code == 200 and IdentityAccessLog.objects.count() == 1
    assert drafted.status_code == 302 and Letter.objects.count() == 3
    assert issued.status_code == 302
    world.draft_letter.refresh_from_db()
    assert world.draft_letter.status == LetterStatus.ISSUED
    assert delivered.status_code == 302 and world.issued_letter.deliveries.count() == 1
    assert withdrawn.status_code == 302
    world.open_request.refresh_from_db()
    assert world.open_request.status == "withdrawn"


def test_staff_may_discard_a_draft_upload_and_acknowledge(world: World, clerk: Any) -> None:
    as_clerk = logged_in(clerk)
    detail = f"/office/requests/{world.open_request.pk}/"
    upload_url, _ = ACTS["upload-attachment"](world)

    discarded = _post(as_clerk, *ACTS["discard-letter"](world), token_page=detail)
    uploaded = _post(
        as_clerk,
        upload_url,
        {"kind": "other", "file": SimpleUploadedFile("a.pdf", pdf_with_text("ok"))},
        token_page=detail,
    )
    acknowledged = _post(as_clerk, *ACTS["acknowledge-screening"](world), token_page=detail)

    assert discarded.status_code == 302 and uploaded.status_code == 302 and acknowledged.status_code == 302
    world.draft_letter.refresh_from_db()
    world.attachment.refresh_from_db()
    assert world.draft_letter.status == LetterStatus.DISCARDED
    assert world.open_request.attachments.count() == 2
    assert world.attachment.screening_acknowledged_by == clerk


def test_a_clerk_may_not_issue_a_letter(world: World, as_clerk: Client) -> None:
    page = as_clerk.get(f"/office/letters/{world.draft_letter.pk}/").content.decode()
    # No issue form is offered; a hand-made POST (token from another form) is refused by the service.
    response = _post(
        as_clerk, *ACTS["issue-letter"](world), token_page=f"/office/requests/{world.open_request.pk}/"
    )

    assert "须由审核人或负责人签发" in page
    world.draft_letter.refresh_from_db()
    assert world.draft_letter.status == LetterStatus.DRAFT
    assert "审核人" in as_clerk.get(response["Location"]).content.decode()


def test_a_clerk_may_not_extend_the_deadline(world: World, as_clerk: Client) -> None:
    page = as_clerk.get(f"/office/requests/{world.open_request.pk}/").content.decode()

    response = f.post_action(
        as_clerk, world.open_request, "extend", on=f.today().isoformat(), working_days=10, reason="需要调档"
    )

    assert "须由负责人办理" in page
    assert 'id="action-extend"' not in page  # shown disabled, not as a form
    assert response.status_code == 302
    world.open_request.refresh_from_db()
    assert not world.open_request.has_extension
    assert "负责人" in as_clerk.get(response["Location"]).content.decode()


def test_the_registration_page_is_for_staff_only(
    world: World, as_clerk: Client, as_supervisor: Client
) -> None:
    assert as_clerk.get("/office/requests/new/").status_code == 200
    # The supervisor holds a role on the county itself, so may register there — but sees no 小店镇 choice.
    page = as_supervisor.get("/office/requests/new/").content.decode()
    assert "博野县小店镇人民政府" not in page


def test_login_and_logout_pages_are_public(world: World, clerk: Any) -> None:
    client = Client()

    login_page = client.get("/office/login/")
    logged = client.post("/office/login/", {"username": "xd_clerk", "password": "pw-for-tests"})
    confirm = client.get("/office/logout/")
    out = client.post("/office/logout/")

    assert login_page.status_code == 200 and "登录" in login_page.content.decode()
    assert logged.status_code == 302 and logged["Location"] == "/office/"
    assert confirm.status_code == 200
    assert out.status_code == 302
    assert client.get("/office/").status_code == 302


def test_a_wrong_password_gives_a_chinese_message(db: Any, clerk: Any) -> None:
    response = Client().post("/office/login/", {"username": "xd_clerk", "password": "wrong"})

    assert "用户名或密码不正确" in response.content.decode()
