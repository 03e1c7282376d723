"""Typeset a `Letter` as DOCX (python-docx) or PDF (WeasyPrint), in 公文 style (GB/T 9704-2012).

Page setup, fonts and the HTML → PDF call come from gongkai.core.officedoc (shared with the annual
report). python-docx and WeasyPrint are imported lazily so importing the letters package stays cheap.
"""

from __future__ import annotations

import html
import io
from typing import Any

from gongkai.core import officedoc
from gongkai.core.letters.context import Letter
from gongkai.core.letters.render import format_date_zh

# An undated draft prints an empty date for the signer to write in.
UNDATED = "　　年　　月　　日"


def _date_text(letter: Letter) -> str:
    return format_date_zh(letter.dated_on) if letter.dated_on else UNDATED


def _attachment_lines(letter: Letter) -> list[str]:
    # GB/T 9704-2012 §7.3.3: 「附件：1.××」, further attachments aligned under the first.
    if not letter.attachments:
        return []
    if len(letter.attachments) == 1:
        return [f"附件：{letter.attachments[0]}"]
    return [f"{'附件：' if i == 1 else '　　　'}{i}.{name}" for i, name in enumerate(letter.attachments, 1)]


def _indent_two_chars(paragraph: Any) -> None:
    # Word measures 「首行缩进2字符」 in hundredths of a character; the point value is the fallback.
    from docx.oxml.ns import qn

    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "200")


def _plain_paragraph(document: Any, text: str, alignment: Any = None, right_chars: int = 0) -> Any:
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    if alignment is not None:
        paragraph.alignment = alignment
    if right_chars:
        paragraph.paragraph_format.right_indent = Pt(officedoc.SIZE_SANHAO * right_chars)
    run = paragraph.add_run(text)
    officedoc.style_run(run, officedoc.FONT_BODY, officedoc.SIZE_SANHAO)
    return paragraph


def letter_to_docx(letter: Letter) -> bytes:
    """The letter as a .docx file: A4, 公文 margins, 方正小标宋简体 title, 仿宋_GB2312 body."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = officedoc.new_official_document()
    document.core_properties.title = letter.title
    document.core_properties.language = "zh-CN"

    title = document.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    officedoc.style_run(title.add_run(letter.title), officedoc.FONT_TITLE, officedoc.SIZE_ERHAO)
    if letter.doc_number:
        _plain_paragraph(document, letter.doc_number, WD_ALIGN_PARAGRAPH.CENTER)
    _plain_paragraph(document, "")

    if letter.addressee:
        _plain_paragraph(document, f"{letter.addressee}：")
    for text in letter.paragraphs:
        paragraph = officedoc.add_body_paragraph(document, text)
        _indent_two_chars(paragraph)

    if letter.form_rows:
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for label, value in letter.form_rows:
            cells = table.add_row().cells
            for cell, text in ((cells[0], label), (cells[1], value)):
                cell.paragraphs[0].paragraph_format.line_spacing = Pt(officedoc.BODY_LINE_PITCH_PT * 1.5)
                run = cell.paragraphs[0].add_run(text)
                officedoc.style_run(run, officedoc.FONT_BODY, officedoc.SIZE_SIHAO)

    attachment_lines = _attachment_lines(letter)
    if attachment_lines:
        _plain_paragraph(document, "")
        for line in attachment_lines:
            paragraph = _plain_paragraph(document, line)
            paragraph.paragraph_format.first_line_indent = Pt(officedoc.SIZE_SANHAO * 2)

    # GB/T 9704-2012 §7.3.5: signer and date right-aligned, the date 右空四字.
    _plain_paragraph(document, "")
    _plain_paragraph(document, "")
    _plain_paragraph(document, letter.signer, WD_ALIGN_PARAGRAPH.RIGHT, right_chars=2)
    _plain_paragraph(document, _date_text(letter), WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


LETTER_CSS = """
/* 方正小标宋 is a heavy face: the bold Noto Serif CJK is the closer substitute. */
h1 { font-weight: 700; }
.doc-number { text-align: center; text-indent: 0; margin: -0.4em 0 1em 0; }
.addressee { text-indent: 0; }
.attachments { margin-top: 1em; break-inside: avoid; }
.closing { margin-top: 2em; break-inside: avoid; break-before: avoid; }
/* GB/T 9704-2012 §7.3.5: the signature page must also carry body text. */
.attachments, p:last-of-type { break-after: avoid; }
.signature { padding-right: 2em; }
.date { padding-right: 4em; }
table.form { font-size: 14pt; line-height: 1.6; margin-top: 0.5em; }
table.form th { width: 32%; text-align: center; }
table.form td { text-align: left; padding: 3mm 2mm; }
"""


def letter_to_html(letter: Letter) -> str:
    """The letter as a standalone HTML document (`lang="zh-CN"`), as used for the PDF."""
    e = html.escape
    parts = [
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{e(letter.title)}</title></head><body>",
        f"<h1>{e(letter.title)}</h1>",
    ]
    if letter.doc_number:
        parts.append(f'<p class="doc-number">{e(letter.doc_number)}</p>')
    if letter.addressee:
        parts.append(f'<p class="addressee">{e(letter.addressee)}：</p>')
    parts.extend(f"<p>{e(text)}</p>" for text in letter.paragraphs)
    if letter.form_rows:
        parts.append('<table class="form">')
        parts.extend(f"<tr><th>{e(label)}</th><td>{e(value)}</td></tr>" for label, value in letter.form_rows)
        parts.append("</table>")
    attachment_lines = _attachment_lines(letter)
    if attachment_lines:
        parts.append('<div class="attachments">')
        parts.extend(f"<p>{e(line)}</p>" for line in attachment_lines)
        parts.append("</div>")
    # Signer and date stay together on one page.
    parts.append(f'<div class="closing"><p class="signature">{e(letter.signer)}</p>')
    parts.append(f'<p class="date">{e(_date_text(letter))}</p></div>')
    parts.append("</body></html>")
    return "\n".join(parts)


def letter_to_pdf(letter: Letter) -> bytes:
    """The letter as an A4 PDF with the Noto CJK fonts embedded."""
    return officedoc.html_to_pdf(letter_to_html(letter), extra_css=LETTER_CSS)
