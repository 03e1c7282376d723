"""Table 四 (政府信息公开行政复议、行政诉讼情况) computed from the remedy cases, and regional roll-ups.

Counting rule for a report year Y [U: the 2021 format's 统计口径 for table 四 was not retrieved (spec §3.5);
this follows the table's own columns and is a project choice, documented in docs/annual-report-workflow.md]:

- a case decided in Y counts once under its result (维持 / 纠正 / 其他) in Y;
- a case received on or before 31 Dec of Y and not decided by then counts as 尚未审结 in Y.

So a case received in 2025 and decided in 2026 appears as 尚未审结 in 2025 and under its result in 2026, the
way a reader comparing both reports would expect. 总计 of each group is the sum of its four result columns,
so T4-001 holds by construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.annual_reports.models import CaseKind, RemedyCase
from gongkai.core.annual_report.format import layout
from gongkai.core.annual_report.model import T3Table, T4Table, t3_ref, t4_ref

EDITION = "2021"
RESULTS = ("upheld", "corrected", "other", "pending")

# 行政复议法（2023）第二十三条第一款第（四）项 (in force 2024-01-01, 第九十条): a refusal to disclose needs
# reconsideration before litigation (复议前置). W-009 of the validator states it as a hint on the report.
REVIEW_FIRST_SINCE_YEAR = 2024


def table4_for(agency: Agency, year: int) -> tuple[T4Table, dict[str, list[int]]]:
    """Table 四 for the agency and year (column id → count) and the case ids behind each cell ref."""
    columns = [c.id for c in layout(EDITION).t4_columns]
    ids: dict[str, list[int]] = {t4_ref(c): [] for c in columns}
    start, end = date(year, 1, 1), date(year, 12, 31)
    cases = (
        RemedyCase.objects.filter(agency=agency, received_on__lte=end)
        .exclude(decided_on__lt=start)
        .order_by("received_on", "id")
    )
    for case in cases:
        if case.result and case.decided_on is not None and case.decided_on <= end:
            column = case.result
        else:
            column = "pending"
        ids[t4_ref(f"{case.kind}.{column}")].append(case.pk)
        ids[t4_ref(f"{case.kind}.total")].append(case.pk)
    table: T4Table = {c: len(ids[t4_ref(c)]) for c in columns}
    return table, ids


def review_first_hints(agency: Agency, year: int) -> list[RemedyCase]:
    """Direct-litigation cases about a refusal received since 2024: under 复议前置 these are unusual (W-009)."""
    if year < REVIEW_FIRST_SINCE_YEAR:
        return []
    return list(
        RemedyCase.objects.filter(
            agency=agency,
            kind=CaseKind.LITIGATION_DIRECT,
            is_refusal=True,
            received_on__gte=date(REVIEW_FIRST_SINCE_YEAR, 1, 1),
            received_on__lte=date(year, 12, 31),
        )
    )


def sum_t3(tables: Iterable[T3Table]) -> T3Table:
    """Cell-by-cell sum of several tables 三 (a region's roll-up); missing cells count as 0."""
    lay = layout(EDITION)
    out: T3Table = {r.id: {c.id: 0 for c in lay.t3_columns} for r in lay.t3_data_rows}
    for table in tables:
        for row, cols in out.items():
            for column in cols:
                value = table.get(row, {}).get(column)
                cols[column] = (cols[column] or 0) + (value if isinstance(value, int) else 0)
    return out


def sum_t4(tables: Iterable[T4Table]) -> T4Table:
    columns = [c.id for c in layout(EDITION).t4_columns]
    out: T4Table = {c: 0 for c in columns}
    for table in tables:
        for column in columns:
            value = table.get(column)
            out[column] = (out[column] or 0) + (value if isinstance(value, int) else 0)
    return out


def t3_refs() -> list[str]:
    lay = layout(EDITION)
    return [t3_ref(r.id, c.id) for r in lay.t3_data_rows for c in lay.t3_columns]


def case_counts(cases: Iterable[Any]) -> dict[str, int]:
    counts = {k: 0 for k in RESULTS}
    for case in cases:
        counts[case.result or "pending"] += 1
    return counts
