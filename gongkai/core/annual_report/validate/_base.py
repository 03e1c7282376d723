"""The machinery of the validator: findings, options, the rule registry and the per-report context.

Each rule of spec §4 is a small function registered with `@rule("T3-001")`; its severity comes from
data/annual-report-format.json (the `rules` list), so the JSON stays the single place that says how
serious a rule is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal, NamedTuple

from gongkai.core.annual_report.format import Layout, format_spec, sections
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.body_kinds import BodyKind

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem the validator found: rule id, severity, where (cell ref / section / None) and a Chinese message."""

    rule: str
    severity: Severity
    cell: str | None
    message: str

    def to_dict(self) -> dict[str, str | None]:
        return {"rule": self.rule, "severity": self.severity, "cell": self.cell, "message": self.message}


@dataclass(frozen=True)
class FeeSummary:
    """Information-processing fees of the report year (section 六; 国办函〔2020〕109号), in 元.

    `None` means "not stated". Built from case records by the caller, or read from section 六 by
    `fee_summary_from_text`.
    """

    notices_issued_count: int | None = None
    notices_total_yuan: Decimal | None = None
    collected_yuan: Decimal | None = None


@dataclass(frozen=True)
class ValidationOptions:
    """What the report itself cannot tell the validator, and the thresholds that are our choice."""

    # Same agency's report for the previous year (X-001, W-005, M-006, M-007).
    previous: AnnualReport | None = None
    # The body's level and kind (W-006, M-002, M-010). None: inferred only from an unambiguous agency
    # name (see infer_body_kind); rules that still lack it are skipped, never guessed.
    body_kind: BodyKind | None = None
    # M-002 becomes an error (a supervising office checking compliance).
    compliance_mode: bool = False
    # Townships: the Regulation names no deadline; the county/province sets one (spec §3.1 [U]).
    township_deadline: tuple[int, int] = (1, 31)
    # Fee notices/collections for W-003/W-004; None = read them from section 六.
    fee_notices: FeeSummary | None = None
    # W-007: share of （六）其他处理 in （七）总计 above which we warn (project choice, spec §4.3).
    other_share_threshold: Decimal = Decimal("0.2")
    # W-002: a township's T2 （八） amount above this many 万元 is implausible (project choice).
    township_fee_ceiling_wan: Decimal = Decimal(1000)
    # W-002: more decimals than this in 万元 means sub-yuan precision (spec §4.2).
    fee_max_decimals: int = 4
    # M-006: similarity (difflib ratio, 0..1) of sections 一/五 with PREV at or above which we warn.
    similarity_threshold: float = 0.9
    # M-007: section 五 shorter than this many characters (whitespace removed) is "empty or generic".
    min_problems_chars: int = 40
    # M-010: require all three of 考核/评议/责任追究 (strict) instead of any one (lenient default).
    require_all_art50_topics: bool = False


class Hit(NamedTuple):
    """What a rule function yields; the registry adds rule id and severity."""

    cell: str | None
    message: str
    severity: Severity | None = None  # override of the JSON severity (X-001 downgrade, M-002 compliance)


RuleFn = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    fn: RuleFn

    @property
    def doc(self) -> str:
        return (self.fn.__doc__ or "").strip()


RULES: dict[str, Rule] = {}


def _json_severities() -> dict[str, Severity]:
    out: dict[str, Severity] = {}
    for r in format_spec()["rules"]:
        sev = r["severity"]
        if sev not in SEVERITIES:  # pragma: no cover - data error
            raise ValueError(f"unknown severity {sev!r} for {r['id']}")
        out[r["id"]] = sev
    return out


def rule(rule_id: str) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function under its spec §4 id, with the severity the format JSON gives it."""
    severities = _json_severities()
    if rule_id not in severities:  # pragma: no cover - programming error
        raise KeyError(f"rule {rule_id} is not in annual-report-format.json")

    def decorate(fn: RuleFn) -> RuleFn:
        RULES[rule_id] = Rule(rule_id, severities[rule_id], fn)
        return fn

    return decorate


# -- the report under validation ------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


@dataclass
class Context:
    """A report plus options, with derived facts computed once and shared by the rules."""

    report: AnnualReport
    options: ValidationOptions
    body_kind: BodyKind | None = None

    @property
    def layout(self) -> Layout:
        return self.report.layout

    @property
    def edition(self) -> str | None:
        return self.report.edition

    @property
    def has_national_tables(self) -> bool:
        return self.report.edition in ("2021", "2019")

    @cached_property
    def narrative(self) -> str:
        """All narrative text with whitespace collapsed (tables in the text carry no 件/条 after numbers)."""
        return _SPACE.sub(" ", self.report.text)

    def section(self, section_id: str) -> str:
        return _SPACE.sub(" ", self.report.section_text(section_id)).strip()

    def cell_note(self, *cells: str) -> str:
        """A hint appended to messages when a cell involved was read with uncertainty (glued digits)."""
        shaky = [c for c in cells if c in self.report.uncertain]
        if not shaky:
            return ""
        return f"（注意：{'、'.join(shaky)} 由粘连的数字拆分得出，可能读错，请先对照原文核实。）"


def section_ref(section_id: str) -> str:
    return f"section:{section_id}"


def section_label(section_id: str) -> str:
    for s in sections():
        if s.id == section_id:
            return s.label
    return section_id


def iter_hits(ctx: Context, rules: Iterable[Rule]) -> Iterator[Finding]:
    for r in rules:
        for hit in r.fn(ctx):
            yield Finding(r.id, hit.severity or r.severity, hit.cell, hit.message)
