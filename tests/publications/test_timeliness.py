"""条例第二十六条: 20 working days from the day information is made or changed, across holidays (hand-computed
from the State Council notice for 2026, ../shared/fixtures/calendar/notice-2026.txt)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.agencies.models import Agency
from gongkai.publications import services, timeliness
from tests.publications.factories import draft, publish_through_workflow

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "made_on, due_on",
    [
        # Ordinary month: 3 Mar … 30 Mar, 20 weekdays, no holiday.
        (date(2026, 3, 2), date(2026, 3, 30)),
        # 春节: 14 Feb (Sat) is a working day, 15–23 Feb off, 28 Feb (Sat) working → 12 Mar.
        (date(2026, 2, 6), date(2026, 3, 12)),
        # 中秋 + 国庆: 20 Sep (Sun) working, 25–27 Sep and 1–7 Oct off, 10 Oct (Sat) working → 22 Oct.
        (date(2026, 9, 18), date(2026, 10, 22)),
    ],
)
def test_the_due_date_counts_working_days_across_holidays(
    town: Agency, clerk: Any, made_on: date, due_on: date
) -> None:
    publication = draft(town, clerk, made_on=made_on)

    assert (publication.due_on, publication.is_due_on_provisional) == (due_on, False)


def test_a_due_date_in_a_year_without_calendar_data_is_provisional(town: Agency, clerk: Any) -> None:
    publication = draft(town, clerk, made_on=date(2026, 12, 21))

    assert publication.is_due_on_provisional is True
    # Monday–Friday assumed for 2027: 22 Dec … 15 Jan.
    assert publication.due_on == date(2027, 1, 18)


def test_changing_the_date_made_moves_the_due_date(town: Agency, clerk: Any) -> None:
    publication = draft(town, clerk, made_on=date(2026, 3, 2))

    services.update_draft(publication, clerk, made_on=date(2026, 2, 6))

    publication.refresh_from_db()
    assert publication.due_on == date(2026, 3, 12)
    assert publication.events.filter(kind="edited").get().data == {"fields": ["made_on"]}


def test_overdue_and_due_soon_lists(town: Agency, clerk: Any, reviewer: Any, head: Any) -> None:
    late = draft(town, clerk, title="逾期", made_on=date(2026, 2, 6))  # due 12 Mar
    soon = draft(town, clerk, title="将到期", made_on=date(2026, 3, 2))  # due 30 Mar
    publish_through_workflow(
        draft(town, clerk, title="已发布", made_on=date(2026, 2, 6)), clerk, reviewer, head, date(2026, 3, 1)
    )

    assert timeliness.overdue(town, date(2026, 3, 25)) == [late]
    assert timeliness.due_soon(town, date(2026, 3, 25)) == [soon]
    assert timeliness.due_soon(town, date(2026, 3, 10)) == [late]


def test_share_published_in_time_per_month(town: Agency, clerk: Any, reviewer: Any, head: Any) -> None:
    publish_through_workflow(
        draft(town, clerk, title="按时", made_on=date(2026, 3, 2)), clerk, reviewer, head, date(2026, 3, 30)
    )
    publish_through_workflow(
        draft(town, clerk, title="超期", made_on=date(2026, 2, 6)), clerk, reviewer, head, date(2026, 3, 13)
    )
    publish_through_workflow(
        draft(town, clerk, title="四月", made_on=date(2026, 4, 1)), clerk, reviewer, head, date(2026, 4, 2)
    )

    shares = {
        m.month: (m.published, m.in_time, m.percent_text)
        for m in timeliness.monthly_in_time_share(town, 2026)
    }

    assert shares[3] == (2, 1, "50.0%")
    assert shares[4] == (1, 1, "100.0%")
    assert shares[5] == (0, 0, "—")
