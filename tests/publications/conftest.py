"""Bodies and personas for the publication tests: the county and 小店镇 of tests/personas.py, and a
second township (城东镇) as the outsider."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gongkai.agencies.models import Agency, AgencyKind
from tests.personas import make_county_and_town
from tests.publications.factories import staff


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def agencies(db: None) -> tuple[Agency, Agency, Agency]:
    county, town = make_county_and_town()
    other = Agency.objects.create(
        code="boye-chengdong", name="博野县城东镇人民政府", kind=AgencyKind.TOWNSHIP, parent=county
    )
    return county, town, other


@pytest.fixture
def town(agencies: tuple[Agency, Agency, Agency]) -> Agency:
    return agencies[1]


@pytest.fixture
def other_town(agencies: tuple[Agency, Agency, Agency]) -> Agency:
    return agencies[2]


@pytest.fixture
def clerk(town: Agency) -> Any:
    return staff("经办人", town, "clerk")


@pytest.fixture
def reviewer(town: Agency) -> Any:
    return staff("审核人", town, "reviewer")


@pytest.fixture
def head(town: Agency) -> Any:
    return staff("负责人", town, "head")
