from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gongkai.agencies.models import Agency, Role
from tests.disclosure_requests.factories import make_county_and_town, staff


@pytest.fixture(autouse=True)
def _isolated_files(settings: Any, tmp_path: Path) -> None:
    # Published files and imported calendars go to a temporary folder, never to var/.
    settings.GONGKAI_CALENDAR_DIR = tmp_path / "calendar"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_TOWNSHIP_REPORT_DEADLINE = "02-20"


@pytest.fixture
def agencies(db: Any) -> tuple[Agency, Agency, Agency]:
    return make_county_and_town()


@pytest.fixture
def county(agencies: tuple[Agency, Agency, Agency]) -> Agency:
    return agencies[0]


@pytest.fixture
def town(agencies: tuple[Agency, Agency, Agency]) -> Agency:
    return agencies[1]


@pytest.fixture
def bureau(agencies: tuple[Agency, Agency, Agency]) -> Agency:
    return agencies[2]


@pytest.fixture
def clerk(town: Agency) -> Any:
    return staff("xd_clerk", town, Role.CLERK)


@pytest.fixture
def head(town: Agency) -> Any:
    return staff("xd_head", town, Role.HEAD)


@pytest.fixture
def supervisor(county: Agency) -> Any:
    return staff("boye_supervisor", county, Role.REVIEWER)


@pytest.fixture
def bureau_head(bureau: Agency) -> Any:
    return staff("zr_head", bureau, Role.HEAD)
