"""Public API: apply (idempotent, validated like the form) and follow the application with the codes."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Attachment, DisclosureRequest
from tests.personas import resident_id
from tests.portal.conftest import PDF_BYTES

pytestmark = pytest.mark.urls("tests.portal.api_urls")


def _body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "agency": "boye-xiaodian",
        "applicant_type": "citizen",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": resident_id(),
        "phone": "13800000001",
        "email": "zhangsan@example.com",
        "address": "小店镇东街1号",
        "description": "2025年小店镇农村道路建设项目的立项批复文件",
        "information_form": "paper",
        "delivery_way": "post",
        "identity_proof": {"name": "id.pdf", "content_base64": base64.b64encode(PDF_BYTES).decode()},
        "consent": True,
    }
    body.update(overrides)
    return body


def _post(client: Client, body: dict[str, Any], key: str = "") -> Any:
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(
        "/api/v1/public/applications", json.dumps(body), content_type="application/json", **headers
    )


def test_an_application_answers_number_code_and_pending_status(client: Client, town: Agency) -> None:
    response = _post(client, _body(), key="k1")

    assert response.status_code == 201
    data = response.json()
    assert set(data) == {"number", "tracking_code", "status"}
    assert data["status"] == "pending_confirmation"
    disclosure_request = DisclosureRequest.objects.get()
    assert (disclosure_request.number, disclosure_request.tracking_code) == (
        data["number"],
        data["tracking_code"],
    )
    assert disclosure_request.channel == "online"
    assert Attachment.objects.filter(kind="identity_proof").count() == 1


def test_the_same_idempotency_key_registers_once(client: Client, town: Agency) -> None:
    first = _post(client, _body(), key="same")
    again = _post(client, _body(), key="same")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert DisclosureRequest.objects.count() == 1


def test_bad_fields_answer_422_with_chinese_messages_per_field(client: Client, town: Agency) -> None:
    response = _post(client, _body(phone="123", id_number="130637198001011230", consent=False))

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "联系电话格式不正确" in errors["phone"]
    assert "校验位不正确" in errors["id_number"]
    assert "同意" in errors["consent"]
    assert "\\u" not in response.content.decode()  # Chinese is not escaped


def test_a_fake_file_is_refused(client: Client, town: Agency) -> None:
    fake = {"name": "id.pdf", "content_base64": base64.b64encode(b"GIF89a....").decode()}

    response = _post(client, _body(identity_proof=fake))

    assert (
        response.status_code == 422 and "只能上传PDF、JPG或PNG" in response.json()["errors"]["identity_proof"]
    )


def test_following_an_application_shows_status_due_date_and_no_staff_data(
    client: Client, town: Agency
) -> None:
    from tests.personas import staff

    clerk = staff("xd_clerk_api", town, "clerk")
    clerk.first_name = "内部人员"
    clerk.save()
    created = _post(client, _body(), key="k2").json()
    disclosure_request = DisclosureRequest.objects.get()
    today = timezone.localdate()
    services.confirm_receipt(disclosure_request, actor=clerk, on=today, today=today)

    response = client.get(
        f"/api/v1/public/applications/{created['number']}", {"code": created["tracking_code"]}
    )

    data = response.json()
    assert response.status_code == 200
    assert data["status"] == "in_progress" and data["status_label"] == "办理中"
    assert data["due_on"] and data["due_explanation"]
    assert [e["title"] for e in data["timeline"]] == ["提交申请", "上传材料", "本机关确认收到申请"]
    text = response.content.decode()
    assert "内部人员" not in text and "xd_clerk_api" not in text
    assert resident_id() not in text  # the identity number is not echoed back


def test_a_wrong_code_answers_the_same_404_as_an_unknown_number(client: Client, town: Agency) -> None:
    created = _post(client, _body(), key="k3").json()

    wrong_code = client.get(f"/api/v1/public/applications/{created['number']}", {"code": "ZZZZZZZZZZ"})
    unknown = client.get("/api/v1/public/applications/2099-0001", {"code": created["tracking_code"]})

    assert wrong_code.status_code == unknown.status_code == 404
    assert wrong_code.json() == unknown.json()


def test_submissions_are_rate_limited(client: Client, town: Agency, settings: Any) -> None:
    settings.GONGKAI_PORTAL_SUBMISSIONS_PER_IP_PER_HOUR = 1
    _post(client, _body(), key="a")

    refused = _post(client, _body(id_number=resident_id("11010519491231002")), key="b")

    assert refused.status_code == 429 and "过多" in refused.json()["detail"]
