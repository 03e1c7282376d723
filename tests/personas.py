"""The demo bodies, staff and applicants every Django test uses; data goes through the real services.

Plain functions only (no pytest): test modules call them directly, and tests/persona_fixtures.py wraps
them as fixtures that each conftest imports by name.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from gongkai.agencies.models import Agency, AgencyKind, Membership
from gongkai.core.identity import is_social_credit_code, resident_id_check_char
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import DisclosureRequest

PASSWORD = "pw-for-tests"


def resident_id(first17: str = "13063719800101123") -> str:
    """A valid 18-digit resident identity number (GB 11643 check character computed)."""
    return first17 + resident_id_check_char(first17)


ID_NUMBER = resident_id()


def credit_code(first17: str = "91130637MA0ABCDE1") -> str:
    """A valid unified social credit code (the check character found by trying each one)."""
    for ch in "0123456789ABCDEFGHJKLMNPQRTUWXY":
        if is_social_credit_code(first17 + ch):
            return first17 + ch
    raise AssertionError("no check character fits")


def make_county_and_town() -> tuple[Agency, Agency]:
    """博野县人民政府 and its township 小店镇 (short name 「小」, used in document numbers)."""
    county = Agency.objects.create(code="boye", name="博野县人民政府", kind=AgencyKind.COUNTY_GOVERNMENT)
    town = Agency.objects.create(
        code="boye-xiaodian",
        name="博野县小店镇人民政府",
        short_name="小",
        kind=AgencyKind.TOWNSHIP,
        parent=county,
    )
    return county, town


def make_agencies() -> tuple[Agency, Agency, Agency]:
    """County, town, and another body under the county (自然资源和规划局, short name 「自然资源」)."""
    county, town = make_county_and_town()
    other = Agency.objects.create(
        code="boye-zrzy",
        name="博野县自然资源和规划局",
        short_name="自然资源",
        kind=AgencyKind.COUNTY_DEPARTMENT,
        parent=county,
    )
    return county, town, other


def staff(username: str, agency: Agency, *roles: str, password: str | None = PASSWORD) -> Any:
    """A user with the given roles in `agency`; the display name is the username.

    `password=None` leaves the password unusable (hashing is slow; force_login does not need one).
    """
    user = get_user_model().objects.create_user(username, password=password, first_name=username)
    for role in roles:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


def logged_in(user: Any, client: Client | None = None) -> Client:
    """A test client (a new one unless given) with `user` logged in."""
    client = client or Client()
    client.force_login(user)
    return client


def applicant_data(**overrides: Any) -> services.ApplicantData:
    """张三, a natural person with a valid identity number; any field can be overridden."""
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
    today: date | None = None,
    **applicant: Any,
) -> DisclosureRequest:
    """Register an application through the service (received today unless given).

    The clock is computed as of `today`, which defaults to the receipt date: a request received in
    the past is seen as on its first day unless the test says otherwise.
    """
    received_on = received_on or timezone.localdate()
    return services.register_request(
        agency=agency,
        actor=actor,
        channel=channel,
        submitted_on=received_on,
        applicant=applicant_data(**applicant),
        description=description,
        today=today or received_on,
    ).disclosure_request


def pdf_with_text(*lines: str) -> bytes:
    """A small real PDF whose text layer holds `lines` (ASCII, Helvetica), for upload and screening tests."""
    stream = "BT /F1 12 Tf 72 720 Td 16 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out
