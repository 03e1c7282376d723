from __future__ import annotations

import json
import sys
from decimal import Decimal

import pytest

from gongkai.core.annual_report.model import AnnualReport, ReportError
from gongkai.core.annual_report.render import (
    UnsupportedFormatError,
    render,
    render_html,
    render_json,
    render_markdown,
    render_text,
)


def _report() -> AnnualReport:
    report = AnnualReport.blank("2021")
    report.year = 2023
    report.agency = "临县公安局"
    report.t2["art20_8"]["administrative_fees"]["fee_amount"] = Decimal("12.345600")
    return report


def test_render_dispatches_each_text_format() -> None:
    report = _report()

    assert render(report, "txt") == render_text(report)
    assert render(report, "md") == render_markdown(report)
    assert render(report, "html") == render_html(report)
    assert render(report, "json") == render_json(report)
    assert render(report, "MD") == render(report, ".md") == render(report, "markdown")


def test_json_is_the_documented_contract() -> None:
    report = _report()
    findings = [{"rule": "M-004", "severity": "warning", "cell": None, "message": "提示"}]

    out = render_json(report, findings)

    assert out == json.dumps(report.to_dict(findings), ensure_ascii=False, indent=2)
    data = json.loads(out)
    assert data["T2"]["art20_8"]["administrative_fees"]["fee_amount"] == "12.345600"
    assert data["findings"] == findings
    assert "临县公安局" in out  # ensure_ascii=False: readable Chinese
    assert AnnualReport.from_dict(data) == report


def test_an_unknown_format_is_refused_in_chinese() -> None:
    with pytest.raises(ValueError, match="不支持的输出格式「odt」") as caught:
        render(_report(), "odt")

    assert not isinstance(caught.value, ReportError)


def test_a_missing_binary_renderer_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # A None entry in sys.modules makes the import fail, as if render/docx.py were not installed.
    monkeypatch.setitem(sys.modules, "gongkai.core.annual_report.render.docx", None)

    with pytest.raises(UnsupportedFormatError, match="无法输出 DOCX 格式"):
        render(_report(), "docx")


def test_text_formats_return_str() -> None:
    for fmt in ("txt", "md", "html", "json"):
        assert isinstance(render(_report(), fmt), str)
