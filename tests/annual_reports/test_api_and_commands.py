"""GET /api/v1/agencies/{code}/annual-report/{year}, and the annual_report / import_past_report commands."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from gongkai.agencies.models import Agency
from gongkai.agencies.services import issue_api_token
from gongkai.annual_reports import services as reports
from gongkai.annual_reports.models import ReportPublication
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.parse import parse_file
from tests.annual_reports.factories import year_of_records
from tests.personas import staff

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.annual_reports.urls")]

SEED = Path("gongkai/annual_reports/demo/xiaodian-2023.txt")


@pytest.fixture
def draft(town: Agency, clerk: Any, head: Any) -> Any:
    year_of_records(town, clerk, head)
    return reports.generate_draft(town, 2025, actor=clerk, today=date(2026, 1, 10))


def get(path: str, user: Any) -> Any:
    return Client().get(path, HTTP_AUTHORIZATION=f"Bearer {issue_api_token(user)}")


def test_the_api_returns_the_report_json_with_findings(draft: Any, supervisor: Any) -> None:
    response = get("/api/v1/agencies/boye-xiaodian/annual-report/2025", supervisor)

    data = response.json()
    assert response.status_code == 200
    assert data["status"] == "draft" and data["year"] == 2025
    assert AnnualReport.from_dict(data).t3 == reports.report_of(draft).t3
    assert {f["rule"] for f in data["findings"]} == {f["rule"] for f in draft.findings}
    assert "小店镇" in response.content.decode()  # not \\u-escaped


def test_the_api_answers_404_for_agencies_the_token_cannot_read(draft: Any, bureau_head: Any) -> None:
    assert get("/api/v1/agencies/boye-xiaodian/annual-report/2025", bureau_head).status_code == 404
    assert get("/api/v1/agencies/nowhere/annual-report/2025", bureau_head).status_code == 404
    assert Client().get("/api/v1/agencies/boye-xiaodian/annual-report/2025").status_code == 401


def test_without_a_draft_the_api_computes_from_the_records(town: Agency, clerk: Any, head: Any) -> None:
    year_of_records(town, clerk, head)

    data = get("/api/v1/agencies/boye-xiaodian/annual-report/2025", clerk).json()

    assert data["status"] == "computed" and data["T3"]["new_received"]["total"] == 4


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "json"])
def test_the_command_renders_a_report_that_parses_back(draft: Any, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"

    call_command("annual_report", "boye-xiaodian", "2025", "--to", fmt, "-o", str(out), stderr=StringIO())

    back = AnnualReport.from_dict(json.loads(out.read_text("utf-8"))) if fmt == "json" else parse_file(out)
    assert back.t3 == reports.report_of(draft).t3 and back.t4 == reports.report_of(draft).t4


def test_the_command_refuses_an_unknown_agency_in_chinese() -> None:
    with pytest.raises(CommandError, match="找不到机关"):
        call_command("annual_report", "nowhere", "2025", "--to", "json")


def test_a_past_report_is_imported_and_becomes_last_year(
    town: Agency, clerk: Any, head: Any, supervisor: Any
) -> None:
    out = StringIO()

    call_command("import_past_report", "boye-xiaodian", str(SEED), "--published-on", "2024-01-30", stdout=out)

    seed = ReportPublication.objects.get(agency=town, year=2023)
    assert seed.is_imported and seed.published_on == date(2024, 1, 30)
    assert "已导入" in out.getvalue()
    assert reports.previous_report(town, 2024) is not None
    with pytest.raises(CommandError, match="已经存在"):
        call_command("import_past_report", "boye-xiaodian", str(SEED), stdout=StringIO())


def test_cross_year_checks_use_the_imported_report(town: Agency, clerk: Any) -> None:
    # A 2024 report whose 上年结转 disagrees with the imported 2023 report's 结转下年度 (0): X-001.
    reports.import_past_report(
        town, SEED.read_bytes(), SEED.name, actor=None, today=date(2026, 1, 5), year=2023
    )
    draft = reports.generate_draft(town, 2024, actor=clerk, today=date(2026, 1, 5))

    draft = reports.save_draft(
        draft,
        actor=clerk,
        today=date(2026, 1, 5),
        cells={
            "T3[carried_over][natural_person]": 2,
            "T3[carried_over][total]": 2,
            "T3[carried_forward][natural_person]": 2,
            "T3[carried_forward][total]": 2,
        },
    )

    assert "X-001" in {f["rule"] for f in draft.findings}


def test_an_unreadable_file_is_refused_in_chinese(town: Agency, tmp_path: Path) -> None:
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")

    with pytest.raises(CommandError):
        call_command("import_past_report", "boye-xiaodian", str(bad), stdout=StringIO())


def test_reminder_command_reports_what_it_sent(bureau: Agency, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    staff("zr_head", bureau, "head")
    out = StringIO()

    call_command("send_report_reminders", "--today", "2026-02-02", stdout=out)

    assert "博野县自然资源和规划局2025年度" in out.getvalue() and "已逾期" in out.getvalue()
