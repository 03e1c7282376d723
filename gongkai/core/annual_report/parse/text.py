"""Plain text and Markdown → Doc.

Plain text: one paragraph per line; inside sections 二/三/四 a line with `|` is a table row (the seed's layout
and the renderer's: cells separated by 「 | 」, a merged cell printed once, an empty cell printed as nothing).
The seed flattens whole tables onto one line; that is one long row, which the table reader handles.
Tables whose cell borders were lost entirely (crawler text) stay paragraphs; `report_from_doc` reads them.

Markdown: `#` headings, paragraphs (backslash escapes removed), GFM pipe tables. GFM cannot merge cells,
so merges come spread out (the renderer's convention, also common elsewhere): a header spanning several
columns is repeated in each, while a row label or value is printed once and the positions it covers are
left empty. `_unspread` turns those positions back into covered (None) positions.
"""

from __future__ import annotations

import re

from gongkai.core.annual_report.parse.document import Doc, Table, split_headings
from gongkai.core.annual_report.parse.tables import is_value_cell, norm, t2_labels, t3_labels

_TABLE_SECTIONS = {"proactive_disclosure", "applications", "review_litigation"}
_TABLE_MARKER = re.compile(r"第二十条第|信息内容|本列数据的勾稽关系|申请人情况|本年新收|行政复议")


def text_to_doc(text: str) -> Doc:
    parts: list[str | Table] = []
    rows: list[list[str | None]] = []
    section: str | None = None

    def flush() -> None:
        if rows:
            parts.append(Table(_rectangular(rows)))
            rows.clear()

    for line in text.splitlines():
        if not line.strip():
            continue
        for section_id, piece in split_headings(line):
            if section_id is not None:
                flush()
                section = section_id
                parts.append(piece)
                continue
            if "|" in piece and (
                section in _TABLE_SECTIONS or (section is None and _TABLE_MARKER.search(norm(piece)))
            ):
                rows.append([c.strip() for c in piece.split("|")])
                continue
            if section in _TABLE_SECTIONS and _is_label_row(piece):
                # A one-cell row, e.g. the block label 「第二十条第（一）项」 above its block.
                rows.append([piece.strip()])
                continue
            if not piece.strip("| \t"):
                continue  # a stray separator line
            flush()
            parts.append(piece)
    flush()
    return Doc(parts)


def _is_label_row(text: str) -> bool:
    key = norm(text)
    return any(labels.regex.fullmatch(key) for labels in (t2_labels(), t3_labels()))


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<=])")
_MD_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_BOLD = re.compile(r"^\*\*(.+)\*\*$")


def markdown_to_doc(text: str) -> Doc:
    parts: list[str | Table] = []
    rows: list[list[str | None]] = []

    def flush() -> None:
        if rows:
            parts.append(Table(_unspread(_rectangular(rows))))
            rows.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            if _MD_SEPARATOR.match(stripped):
                continue
            body = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
            rows.append([_unescape(c).strip() for c in _MD_CELL_SPLIT.split(body)])
            continue
        flush()
        if not stripped:
            continue
        m = _MD_HEADING.match(line)
        if m:
            stripped = m.group(1).strip()
        bold = _BOLD.match(stripped)
        if bold:
            stripped = bold.group(1).strip()
        parts.append(_unescape(stripped))
    flush()
    return Doc(parts)


def _unescape(text: str) -> str:
    return _MD_ESCAPE.sub(r"\1", text)


def _rectangular(rows: list[list[str | None]]) -> list[list[str | None]]:
    width = max(len(r) for r in rows)
    return [[*r, *([None] * (width - len(r)))] for r in rows]


def _unspread(grid: list[list[str | None]]) -> list[list[str | None]]:
    """Undo GFM's spread merges: repeated header text and the empty positions a label covers become None."""
    width = len(grid[0]) if grid else 0

    def value(cell: str | None) -> bool:
        return cell is not None and cell != "" and is_value_cell(norm(cell))

    def text(cell: str | None) -> bool:
        return cell is not None and cell != "" and not is_value_cell(norm(cell))

    is_header = [not any(value(c) for c in row) and sum(text(c) for c in row) >= 2 for row in grid]
    # A label column holds row labels and never a number (an all-empty number column is still a number column).
    label_columns = {
        x
        for x in range(width)
        if any(text(row[x]) for row, h in zip(grid, is_header, strict=True) if not h)
        and not any(value(row[x]) for row in grid)
    }
    out: list[list[str | None]] = []
    spans: set[int] = set()
    for row, header in zip(grid, is_header, strict=True):
        new = list(row)
        if header:
            spans = {x for x in range(1, width) if text(row[x]) and row[x] == row[x - 1]}
            for x in spans:
                new[x] = None
        else:
            for x in range(width):
                if (x in spans or x in label_columns) and not text(row[x]):
                    new[x] = None
        out.append(new)
    return out
