"""The demo county loads through the services, twice without duplicates, and its table 三 balances."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.disclosure_requests.statistics import table3_for

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_every_year_balances(settings: Any, tmp_path: Any) -> None:
    settings.GONGKAI_CALENDAR_DIR = tmp_path / "calendar"
    out = io.StringIO()

    call_command("load_demo", stdout=out)
    count = DisclosureRequest.objects.count()
    call_command("load_demo", stdout=out)

    assert DisclosureRequest.objects.count() == count > 50
    assert "xd_clerk" in out.getvalue()
    town = Agency.objects.get(code="boye-xiaodian")
    statuses = set(DisclosureRequest.objects.filter(agency=town).values_list("status", flat=True))
    assert {
        "pending_confirmation",
        "in_progress",
        "awaiting_correction",
        "in_consultation",
        "awaiting_fee",
        "replied",
        "abandoned",
        "archived",
    } <= statuses
    t2025, _ = table3_for(town, 2025)
    t2026, _ = table3_for(town, 2026)
    assert t2026["carried_over"] == t2025["carried_forward"]
    assert t2025["carried_forward"]["total"] > 0
    for table in (t2025, t2026):
        for column, processed in table["total_processed"].items():
            assert (
                table["new_received"][column] + table["carried_over"][column]
                == processed + table["carried_forward"][column]
            )
