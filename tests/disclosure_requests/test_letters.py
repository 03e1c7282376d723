"""Letters through the services: discarding drafts, numbering at issue, and files frozen when issued."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from typing import Any

import docx
import pdfplumber
import pytest

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import (
    AgencyLetterSettings,
    Event,
    EventKind,
    Letter,
    LetterStatus,
    RegistrationCounter,
)
from tests.personas import register, staff

RECEIVED = date(2026, 11, 2)
ISSUED = date(2026, 11, 4)


def _draft(dr: Any, clerk: Any, title: str = "政府信息公开申请登记回执") -> Letter:
    return services.draft_letter(
        dr,
        actor=clerk,
        kind="receipt",
        title=title,
        body="你于2026年11月2日提出的政府信息公开申请已收到。",
        context={"addressee": "张三", "signer": "博野县小店镇人民政府"},
        on=RECEIVED,
    )


def _replied(town: Agency, clerk: Any, head: Any) -> Any:
    dr = register(town, clerk, RECEIVED)
    return services.record_reply(dr, actor=head, on=ISSUED, outcome="granted", today=ISSUED)


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


# --- discarding drafts ------------------------------------------------------------------------------


def test_a_discarded_draft_no_longer_blocks_the_archive(town: Agency, clerk: Any, head: Any) -> None:
    dr = _replied(town, clerk, head)
    letter = _draft(dr, clerk)
    with pytest.raises(services.ActionRefused) as refused:
        services.archive(dr, actor=clerk, on=ISSUED)

    services.discard_letter(letter, actor=clerk, on=ISSUED, reason="重复起草")
    services.archive(dr, actor=clerk, on=ISSUED)

    assert "废弃草稿" in refused.value.message and "《政府信息公开申请登记回执》" in refused.value.message
    dr.refresh_from_db()
    assert dr.status == "archived"
    letter.refresh_from_db()
    assert letter.status == LetterStatus.DISCARDED
    assert letter.discarded_by == clerk and letter.discarded_at is not None


def test_discarding_keeps_the_row_and_records_who_and_when(town: Agency, clerk: Any) -> None:
    dr = register(town, clerk, RECEIVED)
    letter = _draft(dr, clerk)

    services.discard_letter(letter, actor=clerk, on=ISSUED, reason="内容有误")

    assert Letter.objects.filter(pk=letter.pk).exists()
    event = Event.objects.get(disclosure_request=dr, kind=EventKind.LETTER_DISCARDED)
    assert event.actor == clerk and event.on == ISSUED and event.at is not None
    assert event.data == {
        "letter_id": letter.pk,
        "kind": "receipt",
        "title": "政府信息公开申请登记回执",
        "reason": "内容有误",
    }


def test_an_issued_letter_cannot_be_discarded(town: Agency, clerk: Any, reviewer: Any) -> None:
    dr = register(town, clerk, RECEIVED)
    letter = services.issue_letter(_draft(dr, clerk), actor=reviewer, on=ISSUED)

    with pytest.raises(services.ActionRefused) as refused:
        services.discard_letter(letter, actor=clerk, on=ISSUED)

    assert "签发后不可废弃" in refused.value.message
    letter.refresh_from_db()
    assert letter.status == LetterStatus.ISSUED
    assert not Event.objects.filter(kind=EventKind.LETTER_DISCARDED).exists()


def test_a_discarded_draft_cannot_be_issued_or_discarded_again(
    town: Agency, clerk: Any, reviewer: Any
) -> None:
    dr = register(town, clerk, RECEIVED)
    letter = services.discard_letter(_draft(dr, clerk), actor=clerk, on=ISSUED)

    with pytest.raises(services.ActionRefused) as issuing:
        services.issue_letter(letter, actor=reviewer, on=ISSUED)
    with pytest.raises(services.ActionRefused) as again:
        services.discard_letter(letter, actor=clerk, on=ISSUED)

    assert "已废弃" in issuing.value.message and "已经废弃" in again.value.message
    letter.refresh_from_db()
    assert letter.doc_number == "" and letter.status == LetterStatus.DISCARDED


def test_only_staff_of_the_agency_may_discard(
    town: Agency, clerk: Any, other_clerk: Any, supervisor: Any
) -> None:
    dr = register(town, clerk, RECEIVED)
    letter = _draft(dr, clerk)

    for outsider in (other_clerk, supervisor):
        with pytest.raises(services.PermissionRefused):
            services.discard_letter(letter, actor=outsider, on=ISSUED)

    letter.refresh_from_db()
    assert letter.status == LetterStatus.DRAFT


def test_letters_cannot_be_deleted(town: Agency, clerk: Any) -> None:
    dr = register(town, clerk, RECEIVED)
    letter = _draft(dr, clerk)

    with pytest.raises(Exception, match="废弃草稿"):
        letter.delete()

    assert Letter.objects.filter(pk=letter.pk).exists()


# --- numbering at issue -----------------------------------------------------------------------------------


def test_letters_issued_one_after_another_get_consecutive_unique_numbers(
    town: Agency, other_agency: Agency, clerk: Any, reviewer: Any, other_clerk: Any
) -> None:
    dr = register(town, clerk, RECEIVED)
    first, second = _draft(dr, clerk), _draft(dr, clerk)
    other_dr = register(other_agency, other_clerk, RECEIVED, name="李四", phone="13900000002")
    other_reviewer = staff("zr_reviewer", other_agency, "reviewer")

    services.issue_letter(first, actor=reviewer, on=ISSUED)
    services.issue_letter(second, actor=reviewer, on=ISSUED)
    elsewhere = services.issue_letter(_draft(other_dr, other_clerk), actor=other_reviewer, on=ISSUED)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.doc_number == "小政信公〔2026〕第1号"
    assert second.doc_number == "小政信公〔2026〕第2号"
    assert elsewhere.doc_number == "自然资源政信公〔2026〕第1号"
    counter = RegistrationCounter.objects.get(agency=town, year=2026, kind="letter")
    assert counter.last == 2


def test_a_pattern_without_the_year_that_would_repeat_a_number_is_refused(
    town: Agency, clerk: Any, reviewer: Any
) -> None:
    AgencyLetterSettings.objects.create(agency=town, doc_number_pattern="{short}政信公第{seq}号")
    dr = register(town, clerk, date(2025, 12, 1))
    last_year = services.issue_letter(_draft(dr, clerk), actor=reviewer, on=date(2025, 12, 3))
    this_year = _draft(dr, clerk)

    with pytest.raises(services.ActionRefused) as refused:
        services.issue_letter(this_year, actor=reviewer, on=date(2026, 1, 5))

    assert last_year.doc_number == "小政信公第1号"
    assert "{year}" in refused.value.message and "已被本机关其他文书使用" in refused.value.message
    this_year.refresh_from_db()
    assert this_year.status == LetterStatus.DRAFT and this_year.doc_number == ""


def test_a_broken_pattern_is_refused_in_chinese_and_uses_no_number(
    town: Agency, clerk: Any, reviewer: Any
) -> None:
    AgencyLetterSettings.objects.create(agency=town, doc_number_pattern="{short}政信公〔{year}〕")
    dr = register(town, clerk, RECEIVED)
    letter = _draft(dr, clerk)

    with pytest.raises(services.ActionRefused) as refused:
        services.issue_letter(letter, actor=reviewer, on=ISSUED)

    assert "{seq}" in refused.value.message and "文书设置" in refused.value.message
    assert not RegistrationCounter.objects.filter(agency=town, kind="letter").exists()


# --- files frozen at issue --------------------------------------------------------------------------------


def test_the_issued_files_carry_the_document_number(town: Agency, clerk: Any, reviewer: Any) -> None:
    dr = register(town, clerk, RECEIVED)

    letter = services.issue_letter(_draft(dr, clerk), actor=reviewer, on=ISSUED)

    docx_bytes = letter.docx_file.read()
    with pdfplumber.open(io.BytesIO(letter.pdf_file.read())) as pdf:
        pdf_text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "小政信公〔2026〕第1号" in _docx_text(docx_bytes)
    assert "小政信公〔2026〕第1号" in pdf_text.replace(" ", "")
    event = Event.objects.get(disclosure_request=dr, kind=EventKind.LETTER_ISSUED)
    assert event.data["docx_sha256"] == hashlib.sha256(docx_bytes).hexdigest()


def test_a_draft_has_no_stored_files(town: Agency, clerk: Any) -> None:
    dr = register(town, clerk, RECEIVED)

    letter = _draft(dr, clerk)

    assert not letter.docx_file and not letter.pdf_file
