"""Reading reports from Word (parse/docx.py) and writing them as Word (render/docx.py)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn

from gongkai.core.annual_report.format import sections
from gongkai.core.annual_report.model import AnnualReport, ReportError
from gongkai.core.annual_report.parse.document import Table
from gongkai.core.annual_report.parse.docx import docx_to_doc, parse_docx
from gongkai.core.annual_report.render.docx import render_docx


def _report(edition: str = "2021") -> AnnualReport:
    report = AnnualReport.blank(edition, 0)  # type: ignore[arg-type]
    report.year = 2024 if edition == "2021" else 2020
    report.agency = "博野县小店镇人民政府"
    report.title = f"博野县小店镇人民政府{report.year}年政府信息公开工作年度报告"
    report.published_on = date(report.year + 1, 1, 15)
    report.t3["granted"]["natural_person"] = 7
    report.t3["granted"]["total"] = 7
    if edition == "2021":
        report.t2["art20_8"]["administrative_fees"]["fee_amount"] = Decimal("1.2345")
    for s in sections():
        report.sections[s.id] = "我们持续推进政务公开。\n加强制度建设，提升服务质量。"
        report.section_order.append(s.id)
    return report


def _save(document: object) -> bytes:
    out = io.BytesIO()
    document.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


# -- reading --------------------------------------------------------------------------------------------------


def test_merged_cells_come_back_once_with_none_where_they_reach() -> None:
    document = Document()
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(0, 3)).text = "第二十条第（一）项"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "规章"
    table.cell(1, 1).text = "1"
    table.cell(2, 1).text = "2"

    doc = docx_to_doc(_save(document))

    (grid,) = [p for p in doc.parts if isinstance(p, Table)]
    assert grid.rows[0] == ["第二十条第（一）项", None, None, None]
    assert grid.rows[1] == ["规章", "1", "", ""]
    assert grid.rows[2] == [None, "2", "", ""]


def test_a_label_split_over_lines_in_a_cell_keeps_its_lines() -> None:
    document = Document()
    cell = document.add_table(rows=1, cols=2).cell(0, 0)
    cell.text = "商业"
    cell.add_paragraph("企业")

    doc = docx_to_doc(_save(document))

    (grid,) = [p for p in doc.parts if isinstance(p, Table)]
    assert grid.rows[0][0] == "商业\n企业"


def test_a_table_split_into_two_word_tables_is_joined() -> None:
    document = Document()
    first = document.add_table(rows=2, cols=3)
    first.cell(0, 0).text = "a"
    document.add_paragraph("")
    second = document.add_table(rows=1, cols=3)
    second.cell(0, 0).text = "b"
    document.add_paragraph("二、主动公开政府信息情况")
    third = document.add_table(rows=1, cols=2)
    third.cell(0, 0).text = "c"

    doc = docx_to_doc(_save(document))

    tables = [p for p in doc.parts if isinstance(p, Table)]
    assert [len(t.rows) for t in tables] == [3, 1]
    assert [r[0] for r in tables[0].rows] == ["a", "", "b"]


def test_automatic_list_numbers_are_put_back_in_front_of_headings() -> None:
    from docx.oxml import parse_xml

    document = Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            '<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
            '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(
            '<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="90">'
            '<w:abstractNumId w:val="90"/></w:num>'
        )
    )

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = 90

    numbered("总体情况", 0)
    numbered("主动公开", 1)
    numbered("依申请公开", 1)
    numbered("主动公开政府信息情况", 0)

    doc = docx_to_doc(_save(document))

    assert doc.parts == ["一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况"]


def test_a_legacy_word_file_is_refused_with_save_as_docx() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512

    with pytest.raises(ReportError) as caught:
        parse_docx(ole)

    assert "另存为 .docx" in caught.value.message


def test_a_web_page_renamed_docx_is_read_as_html() -> None:
    report = _report()
    from gongkai.core.annual_report.render.html import render_html

    data = render_html(report).encode("utf-8")

    assert parse_docx(data) == report


def test_a_zip_bomb_is_refused_before_unpacking() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/media/zeros.bin", "w") as handle:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(201):
                handle.write(chunk)
    data = out.getvalue()

    with pytest.raises(ReportError) as caught:
        parse_docx(data)

    assert len(data) < 1024 * 1024
    assert "压缩炸弹" in caught.value.message


def test_a_zip_with_too_many_entries_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(2001):
            archive.writestr(f"word/x{i}.xml", "")

    with pytest.raises(ReportError) as caught:
        parse_docx(out.getvalue())

    assert "压缩炸弹" in caught.value.message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "空"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"PK\x03\x04broken zip", "损坏"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "不是 Word 文档"),
    ],
)
def test_what_is_not_a_docx_gets_one_chinese_message(data: bytes, expected: str) -> None:
    with pytest.raises(ReportError) as caught:
        parse_docx(data)

    assert expected in caught.value.message


def test_an_excel_file_is_named_as_such() -> None:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)

    with pytest.raises(ReportError) as caught:
        parse_docx(out.getvalue())

    assert "Excel" in caught.value.message


# -- writing --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx(_report())


def test_rendered_document_is_a4_with_official_margins(rendered: bytes) -> None:
    section = Document(io.BytesIO(rendered)).sections[0]

    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert round(section.right_margin.mm) == 26 and round(section.bottom_margin.mm) == 35


def test_rendered_fonts_are_set_for_east_asian_text(rendered: bytes) -> None:
    document = Document(io.BytesIO(rendered))

    def east_asia(element: object) -> str | None:
        rfonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")  # type: ignore[attr-defined]
        return None if rfonts is None else rfonts.get(qn("w:eastAsia"))

    title = document.paragraphs[0]
    body = next(p for p in document.paragraphs if p.text.startswith("我们持续"))
    heading = next(p for p in document.paragraphs if p.text == "一、总体情况")

    assert east_asia(document.styles["Normal"].element) == "仿宋_GB2312"
    assert east_asia(document.styles["Title"].element) == "方正小标宋简体"
    assert document.styles["Title"].font.size.pt == 22
    assert document.styles["Normal"].font.size.pt == 16
    assert title.style.name == "Title" and title.text.endswith("政府信息公开工作年度报告")
    assert heading.style.name == "Heading 1"
    assert east_asia(document.styles["Heading 1"].element) == "黑体"
    assert all(east_asia(run._element) == "仿宋_GB2312" for run in body.runs)
    cell_run = document.tables[0].cell(2, 1).paragraphs[0].runs[0]
    assert east_asia(cell_run._element) == "仿宋_GB2312" and cell_run.font.size.pt == 10.5


def test_rendered_footer_has_a_page_number_field(rendered: bytes) -> None:
    footer = Document(io.BytesIO(rendered)).sections[0].footer
    xml = footer._element.xml

    assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
    assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")


def test_rendered_t3_has_the_national_merged_headers(rendered: bytes) -> None:
    doc = docx_to_doc(rendered)
    tables = [p for p in doc.parts if isinstance(p, Table)]
    t3 = tables[1].rows
    t3_xml = Document(io.BytesIO(rendered)).tables[1]._tbl.xml

    assert t3[0][:4] == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        None,
        None,
        "申请人情况",
    ]
    assert t3[1][3:5] == ["自然人", "法人或其他组织"] and t3[1][9] == "总计"
    assert t3[2][4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert t3[5][0] == "三、本年度办理结果" and all(r[0] is None for r in t3[6:-1])
    assert '<w:textDirection w:val="tbRlV"/>' in t3_xml
    assert tables[2].rows[1][5] == "未经复议直接起诉" and tables[2].rows[1][10] == "复议后起诉"


def test_rendered_document_ends_with_the_signature_and_date(rendered: bytes) -> None:
    doc = docx_to_doc(rendered)

    assert doc.parts[-2:] == ["博野县小店镇人民政府", "2025年1月15日"]


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_rendered_docx_reads_back_to_the_same_report(edition: str) -> None:
    report = _report(edition)

    assert parse_docx(render_docx(report)) == report
