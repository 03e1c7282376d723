"""Every public page renders for an anonymous visitor; the column structure is there."""

from __future__ import annotations

from typing import Any

from django.test import Client

from gongkai.agencies.models import Agency


def test_home_lists_agencies_by_hierarchy(client: Client, agencies: tuple[Agency, Agency, Agency]) -> None:
    county, town, other = agencies

    html = client.get("/").content.decode()

    assert county.name in html and town.name in html and other.name in html
    # The town is nested under the county (a list inside the county's list item).
    county_at = html.index(county.name)
    assert html.index(town.name) > county_at
    assert html.count('class="agency-tree"') == 2


def test_agency_column_has_the_fixed_first_level_columns(client: Client, town: Agency) -> None:
    html = client.get(f"/{town.code}/").content.decode()

    for label in (
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
        "依申请公开",
    ):
        assert label in html


def test_unknown_agency_is_404(client: Client, db: Any) -> None:
    assert client.get("/no-such-body/").status_code == 404


def test_each_column_page_renders(client: Client, town: Agency) -> None:
    for path in ("guide/", "rules/", "proactive/", "annual-reports/", "apply/"):
        response = client.get(f"/{town.code}/{path}")
        assert response.status_code == 200, path


def test_guide_shows_the_article_12_items(client: Client, town: Agency, guide: Any) -> None:
    html = client.get(f"/{town.code}/guide/").content.decode()

    for value in (
        guide.office_name,
        guide.office_address,
        guide.office_hours,
        guide.phone,
        guide.fax,
        guide.internet_contact,
    ):
        assert value in html
    assert "获取方式" in html and "分类、编排体系" in html


def test_guide_without_content_says_so(client: Client, town: Agency) -> None:
    assert "尚未在此发布政府信息公开指南" in client.get(f"/{town.code}/guide/").content.decode()
