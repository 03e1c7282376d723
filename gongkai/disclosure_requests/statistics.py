"""Table 三 of the annual report, computed from the records (issue #5 item 6).

Counting conventions (spec §3.6):
- 本年新收: requests whose legal receipt date (条例第三十一条) falls in the year;
- 办理结果: requests closed (replied, withdrawn, deemed abandoned) in the year, by their one outcome;
- 上年结转: received before the year and not closed before it;
- 结转下年度: received by the year end and not closed by it.
Every request received by the year end and not closed before the year is therefore in exactly one of
新收/上年结转 and in exactly one of 办理结果/结转下年度, so 一 + 二 = 三（七）+ 四 holds per column by
construction. Requests still waiting for confirmation have no receipt date and are not counted yet.
"""

from __future__ import annotations

import io
from datetime import date

from gongkai.agencies.models import Agency
from gongkai.core.annual_report.format import layout
from gongkai.core.annual_report.model import T3Table, t3_ref
from gongkai.disclosure_requests.models import DisclosureRequest

EDITION = "2021"


def table3_for(agency: Agency, year: int) -> tuple[T3Table, dict[str, list[int]]]:
    """Table 三 for the agency and year (row id → column id → count), and the request ids per cell ref."""
    lay = layout(EDITION)
    columns = [c.id for c in lay.t3_columns]
    rows = [r.id for r in lay.t3_data_rows]
    leaves = {r.id for r in lay.outcome_leaves}
    start, end = date(year, 1, 1), date(year, 12, 31)
    ids: dict[str, list[int]] = {t3_ref(r, c): [] for r in rows for c in columns}

    def count(row: str, column: str, pk: int) -> None:
        ids[t3_ref(row, column)].append(pk)
        ids[t3_ref(row, "total")].append(pk)

    candidates = (
        DisclosureRequest.objects.filter(agency=agency, received_on__isnull=False, received_on__lte=end)
        .exclude(replied_on__lt=start)
        .select_related("applicant")
        .order_by("received_on", "id")
    )
    for item in candidates:
        column = item.applicant.kind
        if item.received_on is not None and item.received_on >= start:
            count("new_received", column, item.pk)
        else:
            count("carried_over", column, item.pk)
        if item.replied_on is not None and item.replied_on <= end and item.outcome in leaves:
            count(item.outcome, column, item.pk)
            count("total_processed", column, item.pk)
        else:
            count("carried_forward", column, item.pk)

    table: T3Table = {r: {c: len(ids[t3_ref(r, c)]) for c in columns} for r in rows}
    return table, ids


def table3_report(agency: Agency, year: int):  # type: ignore[no-untyped-def]
    """An AnnualReport holding only table 三 (for the report engine's validator and renderers)."""
    from gongkai.core.annual_report.model import AnnualReport

    report = AnnualReport.blank(EDITION)
    report.year = year
    report.agency = agency.name
    report.t3, _ = table3_for(agency, year)
    return report


def table3_xlsx(agency: Agency, year: int) -> bytes:
    """Table 三 as an XLSX sheet in the national layout (labels as printed in the 2021 format)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    lay = layout(EDITION)
    table, _ = table3_for(agency, year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "表三"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append([f"{agency.name}{year}年度收到和处理政府信息公开申请情况"])
    sheet.append(
        [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            *(c.label for c in lay.t3_columns),
        ]
    )
    for row in lay.t3_rows:
        if row.has_cells:
            sheet.append([row.label, *(table[row.id][c.id] for c in lay.t3_columns)])
        else:
            sheet.append([row.label])
    sheet.column_dimensions["A"].width = 60
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet["A1"].font = Font(bold=True, size=14)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
