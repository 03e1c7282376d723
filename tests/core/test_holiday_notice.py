"""Parsing 《国务院办公厅关于YYYY年部分节假日安排的通知》 (real 2017 and 2026 texts in fixtures/calendar)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.calendar import package_years
from gongkai.core.holiday_notice import NoticeError, parse_notice
from tests.conftest import CALENDAR_NOTICES

D = date


def _read(year: int) -> str:
    return (CALENDAR_NOTICES / f"notice-{year}.txt").read_text("utf-8")


@pytest.mark.parametrize("year", [2026, 2017])
def test_the_notice_equals_the_package_data(year: int) -> None:
    parsed = parse_notice(_read(year))
    package = package_years()[year]

    assert parsed.year == year
    assert parsed.year_data.holidays == package.holidays
    assert parsed.year_data.workdays == package.workdays
    assert parsed.warnings == ()


def test_the_2026_notice_lists_every_holiday_with_its_days() -> None:
    parsed = parse_notice(_read(2026))

    items = {item.label: item for item in parsed.items}
    assert list(items) == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
    assert items["春节"].rest_dates == tuple(D(2026, 2, d) for d in range(15, 24))
    assert items["春节"].work_dates == (D(2026, 2, 14), D(2026, 2, 28))
    assert items["国庆节"].work_dates == (D(2026, 9, 20), D(2026, 10, 10))
    # Hand count from the notice: 元旦 2 + 春节 6 + 清明 1 + 劳动 3 + 端午 1 + 中秋 1 + 国庆 5 weekdays off.
    assert len(parsed.year_data.holidays) == 19
    assert parsed.year_data.names[D(2026, 2, 16)] == "春节"


def test_older_style_bu_xiu_and_weekend_joining_and_multi_holiday_items() -> None:
    parsed = parse_notice(_read(2017))

    items = {item.label: item for item in parsed.items}
    # 1月1日放假，1月2日（星期一）补休: Sunday off, Monday made up.
    assert items["元旦"].rest_dates == (D(2017, 1, 1), D(2017, 1, 2))
    # 5月1日放假，与周末连休: Sat 04-29, Sun 04-30, Mon 05-01.
    assert items["劳动节"].rest_dates == (D(2017, 4, 29), D(2017, 4, 30), D(2017, 5, 1))
    assert items["中秋节、国庆节"].names == ("中秋节", "国庆节")
    assert items["中秋节、国庆节"].work_dates == (D(2017, 9, 30),)


YEAR_CROSSING = """国务院办公厅关于2019年部分节假日安排的通知
一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
二、春节：2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。
"""


def test_dates_of_the_previous_year_are_reported_but_kept_out_of_the_year() -> None:
    parsed = parse_notice(YEAR_CROSSING)

    assert parsed.year == 2019
    assert D(2019, 1, 1) in parsed.year_data.holidays
    assert all(d.year == 2019 for d in parsed.year_data.holidays | parsed.year_data.workdays)
    assert (D(2018, 12, 29), "上班", "元旦") in parsed.other_year_dates
    assert (D(2018, 12, 31), "放假", "元旦") in parsed.other_year_dates
    # 2月3日 inherits its month from 2月2日; both are 调休 weekends.
    assert {D(2019, 2, 2), D(2019, 2, 3)} <= parsed.year_data.workdays
    package = package_years()
    assert D(2018, 12, 31) in package[2018].holidays  # the package files the same day under 2018


def test_an_implicit_december_in_the_new_year_item_is_the_previous_year() -> None:
    parsed = parse_notice(
        "关于2019年部分节假日安排的通知\n一、元旦：12月30日（周日）至1月1日（周二）放假调休，共3天。\n"
    )

    assert parsed.items[0].rest_dates == (D(2018, 12, 30), D(2018, 12, 31), D(2019, 1, 1))


def test_a_weekday_that_does_not_match_is_refused() -> None:
    # 2027-01-01 is a Friday, not a Thursday: a wrong year or a typo must not be imported silently.
    text = _read(2026).replace("2026", "2027")

    with pytest.raises(NoticeError, match="与星期不符"):
        parse_notice(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("一、元旦：1月1日放假。", "年份"),
        ("国务院办公厅关于2027年部分节假日安排的通知\n鼓励单位和个人……", "条目"),
        ("关于2027年部分节假日安排的通知\n一、元旦：1月5日（周二）上班。", "没有找到放假日期"),
    ],
)
def test_unreadable_notices_give_a_chinese_reason(text: str, message: str) -> None:
    with pytest.raises(NoticeError, match=message):
        parse_notice(text)


def test_the_summary_lists_every_date_as_iso() -> None:
    lines = "\n".join(parse_notice(_read(2026)).summary_lines())

    for day in ("2026-02-16", "2026-02-23", "2026-10-07", "2026-01-04", "2026-09-20"):
        assert day in lines
