"""The demo loads through the real services, is idempotent, and table 二 for 2025 comes from its registers."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from gongkai.agencies.models import Agency
from gongkai.publications import demo, services
from gongkai.publications.models import Publication, Status
from gongkai.publications.statistics import table2_for

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_and_feeds_table_2(settings: object, tmp_path: object) -> None:
    out = io.StringIO()

    demo.load(out)
    demo.load(out)

    town = Agency.objects.get(code=demo.TOWN_CODE)
    assert Publication.objects.public().filter(agency=town).count() == len(demo.ITEMS)
    leaky = Publication.objects.get(title="小店镇2026年11月临时救助对象公示")
    assert leaky.status == Status.IN_REVIEW
    assert [f.kind for f in services.open_findings(leaky)] == ["resident_id"]
    table, _ = table2_for(town, 2025)
    assert table["art20_1"]["normative_documents"] == {"issued": 1, "repealed": 1, "in_force": 1}
    assert table["art20_5"]["administrative_licensing"]["decisions"] == sum(
        (m * 3) % 7 + 2 for m in range(1, 13)
    )
    assert table["art20_8"]["administrative_fees"]["fee_amount"] == Decimal("0.3400")
    assert "已存在，跳过" in out.getvalue()
