"""Shared helpers for official documents (公文): Word page setup and fonts, HTML → PDF.

Used by the annual-report renderers and the letter templates. The layout follows
GB/T 9704-2012《党政机关公文格式》: A4, 版心 156 mm × 225 mm (top margin 37 mm, left 28 mm),
title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号, first-level headings in 黑体 三号,
page numbers as 「— 1 —」 below the text block.

python-docx and WeasyPrint are imported lazily: importing this module stays cheap for the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.section import Section as DocxSection

# Official 公文 font names. In a DOCX we name them and the reader's Word/WPS renders them;
# the server never needs them installed.
FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEADING = "黑体"
FONT_KAI = "楷体_GB2312"
FONT_SONG = "宋体"
# Latin text and digits in 公文 are usually Times New Roman.
FONT_LATIN = "Times New Roman"

# Chinese point sizes (字号) in points.
SIZE_ERHAO = 22.0  # 二号
SIZE_SANHAO = 16.0  # 三号
SIZE_SIHAO = 14.0  # 四号
SIZE_XIAOSI = 12.0  # 小四
SIZE_WUHAO = 10.5  # 五号
SIZE_XIAOWU = 9.0  # 小五

# GB/T 9704-2012 §5.2.1: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm on A4 (210 × 297 mm).
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0
MARGIN_LEFT_MM = 28.0
MARGIN_RIGHT_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - 156.0  # 26 mm
MARGIN_BOTTOM_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - 225.0  # 35 mm
# GB/T 9704-2012 §7.5: 22 lines per page of 三号 text, i.e. a fixed line pitch of about 28.95 pt;
# offices commonly set 「固定值 28 磅」.
BODY_LINE_PITCH_PT = 28.0

# Font stacks for HTML → PDF. fontconfig maps the Windows names (仿宋_GB2312, 黑体) to DejaVu, which has
# no CJK glyphs, so the Noto CJK family must be named explicitly and `lang="zh-CN"` set on <html>
# (otherwise Pango's fallback picks the Japanese forms; see platform-notes).
CSS_FONT_BODY = '"FangSong", "仿宋_GB2312", "仿宋", "Noto Serif CJK SC", "Source Han Serif SC", serif'
CSS_FONT_HEADING = '"SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
CSS_FONT_TITLE = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", serif'
CSS_FONT_KAI = '"KaiTi", "楷体_GB2312", "楷体", "Noto Serif CJK SC", serif'

OFFICIAL_PAGE_CSS = f"""
@page {{
  size: A4;
  margin: {MARGIN_TOP_MM}mm {MARGIN_RIGHT_MM}mm {MARGIN_BOTTOM_MM}mm {MARGIN_LEFT_MM}mm;
  @bottom-center {{
    content: "— " counter(page) " —";
    font-family: {CSS_FONT_BODY};
    font-size: {SIZE_SIHAO}pt;
    vertical-align: top;
    padding-top: 4mm;
  }}
}}
html {{ font-family: {CSS_FONT_BODY}; font-size: {SIZE_SANHAO}pt; line-height: 1.6; color: #000; }}
body {{ margin: 0; }}
h1 {{ font-family: {CSS_FONT_TITLE}; font-size: {SIZE_ERHAO}pt; font-weight: normal;
      text-align: center; line-height: 1.4; margin: 0 0 1em 0; }}
h2 {{ font-family: {CSS_FONT_HEADING}; font-size: {SIZE_SANHAO}pt; font-weight: normal;
      margin: 0.6em 0 0.3em 0; text-indent: 2em; }}
h3 {{ font-family: {CSS_FONT_KAI}; font-size: {SIZE_SANHAO}pt; font-weight: normal; margin: 0.4em 0; text-indent: 2em; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
table {{ border-collapse: collapse; width: 100%; font-size: {SIZE_WUHAO}pt; line-height: 1.35;
         font-family: {CSS_FONT_BODY}; page-break-inside: auto; margin: 0.4em 0 0.8em 0; }}
th, td {{ border: 0.75pt solid #000; padding: 1.2mm 1mm; text-align: center; vertical-align: middle;
          font-weight: normal; }}
tr {{ page-break-inside: avoid; }}
caption {{ font-family: {CSS_FONT_HEADING}; font-size: {SIZE_XIAOSI}pt; padding: 0.3em 0; }}
.signature, .date {{ text-align: right; text-indent: 0; padding-right: 2em; }}
"""


def html_to_pdf(html: str, extra_css: str = "", base_url: str | None = None) -> bytes:
    """Render `html` as an A4 公文-style PDF with Noto CJK fonts embedded.

    `html` should be a whole document with `<html lang="zh-CN">`; OFFICIAL_PAGE_CSS (page size, margins,
    「— 1 —」 page numbers, CJK font stacks) is applied first, then `extra_css`.
    """
    from weasyprint import CSS, HTML

    stylesheets = [CSS(string=OFFICIAL_PAGE_CSS)]
    if extra_css:
        stylesheets.append(CSS(string=extra_css))
    pdf: bytes = HTML(string=html, base_url=base_url).write_pdf(stylesheets=stylesheets)
    return pdf


# -- Word (python-docx) ------------------------------------------------------------------------------


def set_run_fonts(element: Any, east_asia: str, latin: str = FONT_LATIN) -> None:
    """Set all four rFonts slots of a run or style element (`run._element` / `style.element`).

    python-docx's `font.name` sets only ascii/hAnsi: Chinese text would fall back to the theme font,
    so the East-Asian slot (w:eastAsia) must be written explicitly.
    """
    from docx.oxml.ns import qn

    # get_or_add_rFonts keeps the schema order of w:rPr (w:rStyle, then w:rFonts, …).
    rfonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)


def set_style_font(
    style: Any, east_asia: str, size_pt: float, bold: bool = False, latin: str = FONT_LATIN
) -> None:
    """Give a paragraph/character style its East-Asian font, Latin font and size."""
    from docx.shared import Pt

    font = style.font
    font.name = latin
    font.size = Pt(size_pt)
    font.bold = bold
    set_run_fonts(style.element, east_asia, latin)


def style_run(run: Any, east_asia: str, size_pt: float, bold: bool = False, latin: str = FONT_LATIN) -> None:
    """Set a run's fonts directly (WPS and some Word versions ignore style fonts on pasted runs)."""
    from docx.shared import Pt

    run.font.name = latin
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    set_run_fonts(run._element, east_asia, latin)


def setup_a4_page(section: DocxSection) -> None:
    """A4 portrait with the GB/T 9704-2012 margins."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    # GB/T 9704-2012 §7.5: the page number sits 7 mm below the text block.
    section.footer_distance = Mm(MARGIN_BOTTOM_MM - 7.0 - 5.0)


def add_page_number_footer(section: DocxSection, size_pt: float = SIZE_SIHAO) -> None:
    """Put 「— N —」 centred in the footer, N being Word's PAGE field (updated by Word/WPS on open)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.text = ""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def text_run(text: str) -> None:
        run = paragraph.add_run(text)
        style_run(run, FONT_SONG, size_pt, latin=FONT_SONG)

    def field_char(kind: str) -> None:
        run = paragraph.add_run()
        style_run(run, FONT_SONG, size_pt, latin=FONT_SONG)
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        run._element.append(fld)

    text_run("— ")
    field_char("begin")
    instr_run = paragraph.add_run()
    style_run(instr_run, FONT_SONG, size_pt, latin=FONT_SONG)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    instr_run._element.append(instr)
    field_char("separate")
    text_run("1")
    field_char("end")
    text_run(" —")


def new_official_document() -> DocxDocument:
    """Return an empty python-docx Document set up as a 公文: A4, margins, fonts, page numbers.

    The Normal style is 仿宋_GB2312 三号 with a fixed 28 pt line pitch and no paragraph spacing;
    Heading 1 is 黑体 三号, Title is 方正小标宋简体 二号 centred. Everything is black (Word's built-in
    heading styles are blue).
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    document = Document()
    setup_a4_page(document.sections[0])
    add_page_number_footer(document.sections[0])

    styles = document.styles
    normal = styles["Normal"]
    set_style_font(normal, FONT_BODY, SIZE_SANHAO)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(BODY_LINE_PITCH_PT)
    # East-Asian documents: set the default language so Word proofs the text as Chinese.
    _set_language(normal.element)

    for name, font, size, align in (
        ("Title", FONT_TITLE, SIZE_ERHAO, WD_ALIGN_PARAGRAPH.CENTER),
        ("Heading 1", FONT_HEADING, SIZE_SANHAO, None),
        ("Heading 2", FONT_KAI, SIZE_SANHAO, None),
    ):
        style = styles[name]
        set_style_font(style, font, size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        spf = style.paragraph_format
        spf.space_before = Pt(0)
        spf.space_after = Pt(0)
        spf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        spf.line_spacing = Pt(BODY_LINE_PITCH_PT if size <= SIZE_SANHAO else 36)
        spf.keep_with_next = True
        if align is not None:
            spf.alignment = align
        _remove_title_border(style.element)
    return document


def add_body_paragraph(document: DocxDocument, text: str, indent: bool = True) -> Any:
    """Add a 仿宋_GB2312 三号 body paragraph, first line indented two characters."""
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(SIZE_SANHAO * 2)
    run = paragraph.add_run(text)
    style_run(run, FONT_BODY, SIZE_SANHAO)
    return paragraph


def _set_language(style_element: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = style_element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _remove_title_border(style_element: Any) -> None:
    # The default template's Title style has a bottom border line, which a 公文 title never has.
    from docx.oxml.ns import qn

    ppr = style_element.find(qn("w:pPr"))
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)
