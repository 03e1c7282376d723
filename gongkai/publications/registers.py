"""The registers kept during the year that feed table 二 (条例第五十条; 国办公开办函〔2021〕30号 表二).

- 规章 / 行政规范性文件: one row per document with its issue and repeal dates (in force is computed).
- 行政许可 / 行政处罚 / 行政强制 decisions and 行政事业性收费 (万元): one figure per month, typed in or imported
  from CSV/XLSX. An import is all or nothing: if any row is rejected, nothing is saved and every problem is listed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.services import has_role
from gongkai.core.annual_report.format import normalize_label
from gongkai.publications.models import (
    Measure,
    MonthlyTally,
    NormativeDocument,
    NormativeKind,
    Publication,
    RegisterEvent,
)
from gongkai.publications.services import PublicationError, PublicationPermissionError

REGISTER_ROLES = ("clerk", "head")
MAX_IMPORT_ROWS = 10_000


def _require(actor: AbstractBaseUser | None, agency: Agency) -> None:
    if actor is None or not has_role(actor, agency, *REGISTER_ROLES):
        raise PublicationPermissionError(f"您在{agency.name}没有维护登记台账的权限。")


def _event(agency: Agency, actor: AbstractBaseUser | None, kind: str, data: dict[str, Any]) -> None:
    RegisterEvent.objects.create(agency=agency, actor=actor, at=timezone.now(), kind=kind, data=data)


def _check_value(measure: str, value: Any) -> tuple[int | None, Decimal | None]:
    if measure == Measure.FEES:
        try:
            amount = Decimal(str(value).strip().replace(",", ""))
        except (InvalidOperation, ValueError) as exc:
            raise PublicationError("收费金额应为数字（单位：万元）。") from exc
        if not amount.is_finite() or amount < 0:
            raise PublicationError("收费金额不能为负数。")
        if amount.as_tuple().exponent < -4:  # type: ignore[operator]
            raise PublicationError("收费金额最多保留4位小数（单位：万元）。")
        return None, amount
    text = str(value).strip().replace(",", "")
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not text.isdigit():
        raise PublicationError("处理决定数量应为不小于0的整数。")
    return int(text), None


@transaction.atomic
def record_monthly_tally(
    agency: Agency,
    actor: AbstractBaseUser | None,
    *,
    year: int,
    month: int,
    measure: str,
    value: Any,
    source: str = "手工录入",
) -> MonthlyTally:
    """Set one month's figure (a later entry replaces the earlier one; both are in the event log)."""
    _require(actor, agency)
    if measure not in Measure.values:
        raise PublicationError("登记事项无效。")
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise PublicationError("年份或月份无效。")
    decisions, amount = _check_value(measure, value)
    tally, created = MonthlyTally.objects.update_or_create(
        agency=agency,
        year=year,
        month=month,
        measure=measure,
        defaults={
            "decisions": decisions,
            "amount_wan_yuan": amount,
            "source": source[:200],
            "updated_by": actor,
        },
    )
    _event(
        agency,
        actor,
        "tally_recorded",
        {
            "year": year,
            "month": month,
            "measure": measure,
            "value": str(value),
            "created": created,
            "source": source,
        },
    )
    return tally


@transaction.atomic
def record_normative_document(
    agency: Agency,
    actor: AbstractBaseUser | None,
    *,
    kind: str,
    title: str,
    issued_on: date,
    document_number: str = "",
    expires_on: date | None = None,
    publication: Publication | None = None,
) -> NormativeDocument:
    _require(actor, agency)
    if kind not in NormativeKind.values:
        raise PublicationError("文件类别无效。")
    if not title.strip():
        raise PublicationError("请填写文件名称。")
    if expires_on is not None and expires_on < issued_on:
        raise PublicationError("有效期不能早于制发日期。")
    document = NormativeDocument.objects.create(
        agency=agency,
        kind=kind,
        title=title.strip(),
        document_number=document_number.strip(),
        issued_on=issued_on,
        expires_on=expires_on,
        publication=publication,
    )
    _event(
        agency,
        actor,
        "normative_recorded",
        {"id": document.pk, "kind": kind, "issued_on": issued_on.isoformat()},
    )
    return document


@transaction.atomic
def repeal_normative_document(
    document: NormativeDocument, actor: AbstractBaseUser | None, *, repealed_on: date, repealed_by: str
) -> NormativeDocument:
    _require(actor, document.agency)
    if document.repealed_on is not None:
        raise PublicationError("该文件已经废止。")
    if repealed_on < document.issued_on:
        raise PublicationError("废止日期不能早于制发日期。")
    if not repealed_by.strip():
        raise PublicationError("请填写废止依据（废止它的文件）。")
    document.repealed_on = repealed_on
    document.repealed_by = repealed_by.strip()[:200]
    document.save(update_fields=["repealed_on", "repealed_by"])
    _event(
        document.agency,
        actor,
        "normative_repealed",
        {"id": document.pk, "repealed_on": repealed_on.isoformat()},
    )
    return document


# ---- import -------------------------------------------------------------------------------------------

# Expected columns (matched after label normalisation, spec §3.9): 年份, 月份, then any of the four measures.
YEAR_HEADERS = {normalize_label(x) for x in ("年份", "年度", "年")}
MONTH_HEADERS = {normalize_label(x) for x in ("月份", "月")}
MEASURE_HEADERS: dict[str, str] = {
    normalize_label("行政许可"): Measure.LICENSING,
    normalize_label("行政许可处理决定数量"): Measure.LICENSING,
    normalize_label("行政处罚"): Measure.PENALTY,
    normalize_label("行政处罚处理决定数量"): Measure.PENALTY,
    normalize_label("行政强制"): Measure.COERCION,
    normalize_label("行政强制处理决定数量"): Measure.COERCION,
    normalize_label("行政事业性收费"): Measure.FEES,
    normalize_label("行政事业性收费（万元）"): Measure.FEES,
    normalize_label("行政事业性收费（单位：万元）"): Measure.FEES,
    normalize_label("收费金额（万元）"): Measure.FEES,
}
TEMPLATE_HEADER = ("年份", "月份", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）")


@dataclass(frozen=True)
class RejectedRow:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return (
            f"第{self.row}行「{self.column}」：{self.reason}"
            if self.column
            else f"第{self.row}行：{self.reason}"
        )


@dataclass
class ImportReport:
    file_name: str
    accepted: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def is_saved(self) -> bool:
        return not self.rejected and self.accepted > 0

    def summary(self) -> str:
        if self.rejected:
            return f"“{self.file_name}”有 {len(self.rejected)} 处错误，未导入任何数据。请改正后重新导入。"
        if not self.accepted:
            return f"“{self.file_name}”中没有可导入的数据。"
        return f"已从“{self.file_name}”导入 {self.accepted} 项月度数据。"


def _read_rows(file_name: str, data: bytes) -> list[list[Any]]:
    suffix = Path(file_name).suffix.lower()
    if suffix == ".xlsx":
        import zipfile

        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise PublicationError(f"无法读取“{file_name}”：不是有效的 XLSX 文件。") from exc
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    if suffix == ".csv":
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return [list(r) for r in csv.reader(io.StringIO(text))]
        raise PublicationError(f"无法读取“{file_name}”：文字编码无法识别，请另存为 UTF-8 的 CSV。")
    raise PublicationError(f"无法读取“{file_name}”：只支持 CSV 和 XLSX 文件。")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_tally_rows(file_name: str, data: bytes) -> tuple[list[tuple[int, int, str, Any]], ImportReport]:
    """Validate a register file without saving: (year, month, measure, value) per cell, and the report."""
    report = ImportReport(file_name)
    rows = _read_rows(file_name, data)
    rows = [r for r in rows if any(not _blank(v) for v in r)]
    if not rows:
        report.rejected.append(RejectedRow(1, "", "文件为空。"))
        return [], report
    header = [normalize_label(str(v)) if v is not None else "" for v in rows[0]]
    try:
        year_col = next(i for i, h in enumerate(header) if h in YEAR_HEADERS)
        month_col = next(i for i, h in enumerate(header) if h in MONTH_HEADERS)
    except StopIteration:
        report.rejected.append(RejectedRow(1, "", f"第1行应为表头：{'、'.join(TEMPLATE_HEADER)}。"))
        return [], report
    measure_cols = {i: MEASURE_HEADERS[h] for i, h in enumerate(header) if h in MEASURE_HEADERS}
    if not measure_cols:
        report.rejected.append(
            RejectedRow(1, "", "表头中没有“行政许可”“行政处罚”“行政强制”或“行政事业性收费（万元）”列。")
        )
        return [], report
    if len(rows) > MAX_IMPORT_ROWS:
        report.rejected.append(RejectedRow(1, "", f"行数过多（最多 {MAX_IMPORT_ROWS} 行）。"))
        return [], report
    labels = [str(v).strip() if v is not None else "" for v in rows[0]]
    cells: list[tuple[int, int, str, Any]] = []
    seen: dict[tuple[int, int, str], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        row = row + [None] * (len(header) - len(row))

        def cell_int(
            col: int, low: int, high: int, what: str, number: int = number, row: list[Any] = row
        ) -> int | None:
            value = row[col]
            text = (
                str(int(value))
                if isinstance(value, float) and value.is_integer()
                else str(value or "").strip()
            )
            if not text.isdigit() or not low <= int(text) <= high:
                report.rejected.append(
                    RejectedRow(
                        number, labels[col], f"{what}应为 {low}–{high} 的整数，实际为“{value or '空'}”。"
                    )
                )
                return None
            return int(text)

        year = cell_int(year_col, 2000, 2100, "年份")
        month = cell_int(month_col, 1, 12, "月份")
        for col, measure in measure_cols.items():
            value = row[col]
            if _blank(value):
                continue  # an empty cell means "not reported this month", not zero
            try:
                _check_value(measure, value)
            except PublicationError as exc:
                report.rejected.append(RejectedRow(number, labels[col], f"{exc.message}实际为“{value}”。"))
                continue
            if year is None or month is None:
                continue
            key = (year, month, measure)
            if key in seen:
                report.rejected.append(
                    RejectedRow(number, labels[col], f"{year}年{month}月的数据与第{seen[key]}行重复。")
                )
                continue
            seen[key] = number
            cells.append((year, month, measure, value))
    report.accepted = len(cells) if not report.rejected else 0
    return cells, report


def import_tallies(
    agency: Agency, actor: AbstractBaseUser | None, file_name: str, data: bytes
) -> ImportReport:
    """Import monthly figures from CSV/XLSX. All or nothing: any rejected row means nothing is saved."""
    _require(actor, agency)
    try:
        cells, report = parse_tally_rows(file_name, data)
    except PublicationError as exc:
        report = ImportReport(file_name)
        report.rejected.append(RejectedRow(1, "", exc.message))
        return report
    if report.rejected or not cells:
        return report
    with transaction.atomic():
        for year, month, measure, value in cells:
            record_monthly_tally(
                agency,
                actor,
                year=year,
                month=month,
                measure=measure,
                value=value,
                source=f"导入：{file_name}",
            )
        _event(agency, actor, "tallies_imported", {"file": file_name, "cells": len(cells)})
    return report


def template_csv() -> bytes:
    """An empty import template (UTF-8 with BOM so that Excel/WPS open it correctly)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TEMPLATE_HEADER)
    writer.writerow(["2026", "1", "0", "0", "0", "0.0000"])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
