"""Calendar services: the calendar an agency's deadlines use, and the named changes to holiday data."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from gongkai.calendars.models import CalendarChange, CalendarDay, CalendarYear, DayKind, LocalHoliday
from gongkai.core.calendar import WorkingCalendar, YearData, load_calendar


def calendar_dir() -> Path:
    return Path(getattr(settings, "GONGKAI_CALENDAR_DIR", Path(settings.BASE_DIR) / "var" / "calendar"))


def db_year_data() -> list[YearData]:
    """Every administrator-maintained year, as core YearData."""
    days_by_year: dict[int, list[CalendarDay]] = {}
    for day in CalendarDay.objects.select_related("calendar_year"):
        days_by_year.setdefault(day.calendar_year.year, []).append(day)
    out = []
    for row in CalendarYear.objects.all():
        days = days_by_year.get(row.year, [])
        out.append(
            YearData(
                year=row.year,
                holidays=frozenset(d.on for d in days if d.kind == DayKind.HOLIDAY),
                workdays=frozenset(d.on for d in days if d.kind == DayKind.WORKDAY),
                source=f"管理员录入：{row.source}",
                names={d.on: d.name for d in days if d.name},
            )
        )
    return out


def _agency_chain(agency: Any) -> list[Any]:
    # A local holiday set on a county government applies to the bodies under it as well.
    return [agency, *agency.ancestors()]


def calendar_for(agency: Any = None, provisional_ok: bool = False) -> WorkingCalendar:
    """The working calendar for an agency: package < file store < database (wins), plus local holidays.

    With `provisional_ok` uncovered years are assumed Monday–Friday and reported in `assumed_years`;
    otherwise they raise MissingCalendarYear (fail closed).
    """
    local: dict[date, str] = {}
    if agency is not None:
        for holiday in LocalHoliday.objects.filter(agency__in=_agency_chain(agency)):
            local.setdefault(holiday.on, holiday.name)
    return load_calendar(
        calendar_dir(),
        extra=db_year_data(),
        local_holidays=local.keys(),
        local_holiday_names=local,
        provisional=provisional_ok,
    )


@transaction.atomic
def save_year_data(
    year_data: YearData, *, actor: Any = None, note: str = "", action: str = "save"
) -> CalendarYear:
    """Store a whole year (replacing any earlier DB data for it) and log who did it."""
    row, created = CalendarYear.objects.update_or_create(
        year=year_data.year,
        defaults={"source": year_data.source[:200], "note": note, "updated_by": actor},
    )
    row.days.all().delete()
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(calendar_year=row, on=d, kind=DayKind.HOLIDAY, name=year_data.names.get(d, ""))
            for d in sorted(year_data.holidays)
        ]
        + [
            CalendarDay(calendar_year=row, on=d, kind=DayKind.WORKDAY, name=year_data.names.get(d, ""))
            for d in sorted(year_data.workdays)
        ]
    )
    CalendarChange.objects.create(
        year=year_data.year,
        action=action,
        actor=actor,
        summary=(
            f"{'新建' if created else '替换'}{year_data.year}年数据（{year_data.source}）："
            f"放假 {', '.join(d.isoformat() for d in sorted(year_data.holidays))}；"
            f"调休上班 {', '.join(d.isoformat() for d in sorted(year_data.workdays))}"
        ),
    )
    return row


@transaction.atomic
def copy_year_to_database(year: int, *, actor: Any = None) -> CalendarYear:
    """Copy the package/file-store data of a year into the database so an administrator can correct a day."""
    data = load_calendar(calendar_dir()).year_data(year)
    if data is None:
        raise ValueError(f"没有{year}年的数据可复制。")
    return save_year_data(data, actor=actor, note="从内置数据复制", action="copy")


@transaction.atomic
def add_local_holidays(
    agency: Any, days: Iterable[date], name: str, *, actor: Any = None
) -> list[LocalHoliday]:
    """Declare local non-working days for an agency (and the bodies under it)."""
    rows = []
    for on in days:
        row, _ = LocalHoliday.objects.update_or_create(
            agency=agency, on=on, defaults={"name": name, "created_by": actor}
        )
        rows.append(row)
        CalendarChange.objects.create(
            year=on.year, action="local_holiday", actor=actor, summary=f"{agency}：{on.isoformat()} {name}"
        )
    return rows


def log_admin_change(row: CalendarYear, *, actor: Any, action: str) -> None:
    """Record an edit made in the admin (the form saved the rows; this keeps the who/when trail)."""
    days = ", ".join(f"{d.on.isoformat()}:{d.kind}" for d in row.days.all())
    CalendarChange.objects.create(year=row.year, action=action, actor=actor, summary=f"后台编辑：{days}")
