"""DOCX and PDF output: opens, East-Asian fonts declared, a Noto CJK font embedded (pdffonts)."""

from __future__ import annotations

import dataclasses
import io
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.core.letters import (
    KINDS,
    LetterContext,
    letter_to_docx,
    letter_to_html,
    letter_to_pdf,
    render_letter_text,
)


def _letter(kind_id: str, ctx: LetterContext):  # type: ignore[no-untyped-def]
    kind = KINDS[kind_id]
    if kind.is_reply:
        ctx = dataclasses.replace(ctx, outcome=kind.outcomes[0])
    return render_letter_text(kind_id, ctx)


def test_the_docx_is_an_a4_letter_with_east_asian_fonts(full_context: LetterContext) -> None:
    letter = _letter("reply.withheld.third_party_rights", full_context)

    document = Document(io.BytesIO(letter_to_docx(letter)))

    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert abs(section.page_height - Mm(297)) < Mm(1)
    assert abs(section.top_margin - Mm(37)) < Mm(1)
    assert abs(section.left_margin - Mm(28)) < Mm(1)
    paragraphs = [p for p in document.paragraphs if p.text]
    title, number, addressee = paragraphs[0], paragraphs[1], paragraphs[2]
    assert title.text == "政府信息公开申请答复书"
    assert title.alignment == 1  # centre
    title_run = title.runs[0]
    assert title_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert title_run.font.size == Pt(22)
    assert number.text == "小政信公〔2026〕第12号"
    assert addressee.text == "张三："
    body = paragraphs[3]
    assert body.text == letter.paragraphs[0]
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert body._p.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert paragraphs[-2].text == "博野县小店镇人民政府"
    assert paragraphs[-1].text == "2026年11月28日"
    assert paragraphs[-1].alignment == 2  # right
    texts = [p.text for p in document.paragraphs]
    assert any("第十五条" in t for t in texts)
    assert any(t.startswith("如对本答复不服") for t in texts)


def test_the_docx_form_has_a_table(full_context: LetterContext) -> None:
    letter = _letter("service_proof", full_context)

    document = Document(io.BytesIO(letter_to_docx(letter)))

    rows = [(r.cells[0].text, r.cells[1].text) for r in document.tables[0].rows]
    assert rows == letter.form_rows
    run = document.tables[0].rows[0].cells[1].paragraphs[0].runs[0]
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_the_html_is_chinese_and_escaped(full_context: LetterContext) -> None:
    ctx = dataclasses.replace(full_context, applicant_name="<张三&李四>")

    html = letter_to_html(_letter("receipt", ctx))

    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert "&lt;张三&amp;李四&gt;：" in html


def _fonts(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(
    "kind_id",
    [
        "reply.granted",
        "reply.partially_granted",
        "reply.withheld.state_secret",
        "reply.unable.needs_creation",
        "reply.not_processed.repeat",
        "reply.other.no_correction",
        "service_proof",
    ],
)
def test_each_family_prints_as_pdf_with_an_embedded_cjk_font(
    kind_id: str, full_context: LetterContext, tmp_path: Path
) -> None:
    pdf = letter_to_pdf(_letter(kind_id, full_context))

    assert pdf.startswith(b"%PDF")
    embedded = [
        line.split()[0]
        for line in _fonts(pdf, tmp_path).splitlines()[2:]
        if "CJK-SC" in line and line.split()[-5] == "yes"
    ]
    assert any("Noto-Serif-CJK-SC" in name for name in embedded)


def test_the_pdf_text_is_the_letter(full_context: LetterContext) -> None:
    import pdfplumber

    letter = _letter("reply.granted", full_context)

    with pdfplumber.open(io.BytesIO(letter_to_pdf(letter))) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")

    assert "政府信息公开申请答复书" in text
    assert "第三十六条第（二）项" in text
    assert "六个月内依法向人民法院提起行政诉讼" in text
    assert "2026年11月28日" in text


def test_the_signature_never_stands_alone_on_the_last_page(full_context: LetterContext) -> None:
    import pdfplumber

    # Long enough that the signature falls onto page 2 (GB/T 9704-2012 §7.3.5 wants body text with it).
    ctx = dataclasses.replace(
        full_context,
        outcome="partially_granted",
        reasons="该部分涉及投标人的商业秘密，经书面征求意见，投标人不同意公开且理由合理",
        attachments=("招标文件（公开部分）复印件", "中标结果公告复印件"),
    )

    with pdfplumber.open(
        io.BytesIO(letter_to_pdf(render_letter_text("reply.partially_granted", ctx)))
    ) as pdf:
        pages = [page.extract_text().replace("\n", "") for page in pdf.pages]

    assert len(pages) == 2
    last = pages[-1]
    assert "博野县小店镇人民政府2026年11月28日" in last
    assert last.index("附件") < last.index("博野县小店镇人民政府2026年11月28日")
