"""Personas and bodies from tests/persona_fixtures.py; `bureau` is the county's 自然资源和规划局."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.agencies.models import Agency, Role
from tests.persona_fixtures import *  # noqa: F403 — fixtures are registered by name
from tests.persona_fixtures import Agencies
from tests.personas import staff


@pytest.fixture(autouse=True)
def _township_deadline(settings: Any) -> None:
    settings.GONGKAI_TOWNSHIP_REPORT_DEADLINE = "02-20"


@pytest.fixture
def bureau(agencies: Agencies) -> Agency:
    return agencies[2]


@pytest.fixture
def bureau_head(bureau: Agency) -> Any:
    return staff("zr_head", bureau, Role.HEAD)
