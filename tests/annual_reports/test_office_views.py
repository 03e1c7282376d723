"""Back-office report pages: every URL's permissions, the editor's inline findings, the dashboard and upload."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.annual_reports import services as reports
from gongkai.annual_reports.models import AnnualReportDraft, ReportStatus
from gongkai.core.annual_report.render import render
from tests.annual_reports.factories import year_of_records
from tests.personas import staff

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.annual_reports.urls")]

SEED = "gongkai/annual_reports/demo/xiaodian-2023.txt"


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, *args: Any) -> str:
    return reverse(f"reports_office:{name}", args=args)


@pytest.fixture
def draft(town: Agency, clerk: Any, head: Any) -> AnnualReportDraft:
    year_of_records(town, clerk, head)
    return reports.generate_draft(town, 2025, actor=clerk, today=date(2026, 1, 10))


@pytest.fixture
def outsider(db: Any) -> Any:
    other = Agency.objects.create(code="lixian", name="蠡县人民政府", kind="county_government")
    return staff("lx_head", other, "head")


def test_the_editor_shows_findings_beside_the_section(draft: AnnualReportDraft, clerk: Any) -> None:
    page = login(clerk).get(url("report", "boye-xiaodian", 2025))

    html = page.content.decode()
    assert page.status_code == 200
    assert "由记录" in html or "核对结果" in html
    assert 'id="t-overview"' in html and "M-005" in html
    assert "上一年度报告第五部分" in html


def test_saving_in_the_browser_runs_the_validator(draft: AnnualReportDraft, clerk: Any) -> None:
    text = reports.report_of(draft).sections["overview"] + "\n及时调整局政务公开领导小组。"

    response = login(clerk).post(
        url("action", "boye-xiaodian", 2025, "save"), {"overview": text}, follow=True
    )

    draft.refresh_from_db()
    assert draft.version == 2 and "M-004" in {f["rule"] for f in draft.findings}
    assert "M-004" in response.content.decode()


def test_a_hand_edit_in_the_browser_that_breaks_the_balance_disables_submission(
    draft: AnnualReportDraft, clerk: Any, head: Any
) -> None:
    login(clerk).post(
        url("action", "boye-xiaodian", 2025, "cell"), {"ref": "T3[carried_over][total]", "value": "3"}
    )

    response = login(head).post(url("action", "boye-xiaodian", 2025, "submit"), follow=True)

    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT and draft.error_count > 0
    assert "错误" in response.content.decode()


def test_a_supervisor_reads_but_cannot_save_text(draft: AnnualReportDraft, supervisor: Any) -> None:
    client = login(supervisor)

    assert client.get(url("report", "boye-xiaodian", 2025)).status_code == 200
    response = client.post(
        url("action", "boye-xiaodian", 2025, "save"), {"overview": "上级改写"}, follow=True
    )

    draft.refresh_from_db()
    assert "上级改写" not in draft.data["sections"]["overview"]
    assert "不能修改" in response.content.decode()


def test_the_town_cannot_clear_its_own_report_in_the_browser(draft: AnnualReportDraft, head: Any) -> None:
    draft.status = ReportStatus.SUBMITTED
    draft.save(update_fields=["status"])

    login(head).post(url("action", "boye-xiaodian", 2025, "clear"))

    draft.refresh_from_db()
    assert draft.status == ReportStatus.SUBMITTED


@pytest.mark.parametrize(
    "name,args,method",
    [
        ("report", ("boye-xiaodian", 2025), "get"),
        ("preview", ("boye-xiaodian", 2025), "get"),
        ("cases", ("boye-xiaodian",), "get"),
        ("dashboard", ("boye", 2025), "get"),
        ("dashboard-xlsx", ("boye", 2025), "get"),
        ("action", ("boye-xiaodian", 2025, "save"), "post"),
        ("action", ("boye-xiaodian", 2025, "generate"), "post"),
        ("case-register", ("boye-xiaodian",), "post"),
        ("batch-check", ("boye", 2025), "post"),
    ],
)
def test_other_agencies_get_404(
    draft: AnnualReportDraft, outsider: Any, name: str, args: tuple[Any, ...], method: str
) -> None:
    response = getattr(login(outsider), method)(url(name, *args))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "name,args", [("report", ("boye-xiaodian", 2025)), ("dashboard", ("boye", 2025)), ("home", ())]
)
def test_anonymous_users_are_sent_to_sign_in(
    draft: AnnualReportDraft, name: str, args: tuple[Any, ...]
) -> None:
    response = Client().get(url(name, *args))

    assert response.status_code == 302


def test_the_dashboard_is_for_staff_of_the_parent_body(
    draft: AnnualReportDraft, clerk: Any, supervisor: Any
) -> None:
    assert login(clerk).get(url("dashboard", "boye", 2025)).status_code == 404

    page = login(supervisor).get(url("dashboard", "boye", 2025))

    assert page.status_code == 200
    assert "博野县小店镇人民政府" in page.content.decode() and "表三汇总" in page.content.decode()
    xlsx = login(supervisor).get(url("dashboard-xlsx", "boye", 2025))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_upload_form_runs_the_batch_checker(draft: AnnualReportDraft, supervisor: Any) -> None:
    with open(SEED, "rb") as fh:
        seed = fh.read()
    broken = SimpleUploadedFile("broken.pdf", b"%PDF-1.4 not really")
    client = login(supervisor)

    client.post(
        url("batch-check", "boye", 2025),
        {"reports": [SimpleUploadedFile("xiaodian-2023.txt", seed), broken]},
    )
    page = client.get(url("dashboard", "boye", 2025)).content.decode()

    assert "xiaodian-2023.txt" in page and "M-004" in page
    assert "broken.pdf" in page and "无法读取" in page


def test_cases_can_be_registered_and_decided_in_the_browser(town: Agency, clerk: Any, head: Any) -> None:
    client = login(clerk)

    client.post(
        url("case-register", "boye-xiaodian"),
        {
            "kind": "review",
            "forum": "博野县人民政府",
            "case_number": "博政复〔2026〕9号",
            "received_on": "2026-03-02",
        },
    )
    case = town.remedy_cases.get()
    login(head).post(
        url("case-decide", "boye-xiaodian", case.pk), {"decided_on": "2026-04-01", "result": "upheld"}
    )

    case.refresh_from_db()
    assert case.result == "upheld" and case.defence_due_on == date(2026, 3, 12)
    assert "博政复〔2026〕9号" in client.get(url("cases", "boye-xiaodian")).content.decode()


def test_the_preview_is_the_rendered_report(draft: AnnualReportDraft, clerk: Any) -> None:
    page = login(clerk).get(url("preview", "boye-xiaodian", 2025)).content.decode()

    assert "一、总体情况" in page and "收到和处理政府信息公开申请情况" in page
    assert isinstance(render(reports.report_of(draft), "html"), str)


def test_the_dashboard_groups_every_level_by_parent(draft: AnnualReportDraft, supervisor: Any) -> None:
    bureau = Agency.objects.get(code="boye-zrzy")
    Agency.objects.create(code="boye-zrzy-bdc", name="博野县不动产登记中心", kind="other", parent=bureau)

    page = login(supervisor).get(url("dashboard", "boye", 2025)).content.decode()

    assert "直接报送博野县人民政府审核的机关" in page
    assert "报送博野县自然资源和规划局审核的机关（第2级）" in page
    assert page.index("博野县自然资源和规划局审核") < page.index("博野县不动产登记中心")
    assert url("report", "boye-zrzy-bdc", 2025) in page
