"""`gongkai report parse|check|render` (and `batch` when gongkai.cli.report_batch is installed).

Exit codes of `check`: 0 no errors, 1 errors found, 2 an input could not be read. With several files
every file is checked; 1 (errors found in a file) takes precedence over 2 (a file was unreadable),
which takes precedence over 0. `parse` and `render` exit 0 or 2.

Parsers, validator and renderers are imported inside the handlers so that `gongkai --help` and the other
command groups start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongkai.cli.common import CLIError
from gongkai.core.body_kinds import BODY_KINDS

if TYPE_CHECKING:
    from gongkai.core.annual_report.model import AnnualReport
    from gongkai.core.annual_report.validate import Finding

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
# Published reports are at most a few MB (PDF with scans included); anything much larger is not a report
# and would only make the parser slow.
MAX_INPUT_BYTES = 50 * 1024 * 1024
FORMATS = ("md", "html", "txt", "json", "docx", "pdf")
BINARY_FORMATS = ("docx", "pdf")
SEVERITY_HEADINGS = {"error": "错误", "warning": "警告", "info": "提示"}
EDITION_NAMES = {"2021": "2021年统一格式", "2019": "2019年试行格式", "pre2019": "2019年以前的自由格式"}


def register(sub: Any) -> None:
    """Add the `report` command group with parse, check, render (and batch if available)."""
    parser = sub.add_parser(
        "report",
        help="政府信息公开工作年度报告：解析、核对、转换格式",
        description="读取政府信息公开工作年度报告（文本、Markdown、HTML、DOCX、PDF 或其 JSON），核对表格和正文，转换格式。",
    )
    parser.set_defaults(handler=lambda args: _usage(parser))
    report_sub = parser.add_subparsers(dest="report_command", metavar="子命令")

    parse_p = report_sub.add_parser(
        "parse",
        help="解析年报，输出摘要或 JSON",
        description="解析一份年报，输出摘要；加 --json 输出完整数据。",
    )
    parse_p.add_argument("file", metavar="FILE", help="年报文件（txt/md/html/docx/pdf 或 gongkai 的 JSON）")
    parse_p.add_argument("--json", action="store_true", help="输出 JSON（格式见 docs/report-json.md）")
    parse_p.set_defaults(handler=_parse)

    check_p = report_sub.add_parser(
        "check",
        help="核对年报的表格勾稽关系和正文",
        description="按国办公开办函〔2021〕30号格式和条例第四十九、五十条核对年报，按错误、警告、提示列出问题。",
        epilog="退出码：0 没有错误；1 发现错误；2 有文件无法读取。多个文件时全部核对，"
        "只要有一个文件发现错误就返回 1（优先于 2），否则有文件无法读取返回 2。",
    )
    check_p.add_argument("files", metavar="FILE", nargs="+", help="一个或多个年报文件")
    check_p.add_argument("--previous", metavar="FILE", help="同一机关上一年度的年报（用于跨年度核对）")
    check_p.add_argument("--json", action="store_true", help="输出 JSON")
    check_p.add_argument(
        "--body-kind",
        choices=BODY_KINDS,
        help="机关类别（用于规章、发布期限、考核评议等规则；不填时只在机关名称能明确判断时自动识别）",
    )
    check_p.add_argument("--strict", action="store_true", help="合规模式：逾期发布（M-002）按错误处理")
    check_p.add_argument(
        "--township-deadline",
        metavar="MM-DD",
        default="01-31",
        help="乡镇年报的本地发布期限（条例未规定，默认 01-31）",
    )
    check_p.set_defaults(handler=_check)

    render_p = report_sub.add_parser(
        "render",
        help="把年报转换为 md/html/txt/json/docx/pdf",
        description="把年报（任意可解析的格式或其 JSON）输出为指定格式。",
    )
    render_p.add_argument("input", metavar="INPUT", help="年报文件或其 JSON")
    render_p.add_argument("--to", required=True, choices=FORMATS, help="输出格式")
    render_p.add_argument("-o", "--output", metavar="OUT", help="输出文件（docx/pdf 必须指定）")
    render_p.set_defaults(handler=_render)

    # `gongkai report batch` is written separately; find_spec (not try/except ImportError) so that a
    # genuine ImportError inside that module surfaces instead of silently dropping the command.
    if importlib.util.find_spec("gongkai.cli.report_batch") is not None:
        batch: Any = importlib.import_module("gongkai.cli.report_batch")
        batch.register(report_sub)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return EXIT_UNREADABLE


# -- reading ---------------------------------------------------------------------------------------------------


def load_report(name: str) -> AnnualReport:
    """Read a report (any parseable format, or gongkai's JSON); CLIError with one Chinese line otherwise."""
    from gongkai.core.annual_report.model import ReportError

    path = Path(name)
    try:
        if not path.exists():
            raise CLIError(f"找不到文件：{name}")
        if path.is_dir():
            raise CLIError(f"{name} 是一个目录，请指定年报文件")
        size = path.stat().st_size
        if size == 0:
            raise CLIError(f"{name} 是空文件，不是年报")
        if size > MAX_INPUT_BYTES:
            raise CLIError(
                f"{name} 太大（{size / 1024 / 1024:.0f} MB），超过 {MAX_INPUT_BYTES // 1024 // 1024} MB，不像一份年报"
            )
        data = path.read_bytes()
    except PermissionError:
        raise CLIError(f"没有权限读取 {name}") from None
    except OSError as exc:
        raise CLIError(f"无法读取 {name}：{exc.strerror or exc}") from None

    try:
        if _looks_like_json(path, data):
            return _report_from_json(name, data)
        from gongkai.core.annual_report.parse import parse_bytes

        return parse_bytes(data, filename=path.name)
    except ReportError as exc:
        raise CLIError(f"{name}：{exc.message}") from None
    except CLIError:
        raise
    except Exception as exc:  # a parser bug must not print a traceback at a township clerk
        raise CLIError(f"{name}：读取时出现内部错误（{type(exc).__name__}），请把文件发给维护者") from None


def _looks_like_json(path: Path, data: bytes) -> bool:
    if path.suffix.lower() == ".json":
        return True
    return data.lstrip()[:1] == b"{"


def _report_from_json(name: str, data: bytes) -> AnnualReport:
    from gongkai.core.annual_report.model import AnnualReport

    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CLIError(f"{name}：JSON 文件不是 UTF-8 编码") from None
    except json.JSONDecodeError as exc:
        raise CLIError(f"{name}：JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列）") from None
    if not isinstance(parsed, dict):
        raise CLIError(f"{name}：JSON 内容不是 gongkai 年报格式")
    return AnnualReport.from_dict(parsed)


# -- parse -----------------------------------------------------------------------------------------------------


def _parse(args: argparse.Namespace) -> int:
    from gongkai.core.annual_report.validate import ValidationOptions, validate

    report = load_report(args.file)
    findings = validate(report, ValidationOptions())
    if args.json:
        data = report.to_dict([f.to_dict() for f in findings])
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    for line in _summary_lines(args.file, report, findings):
        print(line)
    return EXIT_OK


def _summary_lines(name: str, report: AnnualReport, findings: list[Finding]) -> list[str]:
    from gongkai.core.annual_report.format import sections

    lay = report.layout
    t2_cells = sum(len(cols) for rows in report.t2.values() for cols in rows.values())
    blank = sum(
        1 for rows in report.t2.values() for cols in rows.values() for v in cols.values() if v is None
    )
    blank += sum(1 for cols in report.t3.values() for v in cols.values() if v is None)
    blank += sum(1 for v in report.t4.values() if v is None)
    found_sections = len({s.id for s in sections()} & set(report.sections))
    lines = [
        f"文件：{name}",
        f"格式：{EDITION_NAMES.get(report.edition or '', '无法识别')}　年度：{report.year or '未注明'}"
        f"　机关：{report.agency or '未注明'}　发布日期：{report.published_on or '未注明'}",
        f"章节：{found_sections}/6　表二：{t2_cells} 格　表三：{len(report.t3)}/{len(lay.t3_data_rows)} 行"
        f"　表四：{len(report.t4)}/15 格　空白单元格：{blank}",
    ]
    if report.uncertain:
        lines.append(f"读取不确定的单元格（{len(report.uncertain)}）：{'、'.join(report.uncertain)}")
    lines.append(_tally(findings) + "（用 gongkai report check 查看详情）")
    return lines


def _tally(findings: list[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_HEADINGS}
    return f"核对结果：{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示。"


# -- check -----------------------------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    from gongkai.core.annual_report.validate import ValidationOptions, validate

    options = ValidationOptions(
        previous=load_report(args.previous) if args.previous else None,
        body_kind=args.body_kind,
        compliance_mode=args.strict,
        township_deadline=_month_day(args.township_deadline),
    )
    several = len(args.files) > 1
    results: list[dict[str, Any]] = []
    any_errors = any_unreadable = False
    for name in args.files:
        try:
            report = load_report(name)
        except CLIError as exc:
            any_unreadable = True
            print(f"gongkai: {exc.message}", file=sys.stderr)
            results.append({"file": name, "readable": False, "message": exc.message})
            if several and not args.json:
                print(f"== {name} ==\n无法读取：{exc.message}\n")
            continue
        findings = validate(report, options)
        any_errors = any_errors or any(f.severity == "error" for f in findings)
        results.append(_check_result(name, report, findings))
        if not args.json:
            _print_findings(name, report, findings, header=several)

    if args.json:
        print(json.dumps({"files": results, "summary": _summary(results)}, ensure_ascii=False, indent=2))
    elif several:
        s = _summary(results)
        print(
            f"共 {s['files']} 个文件：{s['with_errors']} 个有错误，{s['unreadable']} 个无法读取；"
            f"合计 {s['errors']} 个错误，{s['warnings']} 个警告，{s['infos']} 个提示。"
        )
    if any_errors:
        return EXIT_ERRORS
    return EXIT_UNREADABLE if any_unreadable else EXIT_OK


def _month_day(text: str) -> tuple[int, int]:
    from datetime import date

    try:
        month, day = (int(x) for x in text.split("-"))
        date(2001, month, day)  # validates; 2001 has no 29 Feb, as a deadline should not either
    except ValueError:
        raise CLIError(f"--township-deadline 应为 MM-DD，例如 01-31：{text!r}") from None
    return month, day


def _check_result(name: str, report: AnnualReport, findings: list[Finding]) -> dict[str, Any]:
    return {
        "file": name,
        "readable": True,
        "edition": report.edition,
        "year": report.year,
        "agency": report.agency,
        "findings": [f.to_dict() for f in findings],
        "uncertain": list(report.uncertain),
    }


def _summary(results: list[dict[str, Any]]) -> dict[str, int]:
    readable = [r for r in results if r["readable"]]

    def count(sev: str) -> int:
        return sum(1 for r in readable for f in r["findings"] if f["severity"] == sev)

    return {
        "files": len(results),
        "unreadable": len(results) - len(readable),
        "with_errors": sum(1 for r in readable if any(f["severity"] == "error" for f in r["findings"])),
        "errors": count("error"),
        "warnings": count("warning"),
        "infos": count("info"),
    }


def _print_findings(name: str, report: AnnualReport, findings: list[Finding], *, header: bool) -> None:
    if header:
        who = "　".join(x for x in (report.agency, f"{report.year}年度" if report.year else None) if x)
        print(f"== {name}{'（' + who + '）' if who else ''} ==")
    if not findings:
        print("未发现问题。")
    for severity, heading in SEVERITY_HEADINGS.items():
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        print(f"{heading}（{len(group)}）")
        for f in group:
            where = f" {f.cell}" if f.cell else ""
            print(f"  [{f.rule}]{where}　{f.message}")
    if report.uncertain:
        print(f"注意：以下单元格由粘连的数字拆分得出，可能读错：{'、'.join(report.uncertain)}")
    print(_tally(findings))
    if header:
        print()


# -- render ----------------------------------------------------------------------------------------------------


def _render(args: argparse.Namespace) -> int:
    fmt: str = args.to
    if fmt in BINARY_FORMATS and not args.output:
        raise CLIError(
            f"{fmt.upper()} 是二进制格式，不能输出到屏幕，请用 -o 指定输出文件，例如 -o 年报.{fmt}"
        )
    out = Path(args.output) if args.output else None
    if out is not None:
        if out.is_dir():
            raise CLIError(f"{out} 是一个目录，请给出输出文件名")
        if not out.parent.exists():
            raise CLIError(f"输出目录不存在：{out.parent}")
    report = load_report(args.input)

    from gongkai.core.annual_report.render import UnsupportedFormatError, render

    try:
        content = render(report, fmt)
    except UnsupportedFormatError as exc:
        raise CLIError(str(exc)) from None
    except Exception as exc:  # e.g. a missing system font for PDF: one line, nothing written
        raise CLIError(f"生成 {fmt.upper()} 失败（{type(exc).__name__}：{exc}）") from None
    data = content.encode("utf-8") if isinstance(content, str) else content
    if out is None:
        text = content if isinstance(content, str) else data.decode("utf-8")
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return EXIT_OK
    write_atomically(out, data)
    return EXIT_OK


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same directory and rename it, so no half-written file remains."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600; give the file the mode a plain open() would (or keep the replaced file's).
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise CLIError(f"无法写入 {path}：{exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
