"""Personas and helpers for portal tests: 申请人 (anonymous browser), 经办人, 管理员; data through real services.

The bodies and 经办人 come from tests/persona_fixtures.py; `resident_id` and `staff` stay importable
from here (tests/browser uses them).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from gongkai.agencies.guide import AgencyGuide
from gongkai.agencies.models import Agency, Role
from tests.persona_fixtures import *  # noqa: F403 — fixtures are registered by name
from tests.personas import resident_id, staff

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _mail_and_rate_limits(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Rate-limit counters live in the cache: every test starts from zero.
    cache.clear()


@pytest.fixture
def admin_user(town: Agency) -> Any:
    return staff("xd_admin", town, Role.ADMIN)


@pytest.fixture
def guide(town: Agency) -> AgencyGuide:
    return AgencyGuide.objects.create(
        agency=town,
        classification="主动公开信息按条例第二十条、第二十一条分类编排。",
        how_to_obtain="在本专栏查阅；依申请公开可在网上、当面、邮寄或传真提出。",
        office_name="博野县小店镇党政综合办公室",
        office_address="河北省保定市博野县小店镇政府大院",
        office_hours="工作日 8:30-12:00，14:30-17:30",
        phone="0312-8123456",
        fax="0312-8123457",
        internet_contact="xdzwgk@example.gov.cn",
    )


def application_post(**overrides: Any) -> dict[str, Any]:
    """A complete, valid citizen application as the browser posts it (without the file)."""
    data: dict[str, Any] = {
        "applicant_type": "citizen",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": resident_id(),
        "credit_code": "",
        "phone": "13800000001",
        "email": "zhangsan@example.com",
        "address": "河北省保定市博野县小店镇东街1号",
        "description": "2025年小店镇农村道路建设项目的立项批复文件",
        "purpose": "了解本村道路建设情况",
        "information_form": "paper",
        "delivery_way": "post",
        "consent": "on",
        "submission_key": "key-0001-abcdefghijklmnop",
    }
    data.update(overrides)
    return data
