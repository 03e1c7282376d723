"""Rate limits and the self-hosted challenge on submissions (issue #6 item 7)."""

from __future__ import annotations

import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests.models import DisclosureRequest
from tests.personas import resident_id
from tests.portal.conftest import PDF_BYTES, application_post


def _post(client: Client, agency: Agency, n: int, **overrides: Any) -> Any:
    data = application_post(
        submission_key=f"key-{n}", id_number=resident_id(f"130637198001011{n:02d}"), **overrides
    )
    data["identity_proof"] = SimpleUploadedFile("id.pdf", PDF_BYTES, content_type="application/pdf")
    return client.post(f"/{agency.code}/apply/", data)


def _answer(html: str) -> str:
    match = re.search(r"验证问题：(\d)（.）加 (\d)（.）等于多少", html)
    assert match, "the arithmetic question is shown"
    return str(int(match.group(1)) + int(match.group(2)))


def test_after_a_few_submissions_an_arithmetic_question_is_asked(
    client: Client, town: Agency, settings: Any
) -> None:
    settings.GONGKAI_PORTAL_CHALLENGE_AFTER_SUBMISSIONS = 2
    assert "验证问题" not in client.get(f"/{town.code}/apply/").content.decode()
    assert _post(client, town, 1).status_code == 302
    assert _post(client, town, 2).status_code == 302

    form_html = client.get(f"/{town.code}/apply/").content.decode()
    unanswered = _post(client, town, 3)
    assert unanswered.status_code == 400 and "请回答验证问题" in unanswered.content.decode()
    wrong = _post(client, town, 3, challenge_answer="99")
    assert wrong.status_code == 400 and "答案不正确" in wrong.content.decode()
    right = _post(client, town, 3, challenge_answer=_answer(wrong.content.decode()))

    assert "验证问题" in form_html
    assert right.status_code == 302
    assert DisclosureRequest.objects.count() == 3


def test_too_many_submissions_from_one_address_are_refused_in_chinese(
    client: Client, town: Agency, settings: Any
) -> None:
    settings.GONGKAI_PORTAL_SUBMISSIONS_PER_IP_PER_HOUR = 2
    settings.GONGKAI_PORTAL_CHALLENGE_AFTER_SUBMISSIONS = 100
    _post(client, town, 1)
    _post(client, town, 2)

    refused = _post(client, town, 3)

    assert refused.status_code == 429
    assert "一小时内提交的申请过多" in refused.content.decode()
    assert DisclosureRequest.objects.count() == 2


def test_one_applicant_is_limited_per_day_whatever_the_address(
    client: Client, town: Agency, settings: Any
) -> None:
    settings.GONGKAI_PORTAL_SUBMISSIONS_PER_APPLICANT_PER_DAY = 1
    settings.GONGKAI_PORTAL_CHALLENGE_AFTER_SUBMISSIONS = 100
    same_person = resident_id()
    first = application_post(submission_key="a", id_number=same_person)
    first["identity_proof"] = SimpleUploadedFile("id.pdf", PDF_BYTES)
    client.post(f"/{town.code}/apply/", first)
    second = application_post(submission_key="b", id_number=same_person, description="另一份文件")
    second["identity_proof"] = SimpleUploadedFile("id.pdf", PDF_BYTES)

    refused = Client(REMOTE_ADDR="10.0.0.9").post(f"/{town.code}/apply/", second)

    assert refused.status_code == 429
    assert "同一申请人今天在网上提交的申请已达上限" in refused.content.decode()
