"""Parser behaviour on constructed inputs: formats, encodings, labels, glued digits, metadata, bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.core.annual_report.format import sections
from gongkai.core.annual_report.model import AnnualReport, ReportError
from gongkai.core.annual_report.parse import (
    MAX_BYTES,
    Doc,
    Table,
    glued,
    parse_bytes,
    parse_file,
    parse_html,
    parse_markdown,
    parse_text,
    report_from_doc,
)
from gongkai.core.annual_report.render import render
from tests.conftest import REPORTS

SEED = (REPORTS / "xiaodian-2023.txt").read_text("utf-8")


def _render(report: AnnualReport, fmt: str) -> str:
    out = render(report, fmt)
    assert isinstance(out, str)
    return out


def _report(agency: str = "临县公安局") -> AnnualReport:
    report = AnnualReport.blank("2021")
    report.year = 2023
    report.agency = agency
    report.title = f"{agency}2023年政府信息公开工作年度报告"
    report.t3["new_received"].update(natural_person=80, commercial=1, total=81)
    report.t3["granted"].update(natural_person=80, commercial=1, total=81)
    report.t3["total_processed"].update(natural_person=80, commercial=1, total=81)
    report.t4.update({"review.upheld": 2, "review.total": 2})
    return report


# -- sniffing and bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b"  \n\t ", "文件为空"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "另存为 .docx"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "图片"),
        (bytes(range(256)) * 4, ""),
        ("今天天气很好。\n我们去公园散步。".encode(), "找不到表三"),
        (b"{not json", "JSON"),
        (b'{"foo": 1}', "不是 gongkai 年报格式"),
        (b'{"edition": "2021", "T2": {"art20_8": {"administrative_fees": {"fee_amount": "x"}}}}', "年报格式"),
    ],
)
def test_bad_input_gives_one_clear_chinese_error(data: bytes, message: str) -> None:
    with pytest.raises(ReportError) as info:
        parse_bytes(data)

    assert message in info.value.message
    assert "\n" not in info.value.message


def test_a_truncated_table_is_refused_as_incomplete() -> None:
    cut = SEED.index("8.属于行政查询事项")

    with pytest.raises(ReportError, match="表格不完整：表三"):
        parse_text(SEED[:cut])


def test_a_report_without_t4_values_is_refused_as_incomplete() -> None:
    cut = SEED.index("| 0 |", SEED.index("四、政府信息公开行政复议"))

    with pytest.raises(ReportError, match="表格不完整：表四"):
        parse_text(SEED[:cut])


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: the parser must refuse it from its size alone

    with pytest.raises(ReportError, match="文件过大"):
        parse_file(big)


def test_a_missing_file_is_a_report_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="找不到文件"):
        parse_file(tmp_path / "nope.txt")


def test_json_is_read_back_through_the_model_contract() -> None:
    report = _report()

    parsed = parse_bytes(_render(report, "json").encode(), None)  # no file name: the content decides

    assert parsed == report


# -- encodings ----------------------------------------------------------------------------------------


def test_a_page_declared_gb2312_keeps_its_gbk_only_characters() -> None:
    page = (
        '<html><head><meta charset="gb2312"></head><body>'
        + _render(_report("朱镕基路街道办事处"), "html").split("<body>", 1)[1]
    )

    report = parse_bytes(page.encode("gb18030"), "report.html")

    assert report.agency == "朱镕基路街道办事处"  # 镕 is not in GB2312


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_text_is_decoded_in_every_supported_encoding(encoding: str) -> None:
    report = parse_bytes(SEED.encode(encoding), "seed.txt")

    assert report.agency == "博野县小店镇人民政府"
    assert report.t3["granted"]["total"] == 0


# -- text layout --------------------------------------------------------------------------------------


def test_the_canonical_text_layout_reads_back_signature_and_date() -> None:
    report = _report()
    report.published_on = date(2024, 1, 20)
    report.sections = {s.id: "我们推进政务公开。" for s in sections()}
    report.section_order = [s.id for s in sections()]

    parsed = parse_text(_render(report, "txt"))

    assert parsed.published_on == date(2024, 1, 20)
    assert parsed.agency == "临县公安局"
    assert parsed.sections["other_matters"] == "我们推进政务公开。"  # signature and date are not its text


def test_numbering_with_dunhao_and_split_labels_are_recognised() -> None:
    text = SEED.replace("1.属于国家秘密", "1、属于国家秘密").replace(
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2、申请人逾期未按收费通知要求缴纳费用 | 行政机关不再处理其政府信息公开申请",
    )
    text = text.replace("| 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| 3.其他 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |")

    report = parse_text(text)

    assert report.t3["withheld.state_secret"]["total"] == 0
    assert report.t3["other.fee_unpaid"]["total"] == 0
    assert report.t3["other.other"]["total"] == 1


def test_placeholders_are_printed_empty_cells() -> None:
    text = SEED.replace("| 1.属于国家秘密 | 0 | 0 | 0 |", "| 1.属于国家秘密 | - | — | / |")

    report = parse_text(text)

    assert report.t3["withheld.state_secret"]["natural_person"] is None
    assert report.t3["withheld.state_secret"]["commercial"] is None
    assert report.t3["withheld.state_secret"]["research"] is None
    assert report.t3["withheld.state_secret"]["total"] == 0


def test_values_printed_on_a_group_header_are_kept_for_t3_004() -> None:
    text = SEED.replace("| (三)不予公开 |", "| (三)不予公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |")

    report = parse_text(text)

    assert report.t3_group_values["withheld"]["total"] == 2
    assert report.t3["withheld.state_secret"]["total"] == 0


def test_a_title_with_the_year_first_and_a_chinese_date_line() -> None:
    text = _render(_report(), "txt").replace("临县公安局2023年", "2023年度临县公安局")
    text += "\n临县公安局\n二〇二四年一月二十日\n"

    report = parse_text(text)

    assert (report.agency, report.year) == ("临县公安局", 2023)
    assert report.published_on == date(2024, 1, 20)


# -- glued digits -------------------------------------------------------------------------------------


def test_the_issue_example_is_split_by_the_row_total() -> None:
    assert glued.cuts(["801000081"], 7, glued.t3_row_check) == [(80, 1, 0, 0, 0, 0, 81)]


def test_a_glued_t3_is_solved_by_the_column_identities() -> None:
    # 「2|20|0|0|0|3|25」 and 「22|0|0|0|0|3|25」 both satisfy the row total; only one balances the columns.
    rows = {
        "new_received": ["220000325"],
        "carried_over": ["0000000"],
        "unable.not_held": ["220000325"],
        "total_processed": ["220000325"],
        "carried_forward": ["0000000"],
    }
    fixed: dict[str, list[int | None]] = {}

    solution = glued.solve_t3(fixed, rows, ["unable.not_held"])

    # All three rows move together, so two consistent solutions remain: the parser must say so.
    assert solution.values["unable.not_held"] == (22, 0, 0, 0, 0, 3, 25)
    assert solution.uncertain["unable.not_held"] == {0, 1}


def test_a_glued_t3_row_is_fixed_by_the_other_rows() -> None:
    fixed: dict[str, list[int | None]] = {
        "new_received": [22, 0, 0, 0, 0, 3, 25],
        "carried_over": [0] * 7,
        "total_processed": [22, 0, 0, 0, 0, 3, 25],
        "carried_forward": [0] * 7,
    }

    solution = glued.solve_t3(fixed, {"unable.not_held": ["220000325"]}, ["unable.not_held"])

    assert solution.values["unable.not_held"] == (22, 0, 0, 0, 0, 3, 25)
    assert solution.uncertain == {}


def test_glued_t4_is_split_by_the_group_totals() -> None:
    cut, unsure = glued.solve_t4(["10203120001200000"])

    assert cut == (1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)
    assert unsure == set()


def test_the_glued_search_is_bounded() -> None:
    assert glued.cuts(["1" * 400], 7, glued.t3_row_check) in (None, [])


def test_a_glued_row_in_text_is_read_from_the_section_text() -> None:
    seed = parse_text(SEED)
    text = SEED.replace(
        "四、政府信息公开行政复议、行政诉讼情况 "
        + SEED.split("四、政府信息公开行政复议、行政诉讼情况 ")[1].split("\n")[0],
        "四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
        "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
        "10203120001200000",
    )

    report = parse_text(text)

    assert report.t4["litigation_direct.total"] == 12
    assert report.t3 == seed.t3


# -- HTML and Markdown ------------------------------------------------------------------------------------


def test_html_chrome_and_layout_tables_are_not_report_content() -> None:
    body = _render(_report(), "html").split("<body>", 1)[1]
    page = (
        "<html><body><nav><a>首页</a><a>政务公开</a></nav>"
        f"<table><tr><td>导航</td></tr><tr><td>{body}</td></tr></table>"
        "<footer>版权所有 网站地图</footer></body></html>"
    )

    report = parse_html(page)

    assert report.t3["new_received"]["total"] == 81
    assert report.t4["review.total"] == 2
    assert "首页" not in report.preamble
    assert report.agency == "临县公安局"


def test_markdown_tables_with_spread_merges_read_back() -> None:
    report = _report()
    report.t3["granted"]["research"] = None

    parsed = parse_markdown(_render(report, "md"))

    assert parsed.t3 == report.t3
    assert parsed.t2 == report.t2
    assert parsed.t4 == report.t4


def test_a_doc_with_a_table_split_over_two_grids_is_joined() -> None:
    report = _report()
    text = _render(report, "txt")
    t3_lines = text.split("三、收到和处理政府信息公开申请情况\n", 1)[1].split("\n\n", 1)[0].splitlines()
    grid: list[list[str | None]] = [[c.strip() for c in line.split("|")] for line in t3_lines]
    # A page break after 「（三）不予公开」: the second grid starts with unlabelled continuation rows.
    cut = next(i for i, row in enumerate(grid) if (row[0] or "").startswith("4."))
    parts: list[str | Table] = [
        "临县公安局2023年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        Table(list(grid[:cut])),
        Table(list(grid[cut:])),
    ]

    parsed = report_from_doc(Doc(parts))

    assert parsed.t3 == report.t3
    assert parsed.edition == "2021"
