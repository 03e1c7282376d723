"""The JSON API end to end against a fresh database, and its permission matrix."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from gongkai.agencies.models import Agency
from gongkai.agencies.services import issue_api_token
from tests.personas import resident_id

pytestmark = pytest.mark.django_db

ID_NUMBER = resident_id()


def call(method: str, url: str, user: Any = None, body: dict[str, Any] | None = None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(user)}"} if user is not None else {}
    client = Client()
    if method == "GET":
        return client.get(url, **headers)
    return client.post(url, data=json.dumps(body or {}), content_type="application/json", **headers)


def new_request_body(agency: str = "boye-xiaodian", **overrides: Any) -> dict[str, Any]:
    body = {
        "agency": agency,
        "channel": "in_person",
        "received_on": "2026-03-02",
        "applicant": {
            "kind": "natural_person",
            "name": "张三",
            "id_number": ID_NUMBER,
            "phone": "13800000001",
        },
        "description": "2025年小店镇农村道路建设项目的立项批复文件",
    }
    body.update(overrides)
    return body


def test_the_documented_flow_works_end_to_end(town: Agency, clerk: Any, head: Any) -> None:
    created = call("POST", "/api/v1/requests", clerk, new_request_body())
    assert created.status_code == 201
    out = created.json()
    assert set(out) == {"id", "number", "tracking_code", "status", "due_on"}
    assert (out["number"], out["status"], out["due_on"]) == ("2026-0001", "in_progress", "2026-03-30")
    url = f"/api/v1/requests/{out['id']}"

    steps = [
        (clerk, {"action": "request_correction", "on": "2026-03-04", "items": "请写明文件文号"}),
        (clerk, {"action": "receive_correction", "on": "2026-03-09"}),
        (clerk, {"action": "start_consultation", "on": "2026-03-10", "party_name": "博野县某建筑公司"}),
        (clerk, {"action": "end_consultation", "on": "2026-03-13", "answer": "consent"}),
        (head, {"action": "extend", "on": "2026-03-16", "working_days": 10}),
        (head, {"action": "reply", "on": "2026-03-20", "outcome": "granted"}),
        (clerk, {"action": "archive", "on": "2026-03-23"}),
    ]
    for user, body in steps:
        answer = call("POST", url + "/actions", user, body)
        assert answer.status_code == 200, (body, answer.json())

    detail = call("GET", url, clerk).json()
    assert detail["status"] == "archived"
    assert detail["outcome"] == "granted"
    assert [e["kind"] for e in detail["events"]] == [
        "registered",
        "correction_requested",
        "correction_received",
        "consultation_started",
        "consultation_ended",
        "extended",
        "replied",
        "archived",
    ]
    assert detail["steps"] and isinstance(detail["working_days_left"], int)
    table = call("GET", "/api/v1/agencies/boye-xiaodian/table3/2026", clerk).json()
    assert table["new_received"]["natural_person"] == 1
    assert table["granted"]["total"] == 1


def test_chinese_is_not_escaped_and_the_id_number_is_never_returned(town: Agency, clerk: Any) -> None:
    out = call("POST", "/api/v1/requests", clerk, new_request_body()).json()

    raw = call("GET", f"/api/v1/requests/{out['id']}", clerk).content.decode()

    assert "张三" in raw
    assert ID_NUMBER not in raw
    assert ID_NUMBER[:3] + "*" * 13 + ID_NUMBER[-2:] in raw


def test_an_action_not_allowed_now_answers_409_in_chinese(town: Agency, clerk: Any) -> None:
    out = call("POST", "/api/v1/requests", clerk, new_request_body()).json()

    answer = call(
        "POST",
        f"/api/v1/requests/{out['id']}/actions",
        clerk,
        {"action": "receive_correction", "on": "2026-03-03"},
    )

    assert answer.status_code == 409
    assert "不能“收到补正”" in answer.json()["detail"]


def test_a_second_extension_answers_409(town: Agency, clerk: Any, head: Any) -> None:
    out = call("POST", "/api/v1/requests", clerk, new_request_body()).json()
    url = f"/api/v1/requests/{out['id']}/actions"
    call("POST", url, head, {"action": "extend", "on": "2026-03-10", "working_days": 5})

    answer = call("POST", url, head, {"action": "extend", "on": "2026-03-11", "working_days": 5})

    assert answer.status_code == 409


def test_bad_input_answers_422_with_chinese_field_messages(town: Agency, clerk: Any) -> None:
    bad_id = call(
        "POST",
        "/api/v1/requests",
        clerk,
        new_request_body(
            applicant={"kind": "natural_person", "name": "张三", "id_number": "123", "phone": "1"}
        ),
    )
    bad_date = call(
        "POST", "/api/v1/requests", clerk, new_request_body(received_on="2026-13-01", channel="pigeon")
    )

    assert bad_id.status_code == 422
    assert "18位" in bad_id.json()["errors"]["applicant.id_number"]
    assert bad_date.status_code == 422
    assert bad_date.json()["errors"]["received_on"] == "日期格式应为 YYYY-MM-DD。"
    assert "允许" in bad_date.json()["errors"]["channel"]


def test_a_withheld_reply_without_reasons_answers_422(town: Agency, clerk: Any, head: Any) -> None:
    out = call("POST", "/api/v1/requests", clerk, new_request_body()).json()

    answer = call(
        "POST",
        f"/api/v1/requests/{out['id']}/actions",
        head,
        {"action": "reply", "on": "2026-03-20", "outcome": "withheld.state_secret"},
    )

    assert answer.status_code == 422
    assert set(answer.json()["errors"]) == {"reasons", "basis"}


def test_an_online_style_registration_can_wait_for_confirmation(town: Agency, clerk: Any) -> None:
    out = call(
        "POST", "/api/v1/requests", clerk, new_request_body(channel="online", awaiting_confirmation=True)
    ).json()

    assert (out["status"], out["due_on"]) == ("pending_confirmation", None)
    confirmed = call(
        "POST",
        f"/api/v1/requests/{out['id']}/actions",
        clerk,
        {"action": "confirm_receipt", "on": "2026-03-02"},
    )
    assert confirmed.json()["due_on"] == "2026-03-30"


# --- permission matrix ------------------------------------------------------------------------------------


def test_no_token_answers_401_everywhere(town: Agency) -> None:
    for method, url in [
        ("POST", "/api/v1/requests"),
        ("GET", "/api/v1/requests/1"),
        ("POST", "/api/v1/requests/1/actions"),
        ("GET", "/api/v1/agencies/boye-xiaodian/table3/2026"),
    ]:
        assert call(method, url).status_code == 401
    assert Client().get("/api/v1/requests/1", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401


@pytest.mark.parametrize(
    ("persona", "read", "register", "act", "reply"),
    [
        # persona        GET   POST /requests  clerk action  reply (head only)
        ("clerk", 200, 201, 200, 403),
        ("reviewer", 200, 201, 200, 403),
        ("head", 200, 201, 200, 200),
        ("supervisor", 200, 403, 403, 403),  # reads below, acts in none
        ("other_clerk", 404, 404, 404, 404),  # another agency: nothing leaks
    ],
)
def test_permission_matrix(
    request: pytest.FixtureRequest,
    town: Agency,
    clerk: Any,
    persona: str,
    read: int,
    register: int,
    act: int,
    reply: int,
) -> None:
    user = request.getfixturevalue(persona)
    out = call("POST", "/api/v1/requests", clerk, new_request_body()).json()
    url = f"/api/v1/requests/{out['id']}"

    assert call("GET", url, user).status_code == read
    assert call("GET", "/api/v1/agencies/boye-xiaodian/table3/2026", user).status_code == (
        200 if read == 200 else 404
    )
    assert call("POST", "/api/v1/requests", user, new_request_body()).status_code == register
    assert (
        call(
            "POST",
            url + "/actions",
            user,
            {"action": "start_consultation", "on": "2026-03-03", "party_name": "某公司"},
        ).status_code
        == act
    )
    if act == 200:
        call(
            "POST",
            url + "/actions",
            clerk,
            {"action": "end_consultation", "on": "2026-03-04", "answer": "consent"},
        )
    assert (
        call(
            "POST", url + "/actions", user, {"action": "reply", "on": "2026-03-05", "outcome": "granted"}
        ).status_code
        == reply
    )


def test_the_openapi_schema_lists_the_endpoints(town: Agency) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]

    assert {
        "/api/v1/requests",
        "/api/v1/requests/{request_id}",
        "/api/v1/requests/{request_id}/actions",
    } <= set(paths)
