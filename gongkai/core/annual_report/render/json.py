"""JSON: the contract of `gongkai report parse --json` (docs/report-json.md), via AnnualReport.to_dict."""

from __future__ import annotations

import json
from typing import Any

from gongkai.core.annual_report.model import AnnualReport


def render_json(report: AnnualReport, findings: list[dict[str, Any]] | None = None) -> str:
    """Return the report (and the validator's findings, if given) as indented UTF-8 JSON."""
    return json.dumps(report.to_dict(findings), ensure_ascii=False, indent=2)
