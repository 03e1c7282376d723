"""Parsers of the annual report: JSON, HTML, Markdown, plain text; Word (.docx) and PDF via their modules.

`parse_file` / `parse_bytes` sniff the content (not only the file name) and return an `AnnualReport`.
`ReportError` is the only exception they raise; its `message` is one line of Chinese for the user.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from gongkai.core.annual_report.model import AnnualReport, ReportError
from gongkai.core.annual_report.parse.document import Doc, Table, report_from_doc
from gongkai.core.annual_report.parse.encoding import decode
from gongkai.core.annual_report.parse.html import parse_html
from gongkai.core.annual_report.parse.text import markdown_to_doc, text_to_doc

__all__ = [
    "MAX_BYTES",
    "Doc",
    "ReportError",
    "Table",
    "parse_bytes",
    "parse_file",
    "parse_html",
    "parse_markdown",
    "parse_text",
    "report_from_doc",
]

# A report is a few hundred KB (a PDF a few MB); anything larger is refused before it is read.
MAX_BYTES = 50 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_MAGIC = (
    (b"\x89PNG", "图片（PNG）"),
    (b"\xff\xd8\xff", "图片（JPEG）"),
    (b"GIF8", "图片（GIF）"),
    (b"\x1f\x8b", "压缩文件（gzip）"),
    (b"Rar!", "压缩文件（RAR）"),
    (b"7z\xbc\xaf", "压缩文件（7z）"),
    (b"\x7fELF", "程序文件"),
    (b"MZ", "程序文件"),
)
_HTML = re.compile(
    r"<\s*(?:!doctype|html|head|body|meta|table|p|div|article|section|h[1-6]|br|span|font|tr|td)\b",
    re.IGNORECASE,
)
_MD = re.compile(r"^\s{0,3}#{1,6}\s|^\s*\|?\s*:?-{3,}:?\s*\|", re.MULTILINE)


def parse_file(path: str | os.PathLike[str]) -> AnnualReport:
    """Read and parse a report file (size checked before reading)."""
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise ReportError(
                f"文件过大（{size // (1024 * 1024)} MB），年度报告不应超过 {MAX_BYTES // (1024 * 1024)} MB。"
            )
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError as exc:
        raise ReportError(f"找不到文件：{os.fspath(path)}") from exc
    except IsADirectoryError as exc:
        raise ReportError(f"这是一个文件夹，不是文件：{os.fspath(path)}") from exc
    except OSError as exc:
        raise ReportError(f"无法读取文件：{exc.strerror or exc}") from exc
    return parse_bytes(data, os.path.basename(os.fspath(path)))


def parse_bytes(data: bytes, filename: str | None = None) -> AnnualReport:
    """Parse a report from its bytes; the content decides the format, the file name only breaks ties."""
    if len(data) > MAX_BYTES:
        raise ReportError(f"文件过大，年度报告不应超过 {MAX_BYTES // (1024 * 1024)} MB。")
    if not data.strip():
        raise ReportError("文件为空")
    name = (filename or "").lower()
    if data.startswith(b"PK\x03\x04"):
        return _binary("docx", data)
    if data.lstrip()[:1024].startswith(b"%PDF") or data[:1024].find(b"%PDF-") >= 0:
        return _binary("pdf", data)
    if data.startswith(_OLE):
        raise ReportError(
            "这是旧版 Word/WPS 文件（.doc/.wps），无法直接读取：请在 Word 或 WPS 中另存为 .docx 后再试。"
        )
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5].lower() == b"{\\rtf":
        raise ReportError("这是 RTF 文件：请在 Word 或 WPS 中另存为 .docx 后再试。")
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ReportError(f"这是{kind}，不是年度报告文件。")
    text = decode(data)
    if not text.strip():
        raise ReportError("文件为空")
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")) or name.endswith(".json"):
        return _parse_json(head)
    if name.endswith((".html", ".htm", ".xhtml", ".shtml")) or _HTML.search(head[:4096]):
        return parse_html(text)
    if name.endswith((".md", ".markdown")) or _MD.search(head[:20000]):
        return parse_markdown(text)
    return parse_text(text)


def parse_text(text: str) -> AnnualReport:
    """Parse plain text: the `|` layout (seed, renderer) and text whose table cells are glued."""
    return report_from_doc(text_to_doc(text))


def parse_markdown(text: str) -> AnnualReport:
    return report_from_doc(markdown_to_doc(text))


def _parse_json(text: str) -> AnnualReport:
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ReportError(f"JSON 格式错误：{exc}") from exc
    if not isinstance(data, dict) or not ({"T3", "edition", "sections", "T2", "T4"} & set(data)):
        raise ReportError("JSON 内容不是 gongkai 年报格式（缺少 edition/T2/T3/T4 等字段）。")
    try:
        return AnnualReport.from_dict(data)
    except ReportError:
        raise
    except (ArithmeticError, RecursionError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ReportError(f"JSON 内容不是 gongkai 年报格式：{exc}") from exc


def _binary(kind: str, data: bytes) -> AnnualReport:
    """Word and PDF are read by their own modules (heavy imports, loaded only when needed)."""
    label = "Word" if kind == "docx" else "PDF"
    try:
        if kind == "docx":
            from gongkai.core.annual_report.parse.docx import parse_docx as reader
        else:
            from gongkai.core.annual_report.parse.pdf import parse_pdf as reader
    except ImportError as exc:
        raise ReportError(
            f"暂不支持 Word/PDF 格式的年度报告（{label} 读取模块不可用）：请另存为网页或文本后再试。"
        ) from exc
    try:
        return reader(data)
    except ReportError:
        raise
    except RecursionError as exc:
        raise ReportError(f"{label} 文件结构嵌套过深，无法读取。") from exc
    except Exception as exc:
        raise ReportError(f"{label} 文件已损坏或无法读取（{type(exc).__name__}）。") from exc
