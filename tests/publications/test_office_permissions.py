"""Every back-office URL × role × own/other agency; anonymous visitors are sent to the login page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Agency, Membership
from gongkai.publications import registers, services
from gongkai.publications.models import NormativeKind, Publication, Status
from tests.publications.factories import draft, staff

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.publications.urls")]

ROLES = ("clerk", "reviewer", "head", "admin")


@pytest.fixture
def world(town: Agency, other_town: Agency, clerk: Any, reviewer: Any, head: Any) -> dict[str, Any]:
    publication = draft(town, clerk)
    attachment = services.add_attachment(publication, clerk, ContentFile("电话13812345678".encode()), "a.txt")
    services.submit_for_review(publication, clerk)
    finding = services.open_findings(publication)[0]
    referral = services.refer_to_secrecy_office(
        publication, reviewer, office="县保密局", question="是否涉密", referred_on=date(2026, 3, 3)
    )
    document = registers.record_normative_document(
        town, clerk, kind=NormativeKind.NORMATIVE_DOCUMENT, title="办法", issued_on=date(2025, 1, 1)
    )
    return {"p": publication, "a": attachment, "f": finding, "r": referral, "d": document}


def urls(agency: Agency, w: dict[str, Any]) -> list[tuple[str, str]]:
    code, pk = agency.code, w["p"].pk
    get = [
        reverse("publications_office:list", args=[code]),
        reverse("publications_office:create-draft", args=[code]),
        reverse("publications_office:detail", args=[code, pk]),
        reverse("publications_office:edit-draft", args=[code, pk]),
        reverse("publications_office:registers", args=[code]),
        reverse("publications_office:import-template", args=[code]),
        reverse("publications_office:table2", args=[code, 2025]),
        reverse("publications_office:timeliness", args=[code]),
        reverse("publications_office:new-media", args=[code]),
        reverse("publications_office:new-media-summary", args=[code]) + "?year=2026&month=3&half=1",
    ]
    post = [
        reverse("publications_office:submit-for-review", args=[code, pk]),
        reverse("publications_office:upload-attachment", args=[code, pk]),
        reverse("publications_office:remove-attachment", args=[code, pk, w["a"].pk]),
        reverse("publications_office:acknowledge-finding", args=[code, pk, w["f"].pk]),
        reverse("publications_office:fix-finding", args=[code, pk, w["f"].pk]),
        reverse("publications_office:refer-to-secrecy-office", args=[code, pk]),
        reverse("publications_office:record-secrecy-opinion", args=[code, pk, w["r"].pk]),
        reverse("publications_office:decide-review", args=[code, pk]),
        reverse("publications_office:approve", args=[code, pk]),
        reverse("publications_office:return-to-draft", args=[code, pk]),
        reverse("publications_office:publish", args=[code, pk]),
        reverse("publications_office:withdraw", args=[code, pk]),
        reverse("publications_office:reopen", args=[code, pk]),
        reverse("publications_office:record-channel", args=[code, pk]),
        reverse("publications_office:change-validity", args=[code, pk]),
        reverse("publications_office:record-tally", args=[code]),
        reverse("publications_office:import-tallies", args=[code]),
        reverse("publications_office:record-normative-document", args=[code]),
        reverse("publications_office:repeal-normative-document", args=[code, w["d"].pk]),
    ]
    return [("get", u) for u in get] + [("post", u) for u in post]


def test_anonymous_visitors_are_sent_to_log_in(world: dict[str, Any], town: Agency) -> None:
    client = Client()
    for method, url in urls(town, world):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/office/login/"), url


@pytest.mark.parametrize("role", ROLES)
def test_staff_of_another_agency_get_403_everywhere(
    world: dict[str, Any], town: Agency, other_town: Agency, role: str
) -> None:
    client = Client()
    client.force_login(staff(f"外镇{role}", other_town, role))
    for method, url in urls(town, world):
        assert getattr(client, method)(url).status_code == 403, (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_staff_of_the_agency_can_open_every_page(world: dict[str, Any], town: Agency, role: str) -> None:
    client = Client()
    client.force_login(staff(f"本镇{role}", town, role))
    for method, url in urls(town, world):
        if method != "get":
            continue
        expected = 403 if role == "reviewer" and ("/new/" in url or "/edit/" in url) else 200
        assert client.get(url).status_code == expected, (role, url)


def test_a_supervisor_on_the_county_reads_but_cannot_act(
    world: dict[str, Any], agencies: Any, town: Agency
) -> None:
    county = agencies[0]
    client = Client()
    client.force_login(staff("县审核人", county, "reviewer", "head", "clerk"))

    assert (
        client.get(reverse("publications_office:detail", args=[town.code, world["p"].pk])).status_code == 200
    )
    for method, url in urls(town, world):
        if method == "post":
            assert (
                client.post(
                    url, {"reason": "x", "note": "x", "basis": "x", "decision": "publish"}
                ).status_code
                == 403
            ), url


@pytest.mark.parametrize(
    "role, action, expected",
    [
        ("clerk", "approve", 403),
        ("reviewer", "approve", 403),
        ("clerk", "decide-review", 403),
        ("head", "decide-review", 403),
        ("clerk", "acknowledge-finding", 403),
        ("reviewer", "record-tally", 403),
    ],
)
def test_actions_outside_ones_role_are_refused(
    world: dict[str, Any], town: Agency, role: str, action: str, expected: int
) -> None:
    client = Client()
    client.force_login(staff(f"本镇{role}2", town, role))
    args: list[Any] = [town.code]
    if action not in ("record-tally",):
        args.append(world["p"].pk)
    if action == "acknowledge-finding":
        args.append(world["f"].pk)
    data = {
        "basis": "同意",
        "decision": "publish",
        "note": "可公开",
        "year": "2025",
        "month": "1",
        "measure": "administrative_penalty",
        "value": "1",
    }

    response = client.post(reverse(f"publications_office:{action}", args=args), data)

    assert response.status_code == expected


def test_the_full_journey_through_the_office_pages_ends_on_the_portal(
    town: Agency, clerk: Any, reviewer: Any, head: Any
) -> None:
    clerk_client, reviewer_client, head_client = Client(), Client(), Client()
    clerk_client.force_login(clerk)
    reviewer_client.force_login(reviewer)
    head_client.force_login(head)
    import io

    import docx

    from gongkai.core.identity import resident_id_check_char

    resident_id = "13063719851231002" + resident_id_check_char("13063719851231002")

    response = clerk_client.post(
        reverse("publications_office:create-draft", args=[town.code]),
        {
            "title": "2026年困难群众临时救助公示",
            "made_on": "2026-03-02",
            "category": "art21_t8",
            "summary": "公示临时救助对象。",
            "body": "详见附件。",
        },
    )
    publication = Publication.objects.get()
    assert response.status_code == 302
    document = docx.Document()
    document.add_paragraph(f"李某 身份证号 {resident_id}")
    buffer = io.BytesIO()
    document.save(buffer)
    upload = ContentFile(buffer.getvalue(), name="名单.docx")
    clerk_client.post(
        reverse("publications_office:upload-attachment", args=[town.code, publication.pk]), {"file": upload}
    )
    clerk_client.post(reverse("publications_office:submit-for-review", args=[town.code, publication.pk]))
    page = reviewer_client.get(
        reverse("publications_office:detail", args=[town.code, publication.pk])
    ).content.decode()
    assert resident_id in page and "身份证号码" in page

    refused = reviewer_client.post(
        reverse("publications_office:decide-review", args=[town.code, publication.pk]),
        {"decision": "publish", "basis": "同意"},
        follow=True,
    )
    assert "未处理" in refused.content.decode()
    attachment = publication.attachments.get()
    reviewer_client.post(
        reverse("publications_office:remove-attachment", args=[town.code, publication.pk, attachment.pk]),
        {"reason": "含身份证号"},
    )
    reviewer_client.post(
        reverse("publications_office:decide-review", args=[town.code, publication.pk]),
        {"decision": "publish", "basis": "已删除含个人信息的附件"},
    )
    head_client.post(reverse("publications_office:approve", args=[town.code, publication.pk]))
    clerk_client.post(
        reverse("publications_office:publish", args=[town.code, publication.pk]),
        {"published_on": "2026-03-10"},
    )

    publication.refresh_from_db()
    assert publication.status == Status.PUBLISHED
    portal = Client().get(reverse("catalogue:catalogue", args=[town.code]))
    assert "2026年困难群众临时救助公示" in portal.content.decode()
    assert publication.index_number in portal.content.decode()


def test_an_admin_holds_every_role(world: dict[str, Any], town: Agency) -> None:
    admin = get_user_model().objects.create_user("管理员")
    Membership.objects.create(user=admin, agency=town, role="admin")
    client = Client()
    client.force_login(admin)

    response = client.post(
        reverse("publications_office:record-tally", args=[town.code]),
        {"year": "2025", "month": "1", "measure": "administrative_penalty", "value": "1"},
    )

    assert response.status_code == 302
