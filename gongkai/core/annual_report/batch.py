"""Check every annual report in a folder tree: parse + validate in worker processes, then cross-year checks.

A supervising office (县/市政务公开办) receives dozens of reports every January in whatever format each
body published (Word, PDF, web page); a researcher may have thousands. `run_batch` never stops on one bad
file: every file found is listed, unreadable ones with the Chinese reason. When the same body's reports for
consecutive years are both present, the later one is validated again with the earlier one as
`ValidationOptions.previous`, which adds the cross-year rules (X-001 结转 continuity, W-005 T2 stock and flow,
M-006 text copied from last year).

Results go to an XLSX workbook (sheets 报告 / 问题 / 跨年度 / 数据 / 字段说明) or to CSV (the 报告 sheet, plus
`<name>.findings.csv` with the 问题 sheet next to it).
"""

from __future__ import annotations

import csv
import json
import os
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai.core.annual_report.format import layout
from gongkai.core.annual_report.model import AnnualReport, ReportError

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".docx", ".pdf")
# Listed (so nothing is silently skipped) but refused with the reason: python-docx cannot read them.
LEGACY_SUFFIXES = (".doc", ".wps")
MAX_FILE_BYTES = 50 * 1024 * 1024
# Rules that need the previous year's report (spec §4: X-001, W-005, M-006; M-007 also looks at last year).
CROSS_YEAR_RULES = ("X-001", "W-005", "M-006", "M-007")

STATUS_OK = "已核对"
STATUS_UNREADABLE = "无法读取"
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
EDITION_NAMES = {"2021": "2021年统一格式", "2019": "2019年试行格式", "pre2019": "2019年以前格式"}


@dataclass
class FileResult:
    """One file of the batch: its report and findings, or the reason it could not be read."""

    path: str  # relative to the batch folder, with "/" separators
    status: str = STATUS_OK
    reason: str = ""
    report: AnnualReport | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    cross_year: list[dict[str, Any]] = field(default_factory=list)
    previous_path: str = ""
    parse_ms: float = 0.0
    check_ms: float = 0.0

    @property
    def is_readable(self) -> bool:
        return self.report is not None

    def count(self, severity: str) -> int:
        return sum(1 for f in [*self.findings, *self.cross_year] if f.get("severity") == severity)


@dataclass
class BatchResult:
    root: str
    files: list[FileResult]
    jobs: int
    seconds: float

    @property
    def readable(self) -> list[FileResult]:
        return [f for f in self.files if f.is_readable]

    @property
    def unreadable(self) -> list[FileResult]:
        return [f for f in self.files if not f.is_readable]

    def exit_code(self) -> int:
        """As `gongkai report check`: 1 when any report has errors, else 2 when a file was unreadable, else 0."""
        if any(f.count("error") for f in self.files):
            return 1
        if self.unreadable:
            return 2
        return 0


# -- finding the files ---------------------------------------------------------------------------------------


def find_reports(root: Path, exclude: Iterable[Path] = ()) -> list[Path]:
    """Every candidate report file under `root` (hidden files and Office lock files ~$… skipped), sorted."""
    excluded = {p.resolve() for p in exclude}
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith((".", "~$")):
                continue
            path = Path(dirpath) / name
            if path.suffix.lower() in REPORT_SUFFIXES + LEGACY_SUFFIXES and path.resolve() not in excluded:
                found.append(path)
    return found


# -- one file (runs in a worker process) --------------------------------------------------------------------


def check_file(path: str, root: str) -> FileResult:
    """Parse and validate one file; never raises (the reason goes into the result)."""
    relative = Path(path).relative_to(root).as_posix() if root else path
    result = FileResult(relative)
    started = time.perf_counter()
    try:
        report = read_report(Path(path))
    except ReportError as exc:
        return _unreadable(result, exc.message, started)
    except MemoryError:
        return _unreadable(result, "文件太复杂，内存不足，无法读取", started)
    except Exception as exc:  # a parser bug must not stop the batch; the file is listed with the reason
        return _unreadable(result, f"读取时出现内部错误（{type(exc).__name__}），请把文件发给维护者", started)
    result.parse_ms = (time.perf_counter() - started) * 1000
    result.report = report
    checked = time.perf_counter()
    try:
        from gongkai.core.annual_report.validate import validate

        result.findings = [f.to_dict() for f in validate(report)]
    except Exception as exc:
        result.reason = f"核对时出现内部错误（{type(exc).__name__}）"
    result.check_ms = (time.perf_counter() - checked) * 1000
    return result


def _unreadable(result: FileResult, reason: str, started: float) -> FileResult:
    result.status = STATUS_UNREADABLE
    result.reason = reason
    result.parse_ms = (time.perf_counter() - started) * 1000
    return result


def read_report(path: Path) -> AnnualReport:
    """Read one report file of any supported format; ReportError with a Chinese reason otherwise."""
    suffix = path.suffix.lower()
    if suffix in LEGACY_SUFFIXES:
        raise ReportError("这是旧版 Word/WPS 文件（.doc/.wps），gongkai 无法读取：请另存为 .docx 后再试。")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReportError(
                f"文件太大（{size / 1024 / 1024:.0f} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB），不像一份年报"
            )
        if size == 0:
            raise ReportError("文件是空的")
        data = path.read_bytes()
    except PermissionError as exc:
        raise ReportError("没有权限读取该文件") from exc
    except OSError as exc:
        raise ReportError(f"无法读取该文件：{exc.strerror or exc}") from exc
    if suffix == ".json":
        return _report_from_json(data)
    from gongkai.core.annual_report.parse import parse_bytes

    report: AnnualReport = parse_bytes(data, filename=path.name)
    return report


def _report_from_json(data: bytes) -> AnnualReport:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ReportError("JSON 文件不是 UTF-8 编码") from exc
    except json.JSONDecodeError as exc:
        raise ReportError(f"JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列）") from exc
    if not isinstance(parsed, dict) or "T3" not in parsed:
        raise ReportError("JSON 内容不是 gongkai 年报格式")
    return AnnualReport.from_dict(parsed)


# -- the batch ----------------------------------------------------------------------------------------------


Progress = Callable[[int, int], None]


def run_batch(
    root: Path,
    paths: Sequence[Path] | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> BatchResult:
    """Parse and check every report under `root` (or `paths`) with `jobs` worker processes (default: all cores)."""
    started = clock()
    files = list(paths) if paths is not None else find_reports(root)
    jobs = max(1, jobs or os.cpu_count() or 1)
    root_text = str(root)
    results: list[FileResult | None] = [None] * len(files)
    done = 0

    def finished(index: int, result: FileResult) -> None:
        nonlocal done
        results[index] = result
        done += 1
        if progress is not None:
            progress(done, len(files))

    if progress is not None:
        progress(0, len(files))
    if jobs == 1 or len(files) <= 1:
        for i, path in enumerate(files):
            finished(i, check_file(str(path), root_text))
    else:
        retry: list[int] = []
        with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
            futures: list[tuple[int, Future[FileResult]]] = [
                (i, pool.submit(check_file, str(path), root_text)) for i, path in enumerate(files)
            ]
            for i, future in futures:
                try:
                    finished(i, future.result())
                except BrokenProcessPool:
                    # A worker died (out of memory, killed): redo its files here rather than lose them.
                    retry.append(i)
        for i in retry:
            finished(i, check_file(str(files[i]), root_text))
    checked = [r for r in results if r is not None]
    add_cross_year_findings(checked)
    return BatchResult(root_text, checked, jobs, clock() - started)


def body_key(agency: str | None) -> str:
    """Match key of an issuing body across years: NFKC, no whitespace."""
    if not agency:
        return ""
    return "".join(unicodedata.normalize("NFKC", agency).split())


def add_cross_year_findings(results: list[FileResult]) -> None:
    """Validate each report again against the same body's report for the previous year, where present.

    Only findings of the cross-year rules are added (the others were already found without `previous`).
    """
    from gongkai.core.annual_report.validate import ValidationOptions, validate

    by_body_year: dict[tuple[str, int], FileResult] = {}
    for result in results:
        report = result.report
        if report is None or report.year is None or not body_key(report.agency):
            continue
        # Two files for the same body and year: keep the first in path order; the other is checked alone.
        by_body_year.setdefault((body_key(report.agency), report.year), result)
    for (body, year), result in sorted(by_body_year.items()):
        previous = by_body_year.get((body, year - 1))
        if previous is None or result.report is None or previous.report is None:
            continue
        try:
            findings = validate(result.report, ValidationOptions(previous=previous.report))
        except Exception as exc:
            result.reason = f"跨年度核对时出现内部错误（{type(exc).__name__}）"
            continue
        seen = {(f.get("rule"), f.get("cell"), f.get("message")) for f in result.findings}
        result.cross_year = [
            f.to_dict()
            for f in findings
            if f.rule in CROSS_YEAR_RULES and (f.rule, f.cell, f.message) not in seen
        ]
        result.previous_path = previous.path


# -- output -------------------------------------------------------------------------------------------------

REPORT_COLUMNS = (
    "文件",
    "机关",
    "年度",
    "格式版本",
    "错误",
    "警告",
    "提示",
    "解析耗时（毫秒）",
    "状态",
    "原因/说明",
    "对比的上一年度文件",
)
FINDING_COLUMNS = ("文件", "机关", "年度", "规则", "级别", "单元格/部分", "说明", "来源")


def report_rows(batch: BatchResult) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for f in batch.files:
        r = f.report
        rows.append(
            [
                f.path,
                r.agency if r else "",
                r.year if r else "",
                EDITION_NAMES.get(r.edition or "", "未识别") if r else "",
                f.count("error") if r else "",
                f.count("warning") if r else "",
                f.count("info") if r else "",
                round(f.parse_ms, 1),
                f.status,
                f.reason,
                f.previous_path,
            ]
        )
    return rows


def finding_rows(batch: BatchResult, cross_year_only: bool = False) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for f in batch.files:
        r = f.report
        if r is None:
            continue
        sources = [("本年度核对", f.findings), (f"跨年度（对比 {f.previous_path}）", f.cross_year)]
        for source, findings in sources[1:] if cross_year_only else sources:
            for finding in findings:
                rows.append(
                    [
                        f.path,
                        r.agency or "",
                        r.year or "",
                        finding.get("rule", ""),
                        SEVERITY_NAMES.get(str(finding.get("severity")), finding.get("severity")),
                        finding.get("cell") or "",
                        finding.get("message", ""),
                        source,
                    ]
                )
    return rows


def data_columns() -> list[tuple[str, str]]:
    """(cell reference, Chinese label) of every T3/T4 value, both editions' rows in printed order."""
    columns: list[tuple[str, str]] = []
    seen: set[str] = set()
    for edition in ("2021", "2019"):
        lay = layout(edition)
        for row in lay.t3_data_rows:
            for column in lay.t3_columns:
                ref = f"T3[{row.id}][{column.id}]"
                if ref not in seen:
                    seen.add(ref)
                    columns.append((ref, f"{row.label}｜{column.label}"))
        for column in lay.t4_columns:
            ref = f"T4[{column.id}]"
            if ref not in seen:
                seen.add(ref)
                group = dict(lay.t4_groups).get(column.id.split(".", 1)[0], "")
                columns.append((ref, f"{group}｜{column.label}"))
    return columns


def data_rows(batch: BatchResult) -> list[list[Any]]:
    columns = data_columns()
    rows: list[list[Any]] = []
    for f in batch.readable:
        r = f.report
        assert r is not None
        values: dict[str, Any] = {}
        for row_id, cells in r.t3.items():
            for column_id, value in cells.items():
                values[f"T3[{row_id}][{column_id}]"] = value
        for column_id, value in r.t4.items():
            values[f"T4[{column_id}]"] = value
        rows.append(
            [f.path, r.agency or "", r.year or "", r.edition or "", *(values.get(ref) for ref, _ in columns)]
        )
    return rows


def write_xlsx(batch: BatchResult, out: Path) -> None:
    """Write the workbook: 报告, 问题, 跨年度, 数据 (one row per report, T3/T4 values), 字段说明."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    bold = Font(bold=True)

    def sheet(title: str, header: Sequence[str], rows: list[list[Any]], widths: Sequence[int] = ()) -> None:
        ws = workbook.create_sheet(title)
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            ws.append(row)
        ws.freeze_panes = "B2"
        if rows:
            ws.auto_filter.ref = ws.dimensions
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width

    workbook.remove(workbook.active)
    sheet("报告", REPORT_COLUMNS, report_rows(batch), (40, 28, 8, 16, 6, 6, 6, 12, 10, 60, 30))
    sheet("问题", FINDING_COLUMNS, finding_rows(batch), (40, 28, 8, 8, 6, 30, 80, 24))
    sheet("跨年度", FINDING_COLUMNS, finding_rows(batch, cross_year_only=True), (40, 28, 8, 8, 6, 30, 80, 40))
    columns = data_columns()
    sheet(
        "数据",
        ["文件", "机关", "年度", "格式版本", *(ref for ref, _ in columns)],
        data_rows(batch),
        (40, 28, 8, 8),
    )
    sheet("字段说明", ["字段", "含义"], [[ref, label] for ref, label in columns], (40, 90))
    workbook.save(out)


def findings_csv_path(out: Path) -> Path:
    """The second CSV (all findings) written next to `out`: results.csv → results.findings.csv."""
    return out.with_name(f"{out.stem}.findings.csv")


def write_csv(batch: BatchResult, out: Path) -> list[Path]:
    """Write the 报告 sheet to `out` and the 问题 sheet to `<stem>.findings.csv` (UTF-8 with BOM for Excel)."""
    findings_path = findings_csv_path(out)
    for path, header, rows in (
        (out, REPORT_COLUMNS, report_rows(batch)),
        (findings_path, FINDING_COLUMNS, finding_rows(batch)),
    ):
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    return [out, findings_path]


def summary_lines(batch: BatchResult) -> list[str]:
    """A short summary for the terminal, in Chinese."""
    readable = batch.readable
    with_errors = sum(1 for f in readable if f.count("error"))
    with_warnings = sum(1 for f in readable if f.count("warning"))
    cross = sum(len(f.cross_year) for f in readable)
    pairs = sum(1 for f in readable if f.previous_path)
    lines = [
        f"共 {len(batch.files)} 个文件：可读取 {len(readable)} 份，无法读取 {len(batch.unreadable)} 份；"
        f"{with_errors} 份有错误，{with_warnings} 份有警告。",
        f"跨年度核对：{pairs} 份找到同一机关上一年度的报告，发现 {cross} 个跨年度问题。",
        f"用时 {batch.seconds:.1f} 秒（{batch.jobs} 个进程）。",
    ]
    counts: dict[str, int] = {}
    for f in readable:
        for finding in [*f.findings, *f.cross_year]:
            if finding.get("severity") == "error":
                counts[str(finding.get("rule"))] = counts.get(str(finding.get("rule")), 0) + 1
    if counts:
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        lines.append("最常见的错误：" + "，".join(f"{rule} {n} 次" for rule, n in top))
    if batch.unreadable:
        lines.append("无法读取的文件：")
        lines.extend(f"  {f.path}：{f.reason}" for f in batch.unreadable)
    return lines
