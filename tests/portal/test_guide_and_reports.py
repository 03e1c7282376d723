"""The guide editor (条例第十二条), the annual-report column (one URL per year, versions kept), 长辈模式."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from gongkai.agencies.guide import AgencyGuide
from gongkai.agencies.models import Agency
from gongkai.core.annual_report.model import AnnualReport
from gongkai.portal.annual_reports import PublishedReport

GUIDE_FIELDS = {
    "classification": "按条例第二十条分类。",
    "how_to_obtain": "在本专栏查阅。",
    "office_name": "党政综合办公室",
    "office_address": "小店镇政府大院",
    "office_hours": "工作日 8:30-17:30",
    "phone": "0312-8123456",
    "fax": "0312-8123457",
    "internet_contact": "xd@example.gov.cn",
    "postcode": "",
    "rules_text": "申请办理制度\n保密审查制度",
}


def test_only_the_agency_admin_may_edit_the_guide(
    client: Client, town: Agency, clerk: Any, admin_user: Any
) -> None:
    anonymous = client.get(f"/{town.code}/guide/edit/")
    client.force_login(clerk)
    as_clerk = client.get(f"/{town.code}/guide/edit/")
    client.force_login(admin_user)
    as_admin = client.get(f"/{town.code}/guide/edit/")

    assert anonymous.status_code == 302 and "/office/login/" in anonymous["Location"]
    assert as_clerk.status_code == 403
    assert as_admin.status_code == 200


def test_an_admin_of_another_agency_may_not_edit(client: Client, agencies: Any) -> None:
    from tests.personas import staff

    other_admin = staff("zr_admin", agencies[2], "admin")
    client.force_login(other_admin)

    assert client.get(f"/{agencies[1].code}/guide/edit/").status_code == 403


def test_every_article_12_item_is_required(client: Client, town: Agency, admin_user: Any) -> None:
    client.force_login(admin_user)

    response = client.post(f"/{town.code}/guide/edit/", {**GUIDE_FIELDS, "fax": "", "office_hours": ""})

    html = response.content.decode()
    assert "请填写“传真号码”" in html and "请填写“办公时间”" in html
    assert not AgencyGuide.objects.exists()


def test_the_saved_guide_and_rules_are_published(client: Client, town: Agency, admin_user: Any) -> None:
    client.force_login(admin_user)

    client.post(f"/{town.code}/guide/edit/", GUIDE_FIELDS)
    client.logout()

    assert "0312-8123457" in client.get(f"/{town.code}/guide/").content.decode()
    rules = client.get(f"/{town.code}/rules/").content.decode()
    assert "<p>申请办理制度</p>" in rules and "<p>保密审查制度</p>" in rules
    assert AgencyGuide.objects.get().updated_by == admin_user


def _report(year: int, agency: str, requests_received: int) -> AnnualReport:
    report = AnnualReport.blank("2021")
    report.year = year
    report.agency = agency
    report.published_on = date(year + 1, 1, 20)
    report.title = f"{agency}{year}年政府信息公开工作年度报告"
    for key in report.t3:
        if key[0] == "new_received" and key[1] == "natural_person":
            report.t3[key] = requests_received
    return report


REPORTS: list[PublishedReport] = []


def fake_provider(agency: Any) -> list[PublishedReport]:
    return [r for r in REPORTS if r.report.agency == agency.name]


@pytest.fixture
def reports(settings: Any, town: Agency) -> list[PublishedReport]:
    settings.GONGKAI_PUBLISHED_REPORTS = "tests.portal.test_guide_and_reports.fake_provider"
    REPORTS[:] = [
        PublishedReport(2024, 1, date(2025, 1, 20), _report(2024, town.name, 7)),
        PublishedReport(2025, 1, date(2026, 1, 20), _report(2025, town.name, 11)),
        PublishedReport(2025, 2, date(2026, 2, 3), _report(2025, town.name, 12), "更正表三数字"),
    ]
    return REPORTS


def test_no_reports_shows_an_empty_column(client: Client, town: Agency) -> None:
    assert (
        "还没有在此发布政府信息公开工作年度报告"
        in client.get(f"/{town.code}/annual-reports/").content.decode()
    )


def test_each_year_has_one_stable_url_showing_the_newest_version(
    client: Client, town: Agency, reports: Any
) -> None:
    listing = client.get(f"/{town.code}/annual-reports/").content.decode()
    current = client.get(f"/{town.code}/annual-reports/2025/").content.decode()
    earlier = client.get(f"/{town.code}/annual-reports/2025/v1/").content.decode()

    assert f"/{town.code}/annual-reports/2025/" in listing and f"/{town.code}/annual-reports/2024/" in listing
    assert "<table" in current and "<th" in current
    assert "第2版（当前查看）" in current and "更正表三数字" in current
    assert "这是较早的版本" in earlier and "这是较早的版本" not in current
    assert client.get(f"/{town.code}/annual-reports/2023/").status_code == 404


def test_reports_download_as_docx_and_pdf(client: Client, town: Agency, reports: Any) -> None:
    docx = client.get(f"/{town.code}/annual-reports/2025/report.docx")
    pdf = client.get(f"/{town.code}/annual-reports/2024/report.pdf")

    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    assert client.get(f"/{town.code}/annual-reports/2025/report.exe").status_code == 404


def test_elder_mode_toggles_and_returns_to_the_page(client: Client, town: Agency) -> None:
    on = client.post("/elder-mode/", {"next": f"/{town.code}/"})
    page = client.get(f"/{town.code}/").content.decode()
    off = client.post("/elder-mode/", {"next": "https://evil.example/"})

    assert on.status_code == 302 and on["Location"] == f"/{town.code}/"
    assert '<body class="elder">' in page and 'aria-pressed="true"' in page
    assert off["Location"] == "/"  # no open redirect
    assert client.cookies["elder_mode"].value == ""


def test_the_demo_guide_fills_every_required_item_and_keeps_an_existing_guide(town: Agency) -> None:
    from gongkai.agencies.guide import ensure_demo_guide
    from gongkai.portal.forms import GuideForm

    guide = ensure_demo_guide(town)
    guide.phone = "0312-1111111"
    guide.save()

    form = GuideForm(instance=ensure_demo_guide(town))
    assert GuideForm(data={**{k: getattr(guide, k) for k in form.fields}}, instance=guide).is_valid()
    assert AgencyGuide.objects.get(agency=town).phone == "0312-1111111"
