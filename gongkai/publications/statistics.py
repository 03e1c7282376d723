"""Table 二 (主动公开政府信息情况) computed from the registers, in the report engine's shape.

`table2_for(agency, year)` returns the T2Table (block id → row id → column id → value, ids from
annual-report-format.json via `layout("2021")`) and, for each cell ref (`t2_ref(...)`), the ids of the register
records behind it, so a reader can click through from a number to the documents or months that make it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai.agencies.models import Agency
from gongkai.core.annual_report.format import layout
from gongkai.core.annual_report.model import T2Table, t2_ref
from gongkai.publications.models import Measure, MonthlyTally, NormativeDocument, NormativeKind

DECISION_BLOCKS = {
    Measure.LICENSING: "art20_5",
    Measure.PENALTY: "art20_6",
    Measure.COERCION: "art20_6",
}


def table2_for(agency: Agency, year: int) -> tuple[T2Table, dict[str, list[int]]]:
    """Table 二 for `agency` and report `year` (statistics period 1 Jan – 31 Dec, spec §3.1)."""
    lay = layout("2021")
    table: T2Table = {b.id: {r.id: {c.id: None for c in b.columns} for r in b.rows} for b in lay.t2_blocks}
    records: dict[str, list[int]] = {}
    year_end = date(year, 12, 31)

    # 第二十条第（一）项: issued and repealed in the year; in force at 31 December (not expired, not repealed).
    documents = list(
        NormativeDocument.objects.filter(agency=agency, issued_on__lte=year_end).order_by("issued_on", "id")
    )
    for kind in NormativeKind.values:
        of_kind = [d for d in documents if d.kind == kind]
        issued = [d.pk for d in of_kind if d.issued_on.year == year]
        repealed = [d.pk for d in of_kind if d.repealed_on is not None and d.repealed_on.year == year]
        in_force = [d.pk for d in of_kind if d.is_in_force_on(year_end)]
        for column, ids in (("issued", issued), ("repealed", repealed), ("in_force", in_force)):
            table["art20_1"][kind][column] = len(ids)
            records[t2_ref("art20_1", kind, column)] = ids

    tallies = list(MonthlyTally.objects.filter(agency=agency, year=year).order_by("month", "id"))
    # 第二十条第（五）（六）项: decisions made in the year, summed over the months entered.
    for measure, block in DECISION_BLOCKS.items():
        rows = [t for t in tallies if t.measure == measure]
        table[block][measure]["decisions"] = sum(t.decisions or 0 for t in rows)
        records[t2_ref(block, measure, "decisions")] = [t.pk for t in rows]
    # 第二十条第（八）项: fee income in 万元 (not the information-processing fee, which goes to section 六).
    fees = [t for t in tallies if t.measure == Measure.FEES]
    amount = sum((t.amount_wan_yuan or Decimal("0") for t in fees), Decimal("0"))
    table["art20_8"][Measure.FEES]["fee_amount"] = amount
    records[t2_ref("art20_8", Measure.FEES, "fee_amount")] = [t.pk for t in fees]
    return table, records


def months_missing(agency: Agency, year: int, up_to_month: int = 12) -> dict[str, list[int]]:
    """Months with no figure entered, per measure: a reminder before the annual report is compiled."""
    present: dict[str, set[int]] = {m: set() for m in Measure.values}
    for measure, month in MonthlyTally.objects.filter(agency=agency, year=year).values_list(
        "measure", "month"
    ):
        present[measure].add(month)
    return {m: [k for k in range(1, up_to_month + 1) if k not in present[m]] for m in Measure.values}
