"""parse_docx(render_docx(r)) == r for random valid reports of both editions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.parse.docx import parse_docx
from gongkai.core.annual_report.render.docx import render_docx
from tests.core.annual_report.strategies import reports


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_docx_round_trip(edition: str) -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(reports(edition))  # type: ignore[arg-type]
    def check(report: AnnualReport) -> None:
        assert parse_docx(render_docx(report)) == report

    check()
