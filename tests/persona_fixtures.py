"""Shared fixtures for the Django tests: the demo bodies and the staff personas of tests/personas.py.

A conftest takes them all with `from tests.persona_fixtures import *  # noqa: F403` (pytest registers
the fixtures found in a conftest's namespace; `__all__` lists them). They are lazy, except the autouse
`isolated_files`.

Personas: 经办人 `clerk`, 审核人 `reviewer`, 负责人 `head` of 小店镇; 上级 `supervisor` (a reviewer of
the county); `other_clerk`, a clerk of another body (自然资源和规划局). `as_*` are logged-in clients.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from gongkai.agencies.models import Agency, Role
from tests.personas import logged_in, make_agencies, staff

Agencies = tuple[Agency, Agency, Agency]

__all__ = [
    "agencies",
    "as_clerk",
    "as_head",
    "as_other_clerk",
    "as_reviewer",
    "as_supervisor",
    "clerk",
    "county",
    "head",
    "isolated_files",
    "other_agency",
    "other_clerk",
    "reviewer",
    "supervisor",
    "town",
]


@pytest.fixture(autouse=True)
def isolated_files(settings: Any, tmp_path: Path) -> None:
    # Only the packaged calendar data and what a test adds (an imported 2027 file must not leak in);
    # uploaded and published files go to a temporary folder, never to var/.
    settings.GONGKAI_CALENDAR_DIR = tmp_path / "calendar"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def agencies(db: Any) -> Agencies:
    return make_agencies()


@pytest.fixture
def county(agencies: Agencies) -> Agency:
    return agencies[0]


@pytest.fixture
def town(agencies: Agencies) -> Agency:
    return agencies[1]


@pytest.fixture
def other_agency(agencies: Agencies) -> Agency:
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
