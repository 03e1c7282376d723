"""Metadata of a report read from its text: title, issuing body, year, statistics period, publication date."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_YEAR = "〇零○Ｏ一二三四五六七八九"
_CN_NUM = "〇零一二三四五六七八九十"


def _cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 三十一 → 31; digit strings pass through."""
    if text.isdigit() and text.isascii():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, -1) if tens else 1
        o = _CN_DIGITS.get(ones, -1) if ones else 0
        return None if t < 0 or o < 0 else t * 10 + o
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS[ch]
    return value


def _cn_year(text: str) -> int | None:
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) != 4 or any(ch not in _CN_DIGITS for ch in text):
        return None
    return int("".join(str(_CN_DIGITS[ch]) for ch in text))


def _date(y: int | None, m: int | None, d: int | None) -> date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


# -- dates ----------------------------------------------------------------------------------------------

_DATE_LINE = re.compile(
    rf"^\s*(?P<y>(?:19|20)\d{{2}}|[{_CN_YEAR}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*日\s*$"
    r"|^\s*(?P<iy>(?:19|20)\d{2})\s*[-/.]\s*(?P<im>\d{1,2})\s*[-/.]\s*(?P<id>\d{1,2})\s*$"
)


def date_line(text: str) -> date | None:
    """The date of a line that is only a date: 2024年1月20日, 二〇二四年一月二十日, 2024-01-20."""
    text = unicodedata.normalize("NFKC", text).strip()
    if len(text) > 20:
        return None
    m = _DATE_LINE.match(text)
    if not m:
        return None
    if m.group("iy"):
        return _date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    return _date(_cn_year(m.group("y")), _cn_number(m.group("m")), _cn_number(m.group("d")))


_ANY_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def first_date(text: str) -> date | None:
    m = _ANY_DATE.search(unicodedata.normalize("NFKC", text))
    return _date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


_PERIOD = re.compile(
    r"统计[^。;；]{0,30}?((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起)?\s*[至到~—－-]+\s*"
    r"(?:((?:19|20)\d{2})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)


def period(text: str) -> tuple[date, date] | None:
    """The stated statistics period (M-001): 「统计期限从2023年1月1日起至2023年12月31日止」."""
    m = _PERIOD.search(unicodedata.normalize("NFKC", text))
    if not m:
        return None
    start = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    end_year = int(m.group(4)) if m.group(4) else int(m.group(1))
    end = _date(end_year, int(m.group(5)), int(m.group(6)))
    if start is None or end is None:
        return None
    return start, end


# -- title ----------------------------------------------------------------------------------------------

_TITLE = re.compile(r"政府信息公开.{0,12}(?:报告|年报)(?:的报告)?$")
_TITLE_YEAR = re.compile(rf"((?:19|20)\d{{2}}|[{_CN_YEAR}]{{4}})\s*年\s*度?")
_TITLE_TRIM = re.compile(r"^[\s《〈“\"]+|[\s》〉”\"]+$")


def is_title(text: str) -> bool:
    text = _TITLE_TRIM.sub("", text)
    return 0 < len(text) <= 80 and not text.endswith("。") and _TITLE.search(text) is not None


def parse_title(text: str) -> tuple[str | None, int | None]:
    """(agency, year) of a title such as 「{agency}{year}年政府信息公开工作年度报告」 or
    「{year}年{agency}政府信息公开工作年度报告」 or 「关于{agency}…的报告」."""
    text = _TITLE_TRIM.sub("", text)
    cut = text.find("政府信息公开")
    head = text[:cut] if cut >= 0 else text
    year: int | None = None
    agency = head
    m = _TITLE_YEAR.search(head)
    if m:
        year = _cn_year(m.group(1))
        before, after = head[: m.start()], head[m.end() :]
        agency = before if before.strip(" 关于的") else after
    agency = re.sub(r"^关于|关于$|的$", "", agency.strip()).strip()
    return (agency or None), year


# -- agency ---------------------------------------------------------------------------------------------

_BODY_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|委员会|管委会|局|厅|委|办|院|署|处|中心|所|站|队|会|部|公司|街道办事处|办事处)$"
)
_PLACE_SUFFIX = re.compile(r"(?:省|市|县|区|镇|乡|州|旗|盟|街道|开发区|新区)$")
_TEXT_AGENCY = re.compile(
    r"(?:19|20)\d{2}年度?[,，]?(?P<a>[\u4e00-\u9fff]{2,30}?(?:镇|乡))(?P<s>人民政府|政府)"
    r"|(?:19|20)\d{2}年度?[,，]?(?P<b>[\u4e00-\u9fff]{3,30}?(?:人民政府办公厅|人民政府办公室|人民政府|街道办事处|管理委员会|管委会))"
)
_NOT_NAME = re.compile(r"^(?:全|我|本|该|各|此|上|今|去|当)")


def looks_like_body(text: str) -> bool:
    return bool(_BODY_SUFFIX.search(text))


def expand_place(agency: str, text: str) -> str:
    """A title naming only a place (「平潭综合实验区2021年度…」) is the report of the body the text names:
    「平潭综合实验区管委会」 → 平潭综合实验区管理委员会. Without such a mention, keep what is printed."""
    if looks_like_body(agency) or not _PLACE_SUFFIX.search(agency):
        return agency
    m = re.search(re.escape(agency) + r"(人民政府|管理委员会|管委会|街道办事处)", text)
    if not m:
        return agency
    return normalize_agency(agency + m.group(1))


def normalize_agency(name: str) -> str:
    """「X镇政府」 → 「X镇人民政府」, 「…管委会」 → 「…管理委员会」 (the bodies' official names)."""
    name = re.sub(r"(镇|乡)政府$", r"\1人民政府", name)
    return re.sub(r"管委会$", "管理委员会", name)


def agency_from_text(text: str) -> str | None:
    """The body a report names in a dated sentence: 「2023年博野县小店镇政府未收取…」."""
    for m in _TEXT_AGENCY.finditer(text):
        if m.group("a"):
            name = m.group("a")
            if len(name) < 3 or _NOT_NAME.match(name):
                continue
            return normalize_agency(name + "政府")
        name = m.group("b")
        if _NOT_NAME.match(name):
            continue
        return normalize_agency(name)
    return None


_YEAR_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*年")


def year_from_text(text: str) -> int | None:
    """The most frequent 「YYYY年」 in the text (last resort)."""
    years = Counter(int(y) for y in _YEAR_IN_TEXT.findall(text))
    return years.most_common(1)[0][0] if years else None
