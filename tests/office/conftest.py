"""Personas for the back-office: 经办人, 审核人, 负责人 of 小店镇, a 上级 on the county, and a clerk of another body.

Data is made through the real services (tests/office/factories.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from gongkai.agencies.models import Agency, Role
from tests.office.factories import make_agencies, staff


@pytest.fixture(autouse=True)
def _isolated_files(settings: Any, tmp_path: Path) -> None:
    # Only the packaged calendar data (to 2026) and what a test adds; uploaded files in a temp folder.
    settings.GONGKAI_CALENDAR_DIR = tmp_path / "calendar"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def agencies(db: Any) -> tuple[Agency, Agency, Agency]:
    return make_agencies()


@pytest.fixture
def county(agencies: tuple[Agency, Agency, Agency]) -> Agency:
    return agencies[0]


@pytest.fixture
def town(agencies: tuple[Agency, Agency, Agency]) -> Agency:
    return agencies[1]


@pytest.fixture
def other_agency(agencies: tuple[Agency, Agency, Agency]) -> Agency:
    return agencies[2]


@pytest.fixture
def clerk(town: Agency) -> Any:
    return staff("xd_clerk", town, Role.CLERK)


@pytest.fixture
def reviewer(town: Agency) -> Any:
    return staff("xd_reviewer", town, Role.REVIEWER)


@pytest.fixture
def head(town: Agency) -> Any:
    return staff("xd_head", town, Role.HEAD)


@pytest.fixture
def supervisor(county: Agency) -> Any:
    return staff("boye_supervisor", county, Role.REVIEWER)


@pytest.fixture
def other_clerk(other_agency: Agency) -> Any:
    return staff("zr_clerk", other_agency, Role.CLERK)


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_clerk(clerk: Any) -> Client:
    return logged_in(clerk)


@pytest.fixture
def as_head(head: Any) -> Client:
    return logged_in(head)


@pytest.fixture
def as_reviewer(reviewer: Any) -> Client:
    return logged_in(reviewer)


@pytest.fixture
def as_supervisor(supervisor: Any) -> Client:
    return logged_in(supervisor)


@pytest.fixture
def as_other_clerk(other_clerk: Any) -> Client:
    return logged_in(other_clerk)


@pytest.fixture(autouse=True)
def _office_contacts(settings: Any) -> None:
    # The Agency model has no contact fields yet (see gongkai.office.letters.office_contact).
    settings.GONGKAI_AGENCY_CONTACTS = {
        "boye-xiaodian": {
            "office_address": "博野县小店镇政府大院",
            "office_phone": "0312-8300000",
            "contact_person": "刘经办",
        }
    }
