"""Personas for the back-office (tests/persona_fixtures.py): 经办人, 审核人, 负责人 of 小店镇, a 上级 on the
county, a clerk of another body, and logged-in clients for each. Data is made through the real services.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.persona_fixtures import *  # noqa: F403 — fixtures are registered by name


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
