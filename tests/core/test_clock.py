"""Statutory clocks. Each test names the article it checks; expected dates are counted by hand in comments
(2026 data: 春节 02-15–23 with 调休 Sat 02-14/02-28, 清明 04-04–06, 劳动节 05-01–05 with Sat 05-09,
中秋 09-25–27, 国庆 10-01–07 with Sun 09-20 and Sat 10-10)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.calendar import MissingCalendarYear, WorkingCalendar, YearData, load_calendar
from gongkai.core.clock import (
    ClockEvent,
    ClockRuleError,
    annual_report_due_on,
    consultation_due_on,
    correction_request_due_on,
    fee_payment_due_on,
    legal_receipt_on,
    proactive_publication_due_on,
    reply_clock,
)

D = date
E = ClockEvent
TODAY = D(2026, 11, 28)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return load_calendar()


# --- 条例第三十一条: the legal receipt date by channel ---------------------------------------------------


def test_art31_in_person_counts_from_the_day_of_submission() -> None:
    assert legal_receipt_on("in_person", D(2026, 3, 2)) == D(2026, 3, 2)


def test_art31_signed_post_counts_from_the_day_the_agency_signs() -> None:
    assert legal_receipt_on("post", D(2026, 3, 2), signed_on=D(2026, 3, 4)) == D(2026, 3, 4)


@pytest.mark.parametrize("channel", ["letter", "online", "fax"])
def test_art31_letters_online_and_fax_count_from_the_confirmation(channel: str) -> None:
    assert legal_receipt_on(channel, D(2026, 3, 2), confirmed_on=D(2026, 3, 5)) == D(2026, 3, 5)  # type: ignore[arg-type]


def test_art31_online_without_confirmation_cannot_start_the_clock() -> None:
    with pytest.raises(ClockRuleError, match="确认"):
        legal_receipt_on("online", D(2026, 3, 2))
    with pytest.raises(ClockRuleError, match="签收"):
        legal_receipt_on("post", D(2026, 3, 2))


# --- 条例第三十三条: 20 working days from receipt --------------------------------------------------------


def test_art33_reply_due_20_working_days_after_receipt_across_national_day(cal: WorkingCalendar) -> None:
    state = reply_clock([E("received", D(2026, 9, 30))], cal, TODAY)

    # 10-08(1) 09(2) Sat 10-10(3) 12–16(8) 19–23(13) 26–30(18) 11-02(19) 11-03(20)
    assert state.due_on == D(2026, 11, 3)
    assert state.steps[0].startswith("收到申请 2026-09-30（周三）")
    assert "国庆节 10-01至10-07 不计" in state.steps
    assert "10-10（周六）调休上班，计入" in state.steps
    assert "第20个工作日：2026-11-03（周二）" in state.steps


def test_art33_receipt_on_a_holiday_counts_from_the_next_day(cal: WorkingCalendar) -> None:
    # Sat 10-03 is inside 国庆: the count is the same as from 09-30 → 11-03.
    assert reply_clock([E("received", D(2026, 10, 3))], cal, TODAY).due_on == D(2026, 11, 3)


def test_art33_receipt_on_an_ordinary_weekend_skips_qingming(cal: WorkingCalendar) -> None:
    # Sat 2025-03-08: 03-10–14(5) 17–21(10) 24–28(15) 03-31–04-03(19) [04-04 清明] Mon 04-07(20)
    assert reply_clock([E("received", D(2025, 3, 8))], cal, TODAY).due_on == D(2025, 4, 7)


def test_art33_receipt_on_an_adjusted_saturday_counts_from_the_next_day(cal: WorkingCalendar) -> None:
    # Sat 02-14 (调休上班) itself is not counted: [15–23 off] 24–27(4) Sat 28(5) 03-02–06(10) 09–13(15) 16–20(20)
    assert reply_clock([E("received", D(2026, 2, 14))], cal, TODAY).due_on == D(2026, 3, 20)


@pytest.mark.parametrize(
    ("today", "left", "overdue"),
    [
        (D(2026, 10, 30), 2, False),  # (10-30, 11-03] = Mon 11-02, Tue 11-03
        (D(2026, 11, 2), 1, False),
        (D(2026, 11, 3), 0, False),  # the due day itself: 0 left, not overdue
        (D(2026, 11, 4), -1, True),
    ],
)
def test_art33_working_days_left_and_overdue(
    cal: WorkingCalendar, today: date, left: int, overdue: bool
) -> None:
    state = reply_clock([E("received", D(2026, 9, 30))], cal, today)

    assert (state.working_days_left, state.overdue) == (left, overdue)


def test_art33_overdue_counts_working_days_since_the_due_date(cal: WorkingCalendar) -> None:
    # Due 11-03; (11-03, 11-28]: 11-04–06(3) 09–13(8) 16–20(13) 23–27(18); Sat 11-28 adds nothing.
    state = reply_clock([E("received", D(2026, 9, 30))], cal, D(2026, 11, 28))

    assert state.overdue
    assert state.working_days_left == -18
    assert "已超过答复期限18个工作日" in state.steps[-1]


# --- 条例第三十条: correction restarts the clock ---------------------------------------------------------


def test_art30_correction_notice_due_within_7_working_days(cal: WorkingCalendar) -> None:
    # Wed 04-01: 04-02(1) 03(2) [04-04–06 清明] 07(3) 08(4) 09(5) 10(6) 13(7)
    assert correction_request_due_on(D(2026, 4, 1), cal) == D(2026, 4, 13)


def test_art30_the_20_days_restart_from_receipt_of_the_correction(cal: WorkingCalendar) -> None:
    events = [
        E("received", D(2026, 4, 1)),
        E("correction_requested", D(2026, 4, 3)),
        E("correction_received", D(2026, 4, 20)),
    ]

    state = reply_clock(events, cal, D(2026, 4, 21))

    # From Mon 04-20: 21–24(4) 27–30(8) [05-01–05] 06(9) 07(10) 08(11) Sat 09(12) 11–15(17) 18(18) 19(19) 20(20)
    assert state.due_on == D(2026, 5, 20)
    assert state.warnings == ()
    assert any("期限重新计算" in s for s in state.steps)


def test_art30_while_waiting_for_the_correction_there_is_no_due_date(cal: WorkingCalendar) -> None:
    state = reply_clock([E("received", D(2026, 4, 1)), E("correction_requested", D(2026, 4, 3))], cal, TODAY)

    assert state.due_on is None
    assert state.paused
    assert not state.overdue


def test_art30_a_late_correction_notice_is_flagged(cal: WorkingCalendar) -> None:
    events = [
        E("received", D(2026, 4, 1)),
        E("correction_requested", D(2026, 4, 14)),
    ]  # 04-13 was the last day

    state = reply_clock(events, cal, TODAY)

    assert any("7个工作日" in w for w in state.warnings)


# --- 条例第三十二条、第三十三条、第三十四条: consultation time not counted --------------------------------------


def test_art32_34_the_consulted_party_has_15_working_days(cal: WorkingCalendar) -> None:
    # Tue 09-22: 23(1) 24(2) [25–27] 28–30(5) [10-01–07] 08(6) 09(7) Sat 10(8) 12–16(13) 19(14) 20(15)
    assert consultation_due_on(D(2026, 9, 22), cal) == D(2026, 10, 20)


def test_art33_consultation_spanning_the_holidays_is_not_counted(cal: WorkingCalendar) -> None:
    events = [
        E("received", D(2026, 9, 15)),
        E("pause_started", D(2026, 9, 22), note="征求第三方意见"),
        E("pause_ended", D(2026, 10, 9)),
    ]

    state = reply_clock(events, cal, D(2026, 10, 12))

    # Before: (09-15, 09-22] = 16 17 18 Sun-20 21 22 → 6 counted, 14 left.
    # After Fri 10-09: Sat 10-10(1) 12–16(6) 19–23(11) 26 27 28(14) → Wed 10-28.
    # (Without the pause it would be 10-19.)
    assert state.due_on == D(2026, 10, 28)
    assert any("此前已计6个工作日，尚余14个工作日" in s for s in state.steps)
    assert reply_clock(events[:1], cal, TODAY).due_on == D(2026, 10, 19)


def test_art33_an_open_consultation_pauses_the_clock(cal: WorkingCalendar) -> None:
    events = [E("received", D(2026, 9, 15)), E("pause_started", D(2026, 9, 22))]

    state = reply_clock(events, cal, D(2026, 10, 12))

    assert state.paused
    assert state.due_on is None
    assert state.working_days_left == 14


def test_art33_a_consultation_started_after_the_deadline_does_not_revive_it(cal: WorkingCalendar) -> None:
    events = [
        E("received", D(2026, 9, 15)),  # due 10-19
        E("pause_started", D(2026, 10, 20)),
        E("pause_ended", D(2026, 10, 30)),
    ]

    state = reply_clock(events, cal, D(2026, 11, 2))

    assert state.due_on == D(2026, 10, 19)
    assert state.overdue


# --- 条例第三十三条: extension, at most 20 working days, once ----------------------------------------------


def test_art33_extension_after_a_pause_adds_to_the_remaining_days(cal: WorkingCalendar) -> None:
    events = [
        E("received", D(2026, 9, 15)),
        E("pause_started", D(2026, 9, 22)),
        E("pause_ended", D(2026, 10, 9)),
        E("extended", D(2026, 10, 20), working_days=20),
    ]

    state = reply_clock(events, cal, D(2026, 10, 21))

    # 14 + 20 = 34 after 10-09: Sat 10(1) 12–16(6) 19–23(11) 26–30(16) 11-02–06(21) 09–13(26) 16–20(31) 23 24 25(34)
    assert state.due_on == D(2026, 11, 25)
    assert state.extension_used == 20
    assert "第40个工作日：2026-11-25（周三）" in state.steps


def test_art33_an_extension_longer_than_20_working_days_is_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ClockRuleError, match="20个工作日"):
        reply_clock(
            [E("received", D(2026, 3, 2)), E("extended", D(2026, 3, 20), working_days=21)], cal, TODAY
        )


def test_art33_it_refuses_a_second_extension(cal: WorkingCalendar) -> None:
    events = [
        E("received", D(2026, 3, 2)),
        E("extended", D(2026, 3, 20), working_days=10),
        E("extended", D(2026, 3, 25), working_days=10),
    ]

    with pytest.raises(ClockRuleError, match="一次"):
        reply_clock(events, cal, TODAY)


# --- fees (国办函〔2020〕109号, spec §5) ---------------------------------------------------------------------


def test_fee_payment_is_due_20_working_days_from_the_day_after_notice(cal: WorkingCalendar) -> None:
    # Fri 03-06: 09–13(5) 16–20(10) 23–27(15) 30 31 04-01 02 03(20)
    assert fee_payment_due_on(D(2026, 3, 6), cal) == D(2026, 4, 3)


def test_fee_period_pauses_the_reply_clock_by_default(cal: WorkingCalendar) -> None:
    events = [E("received", D(2026, 3, 2)), E("fee_notified", D(2026, 3, 6)), E("fee_paid", D(2026, 3, 20))]

    state = reply_clock(events, cal, D(2026, 3, 23))

    # (03-02, 03-06] = 4 counted, 16 left after Fri 03-20: 23–27(5) 30–04-03(10) [04-06] 07–10(14) 13 14(16)
    assert state.due_on == D(2026, 4, 14)


def test_fee_period_counts_when_the_agency_setting_says_so(cal: WorkingCalendar) -> None:
    events = [E("received", D(2026, 3, 2)), E("fee_notified", D(2026, 3, 6)), E("fee_paid", D(2026, 3, 20))]

    state = reply_clock(events, cal, D(2026, 3, 23), fee_pauses_clock=False)

    # 20 after Mon 03-02: 03–06(4) 09–13(9) 16–20(14) 23–27(19) 30(20)
    assert state.due_on == D(2026, 3, 30)


def test_fee_unpaid_after_the_payment_period_is_flagged(cal: WorkingCalendar) -> None:
    events = [E("received", D(2026, 3, 2)), E("fee_notified", D(2026, 3, 6))]

    state = reply_clock(events, cal, D(2026, 4, 7))

    assert state.fee_due_on == D(2026, 4, 3)
    assert state.paused
    assert any("视为放弃" in w for w in state.warnings)


# --- 条例第三十五条: agency-set reasonable period ---------------------------------------------------------------


def test_art35_agency_set_period_replaces_the_due_date(cal: WorkingCalendar) -> None:
    events = [E("received", D(2026, 3, 2)), E("agency_period_set", D(2026, 3, 10), working_days=30)]

    state = reply_clock(events, cal, D(2026, 3, 11))

    # 30 after Tue 03-10: 11–13(3) 16–20(8) 23–27(13) 30–04-03(18) [04-06] 07–10(22) 13–17(27) 20 21 22(30)
    assert state.due_on == D(2026, 4, 22)


def test_art35_agency_set_period_may_be_a_date(cal: WorkingCalendar) -> None:
    events = [E("received", D(2026, 3, 2)), E("agency_period_set", D(2026, 3, 10), until=D(2026, 6, 30))]

    assert reply_clock(events, cal, D(2026, 3, 11)).due_on == D(2026, 6, 30)


# --- the year boundary: fail closed, provisional, then real data ---------------------------------------


def test_a_due_date_in_2027_fails_closed(cal: WorkingCalendar) -> None:
    with pytest.raises(MissingCalendarYear) as info:
        reply_clock([E("received", D(2026, 12, 10))], cal, D(2026, 12, 11))

    assert info.value.year == 2027


def test_provisional_mode_gives_a_flagged_due_date(cal: WorkingCalendar) -> None:
    state = reply_clock([E("received", D(2026, 12, 10))], cal, D(2026, 12, 11), provisional_ok=True)

    # Mon–Fri assumed for 2027: 12-11(1) 14–18(6) 21–25(11) 28–31(15) 01-01(16) 04 05 06 07(20)
    assert state.due_on == D(2027, 1, 7)
    assert state.provisional
    assert state.assumed_years == (2027,)
    assert any("暂定" in w for w in state.warnings)


def test_after_importing_2027_the_due_date_is_final() -> None:
    made_up = YearData(2027, frozenset({D(2027, 1, 1)}), frozenset(), "测试用虚构数据")
    cal = load_calendar(extra=[made_up])

    state = reply_clock([E("received", D(2026, 12, 10))], cal, D(2026, 12, 11), provisional_ok=True)

    # 01-01 is now off: 12-31 was the 15th, then 01-04(16) 05 06 07(19) 08(20)
    assert state.due_on == D(2027, 1, 8)
    assert not state.provisional


# --- 条例第二十六条 and 第四十九条 ----------------------------------------------------------------------------------


def test_art26_proactive_publication_within_20_working_days(cal: WorkingCalendar) -> None:
    # Fri 2025-09-26: Sun 28(1) 29 30(3) [10-01–08] 09(4) 10(5) Sat 11(6) 13–17(11) 20–24(16) 27–30(20)
    assert proactive_publication_due_on(D(2025, 9, 26), cal) == D(2025, 10, 30)


@pytest.mark.parametrize(
    ("kind", "township", "expected"),
    [
        ("department", (1, 31), D(2026, 1, 31)),  # 条例第四十九条: departments by 31 Jan
        ("government", (1, 31), D(2026, 3, 31)),  # 条例第四十九条: governments by 31 Mar
        ("township", (1, 31), D(2026, 1, 31)),  # no statutory date: per-tenant default [U]
        ("township", (2, 20), D(2026, 2, 20)),  # e.g. 怀化 practice
    ],
)
def test_art49_annual_report_deadlines(kind: str, township: tuple[int, int], expected: date) -> None:
    assert annual_report_due_on(2025, kind, township) == expected  # type: ignore[arg-type]


def test_no_receipt_no_clock(cal: WorkingCalendar) -> None:
    with pytest.raises(ClockRuleError, match="收到申请"):
        reply_clock([E("pause_started", D(2026, 3, 2))], cal, TODAY)
    assert reply_clock([], cal, TODAY).due_on is None


def test_art31_a_re_recorded_receipt_date_restarts_with_a_warning(cal: WorkingCalendar) -> None:
    events = [E("received", D(2026, 9, 28)), E("received", D(2026, 9, 30))]

    state = reply_clock(events, cal, TODAY)

    assert state.due_on == D(2026, 11, 3)  # as from 09-30 (hand count above)
    assert any("收到申请日期由" in w for w in state.warnings)
