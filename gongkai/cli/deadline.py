"""`gongkai deadline add|reply`: working-day due dates with their explanation.

Exit codes: 0 ok, 2 bad input, 3 a year without holiday data (import the State Council notice first).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from gongkai.cli.common import CLIError
from gongkai.core.calendar import (
    CalendarDataError,
    MissingCalendarYear,
    WorkingCalendar,
    default_data_dir,
    explain_span,
    format_day,
    load_calendar,
)
from gongkai.core.clock import CHANNEL_NAMES, ClockEvent, ClockRuleError, legal_receipt_on, reply_clock

EXIT_MISSING_YEAR = 3


def parse_day(text: str) -> date:
    """YYYY-MM-DD, or a clear Chinese error."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CLIError(f"日期格式应为 YYYY-MM-DD：{text!r}") from None


def open_calendar() -> WorkingCalendar:
    """The package data plus the file store ($GONGKAI_CALENDAR_DIR or <repo>/var/calendar)."""
    try:
        return load_calendar(default_data_dir())
    except CalendarDataError as exc:
        raise CLIError(exc.message) from None


def missing_year(exc: MissingCalendarYear) -> CLIError:
    return CLIError(exc.message, EXIT_MISSING_YEAR)


def register(sub: Any) -> None:
    """Add `gongkai deadline add|reply`."""
    parser = sub.add_parser(
        "deadline", help="计算工作日期限（含调休）", description="按工作日计算法定期限并说明计算过程。"
    )
    actions = parser.add_subparsers(dest="action", metavar="操作")
    parser.set_defaults(handler=lambda args: _usage(parser))

    add = actions.add_parser(
        "add", help="DATE 之后第 N 个工作日", description="计算某日之后第N个工作日（当日不计）。"
    )
    add.add_argument("date", help="起算日 YYYY-MM-DD（当日不计）")
    add.add_argument("n", type=int, help="工作日数")
    add.add_argument("--json", action="store_true", help="输出 JSON")
    add.set_defaults(handler=handle_add)

    reply = actions.add_parser(
        "reply",
        help="依申请公开的答复期限",
        description="按条例第三十条至第三十五条计算答复期限，并列出计算步骤。",
    )
    reply.add_argument("--received", required=True, help="申请到达（提交）日期 YYYY-MM-DD")
    reply.add_argument("--channel", choices=sorted(CHANNEL_NAMES), default="in_person", help="提交方式")
    reply.add_argument("--signed", help="邮寄申请的签收日期（默认与到达日期相同）")
    reply.add_argument("--confirmed", help="信函/互联网/传真申请的确认日期（默认与到达日期相同）")
    reply.add_argument("--correction-requested", help="发出补正通知的日期")
    reply.add_argument("--correction-received", help="收到补正申请的日期")
    reply.add_argument(
        "--paused", action="append", default=[], metavar="FROM:TO", help="征求意见期间（可重复）"
    )
    reply.add_argument("--extension", type=int, help="经负责人同意延长的工作日数（≤20）")
    reply.add_argument("--extended-on", help="延长决定日期（默认为最后一个事件的日期）")
    reply.add_argument("--today", help="今天的日期（默认为系统日期）")
    reply.add_argument("--provisional", action="store_true", help="缺少节假日数据的年份按周一至周五暂定")
    reply.add_argument("--json", action="store_true", help="输出 JSON")
    reply.set_defaults(handler=handle_reply)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def handle_add(args: argparse.Namespace) -> int:
    start = parse_day(args.date)
    n: int = args.n
    if n < 0:
        raise CLIError("工作日数不能为负数。")
    calendar = open_calendar()
    try:
        due = calendar.add_working_days(start, n)
        steps = [f"起算日 {format_day(start)}，当日不计", *explain_span(calendar, start, due)]
    except MissingCalendarYear as exc:
        raise missing_year(exc) from None
    steps.append(f"第{n}个工作日：{format_day(due)}")
    if args.json:
        print(
            json.dumps(
                {"start_on": start.isoformat(), "working_days": n, "due_on": due.isoformat(), "steps": steps},
                ensure_ascii=False,
            )
        )
    else:
        print(format_day(due))
        for step in steps:
            print(f"  {step}")
    return 0


def _events(args: argparse.Namespace) -> tuple[list[ClockEvent], list[str]]:
    notes: list[str] = []
    arrived = parse_day(args.received)
    channel = args.channel
    signed = parse_day(args.signed) if args.signed else None
    confirmed = parse_day(args.confirmed) if args.confirmed else None
    if channel == "post" and signed is None:
        signed = arrived
        notes.append("未提供签收日期，按到达当日签收计算")
    if channel in ("letter", "online", "fax") and confirmed is None:
        confirmed = arrived
        notes.append("未提供确认日期，按到达当日确认计算（条例第三十一条）")
    received_on = legal_receipt_on(channel, arrived, signed, confirmed)
    events = [ClockEvent("received", received_on, note=CHANNEL_NAMES[channel] + "，条例第三十一条")]
    if bool(args.correction_requested) != bool(args.correction_received) and args.correction_received:
        raise CLIError("--correction-received 需要与 --correction-requested 一起使用。")
    if args.correction_requested:
        events.append(ClockEvent("correction_requested", parse_day(args.correction_requested)))
    if args.correction_received:
        events.append(ClockEvent("correction_received", parse_day(args.correction_received)))
    for span in args.paused:
        first, sep, last = span.partition(":")
        if not sep:
            raise CLIError(f"--paused 的格式应为 FROM:TO（YYYY-MM-DD:YYYY-MM-DD）：{span!r}")
        start_on, end_on = parse_day(first), parse_day(last)
        if end_on < start_on:
            raise CLIError(f"--paused 的结束日期早于开始日期：{span}")
        events += [ClockEvent("pause_started", start_on), ClockEvent("pause_ended", end_on)]
    if args.extension is not None:
        on = parse_day(args.extended_on) if args.extended_on else max(e.on for e in events)
        events.append(ClockEvent("extended", on, working_days=args.extension))
    return events, notes


def handle_reply(args: argparse.Namespace) -> int:
    # The CLI is the only layer that reads the system date; core always receives `today`.
    today = parse_day(args.today) if args.today else date.today()
    calendar = open_calendar()
    try:
        events, notes = _events(args)
        state = reply_clock(events, calendar, today, provisional_ok=args.provisional)
    except ClockRuleError as exc:
        raise CLIError(exc.message) from None
    except MissingCalendarYear as exc:
        raise missing_year(exc) from None
    steps = notes + state.steps
    if args.json:
        payload = {
            "due_on": state.due_on.isoformat() if state.due_on else None,
            "working_days_left": state.working_days_left,
            "overdue": state.overdue,
            "steps": steps,
            "paused": state.paused,
            "provisional": state.provisional,
            "assumed_years": list(state.assumed_years),
        }
        print(json.dumps(payload, ensure_ascii=False))
        return 0
    if state.due_on is None:
        print("答复期限：中止中" if state.paused else "答复期限：尚未开始")
    else:
        mark = "（暂定）" if state.provisional else ""
        print(f"答复期限：{format_day(state.due_on)}{mark}")
        left = state.working_days_left or 0
        if state.overdue:
            print(f"已逾期 {-left} 个工作日")
        else:
            print(f"剩余 {left} 个工作日")
    print("计算过程：")
    for step in steps:
        print(f"  {step}")
    return 0
