"""Table 三 from the records: hand-counted values for two years with carry-over, balanced by construction."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from gongkai.agencies.models import Agency
from gongkai.core.annual_report.model import t3_ref
from gongkai.core.annual_report.validate import ValidationOptions, validate
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.statistics import table3_for, table3_report, table3_xlsx
from tests.personas import applicant_data, credit_code, register, resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(town: Agency, clerk: Any, head: Any) -> dict[str, Any]:
    """R1 granted in 2025; R2 (a company) and R3 open over New Year; R4 open at the end of 2026;
    R5 withdrawn in 2026; R6 online and never confirmed (not legally received, so counted nowhere)."""
    r1 = register(town, clerk, date(2025, 3, 3))
    services.record_reply(r1, actor=head, on=date(2025, 3, 20), outcome="granted", today=date(2025, 3, 20))

    r2 = services.register_request(
        agency=town,
        actor=clerk,
        channel="post",
        submitted_on=date(2025, 12, 12),
        signed_on=date(2025, 12, 15),
        applicant=applicant_data(
            kind="commercial", name="博野县某建材有限公司", id_number="", credit_code=credit_code()
        ),
        description="小店镇砂石料场环评批复",
        today=date(2025, 12, 15),
    ).disclosure_request
    services.record_reply(
        r2,
        actor=head,
        on=date(2026, 1, 8),
        outcome="partially_granted",
        legal_basis="条例第三十七条",
        reasons="涉及个人信息部分不予公开",
        today=date(2026, 1, 8),
    )

    r3 = register(town, clerk, date(2025, 12, 22), name="王五", id_number=resident_id("13063719750505333"))
    services.request_correction(
        r3,
        actor=clerk,
        on=date(2025, 12, 23),
        items="写明文件名称",
        period_working_days=10,
        today=date(2025, 12, 23),
    )
    services.mark_abandoned(r3, actor=clerk, on=date(2026, 1, 20), today=date(2026, 1, 20))

    r4 = register(
        town,
        clerk,
        date(2026, 2, 2),
        kind="legal_service",
        name="河北某律师事务所",
        id_number="",
        credit_code=credit_code("31130000MD0123456"),
    )
    r5 = register(town, clerk, date(2026, 3, 2))
    services.withdraw(
        r5, actor=clerk, on=date(2026, 3, 4), reason="申请人电话告知撤回", today=date(2026, 3, 4)
    )

    services.register_request(
        agency=town,
        actor=None,
        channel="online",
        submitted_on=date(2026, 11, 27),
        applicant=applicant_data(),
        description="未确认的网上申请",
        today=date(2026, 11, 27),
    )
    return {"r1": r1, "r2": r2, "r3": r3, "r4": r4, "r5": r5}


def nonzero(table: dict[str, dict[str, int | None]]) -> dict[str, dict[str, int | None]]:
    return {r: {c: v for c, v in cols.items() if v} for r, cols in table.items() if any(cols.values())}


def test_table_three_for_2025_equals_the_hand_count(town: Agency, records: dict[str, Any]) -> None:
    table, _ = table3_for(town, 2025)

    assert nonzero(table) == {
        "new_received": {"natural_person": 2, "commercial": 1, "total": 3},
        "granted": {"natural_person": 1, "total": 1},
        "total_processed": {"natural_person": 1, "total": 1},
        "carried_forward": {"natural_person": 1, "commercial": 1, "total": 2},
    }


def test_table_three_for_2026_carries_2025_over_and_names_the_requests_behind_each_cell(
    town: Agency, records: dict[str, Any]
) -> None:
    table, ids = table3_for(town, 2026)

    assert nonzero(table) == {
        "new_received": {"natural_person": 1, "legal_service": 1, "total": 2},
        "carried_over": {"natural_person": 1, "commercial": 1, "total": 2},
        "partially_granted": {"commercial": 1, "total": 1},
        "other.no_correction": {"natural_person": 1, "total": 1},
        "other.other": {"natural_person": 1, "total": 1},
        "total_processed": {"natural_person": 2, "commercial": 1, "total": 3},
        "carried_forward": {"legal_service": 1, "total": 1},
    }
    assert ids[t3_ref("carried_over", "total")] == [records["r2"].pk, records["r3"].pk]
    assert ids[t3_ref("carried_forward", "legal_service")] == [records["r4"].pk]


def test_the_report_engine_finds_no_table_three_error_including_the_cross_year_check(
    town: Agency, records: dict[str, Any]
) -> None:
    previous = table3_report(town, 2025)
    current = table3_report(town, 2026)

    findings = validate(current, ValidationOptions(previous=previous))
    table_rules = [f for f in findings if f.rule.startswith(("T3", "X-001", "V-001"))]

    assert table_rules == []
    for column, value in current.t3["total_processed"].items():
        assert (
            current.t3["new_received"][column] + current.t3["carried_over"][column]
            == value + current.t3["carried_forward"][column]
        )


def test_the_xlsx_export_has_the_national_labels_and_values(town: Agency, records: dict[str, Any]) -> None:
    sheet = load_workbook(io.BytesIO(table3_xlsx(town, 2026))).active

    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=3, values_only=True)}

    assert rows["一、本年新收政府信息公开申请数量"][-1] == 2
    assert rows["四、结转下年度继续办理"][4] == 1  # 法律服务机构
