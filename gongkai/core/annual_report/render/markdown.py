"""Markdown (GFM): `#` title, `##` section headings, paragraphs, pipe tables in the national grid.

GFM tables cannot merge cells, so each table is the national grid with its merges spread out: a column
header that spans several grid positions is repeated in each (the header rows read as the printed
table's header rows, one per line); a row label or a value is printed once, where it begins, and the
positions it covers are left empty. The T3 note cell is printed once (it is a note, not a header).
The first grid row is the GFM header row.
"""

from __future__ import annotations

import re

from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.render._document import parts
from gongkai.core.annual_report.render._grid import Cell, Grid, placed

_BLOCK_START = re.compile(r"^[#>+*=|<~`-]")
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])(\s|$)")


def render_markdown(report: AnnualReport) -> str:
    """Return the report as GitHub-flavoured Markdown."""
    blocks: list[str] = []
    for part in parts(report):
        if part.kind == "title":
            blocks.append(f"# {part.text}")
        elif part.kind == "heading":
            blocks.append(f"## {part.text}")
        elif part.kind == "table" and part.grid is not None:
            blocks.append(table(part.grid))
        else:
            blocks.append(escape_paragraph(part.text))
    return "\n\n".join(blocks) + "\n"


def escape_paragraph(text: str) -> str:
    """Keep a paragraph a paragraph: a leading character Markdown would read as a list, heading, quote,
    table or code marker is backslash-escaped. Other text is left exactly as written."""
    if _BLOCK_START.match(text):
        return "\\" + text
    # CommonMark escapes the punctuation of an ordered-list marker, not the digits: 「1\. 」.
    return _ORDERED_ITEM.sub(r"\1\\\2\3", text, count=1)


def escape_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _repeats(cell: Cell) -> bool:
    return cell.scope in ("col", "colgroup") and cell.css != "note"


def table(grid: Grid) -> str:
    matrix = placed(grid)
    lines: list[str] = []
    for y, row in enumerate(matrix):
        texts = []
        for slot in row:
            if slot is None:
                texts.append("")
                continue
            cell, origin = slot
            texts.append(escape_cell(cell.text) if origin or _repeats(cell) else "")
        lines.append("| " + " | ".join(texts) + " |")
        if y == 0:
            lines.append("|" + "|".join(_alignments(matrix, grid.width)) + "|")
    return "\n".join(lines)


def _alignments(matrix: list[list[tuple[Cell, bool] | None]], width: int) -> list[str]:
    # Label columns (holding row headers) align left, number columns right.
    labels = {
        x
        for row in matrix
        for x, slot in enumerate(row)
        if slot is not None and slot[0].scope in ("row", "rowgroup")
    }
    return [" --- " if x in labels else " ---: " for x in range(width)]
