"""The Chinese working-day calendar (工作日), with the State Council's 调休 arrangements.

Working days exclude Saturdays, Sundays and statutory holidays, and *include* the weekend days that the
annual 《国务院办公厅关于YYYY年部分节假日安排的通知》 turns into working days (调休上班). See spec §6.

Data is layered, later layers replacing a whole year of earlier ones:

1. the `chinesecalendar` package (years it knows, 2004–2026 in 1.11.0);
2. the file store of imported notices (one JSON file per year, written by `gongkai calendar import-notice`);
3. `extra` year data, e.g. what an administrator entered in the database.

Local extra holidays (ethnic-minority holidays in autonomous areas, 全国年节及纪念日放假办法第四条) are
non-working days on top of that. A year with no data fails closed (`MissingCalendarYear`) unless the
calendar is explicitly provisional, in which case the year is assumed Monday–Friday and reported.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
LOCAL_HOLIDAY_NAME = "地方节假日"


def weekday_name(d: date) -> str:
    """`周一` … `周日` for a date."""
    return WEEKDAY_NAMES[d.weekday()]


def format_day(d: date) -> str:
    """`2026-09-30（周三）`: the form used in every explanation."""
    return f"{d.isoformat()}（{weekday_name(d)}）"


class MissingCalendarYear(Exception):
    """No holiday data for a year: deadlines in it cannot be computed (fail closed, spec §6)."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.message = (
            f"缺少{year}年的节假日安排数据，无法计算该年的工作日。"
            f"请在国务院办公厅发布《关于{year}年部分节假日安排的通知》后运行："
            f"gongkai calendar import-notice 通知.txt（或由管理员在后台录入{year}年的节假日和调休上班日）。"
        )
        super().__init__(self.message)


class CalendarDataError(ValueError):
    """Year data that contradicts itself or a stored file that cannot be read (message in Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class YearData:
    """One year's departures from Monday–Friday.

    `holidays` are the non-working weekdays (Mon–Fri); `workdays` are the 调休 working weekend days.
    `names` optionally labels dates with their holiday (元旦, 春节, …) for explanations.
    """

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str
    names: Mapping[date, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        for d in self.holidays | self.workdays:
            if d.year != self.year:
                raise CalendarDataError(f"{self.year}年的数据中出现了其他年份的日期 {d.isoformat()}。")
        for d in self.holidays:
            if d.weekday() >= 5:
                raise CalendarDataError(f"{format_day(d)}是周末，不必列为放假日（放假日只列周一至周五）。")
        for d in self.workdays:
            if d.weekday() < 5:
                raise CalendarDataError(f"{format_day(d)}本来就是工作日，不必列为调休上班日（只列周末）。")
        both = self.holidays & self.workdays
        if both:
            raise CalendarDataError(f"{min(both).isoformat()}不能既放假又上班。")

    def to_json(self) -> dict[str, Any]:
        """The file-store form (also what the CLI prints with --json)."""
        return {
            "year": self.year,
            "holidays": [d.isoformat() for d in sorted(self.holidays)],
            "workdays": [d.isoformat() for d in sorted(self.workdays)],
            "source": self.source,
            "names": {d.isoformat(): n for d, n in sorted(self.names.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> YearData:
        """Inverse of `to_json`; raises CalendarDataError on malformed data."""
        try:
            return cls(
                year=int(data["year"]),
                holidays=frozenset(date.fromisoformat(s) for s in data["holidays"]),
                workdays=frozenset(date.fromisoformat(s) for s in data["workdays"]),
                source=str(data.get("source", "")),
                names={date.fromisoformat(k): str(v) for k, v in dict(data.get("names", {})).items()},
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, CalendarDataError):
                raise
            raise CalendarDataError(f"节假日数据格式错误：{exc}") from exc


# --- the chinesecalendar package -------------------------------------------------------------------


def package_years() -> dict[int, YearData]:
    """Every year the installed chinesecalendar package knows, as YearData (split by calendar year)."""
    try:
        import chinese_calendar
        from chinese_calendar.constants import Holiday, holidays, workdays
    except ImportError:  # the package is a dependency, but the calendar still works from other layers
        return {}
    version = getattr(chinese_calendar, "__version__", "")
    source = f"chinesecalendar {version}".strip()
    chinese = {h.value: h.chinese for h in Holiday}
    years = {d.year for d in holidays} | {d.year for d in workdays}
    out: dict[int, YearData] = {}
    for year in range(min(years), max(years) + 1):
        names = {d: chinese.get(v, str(v)) for d, v in holidays.items() if d.year == year}
        out[year] = YearData(
            year=year,
            holidays=frozenset(d for d in names if d.weekday() < 5),
            workdays=frozenset(d for d in workdays if d.year == year and d.weekday() >= 5),
            source=source,
            names=names,
        )
    return out


_PACKAGE_YEARS: dict[int, YearData] | None = None


def _package_years_cached() -> dict[int, YearData]:
    global _PACKAGE_YEARS
    if _PACKAGE_YEARS is None:
        _PACKAGE_YEARS = package_years()
    return _PACKAGE_YEARS


# --- the file store ---------------------------------------------------------------------------------


def default_data_dir() -> Path:
    """Where imported notices are stored: $GONGKAI_CALENDAR_DIR, else <repo>/var/calendar (as in settings)."""
    env = os.environ.get("GONGKAI_CALENDAR_DIR")
    if env:
        return Path(env)
    import gongkai

    return Path(gongkai.__file__).resolve().parent.parent / "var" / "calendar"


def year_file(data_dir: Path, year: int) -> Path:
    return data_dir / f"{year}.json"


def read_year_files(data_dir: Path) -> list[YearData]:
    """All years in the file store (a missing folder is an empty store)."""
    if not data_dir.is_dir():
        return []
    out = []
    for path in sorted(data_dir.glob("[0-9][0-9][0-9][0-9].json")):
        try:
            data = json.loads(path.read_text("utf-8"))
            year_data = YearData.from_json(data)
        except (OSError, json.JSONDecodeError, CalendarDataError) as exc:
            raise CalendarDataError(f"无法读取节假日数据文件 {path}：{exc}") from exc
        if year_data.year != int(path.stem):
            raise CalendarDataError(f"节假日数据文件 {path} 的年份（{year_data.year}）与文件名不符。")
        out.append(year_data)
    return out


def write_year_file(data_dir: Path, year_data: YearData, *, saved_at: str = "") -> Path:
    """Save one year atomically (temp file in the same folder, then rename), replacing an older file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    payload = year_data.to_json()
    if saved_at:
        payload["saved_at"] = saved_at
    target = year_file(data_dir, year_data.year)
    fd, tmp = tempfile.mkstemp(prefix=f".{year_data.year}.", suffix=".tmp", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


# --- the calendar -------------------------------------------------------------------------------------


class _YearIndex:
    """Precomputed working days of one year: lookups are a subtraction and two list indexings."""

    __slots__ = ("base", "count", "days", "flags", "rank")

    def __init__(self, year: int, is_working: Iterable[bool]) -> None:
        first = date(year, 1, 1)
        self.base = first.toordinal()
        self.flags = bytes(is_working)
        # rank[i] = working days among day-of-year 0..i (inclusive); days = the working dates in order.
        rank: list[int] = []
        days: list[date] = []
        seen = 0
        for i, flag in enumerate(self.flags):
            if flag:
                seen += 1
                days.append(first + timedelta(days=i))
            rank.append(seen)
        self.rank = rank
        self.days = days
        self.count = seen


def _year_length(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


class WorkingCalendar:
    """Working days for any covered year; see the module docstring for the data layers.

    `provisional=True` never raises MissingCalendarYear: uncovered years are assumed Monday–Friday and
    recorded in `assumed_years`, so callers can flag the result as provisional (issue #5).
    """

    def __init__(
        self,
        years: Mapping[int, YearData] | None = None,
        *,
        use_package: bool = True,
        local_holidays: Iterable[date] = (),
        local_holiday_names: Mapping[date, str] | None = None,
        provisional: bool = False,
    ) -> None:
        self._package = _package_years_cached() if use_package else {}
        self._years: dict[int, YearData] = dict(years or {})
        self._local = frozenset(local_holidays)
        self._local_names = dict(local_holiday_names or {})
        self.provisional = provisional
        self._assumed: set[int] = set()
        self._index: dict[int, _YearIndex] = {}

    # -- data ---------------------------------------------------------------------------------------

    def year_data(self, year: int) -> YearData | None:
        """The data in force for `year` (overrides first, then the package), or None."""
        return self._years.get(year) or self._package.get(year)

    def covers(self, year: int) -> bool:
        """True when real data (not a Monday–Friday assumption) exists for the year."""
        return year in self._years or year in self._package

    def covered_years(self) -> list[int]:
        return sorted(set(self._years) | set(self._package))

    @property
    def local_holidays(self) -> frozenset[date]:
        return self._local

    @property
    def assumed_years(self) -> tuple[int, ...]:
        """Years this (provisional) calendar had to assume Monday–Friday, in order."""
        return tuple(sorted(self._assumed))

    def as_provisional(self) -> WorkingCalendar:
        """A provisional view sharing this calendar's data, with its own empty `assumed_years`."""
        view = WorkingCalendar.__new__(WorkingCalendar)
        view._package = self._package
        view._years = self._years
        view._local = self._local
        view._local_names = self._local_names
        view.provisional = True
        view._assumed = set()
        # Real years can share the precomputed index; assumed years are only ever built in the view.
        view._index = {y: ix for y, ix in self._index.items() if self.covers(y)}
        return view

    def holiday_name(self, d: date) -> str:
        """The holiday a non-working day belongs to (元旦, 春节, 地方节假日 …), or "" for a plain weekend."""
        if d in self._local:
            return self._local_names.get(d, LOCAL_HOLIDAY_NAME)
        data = self.year_data(d.year)
        if data is None:
            return ""
        name = data.names.get(d, "")
        if not name and d in data.holidays:
            return "节假日"
        return name

    def is_adjusted_workday(self, d: date) -> bool:
        """A weekend day that is a working day because of 调休 (调休上班)."""
        data = self.year_data(d.year)
        return data is not None and d in data.workdays and d not in self._local

    # -- the index ----------------------------------------------------------------------------------

    def _build(self, year: int) -> _YearIndex:
        data = self.year_data(year)
        if data is None:
            if not self.provisional:
                raise MissingCalendarYear(year)
            self._assumed.add(year)
            holidays: frozenset[date] = frozenset()
            workdays: frozenset[date] = frozenset()
        else:
            holidays, workdays = data.holidays, data.workdays
        first = date(year, 1, 1)
        flags = []
        for i in range(_year_length(year)):
            d = first + timedelta(days=i)
            working = (d.weekday() < 5 and d not in holidays) or d in workdays
            flags.append(working and d not in self._local)
        index = _YearIndex(year, flags)
        self._index[year] = index
        return index

    def _year(self, year: int) -> _YearIndex:
        return self._index.get(year) or self._build(year)

    # -- queries ------------------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """True on Monday–Friday that is no holiday, and on 调休 working weekends."""
        ix = self._index.get(d.year) or self._build(d.year)
        return bool(ix.flags[d.toordinal() - ix.base])

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (the start day itself is never counted; n = 0 gives `start`).

        民法典第二百零一条（类推）：开始的当日不计入，自下一日开始计算 (spec §1.20, §6).
        """
        if n <= 0:
            if n == 0:
                return start
            raise ValueError("工作日数不能为负数。")
        year = start.year
        ix = self._index.get(year) or self._build(year)
        k = ix.rank[start.toordinal() - ix.base] + n - 1
        days = ix.days
        if k < ix.count:
            return days[k]
        k -= ix.count
        while True:
            year += 1
            ix = self._index.get(year) or self._build(year)
            if k < ix.count:
                return ix.days[k]
            k -= ix.count

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d ≤ end; negative (−count of end < d ≤ start) if end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        a = self._year(start.year)
        ra = a.rank[start.toordinal() - a.base]
        if end.year == start.year:
            return a.rank[end.toordinal() - a.base] - ra
        total = a.count - ra
        for year in range(start.year + 1, end.year):
            total += self._year(year).count
        b = self._year(end.year)
        return total + b.rank[end.toordinal() - b.base]

    def next_working_day(self, d: date) -> date:
        """The first working day after d."""
        return self.add_working_days(d, 1)

    def previous_working_day(self, d: date) -> date:
        """The last working day before d."""
        day = d - timedelta(days=1)
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def non_working_runs(self, start: date, end: date) -> Iterator[tuple[date, date, str]]:
        """Runs of consecutive non-working days in (start, end] that contain a holiday, with their names.

        Plain weekends are skipped: they are what everyone expects. The names ("国庆节、中秋") explain runs.
        """
        d = start + timedelta(days=1)
        while d <= end:
            if self.is_working_day(d):
                d += timedelta(days=1)
                continue
            first = d
            names: list[str] = []
            while d <= end and not self.is_working_day(d):
                name = self.holiday_name(d)
                if name and name not in names:
                    names.append(name)
                d += timedelta(days=1)
            if names:
                yield first, d - timedelta(days=1), "、".join(names)

    def adjusted_workdays(self, start: date, end: date) -> list[date]:
        """调休 working weekend days in (start, end]."""
        out = []
        for year in range(start.year, end.year + 1):
            data = self.year_data(year)
            if data is None:
                continue
            out += [d for d in data.workdays if start < d <= end and d not in self._local]
        return sorted(out)


def explain_span(calendar: WorkingCalendar, start: date, end: date) -> list[str]:
    """Chinese lines naming the holidays skipped and the 调休 days counted in (start, end]."""
    # Month-day is enough inside one year; a span crossing New Year needs the full dates.
    short = start.year == end.year

    def day(d: date) -> str:
        return d.strftime("%m-%d") if short else d.isoformat()

    events: list[tuple[date, str]] = []
    for first, last, names in calendar.non_working_runs(start, end):
        span = day(first) if first == last else f"{day(first)}至{day(last)}"
        events.append((first, f"{names} {span} 不计"))
    for d in calendar.adjusted_workdays(start, end):
        events.append((d, f"{day(d)}（{weekday_name(d)}）调休上班，计入"))
    return [text for _, text in sorted(events, key=lambda e: e[0])]


def load_calendar(
    data_dir: Path | None = None,
    extra: Iterable[YearData] = (),
    local_holidays: Iterable[date] = (),
    *,
    local_holiday_names: Mapping[date, str] | None = None,
    provisional: bool = False,
) -> WorkingCalendar:
    """Package data, then the file store in `data_dir` (None: no file store), then `extra` (wins)."""
    years: dict[int, YearData] = {}
    if data_dir is not None:
        for year_data in read_year_files(data_dir):
            years[year_data.year] = year_data
    for year_data in extra:
        years[year_data.year] = year_data
    return WorkingCalendar(
        years,
        local_holidays=local_holidays,
        local_holiday_names=local_holiday_names,
        provisional=provisional,
    )
