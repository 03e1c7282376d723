"""`gongkai calendar import-notice|show`: the holiday data behind every working-day deadline."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from gongkai.cli.common import CLIError
from gongkai.core.calendar import (
    CalendarDataError,
    MissingCalendarYear,
    default_data_dir,
    format_day,
    load_calendar,
    write_year_file,
    year_file,
)
from gongkai.core.holiday_notice import NoticeError, parse_notice

EXIT_MISSING_YEAR = 3


def register(sub: Any) -> None:
    """Add `gongkai calendar import-notice|show`."""
    parser = sub.add_parser("calendar", help="节假日与调休数据", description="查看和导入国务院节假日安排。")
    actions = parser.add_subparsers(dest="action", metavar="操作")
    parser.set_defaults(handler=lambda args: _usage(parser))

    imp = actions.add_parser(
        "import-notice",
        help="导入《国务院办公厅关于YYYY年部分节假日安排的通知》",
        description="读取通知全文（UTF-8 文本），列出识别到的每个日期，确认后保存为该年的数据。",
    )
    imp.add_argument("file", help="通知文本文件（UTF-8）")
    imp.add_argument("--yes", action="store_true", help="不询问，直接保存（用于脚本）")
    imp.add_argument("--dir", help="数据目录（默认 $GONGKAI_CALENDAR_DIR 或 var/calendar）")
    imp.set_defaults(handler=handle_import)

    show = actions.add_parser("show", help="显示某年的放假日和调休上班日")
    show.add_argument("year", type=int, help="年份，如 2026")
    show.add_argument("--json", action="store_true", help="输出 JSON")
    show.set_defaults(handler=handle_show)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.dir) if getattr(args, "dir", None) else default_data_dir()


def _confirm(question: str) -> bool:
    """Ask on stdin; no answer (EOF) means no — importing wrong holidays silently moves legal deadlines."""
    print(question, end="", flush=True)
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        return False
    if not answer:
        print()
        return False
    return answer.strip().lower() in ("y", "yes", "是", "确认")


def handle_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise CLIError(f"找不到文件：{path}") from None
    except UnicodeDecodeError:
        raise CLIError(f"文件不是 UTF-8 文本：{path}（请先另存为 UTF-8）") from None
    except OSError as exc:
        raise CLIError(f"无法读取文件 {path}：{exc.strerror}") from None
    try:
        notice = parse_notice(text)
    except NoticeError as exc:
        raise CLIError(exc.message) from None
    data = replace(notice.year_data, source=f"{notice.year_data.source}（导入自 {path.name}）")
    for line in notice.summary_lines():
        print(line)
    directory = _data_dir(args)
    target = year_file(directory, data.year)
    try:
        calendar = load_calendar(directory)
    except CalendarDataError as exc:
        raise CLIError(exc.message) from None
    existing = calendar.year_data(data.year)
    if existing is not None:
        same = existing.holidays == data.holidays and existing.workdays == data.workdays
        verdict = "与本次导入完全一致" if same else "与本次导入不同，保存后以本次导入为准"
        print(f"已有{data.year}年数据（来源：{existing.source}），{verdict}。")
    if not args.yes and not _confirm(f"确认将{data.year}年数据保存到 {target}？[y/N] "):
        raise CLIError("未确认，未保存。（脚本中可加 --yes）", 1)
    try:
        write_year_file(directory, data, saved_at=datetime.now().isoformat(timespec="seconds"))
    except OSError as exc:
        raise CLIError(f"无法保存到 {target}：{exc.strerror}") from None
    print(f"已保存：{target}")
    return 0


def handle_show(args: argparse.Namespace) -> int:
    year: int = args.year
    try:
        calendar = load_calendar(default_data_dir())
    except CalendarDataError as exc:
        raise CLIError(exc.message) from None
    data = calendar.year_data(year)
    if data is None:
        raise CLIError(MissingCalendarYear(year).message, EXIT_MISSING_YEAR)
    if args.json:
        print(json.dumps(data.to_json(), ensure_ascii=False))
        return 0
    print(f"{year}年（数据来源：{data.source}）")
    print(f"放假的工作日（周一至周五）共{len(data.holidays)}天：")
    groups: dict[str, list[str]] = {}
    for d in sorted(data.holidays):
        groups.setdefault(data.names.get(d, "节假日"), []).append(format_day(d))
    for name, days in groups.items():
        print(f"  {name}：{'、'.join(days)}")
    print(f"调休上班的周末共{len(data.workdays)}天：")
    for d in sorted(data.workdays):
        print(f"  {format_day(d)}")
    return 0
