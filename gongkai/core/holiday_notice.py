"""Read the State Council notice 《国务院办公厅关于YYYY年部分节假日安排的通知》 into year data.

Each numbered item names one or more holidays and says which days are off (放假, 放假调休, 补休,
与周末连休) and which weekend days are worked (上班). Two styles occur:

- modern: ``1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。``
- older:  ``1月1日放假，1月2日（星期一）补休。`` / ``5月1日放假，与周末连休。`` /
  ``中秋节、国庆节：10月1日至8日放假调休`` / ``2018年12月30日至2019年1月1日放假调休``.

Weekday annotations （周四）/（星期一） are checked against the computed date, which catches a wrong year
guess as well as typos. Dates outside the notice year (元旦 running over New Year) are reported but kept
out of that year's `YearData`: they belong to the neighbouring year's data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.core.calendar import YearData, format_day

ITEM_RE = re.compile(
    r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*(?P<names>[^:：]{1,40}?)\s*[:：]\s*(?P<body>.*)$"
)
YEAR_RE = re.compile(r"关于\s*(\d{4})\s*年.{0,6}节假日安排")
YEAR_FALLBACK_RE = re.compile(r"现将\s*(\d{4})\s*年")
DATE_RE = re.compile(
    r"(?:(?P<y>\d{4})年)?(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?:\s*[(（](?P<ann>[^)）]*)[)）])?"
)
WEEKDAY_RE = re.compile(r"(?:周|星期)([一二三四五六日天])")
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
REST_WORDS = ("放假", "补休", "休息", "调休", "连休")
WORK_WORDS = ("上班",)


class NoticeError(ValueError):
    """The text is not a notice this parser understands (message in Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class NoticeItem:
    """One numbered item: its holiday names, every day off (weekends included) and every 调休 working day."""

    names: tuple[str, ...]
    rest_dates: tuple[date, ...]
    work_dates: tuple[date, ...]
    text: str

    @property
    def label(self) -> str:
        return "、".join(self.names)


@dataclass(frozen=True)
class NoticeParse:
    year: int
    items: tuple[NoticeItem, ...]
    year_data: YearData
    other_year_dates: tuple[tuple[date, str, str], ...]  # (date, "放假"|"上班", holiday label)
    warnings: tuple[str, ...]

    def summary_lines(self) -> list[str]:
        """The dates found, grouped per holiday, as printed before the user confirms an import."""
        lines = [f"{self.year}年节假日安排："]
        for item in self.items:
            lines.append(f"【{item.label}】")
            off = [d for d in item.rest_dates if d.weekday() < 5]
            lines.append("  放假（工作日不上班）：" + ("、".join(format_day(d) for d in off) or "无"))
            weekend = [d for d in item.rest_dates if d.weekday() >= 5]
            if weekend:
                lines.append("  （假期内周末：" + "、".join(format_day(d) for d in weekend) + "）")
            lines.append(
                "  调休上班（周末上班）：" + ("、".join(format_day(d) for d in item.work_dates) or "无")
            )
        for d, kind, label in self.other_year_dates:
            lines.append(f"注意：{format_day(d)}（{label}{kind}）不属于{self.year}年，未计入本年数据。")
        lines += [f"注意：{w}" for w in self.warnings]
        lines.append(
            f"合计：{len(self.year_data.holidays)}个工作日放假，{len(self.year_data.workdays)}个周末调休上班。"
        )
        return lines


def _notice_year(text: str) -> int:
    match = YEAR_RE.search(text) or YEAR_FALLBACK_RE.search(text)
    if not match:
        raise NoticeError("找不到通知所属年份（应有“关于YYYY年部分节假日安排的通知”或“现将YYYY年……”）。")
    return int(match.group(1))


def _item_lines(text: str) -> list[tuple[str, str]]:
    """(names, body) of every numbered item; a body may wrap onto following lines until a blank line."""
    items: list[tuple[str, str]] = []
    current: list[str] | None = None
    names = ""
    for raw in text.splitlines():
        line = raw.strip()
        match = ITEM_RE.match(line)
        if match and DATE_RE.search(match.group("body")):
            if current is not None:
                items.append((names, "".join(current)))
            names, current = match.group("names"), [match.group("body")]
        elif current is not None and line and DATE_RE.search(line) and not ITEM_RE.match(line):
            current.append(line)
        elif current is not None:
            items.append((names, "".join(current)))
            current = None
    if current is not None:
        items.append((names, "".join(current)))
    return items


def _weekday_ok(d: date, annotation: str | None) -> bool:
    if not annotation:
        return True
    match = WEEKDAY_RE.search(annotation)
    return match is None or WEEKDAYS[match.group(1)] == d.weekday()


def _token_year(year: int, explicit: str | None, month: int, last: date | None, label: str) -> int:
    """The year of a date token: explicit, else carried from the previous date, else the notice year.

    A December date before any other in a 元旦 item is the previous year (2018年12月30日至2019年1月1日 is
    sometimes written 12月30日至1月1日); a January right after a December rolls over.
    """
    if explicit:
        return int(explicit)
    if last is not None:
        return last.year + 1 if (last.month == 12 and month == 1) else last.year
    if month == 12 and "元旦" in label:
        return year - 1
    return year


def _dates_in(clause: str, year: int, label: str, state: dict[str, date]) -> list[date]:
    """Every date in one clause, ranges (…至…) expanded; month and year carry over from the previous date."""
    out: list[date] = []
    prev: date | None = None
    prev_end = 0
    for match in DATE_RE.finditer(clause):
        last = state.get("last")
        if match.group("m"):
            month = int(match.group("m"))
        elif last is not None:
            month = last.month
        else:
            raise NoticeError(f"“{label}”中的“{match.group(0)}”缺少月份。")
        token_year = _token_year(year, match.group("y"), month, last, label)
        annotation = match.group("ann")
        try:
            day = date(token_year, month, int(match.group("d")))
        except ValueError:
            raise NoticeError(f"“{label}”中的日期“{match.group(0)}”不存在，请核对通知原文。") from None
        if not _weekday_ok(day, annotation):
            # Weekday annotations catch a wrong year guess and typos: refuse rather than import a wrong date.
            raise NoticeError(
                f"“{label}”中的“{match.group(0)}”与星期不符（按{token_year}年计算是{format_day(day)}），"
                "请核对通知原文。"
            )
        between = clause[prev_end : match.start()].strip()
        if prev is not None and between in ("至", "-", "—", "~", "到"):
            if day < prev:
                raise NoticeError(f"“{label}”中的日期区间倒置：{prev.isoformat()}至{day.isoformat()}。")
            cur = prev + timedelta(days=1)
            while cur <= day:
                out.append(cur)
                cur += timedelta(days=1)
        else:
            out.append(day)
        prev, prev_end = day, match.end()
        state["last"] = day
    return out


def _with_adjacent_weekends(days: set[date]) -> set[date]:
    """与周末连休: the day off joins the neighbouring Saturday/Sunday into one break."""
    out = set(days)
    for d in days:
        for step in (1, -1):
            cur = d + timedelta(days=step)
            while cur.weekday() >= 5:
                out.add(cur)
                cur += timedelta(days=step)
    return out


def _parse_item(names: str, body: str, year: int) -> tuple[NoticeItem, list[str]]:
    label = names.strip()
    warnings: list[str] = []
    rest: set[date] = set()
    work: set[date] = set()
    state: dict[str, date] = {}
    for sentence in re.split(r"[。；;]", body):
        pending: list[date] = []
        for clause in re.split(r"[，,]", sentence):
            found = _dates_in(clause, year, label, state)
            pending += found
            if any(w in clause for w in WORK_WORDS):
                work.update(pending)
                pending = []
            elif any(w in clause for w in REST_WORDS):
                rest.update(pending)
                pending = []
            if "连休" in clause:
                rest.update(_with_adjacent_weekends(rest))
        if pending:
            warnings.append(
                f"“{label}”中的日期 {'、'.join(d.isoformat() for d in pending)} 未说明放假还是上班，已忽略。"
            )
    clash = rest & work
    if clash:
        raise NoticeError(f"“{label}”中 {min(clash).isoformat()} 既放假又上班，请核对通知原文。")
    if not rest:
        raise NoticeError(f"“{label}”中没有找到放假日期。")
    for d in work:
        if d.weekday() < 5:
            warnings.append(f"“{label}”中的上班日 {format_day(d)} 本来就是工作日。")
    item = NoticeItem(
        names=tuple(n.strip() for n in re.split(r"[、,，]", label) if n.strip()),
        rest_dates=tuple(sorted(rest)),
        work_dates=tuple(sorted(work)),
        text=body,
    )
    return item, warnings


def parse_notice(text: str, *, source: str = "") -> NoticeParse:
    """Parse the notice text; raises NoticeError (Chinese message) when it cannot be read with confidence."""
    text = unicodedata.normalize("NFKC", text)
    year = _notice_year(text)
    raw_items = _item_lines(text)
    if not raw_items:
        raise NoticeError("通知中没有找到“一、元旦：……”这样的节假日安排条目。")
    items: list[NoticeItem] = []
    warnings: list[str] = []
    for names, body in raw_items:
        item, item_warnings = _parse_item(names, body, year)
        items.append(item)
        warnings += item_warnings
    holidays: set[date] = set()
    workdays: set[date] = set()
    names_by_day: dict[date, str] = {}
    other: list[tuple[date, str, str]] = []
    for item in items:
        for d in item.rest_dates:
            if d.year != year:
                other.append((d, "放假", item.label))
                continue
            names_by_day.setdefault(d, item.label)
            if d.weekday() < 5:
                holidays.add(d)
        for d in item.work_dates:
            if d.year != year:
                other.append((d, "上班", item.label))
            elif d.weekday() >= 5:
                workdays.add(d)
    clash = holidays & workdays
    if clash:
        raise NoticeError(f"{min(clash).isoformat()} 在不同条目中既放假又上班，请核对通知原文。")
    year_data = YearData(
        year=year,
        holidays=frozenset(holidays),
        workdays=frozenset(workdays),
        source=source or f"国务院办公厅关于{year}年部分节假日安排的通知",
        names=names_by_day,
    )
    return NoticeParse(
        year=year,
        items=tuple(items),
        year_data=year_data,
        other_year_dates=tuple(sorted(other)),
        warnings=tuple(warnings),
    )
