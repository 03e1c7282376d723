"""Property tests: add_working_days is monotonic and consistent with working_days_between."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.calendar import load_calendar

CAL = load_calendar()
# Keep results inside the package data (2004–2026): 60 working days never take more than ~100 days.
starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 9, 1))
counts = st.integers(min_value=0, max_value=60)


@settings(max_examples=300)
@given(starts, counts)
def test_it_is_the_inverse_of_working_days_between(start: date, n: int) -> None:
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


@settings(max_examples=300)
@given(starts, st.integers(min_value=1, max_value=60))
def test_the_result_is_a_working_day_after_the_start(start: date, n: int) -> None:
    due = CAL.add_working_days(start, n)

    assert due > start
    assert CAL.is_working_day(due)


@settings(max_examples=300)
@given(starts, counts)
def test_it_is_monotonic_in_n(start: date, n: int) -> None:
    assert CAL.add_working_days(start, n) <= CAL.add_working_days(start, n + 1)


@settings(max_examples=300)
@given(starts, st.integers(min_value=0, max_value=30), counts)
def test_it_is_monotonic_in_the_start(start: date, shift: int, n: int) -> None:
    assert CAL.add_working_days(start, n) <= CAL.add_working_days(start + timedelta(days=shift), n)


@settings(max_examples=200)
@given(starts, st.integers(min_value=1, max_value=60))
def test_it_agrees_with_a_day_by_day_walk(start: date, n: int) -> None:
    # The naive definition (spec §6): the n-th date d > start with is_working_day(d).
    day, seen = start, 0
    while seen < n:
        day += timedelta(days=1)
        seen += CAL.is_working_day(day)

    assert CAL.add_working_days(start, n) == day
