from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gongkai.agencies.models import Agency, Role
from tests.disclosure_requests.factories import make_county_and_town, staff


@pytest.fixture(autouse=True)
def _isolated_calendar(settings: Any, tmp_path: Path) -> None:
    # Only the package data (2004–2026) and what a test adds: an imported 2027 file must not leak in.
    settings.GONGKAI_CALENDAR_DIR = tmp_path / "calendar"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def agencies(db: Any) -> tuple[Agency, Agency, Agency]:
    return make_county_and_town()


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
def supervisor(agencies: tuple[Agency, Agency, Agency]) -> Any:
    return staff("boye_supervisor", agencies[0], Role.REVIEWER)


@pytest.fixture
def other_clerk(other_agency: Agency) -> Any:
    return staff("zr_clerk", other_agency, Role.CLERK)
