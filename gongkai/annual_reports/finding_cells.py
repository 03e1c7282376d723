"""Which table cells a validator finding concerns, and how the editor marks and links them.

A `Finding` names one cell (where the check failed, e.g. 「（七）总计」 for T3-002), but a balance or a sum is
wrong in any of the cells it adds up; the person correcting it needs to see all of them. The arithmetic rules
of spec §4.3–§4.4 say which cells take part, so this module expands a finding to that set (the same refs the
HTML renderer puts in `data-cell`, e.g. `T3[granted][total]`) and gives each cell a page anchor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from typing import Any

from gongkai.core.annual_report.format import Layout, layout
from gongkai.core.annual_report.model import t3_ref, t4_ref

EDITION = "2021"
_T3 = re.compile(r"T3\[([\w.]+)\]\[(\w+)\]")
_T4 = re.compile(r"T4\[(\w+)\.(\w+)\]")
_TABLE_REF = re.compile(r"T[234][\[.]")
# Rows of the balance 第一项 + 第二项 = 第三项（七）总计 + 第四项 (T3-002) and the bound of T3-005.
_BALANCE_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")
_ON_HAND_ROWS = ("new_received", "carried_over", "carried_forward")


def _applicant_columns(lay: Layout) -> list[str]:
    return [c.id for c in lay.t3_columns if c.id != "total"]


def _t4_parts(lay: Layout, group: str) -> list[str]:
    return [c.id for c in lay.t4_columns if c.id.startswith(f"{group}.") and not c.id.endswith(".total")]


def cells_of(finding: dict[str, Any], lay: Layout | None = None) -> list[str]:
    """The cell refs a finding concerns: its own cell first, then the other cells of the same sum.

    Findings about a section or the whole report concern no cell (empty list).
    """
    cell = finding.get("cell") or ""
    if not _TABLE_REF.match(cell):
        return []
    lay = lay or layout(EDITION)
    rule = finding.get("rule", "")
    refs = [cell]
    if m := _T3.fullmatch(cell):
        row, col = m.groups()
        if rule == "T3-001":
            # 总计 = 自然人 + the five 法人或其他组织 columns of the row.
            refs += [t3_ref(row, c) for c in _applicant_columns(lay)]
        elif rule == "T3-002":
            refs += [t3_ref(r, col) for r in _BALANCE_ROWS]
        elif rule == "T3-003":
            # （七）总计 = every outcome leaf （一）…（六） of the column.
            refs += [t3_ref(r.id, col) for r in lay.outcome_leaves]
        elif rule == "T3-004":
            refs += [t3_ref(r.id, col) for r in lay.t3_data_rows if r.parent == row]
        elif rule == "T3-005":
            refs += [t3_ref(r, col) for r in _ON_HAND_ROWS]
    elif (m := _T4.fullmatch(cell)) and rule == "T4-001":
        group = m.group(1)
        refs += [t4_ref(p) for p in _t4_parts(lay, group)]
    return list(dict.fromkeys(refs))


def anchor(ref: str) -> str:
    """An HTML id for the cell `ref` (ids cannot hold brackets or dots)."""
    return "cell-" + re.sub(r"[^A-Za-z0-9_]+", "-", ref).strip("-")


def annotate(findings: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, list[int]]]:
    """Copies of the findings with `cells` [(ref, anchor)…] and a number `n` (for the anchor `finding-n`),
    and for every concerned cell the numbers of the findings about it."""
    lay = layout(EDITION)
    out: list[dict[str, Any]] = []
    by_cell: dict[str, list[int]] = {}
    for n, finding in enumerate(findings, start=1):
        refs = cells_of(finding, lay)
        out.append({**finding, "n": n, "cells": [(ref, anchor(ref)) for ref in refs]})
        for ref in refs:
            by_cell.setdefault(ref, []).append(n)
    return out, by_cell


_TD = re.compile(r"<td(?P<attrs>[^>]*)>")
_DATA_CELL = re.compile(r' data-cell="([^"]+)"')
_CLASS = re.compile(r' class="([^"]*)"')


def mark_rendered(html: str, by_cell: dict[str, list[int]], css_class: str = "finding-cell") -> str:
    """Mark the cells of rendered report HTML (the renderer's `data-cell`) that findings concern: a class and a
    title naming the findings. Server-side, so it works without scripts."""

    def replace(m: re.Match[str]) -> str:
        attrs = m.group("attrs")
        ref = _DATA_CELL.search(attrs)
        numbers = by_cell.get(ref.group(1)) if ref else None
        if not numbers:
            return m.group(0)
        if _CLASS.search(attrs):
            attrs = _CLASS.sub(lambda c: f' class="{c.group(1)} {css_class}"', attrs, count=1)
        else:
            attrs += f' class="{css_class}"'
        title = "核对问题 " + "、".join(f"#{n}" for n in numbers)
        return f'<td{attrs} title="{escape(title, quote=True)}">'

    return _TD.sub(replace, html)
