"""Plain text in the seed's `|` layout: one line per paragraph, one line per table row.

A table row prints the cells that begin on it, in reading order, separated by " | " — what a published
table becomes when it is copied to text (the seed report, xiaodian-2023.txt, is exactly that, flattened
onto a few lines). A merged cell is printed once, on the row where it begins; a cell printed empty is an
empty string between two separators. A blank line precedes each section heading and the signature.
"""

from __future__ import annotations

from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.render._document import parts
from gongkai.core.annual_report.render._grid import Grid

SEPARATOR = " | "


def render_text(report: AnnualReport) -> str:
    """Return the report as plain text (UTF-8 string, lines ending in "\\n")."""
    lines: list[str] = []
    signed = False
    for part in parts(report):
        if part.kind == "table" and part.grid is not None:
            lines.extend(table_lines(part.grid))
            continue
        if part.kind == "heading" or (part.kind in ("signature", "date") and not signed):
            lines.append("")
            signed = signed or part.kind in ("signature", "date")
        lines.append(part.text)
    return "\n".join(lines) + "\n"


def table_lines(grid: Grid) -> list[str]:
    return [SEPARATOR.join(cell.text for cell in row.cells) for row in grid.rows]
