"""The kinds of administrative body the law treats differently — one list for the whole system.

The kind decides the annual report's deadline (条例第四十九条: departments 31 Jan, governments 31 Mar,
townships locally), whether 规章 are plausible (W-006) and whether the report must cover Art. 50(4)
考核、评议、责任追究 (M-010). Kept free of other imports so the CLI can use it without slowing its start.
"""

from __future__ import annotations

from typing import Literal, get_args

BodyKind = Literal[
    "township",
    "county_department",
    "county_government",
    "city_department",
    "city_government",
    "provincial_department",
    "provincial_government",
    "central_department",
]
BODY_KINDS: tuple[BodyKind, ...] = get_args(BodyKind)
GOVERNMENT_KINDS: frozenset[BodyKind] = frozenset(
    {"township", "county_government", "city_government", "provincial_government"}
)
DEPARTMENT_KINDS: frozenset[BodyKind] = frozenset(
    {"county_department", "city_department", "provincial_department", "central_department"}
)
BODY_KIND_LABELS: dict[BodyKind, str] = {
    "township": "乡镇人民政府（街道办事处）",
    "county_department": "县级政府部门",
    "county_government": "县级人民政府",
    "city_department": "市级政府部门",
    "city_government": "市级人民政府",
    "provincial_department": "省级政府部门",
    "provincial_government": "省级人民政府",
    "central_department": "国务院部门",
}
