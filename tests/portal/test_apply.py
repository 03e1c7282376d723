"""Online application (依申请公开): labels, validation, idempotency, the codes, 待确认 (条例第三十一条)."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests.models import Attachment, DisclosureRequest
from tests.personas import resident_id
from tests.portal.conftest import PDF_BYTES, PNG_BYTES, application_post

LABELS = (
    "申请人类型",
    "姓名",
    "证件类型",
    "证件号码",
    "统一社会信用代码",
    "联系电话",
    "电子邮箱",
    "通讯地址",
    "所需政府信息的名称、文号或描述",
    "所需信息的用途",
    "获取信息的方式",
    "提供方式",
)


def _post(client: Client, agency: Agency, **overrides: Any) -> Any:
    data = application_post(**overrides)
    if "identity_proof" not in overrides:
        data["identity_proof"] = SimpleUploadedFile("id.pdf", PDF_BYTES, content_type="application/pdf")
    return client.post(f"/{agency.code}/apply/", data)


def test_the_form_carries_exactly_the_statutory_labels(client: Client, town: Agency) -> None:
    html = client.get(f"/{town.code}/apply/").content.decode()

    for label in LABELS:
        assert re.search(rf"<(label|legend)[^>]*>(<span class=\"label-text\">)?{re.escape(label)}<", html), (
            label
        )
    for choice in ("公民", "法人或者其他组织", "纸质", "电子邮件", "光盘", "当面查阅", "邮寄", "自行领取"):
        assert f"> {choice}</label>" in html, choice
    for org_kind in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"):
        assert f"> {org_kind}</label>" in html, org_kind
    assert "个人信息" in html  # the consent line


def test_a_citizen_applies_and_gets_number_code_and_mail(client: Client, town: Agency) -> None:
    response = _post(client, town)

    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    disclosure_request = DisclosureRequest.objects.get()
    assert disclosure_request.number in done and disclosure_request.tracking_code in done
    # 条例第三十一条：互联网渠道以双方确认之日为收到申请之日 — until then 待确认 and no clock.
    assert disclosure_request.status == "pending_confirmation"
    assert disclosure_request.received_on is None and disclosure_request.due_on is None
    assert "待确认" in done
    assert len(mail.outbox) == 1
    assert disclosure_request.number in mail.outbox[0].body
    assert disclosure_request.tracking_code in mail.outbox[0].body
    assert mail.outbox[0].to == ["zhangsan@example.com"]
    proof = Attachment.objects.get()
    assert proof.kind == "identity_proof" and proof.content_type == "application/pdf"


def test_a_resubmitted_form_creates_one_application_and_one_mail(client: Client, town: Agency) -> None:
    first = _post(client, town)
    second = _post(client, town)

    assert first.status_code == second.status_code == 302
    assert DisclosureRequest.objects.count() == 1
    assert len(mail.outbox) == 1
    assert DisclosureRequest.objects.get().number in client.get(second["Location"]).content.decode()


def test_a_new_form_gets_a_new_key(client: Client, town: Agency) -> None:
    html_a = client.get(f"/{town.code}/apply/").content.decode()
    html_b = client.get(f"/{town.code}/apply/").content.decode()

    key = re.compile(r'name="submission_key" value="([^"]+)"')
    assert key.search(html_a).group(1) != key.search(html_b).group(1)  # type: ignore[union-attr]


def test_a_wrong_check_digit_is_reported_next_to_the_field_and_nothing_is_lost(
    client: Client, town: Agency
) -> None:
    good = resident_id()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")

    response = _post(client, town, id_number=bad, name="李四", description="某某文件")

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_id_number-error"' in html and "校验位不正确" in html
    assert re.search(
        r'<input[^>]*aria-invalid="true"[^>]*id="id_id_number"|<input[^>]*id="id_id_number"[^>]*aria-invalid="true"',
        html,
    ) or ('aria-describedby="id_id_number-help id_id_number-error"' in html)
    assert 'value="李四"' in html and "某某文件" in html and f'value="{bad}"' in html
    assert "请重新选择身份证明材料" in html  # the file cannot be kept: say so
    assert DisclosureRequest.objects.count() == 0


def test_error_messages_are_tied_to_their_fields(client: Client, town: Agency) -> None:
    response = _post(client, town, phone="12345", email="not-an-email", description="", consent="")

    html = response.content.decode()
    for field in ("phone", "email", "description", "consent"):
        assert f'id="id_{field}-error"' in html, field
    assert re.search(r'id="id_phone"', html)
    assert 'aria-describedby="id_phone-error"' in html
    assert "联系电话格式不正确" in html and "电子邮箱格式不正确" in html
    assert 'id="error-summary"' in html and 'href="#id_phone"' in html


def test_required_choices_and_upload_type_are_checked(client: Client, town: Agency) -> None:
    fake = SimpleUploadedFile("id.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")

    response = _post(client, town, information_form="", delivery_way="", identity_proof=fake)

    html = response.content.decode()
    assert "请选择获取信息的方式" in html and "请选择提供方式" in html
    assert "只能上传PDF、JPG或PNG文件" in html
    assert DisclosureRequest.objects.count() == 0


def test_an_upload_over_10_mb_is_refused(client: Client, town: Agency) -> None:
    big = SimpleUploadedFile("big.png", PNG_BYTES + b"\x00" * (10 * 1024 * 1024), content_type="image/png")

    html = _post(client, town, identity_proof=big).content.decode()

    assert "不能超过10MB" in html
    assert DisclosureRequest.objects.count() == 0


def test_email_is_required_when_delivery_is_by_email(client: Client, town: Agency) -> None:
    html = _post(client, town, email="", delivery_way="email").content.decode()

    assert "选择电子邮件方式时，请填写电子邮箱" in html


def test_an_organisation_applies_with_its_credit_code_and_type(client: Client, town: Agency) -> None:
    response = _post(
        client,
        town,
        applicant_type="organisation",
        org_kind="legal_service",
        name="河北某某律师事务所",
        id_number="",
        credit_code="91350100M000100Y43",
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    applicant = DisclosureRequest.objects.get().applicant
    assert applicant.kind == "legal_service"  # decides the 表三 column
    assert applicant.credit_code == "91350100M000100Y43"


def test_an_organisation_needs_a_valid_credit_code_and_a_type(client: Client, town: Agency) -> None:
    html = _post(
        client, town, applicant_type="organisation", id_number="", credit_code="91350100M000100Y44"
    ).content.decode()

    assert "校验位正确" in html and "请选择组织类型" in html
    assert '<span class="label-text">名称</span>' in html  # 名称, not 姓名, for an organisation


def test_similar_published_items_are_offered_before_applying(client: Client, town: Agency) -> None:
    from tests.portal.publishing import publish_item

    publish_item(town, "小店镇2025年农村道路建设项目立项批复", "关于农村道路建设项目的批复")

    fragment = client.get(
        f"/{town.code}/apply/similar/", {"description": "农村道路建设的批复"}
    ).content.decode()
    step = client.get(f"/{town.code}/apply/", {"q": "农村道路建设"}).content.decode()

    assert "这些信息可能已经公开" in fragment and "农村道路建设项目立项批复" in fragment
    assert "这些信息可能已经公开" in step and "农村道路建设项目立项批复" in step
    # The words searched are carried into the application form.
    assert re.search(r"<textarea[^>]*>农村道路建设</textarea>", step)


def test_nothing_similar_says_so(client: Client, town: Agency) -> None:
    fragment = client.get(
        f"/{town.code}/apply/similar/", {"description": "完全不相关的内容"}
    ).content.decode()

    assert "没有找到相近的已公开信息" in fragment
