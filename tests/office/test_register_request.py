"""Registering a paper application in the back-office (条例第二十九条、第三十一条)."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from gongkai.disclosure_requests.models import DisclosureRequest
from tests.office import factories as f
from tests.personas import ID_NUMBER, credit_code


def _form(client: Client, **overrides: Any) -> dict[str, Any]:
    html = client.get("/office/requests/new/").content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f]+)"', html)
    assert key
    data = {
        "agency": "boye-xiaodian",
        "submission_key": key.group(1),
        "channel": "in_person",
        "submitted_on": f.today().isoformat(),
        "kind": "natural_person",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "phone": "13800000001",
        "address": "河北省保定市博野县小店镇东街1号",
        "description": "2025年小店镇农村道路建设项目的立项批复文件",
        "information_form": "paper",
        "delivery_way": "post",
    }
    data.update(overrides)
    return data


def test_a_clerk_registers_a_paper_application(town: Any, as_clerk: Client) -> None:
    response = as_clerk.post("/office/requests/new/", _form(as_clerk))

    dr = DisclosureRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/office/requests/{dr.pk}/"
    assert dr.status == "in_progress" and dr.received_on == f.today() and dr.due_on is not None
    page = as_clerk.get(response["Location"]).content.decode()
    assert f"已登记，申请编号 {dr.number}" in page


def test_a_wrong_check_digit_is_shown_next_to_the_field_and_nothing_typed_is_lost(
    town: Any, as_clerk: Client
) -> None:
    wrong = ID_NUMBER[:17] + ("0" if ID_NUMBER[17] != "0" else "1")

    response = as_clerk.post("/office/requests/new/", _form(as_clerk, id_number=wrong, name="李四"))

    html = response.content.decode()
    assert response.status_code == 422
    assert DisclosureRequest.objects.count() == 0
    field = html[html.index('id="field-id_number"') :]
    field = field[: field.index("</div>")]
    assert "校验位不正确" in field
    assert f'value="{wrong}"' in html and 'value="李四"' in html
    assert "2025年小店镇农村道路建设项目的立项批复文件" in html


def test_a_posted_application_needs_the_signing_date(town: Any, as_clerk: Client) -> None:
    response = as_clerk.post("/office/requests/new/", _form(as_clerk, channel="post"))

    assert response.status_code == 422
    assert "签收日期" in response.content.decode()
    assert DisclosureRequest.objects.count() == 0


def test_an_unconfirmed_fax_waits_for_confirmation(town: Any, as_clerk: Client) -> None:
    as_clerk.post("/office/requests/new/", _form(as_clerk, channel="fax"))

    dr = DisclosureRequest.objects.get()
    assert dr.status == "pending_confirmation" and dr.received_on is None and dr.due_on is None


def test_a_double_submit_registers_once(town: Any, as_clerk: Client) -> None:
    data = _form(as_clerk)

    first = as_clerk.post("/office/requests/new/", data)
    second = as_clerk.post("/office/requests/new/", data)

    assert DisclosureRequest.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert "没有重复登记" in as_clerk.get(second["Location"]).content.decode()


def test_earlier_similar_requests_by_the_same_applicant_are_shown(
    town: Any, clerk: Any, as_clerk: Client
) -> None:
    earlier = f.register(town, clerk, f.working_day_before(f.today(), 10))

    response = as_clerk.post("/office/requests/new/", _form(as_clerk))

    page = as_clerk.get(response["Location"]).content.decode()
    assert "相似的申请" in page
    assert f'href="/office/requests/{earlier.pk}/"' in page


def test_an_organisation_is_registered_in_its_table3_column(town: Any, as_clerk: Client) -> None:
    as_clerk.post(
        "/office/requests/new/",
        _form(
            as_clerk,
            kind="legal_service",
            name="河北正明律师事务所",
            id_type="",
            id_number="",
            credit_code=credit_code(),
        ),
    )

    assert DisclosureRequest.objects.get().applicant.kind == "legal_service"


def _field_html(html: str, name: str) -> str:
    start = html.index(f'id="field-{name}"')
    return html[start : html.index("</div>", start)]


def test_the_receipt_date_fields_name_their_channels_and_show_without_javascript(
    town: Any, as_clerk: Client
) -> None:
    html = as_clerk.get("/office/requests/new/").content.decode()

    signed, confirmed = _field_html(html, "signed_on"), _field_html(html, "confirmed_on")
    channel = _field_html(html, "channel")

    # 条例第三十一条: 邮寄 → 签收之日; 平常信函、互联网、传真 → 确认之日; the script hides the rest.
    assert 'data-channels="post"' in signed and "邮寄签收日期" in signed and "签收之日" in signed
    assert 'data-channels="letter online fax"' in confirmed and "确认之日" in confirmed
    assert "以提交之日为收到申请之日" in channel and "以双方确认之日为准" in channel
    assert " hidden" not in signed and " hidden" not in confirmed and "disabled" not in signed
    assert "input[data-channels]" in html


def test_a_posted_application_is_received_on_the_day_it_was_signed_for(town: Any, as_clerk: Client) -> None:
    signed = f.working_day_before(f.today(), 1)
    posted = f.working_day_before(f.today(), 4)

    as_clerk.post(
        "/office/requests/new/",
        _form(as_clerk, channel="post", submitted_on=posted.isoformat(), signed_on=signed.isoformat()),
    )

    dr = DisclosureRequest.objects.get()
    assert dr.submitted_on == posted and dr.received_on == signed
