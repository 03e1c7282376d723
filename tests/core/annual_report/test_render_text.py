from __future__ import annotations

import itertools
import re
from datetime import date
from decimal import Decimal

from gongkai.core.annual_report.format import layout, normalize_label, sections
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.render import render_text
from tests.conftest import REPORTS

HEADINGS = [s.label for s in sections()]


def _report() -> AnnualReport:
    report = AnnualReport.blank("2021")
    report.year = 2023
    report.agency = "博野县小店镇人民政府"
    report.published_on = date(2024, 1, 5)
    report.preamble = "本报告根据条例编制。\n统计期限为全年。"
    report.sections = {s.id: f"{s.label[2:]}的正文。" for s in sections()}
    report.section_order = [s.id for s in sections()]
    return report


def _seed_tokens(text: str, start: str, end: str) -> list[str]:
    """The seed's cells between two headings, as normalised labels/values (the seed glues rows with |)."""
    segment = text[text.index(start) + len(start) : text.index(end)]
    return [normalize_label(t) for t in segment.split("|") if t.strip()]


def _rendered_tokens(text: str, start: str, end: str) -> list[str]:
    lines = text.split("\n")
    body = lines[lines.index(start) + 1 : lines.index(end)]
    table = [line for line in body if "|" in line or line.startswith("第二十条")]
    return [normalize_label(t) for line in table for t in line.split("|") if t.strip()]


def test_the_title_is_the_first_line_and_says_what_is_known() -> None:
    report = _report()
    assert render_text(report).split("\n")[0] == "博野县小店镇人民政府2023年政府信息公开工作年度报告"

    report.agency = None
    assert render_text(report).split("\n")[0] == "2023年政府信息公开工作年度报告"

    report.year = None
    assert render_text(report).split("\n")[0] == "政府信息公开工作年度报告"

    report.title = "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert render_text(report).split("\n")[0] == report.title


def test_the_tables_print_the_cells_of_the_seed_in_the_seeds_order() -> None:
    # The seed (all cells 0) is the national layout copied to text with rows glued by |: rendering a blank
    # 2021 report must give exactly its cells, in its order, once rows are glued the same way.
    seed = (REPORTS / "xiaodian-2023.txt").read_text("utf-8")
    text = render_text(_report())

    for start, end in itertools.pairwise(HEADINGS[1:5]):
        seed_tokens = _seed_tokens(seed, start, end)
        assert _rendered_tokens(text, start, end) == seed_tokens, start


def test_each_table_row_is_one_line() -> None:
    lines = render_text(_report()).split("\n")

    assert lines[
        lines.index("二、主动公开政府信息情况") + 2 : lines.index("二、主动公开政府信息情况") + 6
    ] == [
        "第二十条第（一）项",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
        "规章 | 0 | 0 | 0",
        "行政规范性文件 | 0 | 0 | 0",
    ]
    t3 = lines.index("三、收到和处理政府信息公开申请情况")
    assert lines[t3 + 2 : t3 + 5] == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况",
        "自然人 | 法人或其他组织 | 总计",
        "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他",
    ]
    assert "三、本年度办理结果 | （一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0" in lines
    assert "（三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0" in lines
    assert "2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0" in lines
    t4 = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    assert lines[t4 + 2 : t4 + 7] == [
        "行政复议 | 行政诉讼",
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉",
        " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2),
        " | ".join(["0"] * 15),
        "",
    ]


def test_the_document_is_in_the_canonical_order() -> None:
    lines = [line for line in render_text(_report()).split("\n") if line]

    heading_positions = [lines.index(h) for h in HEADINGS]
    assert heading_positions == sorted(heading_positions)
    assert lines[1:3] == ["本报告根据条例编制。", "统计期限为全年。"]
    assert lines[heading_positions[0] + 1] == "总体情况的正文。"
    # The section text comes before the table of its section.
    assert lines[heading_positions[1] + 1] == "主动公开政府信息情况的正文。"
    assert lines[-3:] == ["其他需要报告的事项的正文。", "博野县小店镇人民政府", "2024年1月5日"]


def test_missing_metadata_lines_are_left_out() -> None:
    report = _report()
    report.agency = None
    report.published_on = None

    lines = [line for line in render_text(report).split("\n") if line]

    assert lines[-1] == "其他需要报告的事项的正文。"


def test_an_empty_section_order_prints_all_six_sections_in_the_prescribed_order() -> None:
    report = _report()
    report.section_order = []

    text = render_text(report)

    assert [line for line in text.split("\n") if line in HEADINGS] == HEADINGS


def test_empty_cells_are_empty_strings_between_separators() -> None:
    report = _report()
    report.t2["art20_1"]["rules"] = {"issued": None, "repealed": 3, "in_force": None}
    report.t2["art20_8"]["administrative_fees"]["fee_amount"] = Decimal("0.015000")

    lines = render_text(report).split("\n")

    assert "规章 |  | 3 | " in lines
    assert "行政事业性收费 | 0.015000" in lines


def test_the_2019_edition_prints_its_own_t2_and_a_single_other_row() -> None:
    report = AnnualReport.blank("2019")
    report.year = 2019
    report.t2["art20_9"]["centralized_procurement"]["procurement_amount"] = "251000元"
    report.t2["art20_5"]["administrative_licensing"]["change"] = -3

    lines = render_text(report).split("\n")

    assert "第二十条第（九）项" in lines
    assert "信息内容 | 采购项目数量 | 采购总金额" in lines
    assert "政府集中采购 | 0 | 251000元" in lines
    assert "行政许可 | 0 | -3 | 0" in lines
    assert "（六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0" in lines
    assert not any(line.startswith("1.申请人无正当理由") for line in lines)


def test_t3_labels_appear_once_each_in_the_national_order() -> None:
    text = render_text(_report())

    labels = [r.label for r in layout("2021").t3_rows]
    positions = [m.start() for label in labels for m in [re.search(re.escape(label) + " \\|", text)] if m]
    assert len(positions) == len(labels)
    assert positions == sorted(positions)


def test_a_pre_2019_report_has_no_national_tables() -> None:
    report = AnnualReport(edition="pre2019", year=2015, agency="临县公安局", sections={"overview": "概述。"})
    report.section_order = ["overview", "proactive_disclosure"]

    text = render_text(report)

    assert "|" not in text
    assert text.split("\n") == [
        "临县公安局2015年政府信息公开工作年度报告",
        "",
        "一、总体情况",
        "概述。",
        "",
        "二、主动公开政府信息情况",
        "",
        "临县公安局",
        "",
    ]
