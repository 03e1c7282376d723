"""Registers → table 二: counts typed or imported (all or nothing), in force computed from dates."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from gongkai.agencies.models import Agency
from gongkai.core.annual_report.model import AnnualReport, t2_ref
from gongkai.publications import registers
from gongkai.publications.models import Measure, MonthlyTally, NormativeKind
from gongkai.publications.services import PublicationError, PublicationPermissionError
from gongkai.publications.statistics import table2_for
from tests.publications.factories import staff

pytestmark = pytest.mark.django_db


def test_table_2_is_computed_from_the_registers(town: Agency, clerk: Any) -> None:
    old = registers.record_normative_document(
        town,
        clerk,
        kind=NormativeKind.NORMATIVE_DOCUMENT,
        title="村级事务管理办法",
        issued_on=date(2023, 5, 1),
    )
    registers.record_normative_document(
        town,
        clerk,
        kind=NormativeKind.NORMATIVE_DOCUMENT,
        title="已到期的规定",
        issued_on=date(2024, 1, 1),
        expires_on=date(2025, 6, 30),
    )
    new = registers.record_normative_document(
        town,
        clerk,
        kind=NormativeKind.NORMATIVE_DOCUMENT,
        title="村级事务管理办法（修订）",
        issued_on=date(2025, 3, 1),
    )
    registers.record_normative_document(
        town, clerk, kind=NormativeKind.NORMATIVE_DOCUMENT, title="明年的文件", issued_on=date(2026, 2, 1)
    )
    registers.repeal_normative_document(
        old, clerk, repealed_on=date(2025, 3, 1), repealed_by="小政发〔2025〕3号"
    )
    for month, count in ((1, 3), (2, 0), (7, 5)):
        registers.record_monthly_tally(
            town, clerk, year=2025, month=month, measure=Measure.LICENSING, value=count
        )
    registers.record_monthly_tally(town, clerk, year=2025, month=4, measure=Measure.PENALTY, value=2)
    registers.record_monthly_tally(town, clerk, year=2025, month=4, measure=Measure.FEES, value="1.2345")
    registers.record_monthly_tally(town, clerk, year=2025, month=9, measure=Measure.FEES, value="0.5")
    registers.record_monthly_tally(town, clerk, year=2026, month=1, measure=Measure.LICENSING, value=99)

    table, records = table2_for(town, 2025)

    assert table["art20_1"]["normative_documents"] == {"issued": 1, "repealed": 1, "in_force": 1}
    assert table["art20_1"]["rules"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert table["art20_5"]["administrative_licensing"]["decisions"] == 8
    assert table["art20_6"]["administrative_penalty"]["decisions"] == 2
    assert table["art20_6"]["administrative_coercion"]["decisions"] == 0
    assert table["art20_8"]["administrative_fees"]["fee_amount"] == Decimal("1.7345")
    assert records[t2_ref("art20_1", "normative_documents", "in_force")] == [new.pk]
    assert len(records[t2_ref("art20_5", "administrative_licensing", "decisions")]) == 3
    # The engine's JSON contract accepts it as is.
    report = AnnualReport.blank("2021")
    report.t2 = table
    assert AnnualReport.from_dict(report.to_dict()).t2 == table


def test_a_later_monthly_entry_replaces_the_earlier_one(town: Agency, clerk: Any) -> None:
    registers.record_monthly_tally(town, clerk, year=2025, month=1, measure=Measure.PENALTY, value=4)
    registers.record_monthly_tally(town, clerk, year=2025, month=1, measure=Measure.PENALTY, value=5)

    assert MonthlyTally.objects.get().decisions == 5


@pytest.mark.parametrize(
    "measure, value, message",
    [
        (Measure.PENALTY, "-1", "整数"),
        (Measure.PENALTY, "2.5", "整数"),
        (Measure.FEES, "-0.1", "负数"),
        (Measure.FEES, "abc", "数字"),
        (Measure.FEES, "1.00001", "4位小数"),
    ],
)
def test_bad_values_are_refused(town: Agency, clerk: Any, measure: str, value: str, message: str) -> None:
    with pytest.raises(PublicationError, match=message):
        registers.record_monthly_tally(town, clerk, year=2025, month=1, measure=measure, value=value)


def test_only_clerks_and_heads_of_the_agency_keep_the_registers(
    town: Agency, other_town: Agency, reviewer: Any
) -> None:
    outsider = staff("外镇经办人", other_town, "clerk")

    for actor in (reviewer, outsider):
        with pytest.raises(PublicationPermissionError):
            registers.record_monthly_tally(town, actor, year=2025, month=1, measure=Measure.PENALTY, value=1)


CSV_OK = "年份,月份,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n2025,1,3,0,0,0.12\n2025,2,4,1,,0.3\n"


def test_a_valid_csv_is_imported(town: Agency, clerk: Any) -> None:
    report = registers.import_tallies(town, clerk, "2025台账.csv", CSV_OK.encode("utf-8-sig"))

    assert report.rejected == []
    assert report.accepted == 7  # the empty 行政强制 cell in February is "not reported", not zero
    assert report.summary() == "已从“2025台账.csv”导入 7 项月度数据。"
    assert MonthlyTally.objects.filter(measure=Measure.FEES).count() == 2


def test_a_file_with_one_bad_row_imports_nothing_and_lists_every_problem(town: Agency, clerk: Any) -> None:
    content = (
        "年份,月份,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n"
        "2025,1,3,0,0,0.12\n"
        "2025,13,4,1,0,0.3\n"
        "2025,3,两件,1,0,-2\n"
        "2025,1,1,0,0,0\n"
    )

    report = registers.import_tallies(town, clerk, "台账.csv", content.encode("gb18030"))

    assert MonthlyTally.objects.count() == 0
    assert [str(r) for r in report.rejected] == [
        "第3行「月份」：月份应为 1–12 的整数，实际为“13”。",
        "第4行「行政许可」：处理决定数量应为不小于0的整数。实际为“两件”。",
        "第4行「行政事业性收费（万元）」：收费金额不能为负数。实际为“-2”。",
        "第5行「行政许可」：2025年1月的数据与第2行重复。",
        "第5行「行政处罚」：2025年1月的数据与第2行重复。",
        "第5行「行政强制」：2025年1月的数据与第2行重复。",
        "第5行「行政事业性收费（万元）」：2025年1月的数据与第2行重复。",
    ]
    assert "未导入任何数据" in report.summary()


def test_an_xlsx_register_is_imported(town: Agency, clerk: Any) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["年份", "月份", "行政处罚", "行政事业性收费（单位：万元）"])
    sheet.append([2025, 5, 2, 1.5])
    sheet.append([2025, 6, 0, 0])
    out = io.BytesIO()
    book.save(out)

    report = registers.import_tallies(town, clerk, "台账.xlsx", out.getvalue())

    assert (report.accepted, report.rejected) == (4, [])
    table, _ = table2_for(town, 2025)
    assert table["art20_6"]["administrative_penalty"]["decisions"] == 2
    assert table["art20_8"]["administrative_fees"]["fee_amount"] == Decimal("1.5")


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("x.csv", "月份,行政许可\n1,2\n", "表头"),
        ("x.csv", "年份,月份,备注\n2025,1,无\n", "没有"),
        ("x.xlsx", "not a workbook", "不是有效的 XLSX"),
        ("x.pdf", "whatever", "只支持 CSV 和 XLSX"),
    ],
)
def test_unreadable_files_get_a_clear_reason(
    town: Agency, clerk: Any, name: str, content: str, reason: str
) -> None:
    report = registers.import_tallies(town, clerk, name, content.encode())

    assert report.accepted == 0
    assert reason in str(report.rejected[0])
