"""Small factories for back-office tests; every request and letter goes through the real services."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from gongkai.agencies.models import Agency, AgencyKind, Membership
from gongkai.core.identity import resident_id_check_char
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import DisclosureRequest, Letter

ID_FIRST17 = "13063719800101123"
ID_NUMBER = ID_FIRST17 + resident_id_check_char(ID_FIRST17)


def today() -> date:
    return timezone.localdate()


def working_day_before(d: date, n: int) -> date:
    """A date about n working days before d (Mon–Fri, ignoring holidays: good enough to place a test)."""
    day = d
    while n > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def staff(username: str, agency: Agency, *roles: str) -> Any:
    user = get_user_model().objects.create_user(username, password="pw-for-tests", first_name=username)
    for role in roles:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


def make_agencies() -> tuple[Agency, Agency, Agency]:
    county = Agency.objects.create(code="boye", name="博野县人民政府", kind=AgencyKind.COUNTY_GOVERNMENT)
    town = Agency.objects.create(
        code="boye-xiaodian",
        name="博野县小店镇人民政府",
        short_name="小",
        kind=AgencyKind.TOWNSHIP,
        parent=county,
    )
    other = Agency.objects.create(
        code="boye-zrzy",
        name="博野县自然资源和规划局",
        short_name="博自然资源",
        kind=AgencyKind.COUNTY_DEPARTMENT,
        parent=county,
    )
    return county, town, other


def applicant(**overrides: Any) -> services.ApplicantData:
    values: dict[str, Any] = {
        "kind": "natural_person",
        "name": "张三",
        "id_number": ID_NUMBER,
        "phone": "13800000001",
        "address": "河北省保定市博野县小店镇东街1号",
    }
    values.update(overrides)
    return services.ApplicantData(**values)


def register(
    agency: Agency,
    actor: Any,
    received_on: date | None = None,
    *,
    channel: str = "in_person",
    description: str = "2025年小店镇农村道路建设项目的立项批复文件",
    **applicant_overrides: Any,
) -> DisclosureRequest:
    received_on = received_on or today()
    return services.register_request(
        agency=agency,
        actor=actor,
        channel=channel,
        submitted_on=received_on,
        applicant=applicant(**applicant_overrides),
        description=description,
    ).disclosure_request


def replied(
    agency: Agency, clerk: Any, head: Any, received_on: date | None = None, **kw: Any
) -> DisclosureRequest:
    dr = register(agency, clerk, received_on or working_day_before(today(), 5), **kw)
    return services.record_reply(dr, actor=head, on=today(), outcome="granted")


def archived(agency: Agency, clerk: Any, head: Any) -> DisclosureRequest:
    dr = replied(agency, clerk, head)
    return services.archive(dr, actor=clerk, on=today())


def draft(dr: DisclosureRequest, clerk: Any, kind: str = "receipt") -> Letter:
    from gongkai.office import letters

    rendered = letters.render_draft(dr, kind)
    return services.draft_letter(
        dr,
        actor=clerk,
        kind=kind,
        body=letters.body_of(rendered),
        title=rendered.title,
        context=letters.stored_context(rendered),
    )


def issued(dr: DisclosureRequest, clerk: Any, reviewer: Any, kind: str = "receipt") -> Letter:
    return services.issue_letter(draft(dr, clerk, kind), actor=reviewer, on=today())


def form_token(client: Client, url: str) -> str:
    """The one-time token of the first form on the page at `url`."""
    html = client.get(url).content.decode()
    found = re.search(r'name="form_token" value="([^"]+)"', html)
    assert found, "no form token on the page"
    return found.group(1)


def post_action(client: Client, dr: DisclosureRequest, action: str, **fields: Any) -> Any:
    """Submit one action form of the request page as a browser would (with a fresh one-time token)."""
    token = form_token(client, f"/office/requests/{dr.pk}/")
    data = {f"{action}-{k}": v for k, v in fields.items()}
    data["form_token"] = token
    return client.post(f"/office/requests/{dr.pk}/actions/{action}/", data)


def credit_code(first17: str = "91130637MA0ABCDE1") -> str:
    """A valid unified social credit code (the check character found by trying each one)."""
    from gongkai.core.identity import is_social_credit_code

    for ch in "0123456789ABCDEFGHJKLMNPQRTUWXY":
        if is_social_credit_code(first17 + ch):
            return first17 + ch
    raise AssertionError("no check character fits")
