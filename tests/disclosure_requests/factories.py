"""Personas and small factories for disclosure-request tests (data goes through the real services)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency, AgencyKind, Membership, Role
from gongkai.core.identity import resident_id_check_char
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import DisclosureRequest


def resident_id(first17: str = "13063719800101123") -> str:
    return first17 + resident_id_check_char(first17)


def applicant_data(**overrides: Any) -> services.ApplicantData:
    values: dict[str, Any] = {
        "kind": "natural_person",
        "name": "张三",
        "id_number": resident_id(),
        "phone": "13800000001",
        "address": "河北省保定市博野县小店镇东街1号",
    }
    values.update(overrides)
    return services.ApplicantData(**values)


def staff(username: str, agency: Agency, *roles: str) -> Any:
    user = get_user_model().objects.create_user(username, password="pw-for-tests")
    for role in roles:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


def make_county_and_town() -> tuple[Agency, Agency, Agency]:
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
        short_name="自然资源",
        kind=AgencyKind.COUNTY_DEPARTMENT,
        parent=county,
    )
    return county, town, other


def register(
    agency: Agency,
    clerk: Any,
    received_on: date,
    *,
    channel: str = "in_person",
    description: str = "2025年小店镇农村道路建设项目的立项批复文件",
    today: date | None = None,
    **applicant: Any,
) -> DisclosureRequest:
    return services.register_request(
        agency=agency,
        actor=clerk,
        channel=channel,
        submitted_on=received_on,
        applicant=applicant_data(**applicant),
        description=description,
        today=today or received_on,
    ).disclosure_request


ROLES = Role


def credit_code(first17: str = "91130637MA0ABCDE1") -> str:
    """A valid unified social credit code (the check character found by trying each one)."""
    from gongkai.core.identity import is_social_credit_code

    for ch in "0123456789ABCDEFGHJKLMNPQRTUWXY":
        if is_social_credit_code(first17 + ch):
            return first17 + ch
    raise AssertionError("no check character fits")


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
