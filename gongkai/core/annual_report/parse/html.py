"""HTML → Doc (lxml): paragraphs from block elements, leaf <table>s as grids with rowspan/colspan.

Government pages wrap the article in navigation chrome and often in layout tables: scripts, styles, <nav>,
<header>, <footer> and forms are skipped; a table that contains another table is layout, so its cells are
read as ordinary blocks and only the innermost tables become grids. `report_from_doc` then starts the
report at its title and drops what follows the closing date.
"""

from __future__ import annotations

import re
from typing import Any

from gongkai.core.annual_report.model import AnnualReport, ReportError
from gongkai.core.annual_report.parse.document import Doc, Table, report_from_doc

_SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "head", "iframe", "object", "embed", "select", "option",
        "button", "input", "textarea", "svg", "canvas", "nav", "header", "footer", "aside", "form", "map",
    }
)  # fmt: skip
_BLOCK = frozenset(
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "blockquote", "pre", "center", "tr", "td", "th", "table", "tbody", "thead", "tfoot", "caption",
        "body", "html", "dl", "dt", "dd", "figure", "figcaption", "address", "hr", "title",
    }
)  # fmt: skip
_LAYOUT_WS = re.compile(r"[ \t\r\n\f]*[\t\r\n\f][ \t\r\n\f]*")
MAX_SPAN = 100
MAX_ROWS = 5000


def parse_html(data: str | bytes) -> AnnualReport:
    """Parse an HTML report (bytes are decoded as the page declares; gb2312/gbk are read as gb18030)."""
    if isinstance(data, bytes):
        from gongkai.core.annual_report.parse.encoding import decode

        data = decode(data)
    return report_from_doc(html_to_doc(data))


def html_to_doc(text: str) -> Doc:
    import lxml.etree
    import lxml.html

    # lxml refuses str input that carries an XML encoding declaration.
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    if not text.strip():
        raise ReportError("文件为空")
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.LxmlError, ValueError) as exc:
        raise ReportError("网页无法解析（HTML 结构损坏）。") from exc
    parts: list[str | Table] = []
    title = root.find(".//title")
    if title is not None and title.text and title.text.strip():
        # The page title often is the report title with the site's name appended (「…年度报告_XX网」).
        parts.append("标题：" + re.split(r"[_|｜]| - ", title.text.strip())[0])
    buf: list[str] = []
    try:
        _walk(root, parts, buf)
    except RecursionError as exc:
        raise ReportError("网页嵌套层次过深，无法解析。") from exc
    _flush(buf, parts)
    return Doc(parts)


def _flush(buf: list[str], parts: list[str | Table]) -> None:
    if buf:
        text = _LAYOUT_WS.sub(" ", "".join(buf)).strip()
        if text:
            parts.append(text)
        buf.clear()


def _walk(el: Any, parts: list[str | Table], buf: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    tag = tag.lower()
    if not tag or tag in _SKIP:
        return  # comments, processing instructions, chrome (the caller keeps the tail)
    if tag == "br":
        _flush(buf, parts)
        return
    if tag == "table" and el.find(".//table") is None:
        _flush(buf, parts)
        parts.append(Table(_grid(el)))
        return
    block = tag in _BLOCK
    if block:
        _flush(buf, parts)
    if el.text:
        buf.append(el.text)
    for child in el:
        _walk(child, parts, buf)
        if child.tail:
            buf.append(child.tail)
    if block:
        _flush(buf, parts)


def _span(value: str | None, limit: int) -> int:
    try:
        n = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    return max(1, min(n, limit))


def _grid(table: Any) -> list[list[str | None]]:
    rows = [tr for tr in table.iter("tr")][:MAX_ROWS]
    cells: dict[tuple[int, int], str | None] = {}
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            while (r, c) in cells:
                c += 1
            rs = _span(cell.get("rowspan"), len(rows) - r)
            cs = _span(cell.get("colspan"), MAX_SPAN)
            for dr in range(rs):
                for dc in range(cs):
                    cells[(r + dr, c + dc)] = None
            cells[(r, c)] = _cell_text(cell)
            c += cs
            width = max(width, c)
    return [[cells.get((r, c)) for c in range(width)] for r in range(len(rows))]


def _cell_text(cell: Any) -> str:
    # Line breaks inside a cell only wrap a label (「本年新<br>制作数量」): join the pieces without them.
    return "".join(cell.itertext()).strip()
