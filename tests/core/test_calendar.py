"""The working-day calendar: hand-counted dates around every 2025 and 2026 holiday and 调休 day.

Expected dates are counted by hand from the State Council notices (国办发明电〔2024〕12号 for 2025, the 2026
notice in fixtures/calendar): each comment lists the working days counted, trigger day excluded
(民法典第二百零一条 by analogy, spec §6).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gongkai.core.calendar import (
    CalendarDataError,
    MissingCalendarYear,
    WorkingCalendar,
    YearData,
    explain_span,
    load_calendar,
    read_year_files,
    write_year_file,
)

D = date


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return load_calendar()


# (start, n, expected, hand count)
HAND_CASES = [
    # 2025 元旦 runs over the year boundary: 2025-01-01 off.
    (D(2024, 12, 31), 1, D(2025, 1, 2)),  # 01-01 holiday → Thu 01-02
    # 2024-12-31 +20: 01-02(1) 03(2) 06–10(7) 13–17(12) 20–24(17) 26 Sun 调休(18) 27(19) 28–02-04 off, 02-05(20)
    (D(2024, 12, 31), 20, D(2025, 2, 5)),
    # Spec §6 example: Fri 01-24 +20 → 26 Sun(1) 27(2) [28–04 off] 05(3) 06(4) 07(5) 08 Sat(6) 10–14(11) 17–21(16) 24–27(20)
    (D(2025, 1, 24), 20, D(2025, 2, 27)),
    (
        D(2025, 1, 25),
        1,
        D(2025, 1, 26),
    ),  # Saturday → Sunday 01-26 is a 调休 working day (find_workday gets this wrong)
    (D(2025, 2, 7), 1, D(2025, 2, 8)),  # Fri → Sat 02-08 调休上班
    (D(2025, 4, 3), 1, D(2025, 4, 7)),  # 清明 04-04 Fri off, weekend → Mon 04-07
    (D(2025, 4, 25), 1, D(2025, 4, 27)),  # Fri → Sun 04-27 调休上班
    (D(2025, 4, 30), 1, D(2025, 5, 6)),  # 劳动节 05-01, 02 off, 03/04 weekend, 05 off → Tue 05-06
    (D(2025, 5, 30), 1, D(2025, 6, 3)),  # 端午 06-02 Mon off → Tue 06-03
    (D(2025, 9, 26), 1, D(2025, 9, 28)),  # Fri → Sun 09-28 调休上班
    (D(2025, 9, 30), 1, D(2025, 10, 9)),  # 国庆、中秋 10-01–10-08 off → Thu 10-09
    (D(2025, 9, 30), 3, D(2025, 10, 11)),  # 10-09(1) 10-10(2) Sat 10-11 调休(3)
    (D(2025, 12, 31), 1, D(2026, 1, 4)),  # 2026 元旦 01-01–03 off; Sun 01-04 调休上班
    # The platform-notes example: 02-11(1) 12(2) 13(3) 14 Sat(4) [15–23 off] 24–27(8) 28 Sat(9) 03-02–06(14) 09–13(19) 16(20)
    (D(2026, 2, 10), 20, D(2026, 3, 16)),
    (D(2026, 2, 13), 1, D(2026, 2, 14)),  # Fri → Sat 02-14 调休上班
    (D(2026, 2, 14), 1, D(2026, 2, 24)),  # from the 调休 Saturday across 春节 02-15–23 → Tue 02-24
    (D(2026, 2, 27), 1, D(2026, 2, 28)),  # Fri → Sat 02-28 调休上班
    (D(2026, 4, 3), 1, D(2026, 4, 7)),  # 清明 04-04–06 (Mon off) → Tue 04-07
    (D(2026, 4, 30), 1, D(2026, 5, 6)),  # 劳动节 05-01–05 → Wed 05-06
    (D(2026, 4, 30), 4, D(2026, 5, 9)),  # 05-06(1) 07(2) 08(3) Sat 05-09 调休(4)
    (D(2026, 6, 18), 1, D(2026, 6, 22)),  # 端午 06-19 Fri off, weekend → Mon 06-22
    (D(2026, 9, 18), 1, D(2026, 9, 20)),  # Fri → Sun 09-20 调休上班
    (D(2026, 9, 24), 1, D(2026, 9, 28)),  # 中秋 09-25 Fri off, weekend → Mon 09-28
    # 10-08(1) 09(2) 10 Sat 调休(3) 12–16(8) 19–23(13) 26–30(18) 11-02(19) 11-03(20)
    (D(2026, 9, 30), 20, D(2026, 11, 3)),
    (D(2026, 10, 9), 1, D(2026, 10, 10)),  # Fri → Sat 10-10 调休上班
    (D(2026, 3, 16), 0, D(2026, 3, 16)),  # n = 0 is the start itself
]


@pytest.mark.parametrize(("start", "n", "expected"), HAND_CASES)
def test_add_working_days_matches_the_hand_count(
    cal: WorkingCalendar, start: date, n: int, expected: date
) -> None:
    assert cal.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2025, 1, 26), True),  # Sunday 调休上班
        (D(2025, 1, 28), False),  # 春节 Tuesday
        (D(2025, 10, 11), True),  # Saturday 调休上班
        (D(2025, 10, 8), False),  # 国庆 Wednesday
        (D(2026, 1, 4), True),
        (D(2026, 2, 23), False),
        (D(2026, 9, 20), True),
        (D(2026, 10, 7), False),
        (D(2026, 11, 28), False),  # an ordinary Saturday
        (D(2026, 11, 27), True),  # an ordinary Friday
        (D(2004, 1, 2), True),  # the first package year still answers
    ],
)
def test_is_working_day_follows_the_notice(cal: WorkingCalendar, day: date, working: bool) -> None:
    assert cal.is_working_day(day) is working


def test_working_days_between_counts_the_end_but_not_the_start(cal: WorkingCalendar) -> None:
    # (02-13, 02-28]: Sat 02-14(1), 02-24–27(5), Sat 02-28(6); the 春节 days are not counted.
    assert cal.working_days_between(D(2026, 2, 13), D(2026, 2, 28)) == 6
    # Across New Year: (2025-12-31, 2026-01-05] = Sun 01-04 调休(1), Mon 01-05(2).
    assert cal.working_days_between(D(2025, 12, 31), D(2026, 1, 5)) == 2
    assert cal.working_days_between(D(2026, 1, 5), D(2025, 12, 31)) == -2
    assert cal.working_days_between(D(2026, 3, 3), D(2026, 3, 3)) == 0


def test_a_year_without_data_fails_closed_with_a_chinese_message(cal: WorkingCalendar) -> None:
    with pytest.raises(MissingCalendarYear) as info:
        cal.add_working_days(D(2026, 12, 10), 20)

    assert info.value.year == 2027
    assert "2027年" in info.value.message
    assert "gongkai calendar import-notice" in info.value.message
    assert not cal.covers(2027)
    with pytest.raises(MissingCalendarYear):
        cal.is_working_day(D(2027, 1, 4))
    with pytest.raises(MissingCalendarYear):
        cal.is_working_day(D(2003, 12, 31))


MADE_UP_2027 = YearData(
    year=2027,
    holidays=frozenset({D(2027, 1, 1)}),  # made up for the test: only 元旦 (Fri)
    workdays=frozenset({D(2027, 1, 9)}),  # and one made-up 调休 Saturday
    source="测试用虚构数据",
)


def test_adding_a_2027_year_makes_the_year_work() -> None:
    cal = load_calendar(extra=[MADE_UP_2027])

    # 2026-12-10 (Thu) +20: 12-11(1) 14–18(6) 21–25(11) 28–31(15) [01-01 off] 01-04(16) 05(17) 06(18) 07(19) 08(20)
    assert cal.add_working_days(D(2026, 12, 10), 20) == D(2027, 1, 8)
    assert cal.is_working_day(D(2027, 1, 9))
    assert cal.covers(2027)


def test_provisional_mode_assumes_monday_to_friday_and_says_so() -> None:
    cal = load_calendar().as_provisional()

    # Same count, but 2027-01-01 (Fri) is assumed a working day: it becomes the 16th, so the 20th is 01-07.
    assert cal.add_working_days(D(2026, 12, 10), 20) == D(2027, 1, 7)
    assert cal.assumed_years == (2027,)


def test_a_strict_calendar_is_not_changed_by_its_provisional_view() -> None:
    strict = load_calendar()
    strict.as_provisional().add_working_days(D(2026, 12, 10), 20)

    with pytest.raises(MissingCalendarYear):
        strict.add_working_days(D(2026, 12, 10), 20)


def test_override_data_wins_over_the_package() -> None:
    # An administrator "corrects" 2026 by removing 02-23 from the holidays: 02-23 becomes the 5th working
    # day after 02-10 … so the 20th moves one working day earlier, to Fri 03-13.
    package = load_calendar().year_data(2026)
    assert package is not None
    corrected = YearData(2026, package.holidays - {D(2026, 2, 23)}, package.workdays, "管理员")

    cal = load_calendar(extra=[corrected])

    assert cal.is_working_day(D(2026, 2, 23))
    assert cal.add_working_days(D(2026, 2, 10), 20) == D(2026, 3, 13)
    assert cal.year_data(2026) is corrected


def test_local_holidays_are_not_working_days() -> None:
    # A local holiday on Mon 2026-03-16 pushes the 20th working day after 02-10 to Tue 03-17.
    cal = load_calendar(local_holidays=[D(2026, 3, 16)], local_holiday_names={D(2026, 3, 16): "三月三"})

    assert cal.add_working_days(D(2026, 2, 10), 20) == D(2026, 3, 17)
    assert cal.holiday_name(D(2026, 3, 16)) == "三月三"


def test_the_file_store_round_trips_and_layers_between_package_and_extra(tmp_path: Path) -> None:
    folder = tmp_path
    write_year_file(folder, MADE_UP_2027, saved_at="2026-11-28T10:00:00")

    assert read_year_files(folder) == [MADE_UP_2027]
    assert load_calendar(folder).covers(2027)
    replacement = YearData(2027, frozenset(), frozenset(), "数据库")
    assert load_calendar(folder, extra=[replacement]).is_working_day(D(2027, 1, 1))
    assert [p.name for p in folder.iterdir()] == ["2027.json"]  # no temp files left behind


def test_a_broken_store_file_is_reported_by_name(tmp_path: Path) -> None:
    bad = tmp_path / "2027.json"
    bad.write_text("{not json", "utf-8")

    with pytest.raises(CalendarDataError, match=r"2027\.json"):
        load_calendar(tmp_path)


@pytest.mark.parametrize(
    ("holidays", "workdays", "message"),
    [
        ({D(2027, 1, 2)}, set(), "周末"),  # a Saturday listed as a holiday
        (set(), {D(2027, 1, 4)}, "本来就是工作日"),  # a Monday listed as 调休上班
        ({D(2026, 12, 31)}, set(), "其他年份"),
    ],
)
def test_year_data_refuses_contradictions(holidays: set[date], workdays: set[date], message: str) -> None:
    with pytest.raises(CalendarDataError, match=message):
        YearData(2027, frozenset(holidays), frozenset(workdays), "x")


def test_the_explanation_names_holidays_and_adjusted_days(cal: WorkingCalendar) -> None:
    lines = explain_span(cal, D(2025, 9, 26), D(2025, 10, 30))

    assert lines == [
        "09-28（周日）调休上班，计入",
        "国庆节、中秋 10-01至10-08 不计",
        "10-11（周六）调休上班，计入",
    ]


def test_every_day_2004_to_2026_agrees_with_chinesecalendar(cal: WorkingCalendar) -> None:
    import chinese_calendar

    day, disagreements = D(2004, 1, 1), []
    while day <= D(2026, 12, 31):
        if cal.is_working_day(day) != chinese_calendar.is_workday(day):
            disagreements.append(day)
        day = D.fromordinal(day.toordinal() + 1)

    assert disagreements == []
