from __future__ import annotations

from datetime import date
from decimal import Decimal

import lxml.html
from hypothesis import given, settings
from lxml.html import HtmlElement

from gongkai.core.annual_report.format import Edition, layout
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.render import render_html
from tests.core.annual_report.strategies import reports


def _report(edition: Edition = "2021") -> AnnualReport:
    report = AnnualReport.blank(edition)
    report.year = 2023 if edition == "2021" else 2019
    report.agency = "博野县小店镇人民政府"
    report.published_on = date(2024, 1, 20)
    report.sections = {"overview": "总体情况第一段。\n总体情况第二段。"}
    report.section_order = ["overview", "proactive_disclosure", "applications", "review_litigation"]
    return report


def _tables(html: str) -> dict[str, HtmlElement]:
    doc = lxml.html.document_fromstring(html)
    return {t.get("id"): t for t in doc.iter("table")}


def _grid_widths(table: HtmlElement) -> list[int]:
    """The number of grid columns each row covers once rowspans from rows above are counted."""
    rows = list(table.iter("tr"))
    carried = [0] * len(rows)
    widths = []
    for y, tr in enumerate(rows):
        width = carried[y]
        for cell in tr:
            span = int(cell.get("colspan", "1"))
            width += span
            for dy in range(1, int(cell.get("rowspan", "1"))):
                carried[y + dy] += span
        widths.append(width)
    return widths


def _header_texts(doc: HtmlElement, cell: HtmlElement) -> list[str]:
    texts = []
    for header_id in cell.get("headers", "").split():
        (header,) = doc.xpath(f'//*[@id="{header_id}"]')
        assert header.tag == "th"
        texts.append(header.text_content())
    return texts


def test_it_writes_a_self_contained_chinese_document() -> None:
    html = render_html(_report())

    doc = lxml.html.document_fromstring(html)
    assert html.startswith("<!DOCTYPE html>")
    assert doc.get("lang") == "zh-CN"
    assert doc.xpath("//meta/@charset") == ["utf-8"]
    assert doc.findtext(".//title") == "博野县小店镇人民政府2023年政府信息公开工作年度报告"
    assert "Noto Serif CJK SC" in html and "仿宋_GB2312" in html
    # Nothing is fetched from outside: no links, scripts, images, imports or urls.
    assert not doc.xpath("//link | //script | //img | //@src | //@href")
    assert "url(" not in html and "@import" not in html


def test_a_fragment_is_one_article_without_the_page_around_it() -> None:
    fragment = render_html(_report(), full_document=False)

    assert fragment.startswith('<article class="gongkai-report">')
    assert "<html" not in fragment and "<style" not in fragment
    assert fragment.strip().endswith("</article>")


def test_narrative_and_metadata_are_escaped() -> None:
    report = _report()
    report.agency = "A&B<局>"
    report.sections["overview"] = '<script>alert("x")</script> 5 > 3 & 2 < 4'

    html = render_html(report)

    doc = lxml.html.document_fromstring(html)
    assert not doc.xpath("//script")
    assert '<script>alert("x")</script> 5 > 3 & 2 < 4' in [p.text_content() for p in doc.iter("p")]
    assert "&lt;script&gt;" in html
    assert doc.findtext(".//h1") == "A&B<局>2023年政府信息公开工作年度报告"


def test_every_table_is_a_rectangular_grid_with_a_caption() -> None:
    cases: tuple[tuple[Edition, int], ...] = (("2021", 4), ("2019", 4))
    for edition, t2_width in cases:
        tables = _tables(render_html(_report(edition)))

        assert set(tables) == {"t2", "t3", "t4"}
        assert tables["t2"].findtext("caption") == "主动公开政府信息情况"
        assert tables["t3"].findtext("caption") == "收到和处理政府信息公开申请情况"
        assert tables["t4"].findtext("caption") == "政府信息公开行政复议、行政诉讼情况"
        assert set(_grid_widths(tables["t2"])) == {t2_width}
        assert set(_grid_widths(tables["t3"])) == {10}
        assert set(_grid_widths(tables["t4"])) == {15}


def test_t3_has_the_national_merged_header() -> None:
    t3 = _tables(render_html(_report()))["t3"]

    head = t3.find("thead")
    rows = [
        [(c.text_content(), c.get("rowspan"), c.get("colspan"), c.get("scope")) for c in tr] for tr in head
    ]
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert rows == [
        [(note, "3", "3", "colgroup"), ("申请人情况", None, "7", "colgroup")],
        [("自然人", "2", None, "col"), ("法人或其他组织", None, "5", "colgroup"), ("总计", "2", None, "col")],
        [
            (label, None, None, "col")
            for label in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
        ],
    ]


def test_t3_row_labels_are_the_exact_national_labels_in_order() -> None:
    cases: tuple[tuple[Edition, int], ...] = (("2021", 22), ("2019", 20))
    for edition, outcome_rows in cases:
        t3 = _tables(render_html(_report(edition)))["t3"]

        labels = [th.text_content() for th in t3.xpath(".//tbody//th")]
        assert labels == [r.label for r in layout(edition).t3_rows]
        (outcomes,) = t3.xpath('.//th[@id="t3-r-outcomes"]')
        # As in the national table (and shanghai-2019.html): one vertical label down all result rows.
        assert outcomes.get("rowspan") == str(outcome_rows)
        assert outcomes.get("scope") == "rowgroup" and outcomes.get("class") == "vertical"


def test_2019_t3_prints_other_as_a_single_row_with_cells() -> None:
    t3 = _tables(render_html(_report("2019")))["t3"]

    (other,) = t3.xpath('.//th[@id="t3-r-other"]')
    assert other.text_content() == "（六）其他处理"
    assert other.get("scope") == "row" and other.get("colspan") == "2"
    assert len(other.getparent().findall("td")) == 7


def test_every_t3_cell_is_associated_with_all_its_headers() -> None:
    html = render_html(_report())
    doc = lxml.html.document_fromstring(html)

    (cell,) = doc.xpath('//td[@data-cell="T3[withheld.state_secret][commercial]"]')
    assert _header_texts(doc, cell) == [
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
        "申请人情况",
        "法人或其他组织",
        "商业企业",
    ]
    (cell,) = doc.xpath('//td[@data-cell="T3[new_received][total]"]')
    assert _header_texts(doc, cell) == ["一、本年新收政府信息公开申请数量", "申请人情况", "总计"]
    # Every data cell of every table names at least one row or group header and one column header.
    for td in doc.iter("td"):
        assert td.get("headers"), td.get("data-cell")
        assert all(doc.xpath(f'//th[@id="{h}"]') for h in td.get("headers").split())


def test_t4_has_the_national_groups() -> None:
    html = render_html(_report())
    doc = lxml.html.document_fromstring(html)
    t4 = _tables(html)["t4"]

    head = [[(c.text_content(), c.get("colspan"), c.get("rowspan")) for c in tr] for tr in t4.find("thead")]
    assert head[0] == [("行政复议", "5", None), ("行政诉讼", "10", None)]
    assert head[1][5:] == [("未经复议直接起诉", "5", None), ("复议后起诉", "5", None)]
    assert [c[0] for c in head[1][:5]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert all(c[2] == "2" for c in head[1][:5])
    assert len(head[2]) == 10
    (cell,) = doc.xpath('//td[@data-cell="T4[litigation_after_review.corrected]"]')
    assert _header_texts(doc, cell) == ["行政诉讼", "复议后起诉", "结果纠正"]


def test_t2_blocks_each_start_with_the_information_content_header() -> None:
    for edition in ("2021", "2019"):
        doc = lxml.html.document_fromstring(render_html(_report(edition)))
        t2 = doc.get_element_by_id("t2")

        bodies = t2.findall("tbody")
        assert [b[0][0].text_content() for b in bodies] == [b.label for b in layout(edition).t2_blocks]
        assert {b[1][0].text_content() for b in bodies} == {"信息内容"}
        (cell,) = doc.xpath('//td[@data-cell="T2.art20_6[administrative_coercion][decisions]"]')
        assert _header_texts(doc, cell)[:2] == ["第二十条第（六）项", "行政强制"]


def test_values_print_exactly_and_empty_cells_stay_empty() -> None:
    report = _report()
    report.t2["art20_8"]["administrative_fees"]["fee_amount"] = Decimal("24252.311082")
    report.t2["art20_1"]["rules"]["issued"] = None
    report.t3["granted"]["natural_person"] = 1234567
    report.t4["review.total"] = None

    doc = lxml.html.document_fromstring(render_html(report))

    def text(ref: str) -> str:
        (cell,) = doc.xpath(f'//td[@data-cell="{ref}"]')
        return str(cell.text_content())

    assert text("T2.art20_8[administrative_fees][fee_amount]") == "24252.311082"
    assert text("T2.art20_1[rules][issued]") == ""
    assert text("T3[granted][natural_person]") == "1234567"
    assert text("T4[review.total]") == ""


def test_large_and_trailing_zero_decimals_are_not_rounded() -> None:
    report = _report()
    for amount, printed in (
        (Decimal("0.10"), "0.10"),
        (Decimal("1E+3"), "1000"),
        (Decimal("1E-6"), "0.000001"),
    ):
        report.t2["art20_8"]["administrative_fees"]["fee_amount"] = amount

        doc = lxml.html.document_fromstring(render_html(report))

        (cell,) = doc.xpath('//td[@data-cell="T2.art20_8[administrative_fees][fee_amount]"]')
        assert cell.text_content() == printed


def test_values_printed_on_a_group_header_get_their_own_row() -> None:
    report = _report()
    report.t3_group_values = {"withheld": {c.id: 1 for c in layout("2021").t3_columns}}

    html = render_html(report)

    t3 = _tables(html)["t3"]
    assert set(_grid_widths(t3)) == {10}
    (group,) = t3.xpath('.//th[@id="t3-r-withheld"]')
    assert group.get("scope") == "row" and group.get("colspan") == "2"
    assert [td.text_content() for td in group.getparent().findall("td")] == ["1"] * 7


def test_signature_and_date_follow_the_last_section() -> None:
    doc = lxml.html.document_fromstring(render_html(_report()))

    article = doc.find(".//article")
    assert article[-2].get("class") == "signature" and article[-2].text_content() == "博野县小店镇人民政府"
    assert article[-1].text_content() == "2024年1月20日"
    assert article[-1].find("time").get("datetime") == "2024-01-20"


def test_id_prefix_keeps_two_reports_on_one_page_apart() -> None:
    page = render_html(_report(), full_document=False, id_prefix="a-") + render_html(
        _report(), full_document=False, id_prefix="b-"
    )

    ids = lxml.html.fragment_fromstring(page, create_parent="div").xpath("//@id")
    assert len(ids) == len(set(ids)) > 100


@settings(max_examples=30, deadline=None)
@given(reports())
def test_every_value_of_a_random_report_is_in_its_cell(report: AnnualReport) -> None:
    doc = lxml.html.document_fromstring(render_html(report))

    printed = {td.get("data-cell"): td.text_content() for td in doc.iter("td")}
    expected: dict[str, object] = {}
    for block, rows in report.t2.items():
        for row, cells in rows.items():
            for column, value in cells.items():
                expected[f"T2.{block}[{row}][{column}]"] = value
    for t3_row, t3_cells in report.t3.items():
        for t3_column, count in t3_cells.items():
            expected[f"T3[{t3_row}][{t3_column}]"] = count
    for t4_column, t4_count in report.t4.items():
        expected[f"T4[{t4_column}]"] = t4_count
    assert printed == {
        ref: format(v, "f") if isinstance(v, Decimal) else str(v) for ref, v in expected.items()
    }
