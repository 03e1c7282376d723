from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gongkai.agencies.models import Agency
from tests.publications.factories import make_agencies, staff


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def agencies(db: None) -> tuple[Agency, Agency, Agency]:
    return make_agencies()


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
