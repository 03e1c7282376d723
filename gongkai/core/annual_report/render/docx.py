"""The report as an official-looking Word document (.docx) that needs no clean-up before publication.

GB/T 9704-2012 page (A4, 公文 margins, 「— 1 —」 page numbers; see gongkai.core.officedoc), title in
方正小标宋简体 二号, body in 仿宋_GB2312 三号, section headings in 黑体 三号, every font also set in the
East-Asian slot (w:eastAsia). The three tables are drawn from the same grids as the HTML renderer
(render/_grid.py), so their merged header cells are exactly the national layout (国办公开办函〔2021〕30号):
the T3 note cell, 申请人情况 / 法人或其他组织, the vertical 「三、本年度办理结果」, the three T4 groups.
Table text is 五号 so that T3's ten columns fit the 156 mm text width. Document order: render/_document.py.
"""

from __future__ import annotations

import io
from typing import Any

from gongkai.core import officedoc
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.render._document import parts
from gongkai.core.annual_report.render._grid import Grid

TABLE_STYLE = "年报表格"
TABLE_FONT_SIZE = officedoc.SIZE_WUHAO
TEXT_WIDTH_MM = 156.0

# Column widths in mm per table (label columns first); they add up to the 156 mm text width.
_T3_LABEL_WIDTHS = (8.0, 20.0, 44.0)


def render_docx(report: AnnualReport) -> bytes:
    """Return the report as .docx bytes."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = officedoc.new_official_document()
    _add_table_style(document)
    core = document.core_properties
    core.title = _title(report)
    core.author = report.agency or ""
    core.language = "zh-CN"
    core.comments = "gongkai 生成"

    indent = Pt(officedoc.SIZE_SANHAO * 2)
    signed = False
    for part in parts(report):
        if part.kind == "title":
            document.add_paragraph(part.text, style="Title")
            # 公文: one blank line between the title and the text.
            document.add_paragraph()
        elif part.kind == "heading":
            heading = document.add_paragraph(part.text, style="Heading 1")
            heading.paragraph_format.first_line_indent = indent
        elif part.kind == "paragraph":
            officedoc.add_body_paragraph(document, part.text)
        elif part.kind == "table" and part.grid is not None:
            _add_table(document, part.grid)
        elif part.kind in ("signature", "date"):
            if not signed:
                document.add_paragraph()
                signed = True
            line = officedoc.add_body_paragraph(document, part.text, indent=False)
            line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            # 公文: the date line ends four characters from the right margin.
            line.paragraph_format.right_indent = Pt(officedoc.SIZE_SANHAO * (4 if part.kind == "date" else 2))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _title(report: AnnualReport) -> str:
    from gongkai.core.annual_report.render._document import title_of

    return title_of(report)


def _add_table_style(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    # An ASCII style id, as Word itself writes for styles with Chinese names.
    style.style_id = "ReportTable"
    style.base_style = document.styles["Normal"]
    officedoc.set_style_font(style, officedoc.FONT_BODY, TABLE_FONT_SIZE)
    pf = style.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.space_before = Pt(1)
    pf.space_after = Pt(1)
    pf.first_line_indent = Pt(0)


def _column_widths(grid: Grid) -> list[float]:
    if grid.id.endswith("t3"):
        labels = list(_T3_LABEL_WIDTHS)
        data = (TEXT_WIDTH_MM - sum(labels)) / (grid.width - len(labels))
        return labels + [data] * (grid.width - len(labels))
    if grid.id.endswith("t2"):
        first = 44.0
        rest = (TEXT_WIDTH_MM - first) / (grid.width - 1)
        return [first] + [rest] * (grid.width - 1)
    return [TEXT_WIDTH_MM / grid.width] * grid.width


def _add_table(document: Any, grid: Grid) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    rows = grid.rows
    table = document.add_table(rows=len(rows), cols=grid.width)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(grid)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    cells = [list(r.cells) for r in table.rows]
    for row_cells in cells:
        for cell, width in zip(row_cells, widths, strict=True):
            cell.width = Mm(width)

    head_count = len(grid.head)
    for y, tr in enumerate(table.rows):
        tr_pr = tr._tr.get_or_add_trPr()
        # Keep each row on one page; repeat the header rows on the next page.
        tr_pr.append(OxmlElement("w:cantSplit"))
        if y < head_count:
            tr_pr.append(OxmlElement("w:tblHeader"))

    occupied = [[False] * grid.width for _ in rows]
    for y, row in enumerate(rows):
        x = 0
        for cell in row.cells:
            while x < grid.width and occupied[y][x]:
                x += 1
            if x >= grid.width:
                break
            for dy in range(cell.rowspan):
                for dx in range(cell.colspan):
                    if y + dy < len(rows) and x + dx < grid.width:
                        occupied[y + dy][x + dx] = True
            target = cells[y][x]
            if cell.rowspan > 1 or cell.colspan > 1:
                end = cells[min(y + cell.rowspan, len(rows)) - 1][min(x + cell.colspan, grid.width) - 1]
                target = target.merge(end)
            paragraph = target.paragraphs[0]
            paragraph.style = document.styles[TABLE_STYLE]
            if cell.text:
                run = paragraph.add_run(cell.text)
                officedoc.style_run(run, officedoc.FONT_BODY, TABLE_FONT_SIZE)
            if cell.css == "vertical":
                # Upright characters stacked top to bottom, as the national form prints this label.
                # (w:tcPr is an ordered sequence: textDirection must precede vAlign, added below.)
                direction = OxmlElement("w:textDirection")
                direction.set(qn("w:val"), "tbRlV")
                target._tc.get_or_add_tcPr().append(direction)
            target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if cell.header and cell.scope == "row" and x + cell.colspan <= _label_columns(grid):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            x += cell.colspan
    # A blank line after each table keeps the next heading off its bottom border.
    document.add_paragraph()


def _label_columns(grid: Grid) -> int:
    if grid.id.endswith("t3"):
        return len(_T3_LABEL_WIDTHS)
    if grid.id.endswith("t2"):
        return 1
    return 0
