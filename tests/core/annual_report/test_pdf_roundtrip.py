"""parse_pdf(render_pdf(r)) == r for random valid reports of both editions (few examples: WeasyPrint is slow)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.parse.pdf import parse_pdf
from gongkai.core.annual_report.render.pdf import render_pdf
from tests.core.annual_report.strategies import reports


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_pdf_round_trip(edition: str) -> None:
    @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(reports(edition))  # type: ignore[arg-type]
    def check(report: AnnualReport) -> None:
        assert parse_pdf(render_pdf(report)) == report

    check()
