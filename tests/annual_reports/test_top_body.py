"""A body with no supervising body in gongkai (the county government) clears its own report through its 负责人;
a body with a parent still cannot (条例第四十九条)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Agency, Role
from gongkai.annual_reports import services as reports
from gongkai.annual_reports.models import ReportEvent, ReportStatus
from gongkai.disclosure_requests.services import PermissionRefused
from tests.annual_reports.factories import finish_text, year_of_records
from tests.personas import staff

pytestmark = pytest.mark.django_db

FEB = date(2026, 2, 20)


@pytest.fixture
def county_head(county: Agency) -> Any:
    return staff("boye_head", county, Role.HEAD)


@pytest.fixture
def county_draft(county: Agency, supervisor: Any) -> Any:
    # The supervisor (审核人 of the county) writes the county's own report; it has no records of its own here.
    draft = reports.generate_draft(county, 2025, actor=supervisor, today=FEB)
    return finish_text(draft, supervisor, FEB)


def test_the_county_head_clears_the_county_report_and_the_event_says_so(
    county: Agency, county_draft: Any, county_head: Any
) -> None:
    assert county.parent is None and not [f for f in county_draft.findings if f["severity"] == "error"]

    submitted = reports.submit_report(county_draft, actor=county_head, today=FEB)
    assert reports.can_review(county_head, submitted)
    draft = reports.clear_report(submitted, actor=county_head, today=FEB, comment="同意公布")

    assert draft.status == ReportStatus.CLEARED
    assert draft.status_label == "本机关负责人已审定"
    sent = ReportEvent.objects.get(draft=draft, kind="submitted")
    cleared = ReportEvent.objects.get(draft=draft, kind="cleared")
    assert sent.data["to"] == "本机关负责人审定（无上级审核机关）"
    assert cleared.label == "本机关负责人审定（无上级审核机关）"
    assert cleared.actor == county_head and cleared.comment == "同意公布"


def test_the_county_report_is_due_on_31_march(county: Agency, county_draft: Any, county_head: Any) -> None:
    reports.submit_report(county_draft, actor=county_head, today=FEB)
    reports.clear_report(county_draft, actor=county_head, today=FEB)

    publication = reports.publish_report(county_draft, actor=county_head, today=date(2026, 4, 2))

    # 条例第四十九条: a county government's own report by 31 March (not the departments' 31 January).
    assert reports.report_due_on(county, 2025) == date(2026, 3, 31)
    assert publication.due_on == date(2026, 3, 31) and publication.days_late == 2


@pytest.mark.parametrize("role", [Role.CLERK, Role.REVIEWER])
def test_only_the_head_of_the_county_clears_it(
    county: Agency, county_draft: Any, county_head: Any, role: str
) -> None:
    other = staff(f"county_{role}", county, role)
    submitted = reports.submit_report(county_draft, actor=county_head, today=FEB)

    with pytest.raises(PermissionRefused, match="负责人"):
        reports.clear_report(submitted, actor=other, today=FEB)
    assert not reports.can_review(other, submitted)
    county_draft.refresh_from_db()
    assert county_draft.status == ReportStatus.SUBMITTED


def test_the_head_of_a_body_with_a_parent_still_cannot_clear_its_own_report(
    town: Agency, clerk: Any, head: Any, county_head: Any
) -> None:
    year_of_records(town, clerk, head)
    draft = finish_text(reports.generate_draft(town, 2025, actor=clerk, today=FEB), clerk, FEB)
    draft = reports.submit_report(draft, actor=head, today=FEB)

    with pytest.raises(PermissionRefused, match="上级机关"):
        reports.clear_report(draft, actor=head, today=FEB)
    assert not reports.can_review(head, draft) and reports.can_review(county_head, draft)

    # The parent's 负责人 clears it as the supervising body: the ordinary label, no self-clearance.
    reports.clear_report(draft, actor=county_head, today=FEB)
    cleared = ReportEvent.objects.get(draft=draft, kind="cleared")
    assert cleared.label == "上级机关审核通过" and cleared.data["cleared_by"] == "博野县人民政府"
    assert reports.report_due_on(town, 2025) == date(2026, 2, 20)  # township: the configured date


@pytest.mark.urls("tests.annual_reports.urls")
def test_the_report_page_offers_self_clearance_to_the_county_head(
    county_draft: Any, county_head: Any
) -> None:
    client = Client()
    client.force_login(county_head)
    page = reverse("reports_office:report", args=["boye", 2025])

    before = client.get(page).content.decode()
    client.post(reverse("reports_office:action", args=["boye", 2025, "submit"]))
    during = client.get(page).content.decode()
    client.post(reverse("reports_office:action", args=["boye", 2025, "clear"]), {"comment": "同意"})
    after = client.get(page).content.decode()

    assert "提请本机关负责人审定" in before and "没有上级审核机关" in before
    assert "审定通过" in during and "已提请本机关负责人审定" in during
    assert "本机关负责人审定（无上级审核机关）" in after
    county_draft.refresh_from_db()
    assert county_draft.status == ReportStatus.CLEARED
