"""The parsers against real published reports (../shared/fixtures/reports, expected values in expected.json)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from gongkai.core.annual_report.format import T2_2019_BLOCKS, layout, sections
from gongkai.core.annual_report.model import AnnualReport, t2_ref
from gongkai.core.annual_report.parse import parse_file
from tests.conftest import REPORTS


def _expected_t2(expected: dict[str, Any]) -> dict[str, dict[str, dict[str, object]]]:
    """expected.json's T2 with the fee amount as a Decimal (the JSON holds a float or a string)."""
    out: dict[str, dict[str, dict[str, object]]] = {}
    for block, rows in expected["T2"].items():
        for row, cols in rows.items():
            for col, value in cols.items():
                if col == "fee_amount" and value is not None:
                    value = Decimal(str(value))
                out.setdefault(block, {}).setdefault(row, {})[col] = value
    return out


@pytest.fixture(scope="module")
def xiaodian() -> AnnualReport:
    return parse_file(REPORTS / "xiaodian-2023.txt")


@pytest.fixture(scope="module")
def pingtan() -> AnnualReport:
    return parse_file(REPORTS / "pingtan-2021.txt")


@pytest.fixture(scope="module")
def shanghai() -> AnnualReport:
    return parse_file(REPORTS / "shanghai-2019.html")


# -- the seed: xiaodian-2023.txt ------------------------------------------------------------------------


def test_the_seed_is_a_2021_edition_report_for_2023_by_the_town_government(xiaodian: AnnualReport) -> None:
    assert xiaodian.edition == "2021"
    assert xiaodian.year == 2023
    # The seed names its body only in section 六: 「2023年博野县小店镇政府未收取…」.
    assert xiaodian.agency == "博野县小店镇人民政府"
    assert (xiaodian.period_start, xiaodian.period_end) == (date(2023, 1, 1), date(2023, 12, 31))


def test_every_cell_of_the_seed_is_zero(xiaodian: AnnualReport, expected_reports: dict[str, Any]) -> None:
    expected = expected_reports["xiaodian-2023.txt"]

    assert xiaodian.t3 == expected["T3"]
    assert xiaodian.t4 == expected["T4"]
    assert xiaodian.t2 == _expected_t2(expected)
    cells = [v for rows in xiaodian.t2.values() for cols in rows.values() for v in cols.values()]
    cells += [v for cols in xiaodian.t3.values() for v in cols.values()] + list(xiaodian.t4.values())
    assert len(cells) == 10 + 25 * 7 + 15
    assert all(v == 0 for v in cells)
    assert xiaodian.uncertain == []


def test_the_seed_has_its_six_sections_in_order_with_their_text(xiaodian: AnnualReport) -> None:
    assert xiaodian.section_order == [s.id for s in sections()]
    assert xiaodian.sections["overview"].startswith("我镇在县委、县政府的正确领导下")
    assert "及时调整局政务公开领导小组" in xiaodian.sections["overview"]
    assert xiaodian.sections["other_matters"].endswith("未收取政府信息公开信息处理费。")
    # Tables are not text: no table label leaks into the sections.
    assert not any("|" in t or "第二十条" in t for t in xiaodian.sections.values())
    assert xiaodian.preamble.startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert xiaodian.preamble.endswith("至2023年12月31日止。")


# -- pingtan-2021.txt: crawler text with glued cells ----------------------------------------------------


def test_pingtan_glued_t3_and_t4_are_split_exactly(
    pingtan: AnnualReport, expected_reports: dict[str, Any]
) -> None:
    expected = expected_reports["pingtan-2021.txt"]

    assert pingtan.t3 == expected["T3"]
    assert pingtan.t4 == expected["T4"]
    # The identities leave one split for every T3/T4 row: nothing there is uncertain.
    assert not [u for u in pingtan.uncertain if u.startswith(("T3", "T4"))]


def test_pingtan_t2_is_right_where_determinable_and_the_rest_is_listed_uncertain(
    pingtan: AnnualReport, expected_reports: dict[str, Any]
) -> None:
    expected = _expected_t2(expected_reports["pingtan-2021.txt"])
    lay = layout("2021")

    for block in lay.t2_blocks:
        for row in block.rows:
            for col in block.columns:
                ref = t2_ref(block.id, row.id, col.id)
                got = pingtan.t2[block.id][row.id][col.id]
                if ref not in pingtan.uncertain:
                    assert got == expected[block.id][row.id][col.id], ref
    # 「行政规范性文件693665」 has several splits (6|93|665, 69|3|665, …): it must be reported.
    assert "T2.art20_1[normative_documents][issued]" in pingtan.uncertain
    # 「规章 000」 and the one-column rows have a single split.
    assert "T2.art20_1[rules][issued]" not in pingtan.uncertain
    assert pingtan.t2["art20_8"]["administrative_fees"]["fee_amount"] == Decimal("24252.311082")


def test_pingtan_metadata_comes_from_the_crawler_header_and_the_text(pingtan: AnnualReport) -> None:
    assert pingtan.edition == "2021"
    assert pingtan.year == 2021
    assert pingtan.title == "平潭综合实验区2021年度政府信息公开工作年度报告"
    # The title names only the area; the text names its body (「平潭综合实验区管委会」).
    assert pingtan.agency == "平潭综合实验区管理委员会"
    assert pingtan.published_on == date(2022, 2, 8)
    assert pingtan.section_order == [s.id for s in sections()]
    # Navigation chrome and the trailing 「附件下载」 are not report text.
    assert "当前位置" not in pingtan.preamble
    assert pingtan.preamble.startswith("根据《中华人民共和国政府信息公开条例》")
    assert pingtan.sections["other_matters"] == "2021年，无收取信息处理费情况。"
    assert pingtan.sections["applications"] == ""


# -- shanghai-2019.html: the 2019 trial edition, empty 总计 cells -----------------------------------------


def test_shanghai_is_a_2019_edition_report(shanghai: AnnualReport) -> None:
    assert shanghai.edition == "2019"
    assert shanghai.year == 2019
    assert shanghai.agency == "上海市人民政府办公厅"
    assert shanghai.published_on == date(2020, 1, 31)
    assert (shanghai.period_start, shanghai.period_end) == (date(2019, 1, 1), date(2019, 12, 31))
    assert shanghai.section_order == [s.id for s in sections()]
    assert shanghai.sections["other_matters"] == "无。"


def test_shanghai_tables_keep_printed_empty_cells_as_none(
    shanghai: AnnualReport, expected_reports: dict[str, Any]
) -> None:
    expected = expected_reports["shanghai-2019.html"]

    assert shanghai.t3 == expected["T3"]
    assert shanghai.t4 == expected["T4"]
    assert shanghai.t3["granted"]["total"] is None  # the 总计 of the result rows is printed empty
    assert shanghai.t3["other"]["natural_person"] is None  # 2019: （六）其他处理 is one row with cells
    assert shanghai.uncertain == []


def test_shanghai_t2_maps_the_printed_2019_labels_to_our_ids(
    shanghai: AnnualReport, expected_reports: dict[str, Any]
) -> None:
    printed = expected_reports["shanghai-2019.html"]["T2"]
    expected: dict[str, dict[str, dict[str, object]]] = {}
    for block in T2_2019_BLOCKS:
        for row in block.rows:
            for col in block.columns:
                value = printed[block.label][row.label][col.label]
                expected.setdefault(block.id, {}).setdefault(row.id, {})[col.id] = value

    assert shanghai.t2 == expected
    assert shanghai.t2["art20_9"]["centralized_procurement"]["procurement_amount"] == "251000元"
