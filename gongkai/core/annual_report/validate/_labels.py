"""Chinese names of cells for messages, as a township clerk reads them on the printed tables."""

from __future__ import annotations

import re

from gongkai.core.annual_report.format import Layout

_REMARK = re.compile(r"（区分处理的.*?）")
_GROUPS = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼·未经复议直接起诉",
    "litigation_after_review": "行政诉讼·复议后起诉",
}


def t3_row(lay: Layout, row_id: str) -> str:
    """「（三）不予公开·1.属于国家秘密」 for a sub-row, 「（一）予以公开」 for a top row."""
    rows = {r.id: r for r in lay.t3_rows}
    row = rows.get(row_id)
    if row is None:
        return row_id
    label = _REMARK.sub("", row.label)
    parent = rows.get(row.parent) if row.parent and row.parent != "outcomes" else None
    return f"{parent.label}·{label}" if parent else label


def t3_column(lay: Layout, column_id: str) -> str:
    if column_id == "other_org":
        return "法人或其他组织·其他"
    for c in lay.t3_columns:
        if c.id == column_id:
            return c.label
    return column_id


def t4_cell(lay: Layout, column_id: str) -> str:
    group, _, part = column_id.partition(".")
    label = next((c.label for c in lay.t4_columns if c.id == column_id), part)
    return f"{_GROUPS.get(group, group)}·{label}"


def t4_group(group: str) -> str:
    return _GROUPS.get(group, group)


def t2_cell(lay: Layout, block_id: str, row_id: str, column_id: str) -> str:
    for b in lay.t2_blocks:
        if b.id == block_id:
            row = next((r.label for r in b.rows if r.id == row_id), row_id)
            col = next((c.label for c in b.columns if c.id == column_id), column_id)
            return f"{b.label}「{row}」的「{col}」"
    return f"{block_id}[{row_id}][{column_id}]"


def show(value: object) -> str:
    """A cell value as printed in a message: 空白 for an empty cell."""
    return "空白" if value is None else str(value)
