"""Reading reports from PDF (parse/pdf.py) and writing them as PDF (render/pdf.py)."""

from __future__ import annotations

import base64
import hashlib
import io
import re
import shutil
import struct
import subprocess
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from gongkai.core import officedoc
from gongkai.core.annual_report.model import AnnualReport, ReportError
from gongkai.core.annual_report.parse.document import Table
from gongkai.core.annual_report.parse.pdf import join_text_lines, parse_pdf, pdf_to_doc
from gongkai.core.annual_report.render.pdf import render_pdf
from tests.conftest import REPORTS

HUAIAN = REPORTS / "huaian-2024.pdf"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts) not installed"
)


@pytest.fixture(scope="module")
def huaian_bytes() -> bytes:
    return HUAIAN.read_bytes()


@pytest.fixture(scope="module")
def sample_report() -> AnnualReport:
    report = AnnualReport.blank("2021", 0)
    report.year = 2024
    report.agency = "淮安市人民政府"
    report.title = "淮安市人民政府2024年政府信息公开工作年度报告"
    report.published_on = date(2025, 1, 20)
    report.t3["granted"]["natural_person"] = 12
    report.t3["granted"]["total"] = 12
    report.t2["art20_8"]["administrative_fees"]["fee_amount"] = Decimal("96171.6")
    report.preamble = "本报告由淮安市人民政府办公室编制。"
    from gongkai.core.annual_report.format import sections

    for s in sections():
        report.sections[s.id] = "我们持续推进政务公开，加强制度建设，提升服务质量和水平。" * 3
        report.section_order.append(s.id)
    return report


@pytest.fixture(scope="module")
def sample_pdf(sample_report: AnnualReport) -> bytes:
    return render_pdf(sample_report)


# -- the real report ------------------------------------------------------------------------------------------


def test_it_reads_the_huaian_report_to_its_expected_values(
    huaian_bytes: bytes, expected_reports: dict[str, Any]
) -> None:
    expected = expected_reports["huaian-2024.pdf"]

    report = parse_pdf(huaian_bytes)

    assert report.edition == expected["edition"]
    assert report.year == expected["year"]
    assert report.agency == expected["agency"]
    assert report.t3 == expected["T3"]
    assert report.t4 == expected["T4"]
    t2 = report.to_dict()["T2"]
    for block, rows in expected["T2"].items():
        for row, cells in rows.items():
            for column, value in cells.items():
                assert Decimal(str(t2[block][row][column])) == Decimal(str(value)), (block, row, column)


def test_huaian_tables_come_back_as_grids_with_merged_cells(huaian_bytes: bytes) -> None:
    doc = pdf_to_doc(huaian_bytes)

    tables = [p for p in doc.parts if isinstance(p, Table)]
    t3 = next(t for t in tables if any(c and "勾稽" in c for c in t.rows[0]))
    labels = [row[0] or row[1] or row[2] for row in t3.rows[3:]]
    side = [row[0] for row in t3.rows if row[0] and "办理结果" in row[0]]
    group = [row[1] for row in t3.rows if row[1] and row[1].startswith("（四）")]

    assert len(tables) == 3  # T2 (over two pages), T3 (over two pages), T4
    assert len(t3.rows) == 3 + 25
    # The vertical side label, written one character per line, is one label.
    assert side == ["三、本年度办理结果"]
    # 「（四）无」 at the foot of page 4 and 「法提供」 at the head of page 5 are one cell again.
    assert group == ["（四）无法提供"]
    # Labels wrapped over three lines inside their cell are whole.
    assert "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in [r[2] for r in t3.rows]
    assert all(len(row) == len(t3.rows[0]) for row in t3.rows)
    assert labels[-1] == "四、结转下年度继续办理"


def test_huaian_paragraphs_are_rejoined_and_page_numbers_dropped(huaian_bytes: bytes) -> None:
    doc = pdf_to_doc(huaian_bytes)

    paragraphs = [p for p in doc.parts if isinstance(p, str)]

    assert paragraphs[0] == "淮安市人民政府2024 年政府信息公开工作年度报告"
    assert paragraphs[1].startswith("本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》")
    assert paragraphs[1].endswith("电子邮箱：hazwgkc@163.com）。")
    assert "一、总体情况" in paragraphs
    # The paragraph running from page 1 onto page 2 is one paragraph.
    assert any(p.startswith("（一）主动公开情况") and p.endswith("回应舆论关切。") for p in paragraphs)
    assert not any(p.strip("-— ").isdigit() for p in paragraphs)


def test_join_text_lines_keeps_latin_words_apart() -> None:
    assert join_text_lines(["政府信息公开", "条例"]) == "政府信息公开条例"
    assert join_text_lines(["hazwgkc@163.", "com"]) == "hazwgkc@163.com"
    assert join_text_lines(["ABC", "def"]) == "ABC def"


# -- rendering ------------------------------------------------------------------------------------------------


@needs_poppler
def test_rendered_pdf_embeds_a_noto_cjk_font(sample_pdf: bytes, tmp_path: Any) -> None:
    # Text extraction cannot catch missing glyphs (tofu still extracts fine), so ask pdffonts.
    path = tmp_path / "report.pdf"
    path.write_bytes(sample_pdf)

    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in output.splitlines() if "Noto" in line and "CJK" in line]

    assert cjk, output
    assert all(line.split()[-5] == "yes" for line in cjk), output  # the emb column


@needs_poppler
def test_rendered_pdf_is_a4_with_page_numbers(sample_pdf: bytes, tmp_path: Any) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(sample_pdf)

    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout

    assert "595.276 x 841.89 pts (A4)" in info
    assert re.search(r"—\s*1\s*—", text) and re.search(r"—\s*2\s*—", text)


def test_rendered_pdf_reads_back_to_the_same_report(sample_report: AnnualReport, sample_pdf: bytes) -> None:
    assert parse_pdf(sample_pdf) == sample_report


def test_rendered_pdf_tables_keep_the_national_layout(sample_pdf: bytes) -> None:
    doc = pdf_to_doc(sample_pdf)

    tables = [p for p in doc.parts if isinstance(p, Table)]
    t3 = tables[1]

    assert t3.rows[0][0] == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert t3.rows[0][3] == "申请人情况"
    assert t3.rows[1][4] == "法人或其他组织"
    assert [r[0] for r in t3.rows if r[0] and r[0].startswith("三")] == ["三、本年度办理结果"]
    assert tables[2].rows[0][0] == "行政复议" and tables[2].rows[1][5] == "未经复议直接起诉"


# -- bad input -------------------------------------------------------------------------------------------------


def _png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 360, 260), outline="black", width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _image_only_pdf(with_page_number: bool) -> bytes:
    src = "data:image/png;base64," + base64.b64encode(_png()).decode()
    html = f'<html lang="zh-CN"><body><img src="{src}" style="width:15cm"></body></html>'
    if with_page_number:
        return officedoc.html_to_pdf(html)
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


@pytest.mark.parametrize("with_page_number", [False, True])
def test_a_scan_is_refused_as_having_no_text_layer(with_page_number: bool) -> None:
    data = _image_only_pdf(with_page_number)

    with pytest.raises(ReportError) as caught:
        parse_pdf(data)

    assert caught.value.message.startswith("扫描件，无文字层：")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _encrypted_pdf(user_password: bytes = b"secret") -> bytes:
    """A one-page PDF encrypted with the standard security handler (RC4, 40 bit, revision 2)."""
    file_id = b"0123456789abcdef"
    permissions = -44
    padded_user = (user_password + _PAD)[:32]
    owner_key = hashlib.md5((b"owner" + _PAD)[:32]).digest()[:5]
    o_value = _rc4(owner_key, padded_user)
    key = hashlib.md5(padded_user + o_value + struct.pack("<i", permissions) + file_id).digest()[:5]
    u_value = _rc4(key, _PAD)

    def obj_key(num: int) -> bytes:
        return hashlib.md5(key + struct.pack("<i", num)[:3] + b"\x00\x00").digest()[:10]

    content = _rc4(obj_key(4), b"BT /F1 24 Tf 72 720 Td (Encrypted report) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + o_value.hex().encode()
        + b"> /U <"
        + u_value.hex().encode()
        + b"> /P %d >>" % permissions,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (
        b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<" % (len(objects) + 1)
        + file_id.hex().encode()
        + b"> <"
        + file_id.hex().encode()
        + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return bytes(out)


def test_an_encrypted_pdf_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ReportError) as caught:
        parse_pdf(_encrypted_pdf())

    assert "已加密" in caught.value.message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "不是 PDF"),
        (b"hello, this is text", "不是 PDF"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 100, "损坏"),
    ],
)
def test_a_broken_pdf_gives_one_chinese_message(data: bytes, expected: str) -> None:
    with pytest.raises(ReportError) as caught:
        parse_pdf(data)

    assert expected in caught.value.message


def test_a_truncated_pdf_gives_one_chinese_message(huaian_bytes: bytes) -> None:
    with pytest.raises(ReportError):
        parse_pdf(huaian_bytes[: len(huaian_bytes) // 3])


def test_an_oversized_pdf_is_refused_before_parsing() -> None:
    from gongkai.core.annual_report.parse import pdf

    data = b"%PDF-1.7\n" + b" " * (pdf.MAX_PDF_BYTES + 1)

    with pytest.raises(ReportError) as caught:
        parse_pdf(data)

    assert "过大" in caught.value.message
