"""Attachments through the services: content checks, screening of reply material, and the acknowledgement."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Event, EventKind
from tests.personas import pdf_with_text, register, resident_id

RECEIVED = date(2026, 11, 2)
REPLY_ON = date(2026, 11, 6)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
CLEAN_PDF = pdf_with_text("Approval of the 2025 village road project", "Document 12 of 2025")


def _reply_material(dr: Any, clerk: Any, content: bytes, name: str = "批复.pdf") -> Any:
    return services.add_attachment(dr, actor=clerk, kind="reply", name=name, content=content, on=REPLY_ON)


def test_reply_material_with_an_id_number_and_a_phone_is_flagged_masked(town: Agency, clerk: Any) -> None:
    dr = register(town, clerk, RECEIVED)
    number = resident_id()

    attachment = _reply_material(dr, clerk, pdf_with_text(f"Applicant {number} tel 13812345678"))

    kinds = [f["kind"] for f in attachment.screening_findings]
    assert kinds == ["resident_id", "mobile"]
    stored = str(attachment.screening_findings)
    assert number not in stored and "13812345678" not in stored
    assert attachment.screening_findings[0]["text"] == number[:3] + "*" * 11 + number[-4:]
    assert attachment.needs_screening_acknowledgement


def test_clean_reply_material_needs_no_acknowledgement(town: Agency, clerk: Any, head: Any) -> None:
    dr = register(town, clerk, RECEIVED)

    attachment = _reply_material(dr, clerk, CLEAN_PDF)
    services.record_reply(dr, actor=head, on=REPLY_ON, outcome="granted", today=REPLY_ON)

    assert attachment.screened_at is not None and attachment.screening_findings == []
    assert dr.status == "replied"


def test_an_image_for_the_applicant_must_be_looked_at_by_a_person(town: Agency, clerk: Any) -> None:
    dr = register(town, clerk, RECEIVED)

    attachment = _reply_material(dr, clerk, PNG, name="现场照片.png")

    assert [f["kind"] for f in attachment.screening_findings] == ["unreadable"]


def test_material_that_stays_in_the_office_is_not_screened(town: Agency, clerk: Any) -> None:
    dr = register(town, clerk, RECEIVED)

    attachment = services.add_attachment(
        dr, actor=clerk, kind="identity_proof", name="身份证.pdf", content=pdf_with_text(resident_id())
    )

    assert attachment.screened_at is None and attachment.screening_findings == []


def test_the_reply_waits_until_the_findings_are_acknowledged(town: Agency, clerk: Any, head: Any) -> None:
    dr = register(town, clerk, RECEIVED)
    attachment = _reply_material(dr, clerk, pdf_with_text(f"ID {resident_id()}"))

    with pytest.raises(services.ActionRefused) as refused:
        services.record_reply(dr, actor=head, on=REPLY_ON, outcome="granted", today=REPLY_ON)
    services.acknowledge_screening(attachment, actor=clerk, on=REPLY_ON)
    services.record_reply(dr, actor=head, on=REPLY_ON, outcome="granted", today=REPLY_ON)

    assert "批复.pdf" in refused.value.message and "条例第十五条" in refused.value.message
    assert dr.status == "replied"
    event = Event.objects.get(disclosure_request=dr, kind=EventKind.SCREENING_ACKNOWLEDGED)
    assert event.actor == clerk and event.data["findings"] == ["身份证号码"]


def test_a_reply_letter_is_not_issued_before_the_findings_are_acknowledged(
    town: Agency, clerk: Any, head: Any, reviewer: Any
) -> None:
    dr = register(town, clerk, RECEIVED)
    services.record_reply(dr, actor=head, on=REPLY_ON, outcome="granted", today=REPLY_ON)
    _reply_material(dr, clerk, pdf_with_text("tel 13812345678"))
    letter = services.draft_letter(
        dr, actor=clerk, kind="reply.granted", title="政府信息公开申请答复书", body="经审查，予以公开。"
    )

    with pytest.raises(services.ActionRefused):
        services.issue_letter(letter, actor=reviewer, on=REPLY_ON)

    letter.refresh_from_db()
    assert letter.status == "draft" and letter.doc_number == ""


def test_acknowledging_twice_or_without_findings_is_refused(town: Agency, clerk: Any) -> None:
    dr = register(town, clerk, RECEIVED)
    flagged = _reply_material(dr, clerk, pdf_with_text("tel 13812345678"))
    clean = _reply_material(dr, clerk, CLEAN_PDF, name="clean.pdf")
    services.acknowledge_screening(flagged, actor=clerk)

    with pytest.raises(services.ActionRefused):
        services.acknowledge_screening(flagged, actor=clerk)
    with pytest.raises(services.ActionRefused):
        services.acknowledge_screening(clean, actor=clerk)


def test_staff_of_another_agency_cannot_acknowledge(town: Agency, clerk: Any, other_clerk: Any) -> None:
    dr = register(town, clerk, RECEIVED)
    attachment = _reply_material(dr, clerk, pdf_with_text("tel 13812345678"))

    with pytest.raises(services.PermissionRefused):
        services.acknowledge_screening(attachment, actor=other_clerk)

    attachment.refresh_from_db()
    assert attachment.needs_screening_acknowledgement


def test_the_applicant_cannot_upload_reply_material(town: Agency, clerk: Any) -> None:
    dr = register(town, clerk, RECEIVED)

    with pytest.raises(services.PermissionRefused):
        services.add_attachment(dr, actor=None, kind="reply", name="a.pdf", content=CLEAN_PDF)


@pytest.mark.parametrize(
    ("content", "kind", "message"),
    [
        (b"MZ\x90\x00 not a pdf", "reply", "只能上传PDF、JPG或PNG"),
        (b"%PDF-" + b"0" * services.MAX_ATTACHMENT_BYTES, "reply", "不能超过10MB"),
        (CLEAN_PDF, "secret_kind", "附件类别不正确"),
    ],
)
def test_bad_uploads_are_refused_in_chinese(
    town: Agency, clerk: Any, content: bytes, kind: str, message: str
) -> None:
    dr = register(town, clerk, RECEIVED)

    with pytest.raises(services.InvalidInput) as refused:
        services.add_attachment(dr, actor=clerk, kind=kind, name="a.pdf", content=content)

    assert message in refused.value.message
    assert not dr.attachments.exists()
