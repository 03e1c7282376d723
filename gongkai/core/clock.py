"""Statutory clocks of the Regulation (政府信息公开条例, 国务院令第711号), explained step by step.

The reply clock of a disclosure request is driven by dated events (receipt, correction, consultation,
extension, fees, Art. 35 period) and answers: the due date, the working days left, whether it is overdue
or paused, and the steps in Chinese that produced the date. All periods count working days with the
trigger day excluded (spec §1.20: 民法典第二百零一条 by analogy); see `gongkai.core.calendar`.

Core never reads the clock: every function takes `today` or the relevant dates as arguments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from gongkai.core.calendar import MissingCalendarYear, WorkingCalendar, explain_span, format_day

# 条例第三十三条：自收到申请之日起20个工作日内予以答复
REPLY_WORKING_DAYS = 20
# 条例第三十三条：延长答复的期限最长不得超过20个工作日
MAX_EXTENSION_WORKING_DAYS = 20
# 条例第三十条：自收到申请之日起7个工作日内一次性告知申请人作出补正
CORRECTION_NOTICE_WORKING_DAYS = 7
# 条例第三十二条、第三十四条：第三方／其他机关自收到征求意见书之日起15个工作日内提出意见
CONSULTATION_WORKING_DAYS = 15
# 国办函〔2020〕109号（spec §5）：自收到收费通知之次日起20个工作日内缴费
FEE_PAYMENT_WORKING_DAYS = 20
# 条例第二十六条：自该政府信息形成或者变更之日起20个工作日内予以公开
PROACTIVE_PUBLICATION_WORKING_DAYS = 20

Channel = Literal["in_person", "post", "letter", "online", "fax"]
CHANNEL_NAMES: dict[str, str] = {
    "in_person": "当面提交",
    "post": "邮寄（需签收）",
    "letter": "平常信函（无需签收）",
    "online": "互联网渠道",
    "fax": "传真",
}

EventKind = Literal[
    "received",
    "correction_requested",
    "correction_received",
    "pause_started",
    "pause_ended",
    "extended",
    "fee_notified",
    "fee_paid",
    "agency_period_set",
]


class ClockRuleError(ValueError):
    """Events that the Regulation does not allow (e.g. a second extension); message in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ClockEvent:
    """One dated fact about a disclosure request.

    `working_days` is the length for `extended` and (optionally) `agency_period_set`; `until` is the
    date an agency set under Art. 35 when it set a date rather than a length.
    """

    kind: EventKind
    on: date
    working_days: int | None = None
    note: str = ""
    until: date | None = None


@dataclass(frozen=True)
class ClockState:
    due_on: date | None
    working_days_left: int | None
    overdue: bool
    paused: bool
    steps: list[str]
    provisional: bool = False
    assumed_years: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    fee_due_on: date | None = None
    extension_used: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "working_days_left": self.working_days_left,
            "overdue": self.overdue,
            "paused": self.paused,
            "steps": list(self.steps),
            "provisional": self.provisional,
            "assumed_years": list(self.assumed_years),
            "warnings": list(self.warnings),
            "fee_due_on": self.fee_due_on.isoformat() if self.fee_due_on else None,
        }


# --- single periods -----------------------------------------------------------------------------------


def legal_receipt_on(
    channel: Channel,
    submitted_on: date,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
) -> date:
    """The legal 收到申请之日 (条例第三十一条), from which every reply period runs."""
    if channel == "in_person":
        # 条例第三十一条第（一）项：当面提交的，以提交之日为收到申请之日
        return submitted_on
    if channel == "post":
        # 条例第三十一条第（二）项：以邮寄方式提交的，以行政机关签收之日为收到申请之日
        if signed_on is None:
            raise ClockRuleError(
                "邮寄提交的申请以行政机关签收之日为收到申请之日（条例第三十一条），请提供签收日期。"
            )
        if signed_on < submitted_on:
            raise ClockRuleError("签收日期不能早于寄出日期。")
        return signed_on
    if channel in ("letter", "online", "fax"):
        # 条例第三十一条第（二）（三）项：平常信函以确认之日、互联网渠道或传真以双方确认之日为收到申请之日
        if confirmed_on is None:
            raise ClockRuleError(
                f"以{CHANNEL_NAMES[channel]}提交的申请以确认之日为收到申请之日（条例第三十一条），请提供确认日期。"
            )
        if confirmed_on < submitted_on:
            raise ClockRuleError("确认日期不能早于提交日期。")
        return confirmed_on
    raise ClockRuleError(f"未知的提交方式：{channel}。")


def correction_request_due_on(received_on: date, calendar: WorkingCalendar) -> date:
    """Last day to send the one-time correction notice (条例第三十条：收到申请之日起7个工作日内)."""
    return calendar.add_working_days(received_on, CORRECTION_NOTICE_WORKING_DAYS)


def consultation_due_on(letter_received_on: date, calendar: WorkingCalendar) -> date:
    """The consulted third party's or agency's own deadline (条例第三十二条、第三十四条：15个工作日)."""
    return calendar.add_working_days(letter_received_on, CONSULTATION_WORKING_DAYS)


def fee_payment_due_on(notice_received_on: date, calendar: WorkingCalendar) -> date:
    """Last day to pay (国办函〔2020〕109号：自收到收费通知之次日起20个工作日内)."""
    # "From the next day" is the usual trigger-day-excluded count, so it is the 20th working day after.
    return calendar.add_working_days(notice_received_on, FEE_PAYMENT_WORKING_DAYS)


def proactive_publication_due_on(made_on: date, calendar: WorkingCalendar) -> date:
    """Publish within 20 working days of forming or changing the information (条例第二十六条)."""
    return calendar.add_working_days(made_on, PROACTIVE_PUBLICATION_WORKING_DAYS)


BodyKind = Literal["department", "government", "township"]


def annual_report_due_on(
    year: int, body_kind: BodyKind, township_deadline: tuple[int, int] = (1, 31)
) -> date:
    """Publication deadline of the report for `year` (natural days, not working days).

    条例第四十九条：县级以上人民政府部门于每年1月31日前公布本部门上一年度年度报告；县级以上地方人民政府
    的政府信息公开工作主管部门于每年3月31日前公布本级政府上一年度年度报告。The Regulation sets no date for
    townships (spec §3.1): `township_deadline` (month, day) is a per-tenant setting, default 31 Jan [U].
    """
    if body_kind == "department":
        return date(year + 1, 1, 31)
    if body_kind == "government":
        return date(year + 1, 3, 31)
    if body_kind == "township":
        month, day = township_deadline
        try:
            return date(year + 1, month, day)
        except ValueError:
            raise ClockRuleError(f"乡镇年度报告截止日期设置有误：{month}月{day}日。") from None
    raise ClockRuleError(f"未知的机关类别：{body_kind}。")


# --- the reply clock ----------------------------------------------------------------------------------


@dataclass
class _Run:
    """Mutable working state while the events are replayed."""

    calendar: WorkingCalendar
    steps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    received_on: date | None = None
    anchor: date | None = None  # counting runs from the day after the anchor
    remaining: int = 0  # working days still to count after the anchor
    total: int = 0  # length of the whole period (20, plus an extension)
    counted_before: int = 0  # working days counted before the anchor (earlier segments)
    phase: Literal["idle", "running", "paused", "awaiting_correction", "fixed"] = "idle"
    pause_reason: str = ""
    fixed_due: date | None = None
    extension_used: int = 0
    fee_due: date | None = None
    fee_pausing: bool = False
    pause_ignored: bool = False  # a pause that began after the deadline: its end is ignored too

    def due(self) -> date | None:
        if self.phase == "fixed":
            return self.fixed_due
        if self.phase != "running" or self.anchor is None:
            return None
        return self.calendar.add_working_days(self.anchor, self.remaining)

    def note(self, text: str) -> None:
        self.steps.append(text)

    def warn(self, text: str) -> None:
        self.warnings.append(text)
        self.steps.append(f"注意：{text}")

    def start(self, on: date, label: str, note: str = "") -> None:
        self.anchor, self.remaining, self.total, self.counted_before = (
            on,
            REPLY_WORKING_DAYS,
            REPLY_WORKING_DAYS,
            0,
        )
        self.extension_used = 0
        self.phase = "running"
        self.note(
            f"{label} {format_day(on)}，当日不计，自次日起计算{REPLY_WORKING_DAYS}个工作日（条例第三十三条）"
        )

    def pause(self, on: date, reason: str) -> bool:
        """Stop counting after `on`, keeping the days counted so far; False if the period had already run out."""
        assert self.anchor is not None
        due = self.due()
        if due is not None and on > due:
            # Consulting after the deadline cannot revive it: the clock keeps running (and stays overdue).
            self.warn(f"{reason}开始于 {format_day(on)}，已晚于答复期限 {format_day(due)}，不中止期限。")
            return False
        counted = self.calendar.working_days_between(self.anchor, on)
        self.steps += explain_span(self.calendar, self.anchor, on)
        self.remaining -= counted
        self.counted_before += counted
        self.anchor = on
        self.phase = "paused"
        self.pause_reason = reason
        self.note(
            f"{format_day(on)} 开始{reason}（不计入答复期限），此前已计{self.counted_before}个工作日，"
            f"尚余{self.remaining}个工作日"
        )
        return True

    def resume(self, on: date, what: str) -> None:
        assert self.anchor is not None
        if on < self.anchor:
            raise ClockRuleError(f"{what}日期 {on.isoformat()} 早于开始日期 {self.anchor.isoformat()}。")
        skipped = self.calendar.working_days_between(self.anchor, on)
        self.note(
            f"{format_day(on)} {what}，中止期间{skipped}个工作日不计；"
            f"自次日起继续计算剩余{self.remaining}个工作日"
        )
        self.anchor = on
        self.phase = "running"
        self.pause_reason = ""


def _ordered(events: Iterable[ClockEvent]) -> list[ClockEvent]:
    # Stable: events on the same day keep the order in which they were recorded.
    return sorted(events, key=lambda e: e.on)


def reply_clock(
    events: Iterable[ClockEvent],
    calendar: WorkingCalendar,
    today: date,
    *,
    fee_pauses_clock: bool = True,
    provisional_ok: bool = False,
) -> ClockState:
    """Replay the events and return the reply deadline with its explanation.

    Raises MissingCalendarYear for a year without holiday data unless `provisional_ok`, in which case
    such years are assumed Monday–Friday and listed in `assumed_years` (the due date is then provisional).
    Raises ClockRuleError for events the Regulation does not allow (a second or too long extension).
    """
    # A fresh provisional view per call, so `assumed_years` belongs to this computation only.
    cal = calendar.as_provisional() if (provisional_ok or calendar.provisional) else calendar
    run = _Run(calendar=cal)
    corrections_requested = 0
    for event in _ordered(events):
        _apply(run, event, fee_pauses_clock, corrections_requested)
        if event.kind == "correction_requested":
            corrections_requested += 1
    return _finish(run, today, cal)


def _apply(run: _Run, event: ClockEvent, fee_pauses_clock: bool, corrections_requested: int) -> None:
    cal = run.calendar
    on = event.on
    kind = event.kind
    if kind == "received":
        if run.received_on is not None:
            # A re-recorded receipt (e.g. the confirmation of an online request) replaces the earlier one.
            run.warn(f"收到申请日期由 {format_day(run.received_on)} 改为 {format_day(on)}，期限重新计算。")
        run.received_on = on
        run.start(on, "收到申请", event.note)
        return
    if run.received_on is None:
        raise ClockRuleError("尚未记录收到申请日期（条例第三十一条），无法计算期限。")

    if kind == "correction_requested":
        # 条例第三十条：收到申请之日起7个工作日内一次性告知申请人作出补正，并给予合理的补正期限
        deadline = correction_request_due_on(run.received_on, cal)
        if corrections_requested:
            run.warn("条例第三十条要求一次性告知补正，本申请已不是第一次要求补正。")
        if on > deadline:
            run.warn(f"补正通知应于收到申请后7个工作日内（{format_day(deadline)}前）发出（条例第三十条）。")
        run.note(
            f"{format_day(on)} 要求补正（条例第三十条），答复期限自收到补正申请之日起重新计算"
            + (f"；{event.note}" if event.note else "")
        )
        run.phase = "awaiting_correction"
        run.anchor = on
        return
    if kind == "correction_received":
        # 条例第三十条：答复期限自行政机关收到补正的申请之日起计算 (a restart, not a pause)
        if run.phase != "awaiting_correction":
            run.warn(f"{format_day(on)} 收到补正，但此前没有记录补正通知。")
        run.start(on, "收到补正后的申请，期限重新计算：", event.note)
        return
    if kind in ("pause_started", "pause_ended", "fee_notified", "fee_paid"):
        _apply_pause(run, event, fee_pauses_clock)
        return
    if kind == "extended":
        _apply_extension(run, event)
        return
    if kind == "agency_period_set":
        # 条例第三十五条：申请理由合理，但无法在第三十三条规定的期限内答复的，可以确定延迟答复的合理期限
        if event.until is not None:
            due = event.until
        elif event.working_days is not None and event.working_days > 0:
            due = cal.add_working_days(on, event.working_days)
        else:
            raise ClockRuleError("条例第三十五条的延迟答复期限需要给出日期或工作日数。")
        if due < on:
            raise ClockRuleError("延迟答复的期限不能早于确定之日。")
        run.phase = "fixed"
        run.fixed_due = due
        length = f"{event.working_days}个工作日，" if event.until is None else ""
        run.note(
            f"{format_day(on)} 行政机关确定延迟答复的合理期限（条例第三十五条）：{length}至{format_day(due)}"
            + (f"；{event.note}" if event.note else "")
        )
        return
    raise ClockRuleError(f"未知的事件类型：{kind}。")


def _apply_pause(run: _Run, event: ClockEvent, fee_pauses_clock: bool) -> None:
    on, kind = event.on, event.kind
    starting = kind in ("pause_started", "fee_notified")
    if kind == "fee_notified":
        run.fee_due = fee_payment_due_on(on, run.calendar)
        run.note(
            f"{format_day(on)} 申请人收到收费通知，应于{format_day(run.fee_due)}前缴费"
            "（国办函〔2020〕109号：自收到通知之次日起20个工作日内），逾期视为放弃申请"
        )
        if not fee_pauses_clock:
            # [U] spec §5: whether the payment period is excluded from Art. 33 is a per-agency setting.
            run.note("按本机关设置，缴费期间计入答复期限")
            return
        reason = "等待缴费"
    elif kind == "fee_paid":
        run.fee_due = None
        if not run.fee_pausing:
            run.note(f"{format_day(on)} 申请人缴费")
            return
        run.fee_pausing = False
        reason = "等待缴费"
    else:
        reason = event.note or "征求第三方或其他机关意见"

    if starting:
        if run.phase == "paused":
            raise ClockRuleError(f"{format_day(on)} 开始{reason}时，期限已经在中止中（{run.pause_reason}）。")
        if run.phase == "fixed":
            run.note(f"{format_day(on)} {reason}：已按条例第三十五条确定期限，不再中止")
            run.pause_ignored = kind == "pause_started"
            return
        if run.phase != "running":
            raise ClockRuleError(f"{format_day(on)} 开始{reason}时，答复期限并未在计算中。")
        # 条例第三十二条、第三十三条、第三十四条：征求第三方和其他机关意见所需时间不计算在答复期限内；
        # the fee payment period likewise when the agency's setting says so (spec §5, default pause).
        paused = run.pause(on, reason)
        run.pause_ignored = not paused and kind == "pause_started"
        run.fee_pausing = paused and kind == "fee_notified"
        return
    if run.pause_ignored:
        run.pause_ignored = False
        run.note(f"{format_day(on)} {reason}结束")
        return
    if run.phase != "paused":
        raise ClockRuleError(f"{format_day(on)} 记录了{reason}结束，但此前没有开始中止。")
    run.resume(on, "申请人缴费" if kind == "fee_paid" else f"{reason}结束")


def _apply_extension(run: _Run, event: ClockEvent) -> None:
    # 条例第三十三条：需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，
    # 延长的期限最长不得超过20个工作日 — once; approval is enforced by the services.
    n = event.working_days
    if n is None or n <= 0:
        raise ClockRuleError("延长答复期限需要给出延长的工作日数（1至20）。")
    if run.extension_used:
        raise ClockRuleError("答复期限已经延长过一次，条例第三十三条只允许延长一次。")
    if n > MAX_EXTENSION_WORKING_DAYS:
        raise ClockRuleError(f"延长的期限最长不得超过20个工作日（条例第三十三条），不能延长{n}个工作日。")
    if run.phase == "fixed":
        raise ClockRuleError("已按条例第三十五条确定延迟答复期限，不能再按第三十三条延长。")
    if run.phase == "awaiting_correction":
        raise ClockRuleError("等待补正期间不能延长答复期限。")
    due_before = run.due()
    if due_before is not None and event.on > due_before:
        run.warn(f"延长决定 {format_day(event.on)} 晚于原答复期限 {format_day(due_before)}。")
    run.extension_used = n
    run.remaining += n
    run.total += n
    run.note(
        f"{format_day(event.on)} 经政府信息公开工作机构负责人同意延长{n}个工作日（条例第三十三条），"
        f"期限共{run.total}个工作日" + (f"；{event.note}" if event.note else "")
    )


def _finish(run: _Run, today: date, cal: WorkingCalendar) -> ClockState:
    due: date | None = None
    left: int | None = None
    paused = run.phase in ("paused", "awaiting_correction")
    if run.phase == "idle":
        run.note("尚未收到申请")
    elif run.phase == "running":
        assert run.anchor is not None
        due = run.due()
        assert due is not None
        run.steps += explain_span(cal, run.anchor, due)
        run.note(f"第{run.total}个工作日：{format_day(due)}")
    elif run.phase == "fixed":
        due = run.fixed_due
    elif run.phase == "paused":
        left = run.remaining
        run.note(f"目前{run.pause_reason}中，期限中止；恢复计算后还有{run.remaining}个工作日")
    else:
        run.note("等待申请人补正，收到补正后重新计算20个工作日")

    overdue = False
    if due is not None:
        left = cal.working_days_between(today, due)
        overdue = today > due
        if overdue:
            run.note(f"今天 {format_day(today)}，已超过答复期限{-left}个工作日")
        else:
            run.note(f"今天 {format_day(today)}，距答复期限还有{left}个工作日")
    if run.fee_due is not None and today > run.fee_due:
        run.warn(f"缴费期限 {format_day(run.fee_due)} 已过，申请人未缴费的视为放弃申请（T3（六）2）。")
    assumed = cal.assumed_years if cal.provisional else ()
    if assumed:
        years = "、".join(f"{y}年" for y in assumed)
        run.warn(f"{years}的节假日安排尚未录入，按周一至周五推算，期限为暂定，导入通知后会变化。")
    return ClockState(
        due_on=due,
        working_days_left=left,
        overdue=overdue,
        paused=paused,
        steps=run.steps,
        provisional=bool(assumed),
        assumed_years=assumed,
        warnings=tuple(run.warnings),
        fee_due_on=run.fee_due,
        extension_used=run.extension_used,
    )


__all__ = [
    "CHANNEL_NAMES",
    "ClockEvent",
    "ClockRuleError",
    "ClockState",
    "MissingCalendarYear",
    "annual_report_due_on",
    "consultation_due_on",
    "correction_request_due_on",
    "fee_payment_due_on",
    "legal_receipt_on",
    "proactive_publication_due_on",
    "reply_clock",
]
