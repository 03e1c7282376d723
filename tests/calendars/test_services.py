"""The calendars app: administrator data wins over the package, local holidays per agency, notice import."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.calendars import services
from gongkai.calendars.models import CalendarChange, CalendarDay, CalendarYear, DayKind
from gongkai.core.calendar import MissingCalendarYear, YearData
from tests.cli.test_calendar_cli import NOTICE_2027

D = date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_store(tmp_path: Path, settings: pytest.FixtureRequest) -> None:
    settings.GONGKAI_CALENDAR_DIR = tmp_path / "calendar"  # type: ignore[attr-defined]


def test_without_2027_data_the_calendar_fails_closed() -> None:
    with pytest.raises(MissingCalendarYear):
        services.calendar_for().add_working_days(D(2026, 12, 10), 20)

    provisional = services.calendar_for(provisional_ok=True)
    assert provisional.add_working_days(D(2026, 12, 10), 20) == D(2027, 1, 7)
    assert provisional.assumed_years == (2027,)


def test_an_imported_notice_in_the_database_answers_for_2027(tmp_path: Path) -> None:
    path = tmp_path / "2027.txt"
    path.write_text(NOTICE_2027, "utf-8")

    call_command("import_holiday_notice", str(path), "--yes", stdout=io.StringIO())

    # 12-11(1) 14–18(6) 21–25(11) 28–31(15) [01-01 off] 01-04(16) … 01-08(20)
    assert services.calendar_for().add_working_days(D(2026, 12, 10), 20) == D(2027, 1, 8)
    assert CalendarDay.objects.filter(kind=DayKind.WORKDAY).get().on == D(2027, 2, 20)
    assert CalendarChange.objects.get().action == "import_notice"


def test_the_command_refuses_without_confirmation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "2027.txt"
    path.write_text(NOTICE_2027, "utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    with pytest.raises(CommandError, match="未确认"):
        call_command("import_holiday_notice", str(path), stdout=io.StringIO())
    assert not CalendarYear.objects.exists()


def test_database_data_wins_over_the_package() -> None:
    # Remove 02-23 from 2026's holidays: it becomes a working day, so 02-10 + 20 moves from 03-16 to 03-13.
    package = services.calendar_for().year_data(2026)
    assert package is not None
    services.save_year_data(YearData(2026, package.holidays - {D(2026, 2, 23)}, package.workdays, "更正"))

    assert services.calendar_for().add_working_days(D(2026, 2, 10), 20) == D(2026, 3, 13)


def test_local_holidays_apply_to_the_agency_and_the_bodies_under_it() -> None:
    county = Agency.objects.create(code="county", name="某自治县人民政府", kind=AgencyKind.COUNTY_GOVERNMENT)
    bureau = Agency.objects.create(
        code="bureau", name="某自治县教育局", kind=AgencyKind.COUNTY_DEPARTMENT, parent=county
    )
    services.add_local_holidays(county, [D(2026, 3, 16)], "三月三")

    # 03-16 off locally: the 20th working day after 02-10 moves from 03-16 to 03-17.
    assert services.calendar_for(bureau).add_working_days(D(2026, 2, 10), 20) == D(2026, 3, 17)
    assert services.calendar_for().add_working_days(D(2026, 2, 10), 20) == D(2026, 3, 16)


def test_copying_a_package_year_lets_an_administrator_edit_it() -> None:
    row = services.copy_year_to_database(2026)

    assert row.days.filter(kind=DayKind.HOLIDAY).count() == 19
    assert row.days.filter(kind=DayKind.WORKDAY).count() == 6


def test_a_weekend_holiday_row_is_refused() -> None:
    year = CalendarYear.objects.create(year=2027, source="测试")
    day = CalendarDay(calendar_year=year, on=D(2027, 1, 2), kind=DayKind.HOLIDAY)

    with pytest.raises(ValidationError):
        day.full_clean()
