"""The annual-report validator: every rule of spec §4 with its id, severity, cell and a Chinese message.

    findings = validate(report, ValidationOptions(previous=last_year, body_kind="township"))

Rules live in small functions registered by id (`_tables.py`: structure, cells, T3/T4 arithmetic,
cross-year and T2 plausibility; `_text.py`: metadata and narrative). Severities come from
data/annual-report-format.json. Rules that need facts the report lacks (the previous year's report,
the body's kind, fee records) take them from `ValidationOptions` and are skipped without them.
"""

from __future__ import annotations

from gongkai.core.annual_report.format import format_spec
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.validate import _tables, _text
from gongkai.core.annual_report.validate._agency import infer_body_kind
from gongkai.core.annual_report.validate._base import (
    RULES,
    SEVERITIES,
    Context,
    FeeSummary,
    Finding,
    Rule,
    Severity,
    ValidationOptions,
    iter_hits,
)
from gongkai.core.annual_report.validate._fees import fee_summary_from_text
from gongkai.core.annual_report.validate._text import publication_deadline, similarity, stated_period
from gongkai.core.body_kinds import BODY_KIND_LABELS, BODY_KINDS, BodyKind

__all__ = [
    "BODY_KINDS",
    "BODY_KIND_LABELS",
    "RULES",
    "SEVERITIES",
    "BodyKind",
    "FeeSummary",
    "Finding",
    "Rule",
    "Severity",
    "ValidationOptions",
    "fee_summary_from_text",
    "has_errors",
    "infer_body_kind",
    "publication_deadline",
    "similarity",
    "stated_period",
    "validate",
]

_ = (_tables, _text)  # imported for their @rule registrations

_ORDER = {r["id"]: i for i, r in enumerate(format_spec()["rules"])}
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def validate(report: AnnualReport, options: ValidationOptions | None = None) -> list[Finding]:
    """Check `report` against every rule of spec §4; findings sorted by severity, then rule order."""
    opts = options or ValidationOptions()
    kind = opts.body_kind or infer_body_kind(report.agency)
    ctx = Context(report=report, options=opts, body_kind=kind)
    findings = list(iter_hits(ctx, RULES.values()))
    findings.sort(key=lambda f: (_RANK[f.severity], _ORDER.get(f.rule, len(_ORDER))))
    return findings


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
