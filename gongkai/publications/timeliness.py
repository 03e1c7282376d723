"""条例第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内予以公开.

Due dates come from the working-day calendar (gongkai.core.calendar / clock). When the calendar has no data for a
year (e.g. 2027 before the State Council notice), the date is computed on a Monday–Friday assumption and marked
provisional rather than refused: a clerk still needs a date to aim at.
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from gongkai.agencies.models import Agency
from gongkai.core.calendar import MissingCalendarYear, WorkingCalendar, load_calendar
from gongkai.core.clock import proactive_publication_due_on
from gongkai.publications.models import Publication, Status

DUE_SOON_WORKING_DAYS = 5


def calendar_for_agency(agency: Agency | None) -> WorkingCalendar:
    """The agency's working calendar (with local holidays) from the calendars app, or the file store."""
    try:
        from gongkai.calendars.services import calendar_for
    except ImportError:  # the calendars app is optional for this module
        return load_calendar(getattr(settings, "GONGKAI_CALENDAR_DIR", None))
    result: WorkingCalendar = calendar_for(agency)
    return result


def due_on_for(agency: Agency | None, made_on: date) -> tuple[date, bool]:
    """The Reg. 26 due date for information made or changed on `made_on`, and whether it is provisional."""
    working = calendar_for_agency(agency)
    try:
        return proactive_publication_due_on(made_on, working), False
    except MissingCalendarYear:
        provisional = working.as_provisional()
        return proactive_publication_due_on(made_on, provisional), True


def overdue(agency: Agency, today: date) -> list[Publication]:
    """Items not yet published whose due date has passed (withheld items are excluded: they were decided)."""
    open_states = [Status.DRAFT, Status.IN_REVIEW, Status.REFERRED, Status.REVIEWED, Status.APPROVED]
    return list(
        Publication.objects.filter(agency=agency, status__in=open_states, due_on__lt=today).order_by(
            "due_on", "id"
        )
    )


def due_soon(agency: Agency, today: date, working_days: int = DUE_SOON_WORKING_DAYS) -> list[Publication]:
    """Unpublished items due within the next `working_days` working days (today included)."""
    limit = calendar_for_agency(agency).as_provisional().add_working_days(today, working_days)
    open_states = [Status.DRAFT, Status.IN_REVIEW, Status.REFERRED, Status.REVIEWED, Status.APPROVED]
    return list(
        Publication.objects.filter(
            agency=agency, status__in=open_states, due_on__gte=today, due_on__lte=limit
        ).order_by("due_on", "id")
    )


@dataclass(frozen=True)
class MonthShare:
    year: int
    month: int
    published: int
    in_time: int

    @property
    def share(self) -> float | None:
        return None if self.published == 0 else self.in_time / self.published

    @property
    def percent_text(self) -> str:
        return "—" if self.share is None else f"{self.share * 100:.1f}%"


def monthly_in_time_share(agency: Agency, year: int) -> list[MonthShare]:
    """For each month of `year`: items published that month, and how many by their Reg. 26 due date."""
    rows = Publication.objects.filter(
        agency=agency, published_on__year=year, due_on__isnull=False
    ).values_list("published_on", "due_on")
    counts = {m: [0, 0] for m in range(1, 13)}
    for published_on, due_on in rows:
        counts[published_on.month][0] += 1
        if published_on <= due_on:
            counts[published_on.month][1] += 1
    return [MonthShare(year, m, counts[m][0], counts[m][1]) for m in range(1, 13)]


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, month_calendar.monthrange(year, month)[1])
