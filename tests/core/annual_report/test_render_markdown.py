from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from gongkai.core.annual_report.format import layout, sections
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.render import render_markdown

_SPLIT = re.compile(r"(?<!\\)\|")


def _report() -> AnnualReport:
    report = AnnualReport.blank("2021")
    report.year = 2023
    report.agency = "保定市生态环境局"
    report.published_on = date(2024, 1, 31)
    report.sections = {s.id: "正文。" for s in sections()}
    report.section_order = [s.id for s in sections()]
    return report


def _tables(markdown: str) -> list[list[list[str]]]:
    """Each pipe table as rows of cell texts (escaped pipes kept inside their cell)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*markdown.split("\n"), ""]:
        if line.startswith("|"):
            current.append([c.strip() for c in _SPLIT.split(line)[1:-1]])
        elif current:
            tables.append(current)
            current = []
    return tables


def test_headings_are_h1_and_h2() -> None:
    markdown = render_markdown(_report())

    assert markdown.startswith("# 保定市生态环境局2023年政府信息公开工作年度报告\n\n")
    assert re.findall(r"^## (.+)$", markdown, re.M) == [s.label for s in sections()]
    assert markdown.rstrip().endswith("保定市生态环境局\n\n2024年1月31日")


def test_tables_are_rectangular_gfm_tables() -> None:
    tables = _tables(render_markdown(_report()))

    assert [len(t[0]) for t in tables] == [4, 10, 15]
    for table in tables:
        assert {len(row) for row in table} == {len(table[0])}
        assert all(re.fullmatch(r"-+:?", cell) for cell in table[1])


def test_merged_headers_repeat_over_the_columns_they_cover() -> None:
    t2, t3, t4 = _tables(render_markdown(_report()))

    assert t2[0] == ["第二十条第（一）项"] * 4
    assert t2[2] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert ["信息内容", *["本年收费金额（单位：万元）"] * 3] in t2
    assert t3[0][3:] == ["申请人情况"] * 7
    assert t3[2][3:] == ["自然人", *["法人或其他组织"] * 5, "总计"]
    assert t3[3][3:] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert t4[0] == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert (
        t4[2]
        == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        + ["未经复议直接起诉"] * 5
        + ["复议后起诉"] * 5
    )


def test_row_labels_are_printed_once_in_their_national_column() -> None:
    t3 = _tables(render_markdown(_report()))[1]

    labels = [[c for c in row[:3]] for row in t3[4:]]
    assert labels[0] == ["一、本年新收政府信息公开申请数量", "", ""]
    assert labels[2] == ["三、本年度办理结果", "（一）予以公开", ""]
    assert labels[4] == ["", "（三）不予公开", "1.属于国家秘密"]
    assert labels[5] == ["", "", "2.其他法律行政法规禁止公开"]
    assert [label for row in labels for label in row if label] == [r.label for r in layout("2021").t3_rows]


def test_values_are_exact_and_empty_cells_stay_empty() -> None:
    report = _report()
    report.t2["art20_8"]["administrative_fees"]["fee_amount"] = Decimal("96171.600")
    report.t3["granted"]["research"] = None

    t2, t3, _ = _tables(render_markdown(report))

    assert ["行政事业性收费", "96171.600", "", ""] in t2
    granted = next(row for row in t3 if row[1] == "（一）予以公开")
    assert granted[3:] == ["0", "0", "", "0", "0", "0", "0"]


def test_text_that_markdown_would_misread_is_escaped() -> None:
    report = _report()
    report.sections["overview"] = "- 不是列表\n# 不是标题\n1. 不是编号\n1.加强培训（不必转义）"
    report.t2 = AnnualReport.blank("2019").t2
    report.edition = "2019"
    report.t2["art20_9"]["centralized_procurement"]["procurement_amount"] = "1|2"

    markdown = render_markdown(report)

    assert "\n\n\\- 不是列表\n\n\\# 不是标题\n\n1\\. 不是编号\n\n1.加强培训（不必转义）\n\n" in markdown
    assert "| 政府集中采购 | 0 | 1\\|2 |  |" in markdown
