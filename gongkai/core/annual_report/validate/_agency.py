"""What the agency name (or the report's own words) says about the kind of body that wrote the report."""

from __future__ import annotations

import re
from collections import Counter

from gongkai.core.body_kinds import BodyKind

TOWN_KINDS = ("街道", "镇", "乡")
DEPARTMENT_KINDS = ("局", "委", "厅", "署")
GOVERNMENT_KINDS = ("省", "市", "县", "区", "旗")

_TOWNSHIP = re.compile(r"(?:镇|乡)(?:人民)?政府$|街道办事处$|街道$")
# A county-level place: …县, …旗, or a district of a city (市…区). Special zones (新区, 实验区, 开发区,
# 高新区, 园区) are left out: their rank varies from county to sub-provincial.
_COUNTY = r"(?:县|旗|市[\u4e00-\u9fff]{1,6}(?<![新验发技园业])区)"
_COUNTY_GOV = re.compile(_COUNTY + r"人民政府$")
_PROVINCE_GOV = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:省|自治区)人民政府$")
_PROVINCE_DEPT = re.compile(r"^[\u4e00-\u9fff]{2,3}省[\u4e00-\u9fff]{1,12}厅$")
_COUNTY_DEPT = re.compile(_COUNTY + r"(?:人民政府)?([\u4e00-\u9fff]{1,14}(?:局|委员会|办公室))$")
_SELF = re.compile(r"(?:我|本|全)(街道|镇|乡|局|委|厅|署|县|区|旗|市|省)")


def infer_body_kind(agency: str | None) -> BodyKind | None:
    """The body kind when the agency name makes it unambiguous; None otherwise (never a guess).

    A name with 市 in the level position is left alone: 市 may be a 直辖市 (provincial), a 设区的市 or a
    县级市, and W-006/M-002 depend on the difference.
    """
    if not agency:
        return None
    name = re.sub(r"\s+", "", agency)
    if _TOWNSHIP.search(name):
        return "township"
    if _COUNTY_GOV.search(name):
        return "county_government"
    if _PROVINCE_GOV.search(name):
        return "provincial_government"
    if _PROVINCE_DEPT.search(name):
        return "provincial_department"
    m = _COUNTY_DEPT.search(name)
    if m and not re.search(r"[市县区镇乡]|街道", m.group(1)):
        return "county_department"
    return None


def own_kind_marker(agency: str | None, text: str) -> str | None:
    """The character a body uses for itself (我镇 → 镇, 我局 → 局), from its name or, failing that, its text."""
    if agency:
        name = re.sub(r"\s+", "", agency)
        if _TOWNSHIP.search(name):
            return "街道" if "街道" in name else ("镇" if re.search(r"镇(?:人民)?政府$", name) else "乡")
        if name.endswith("人民政府"):
            head = name[: -len("人民政府")]
            if head.endswith("自治区"):
                return "区"
            if head and head[-1] in GOVERNMENT_KINDS:
                return head[-1]
        if name.endswith("委员会"):
            return "委"
        if name and name[-1] in DEPARTMENT_KINDS:
            return name[-1]
    counts = Counter(m.group(1) for m in _SELF.finditer(text) if not m.group(0).startswith("全"))
    if not counts:
        return None
    marker, n = counts.most_common(1)[0]
    # A handful of 我X is enough to be sure; one stray mention is not.
    return marker if n >= 2 else None


def foreign_markers(own: str) -> frozenset[str]:
    """Kinds of body a report by `own` should never call its own organisation (spec §4.6 M-004)."""
    if own in TOWN_KINDS:
        return frozenset(DEPARTMENT_KINDS) | (frozenset(TOWN_KINDS) - {own})
    if own in DEPARTMENT_KINDS:
        return frozenset(TOWN_KINDS) | (frozenset(DEPARTMENT_KINDS) - {own})
    if own in GOVERNMENT_KINDS:
        return frozenset(DEPARTMENT_KINDS) | frozenset(TOWN_KINDS)
    return frozenset()
