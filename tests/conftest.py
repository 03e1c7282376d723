"""Shared test setup: paths to the real documents in ../shared/fixtures and Chromium for Playwright."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The real published reports and State Council notices live beside the repository (../shared/fixtures);
# GONGKAI_FIXTURES overrides the location.
FIXTURES = Path(os.environ.get("GONGKAI_FIXTURES", ROOT.parent / "shared" / "fixtures"))
REPORTS = FIXTURES / "reports"
CALENDAR_NOTICES = FIXTURES / "calendar"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test that asks for the database is marked `db`, so CI can run exactly those against PostgreSQL.
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if (
            "db" in fixtures
            or "transactional_db" in fixtures
            or "live_server" in fixtures
            or item.get_closest_marker("django_db")
        ):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session")
def expected_reports() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REPORTS / "expected.json").read_text("utf-8"))["reports"]
    return data


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
