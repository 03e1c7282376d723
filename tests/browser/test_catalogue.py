"""The 法定主动公开内容 catalogue in real Chromium: axe (also in 长辈模式), keyboard only, text at 200 %.

Screenshots: docs/screenshots/portal-catalogue.png and portal-catalogue-item.png.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile

from gongkai.agencies.models import Agency, AgencyKind
from tests.browser.conftest import assert_accessible, shot, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TOWN = "boye-xiaodian"
ROAD = "小店镇2025年农村道路建设项目立项批复"

# (title, category, made_on, summary, document number): a township's year of ordinary publications.
ITEMS = [
    (
        "小店镇2025年镇级财政预算公开",
        "art20_07",
        date(2025, 2, 10),
        "公开2025年镇级一般公共预算收支、“三公”经费预算和政府采购预算。",
        "小政发〔2025〕3号",
    ),
    (
        ROAD,
        "art20_10",
        date(2025, 4, 18),
        "同意东街村、西街村实施农村道路硬化工程，总长3.2公里，资金来源为县级衔接资金。",
        "小政字〔2025〕15号",
    ),
    (
        "小店镇2025年春季农田水利工程建设计划",
        "art21_t2",
        date(2025, 3, 3),
        "公布2025年春季农田水利工程建设项目、资金和工期安排。",
        "",
    ),
    (
        "小店镇2025年第二季度最低生活保障对象公示",
        "art21_t8",
        date(2025, 6, 30),
        "第二季度新增、停发城乡低保对象情况及监督电话。",
        "",
    ),
    (
        "小店镇人民政府机构职能和联系方式",
        "art20_02",
        date(2025, 1, 6),
        "镇政府的职能、内设机构、办公地址、办公时间、联系电话和负责人姓名。",
        "",
    ),
    (
        "小店镇突发事件总体应急预案（2024年修订）",
        "art20_12",
        date(2024, 9, 2),
        "规定镇域内自然灾害、事故灾难、公共卫生事件和社会安全事件的应急组织体系和处置程序。",
        "小政发〔2024〕21号",
    ),
]

BODY = (
    "东街村、西街村村民委员会：\n"
    "你们报来的农村道路建设项目申请收悉。经研究，同意实施东街村、西街村农村道路硬化工程，"
    "道路总长3.2公里，宽4.5米，采用水泥混凝土路面。\n"
    "项目资金从县级衔接资金中列支，请严格按照批复内容组织实施，按期完成建设任务，并将项目实施情况在村务公开栏公示。"
)


@pytest.fixture
def catalogue_town(settings: Any, tmp_path: Path) -> Agency:
    """A township with a small real-looking catalogue, every item published through the review workflow."""
    from django.core.cache import cache

    from gongkai.publications import services
    from gongkai.publications.models import CatalogueSettings, Validity
    from tests.publications.factories import draft, publish_through_workflow, staff

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_CALENDAR_DIR = tmp_path / "calendar"
    cache.clear()
    county = Agency.objects.create(code="boye", name="博野县人民政府", kind=AgencyKind.COUNTY_GOVERNMENT)
    town = Agency.objects.create(
        code=TOWN, name="博野县小店镇人民政府", short_name="小", kind=AgencyKind.TOWNSHIP, parent=county
    )
    CatalogueSettings.objects.create(agency=town, index_prefix="11130637MB0000000X")
    clerk = staff("catalogue-clerk", town, "clerk")
    reviewer = staff("catalogue-reviewer", town, "reviewer")
    head = staff("catalogue-head", town, "head")
    published = {}
    for title, category, made_on, summary, number in ITEMS:
        item = draft(
            town,
            clerk,
            title=title,
            category=category,
            made_on=made_on,
            summary=summary,
            document_number=number,
            body=BODY if title == ROAD else summary,
        )
        if title == ROAD:
            services.add_attachment(item, clerk, ContentFile("项目平面图".encode()), "道路项目平面图.pdf")
        published[title] = publish_through_workflow(item, clerk, reviewer, head, made_on)
    old_plan = publish_through_workflow(
        draft(
            town,
            clerk,
            title="小店镇突发事件总体应急预案（2019年）",
            category="art20_12",
            made_on=date(2019, 5, 6),
            summary="2019年版总体应急预案。",
            document_number="小政发〔2019〕8号",
        ),
        clerk,
        reviewer,
        head,
        date(2019, 5, 8),
    )
    services.change_validity(
        old_plan,
        clerk,
        validity=Validity.REPEALED,
        changed_on=date(2024, 9, 2),
        repealed_by=published["小店镇突发事件总体应急预案（2024年修订）"],
    )
    return town


def _road_pk() -> int:
    from gongkai.publications.models import Publication

    return int(Publication.objects.get(title=ROAD).pk)


def _pages(live_server: Any) -> dict[str, str]:
    base = f"{live_server.url}/{TOWN}/catalogue/"
    return {
        "catalogue": base,
        "catalogue-item": f"{base}items/{_road_pk()}/",
        "catalogue-search": f"{base}?q=道路建设",
        "catalogue-empty": f"{base}?q=宅基地&year=2024",
    }


def _in_agency_column(page: Any) -> None:
    """The catalogue looks and navigates like the other pages of the agency's column."""
    current = page.locator('.column-nav a[aria-current="page"]')
    assert current.count() == 1 and current.inner_text() == "法定主动公开内容"
    assert "法定主动公开内容" in page.locator("nav.breadcrumb").inner_text()
    assert page.locator("form.elder-toggle button").count() == 1
    assert page.locator("main h1").count() == 1


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder-mode"])
def test_catalogue_pages_pass_axe(page: Any, live_server: Any, catalogue_town: Agency, elder: bool) -> None:
    if elder:
        page.context.add_cookies([{"name": "elder_mode", "value": "1", "url": live_server.url}])
    for name, url in _pages(live_server).items():
        response = page.goto(url)

        assert response is not None and response.status == 200, name
        _in_agency_column(page)
        assert page.evaluate("document.body.classList.contains('elder')") is elder
        assert_accessible(page, f"{name}{' (长辈模式)' if elder else ''}")
        if not elder and name in ("catalogue", "catalogue-item"):
            shot(page, name)
        if name == "catalogue-empty":
            assert "没有找到与“宅基地”相关的信息" in page.inner_text("#results-empty")


def test_a_keyboard_user_searches_filters_and_opens_an_item(
    page: Any, live_server: Any, catalogue_town: Agency
) -> None:
    page.goto(_pages(live_server)["catalogue"])

    tab_to(page, "#q")
    page.keyboard.type("农村道路")
    page.keyboard.press("Enter")
    page.wait_for_url("**/catalogue/?q=*")
    assert page.input_value("#q") == "农村道路"  # the words stay in the box
    assert page.locator(".catalogue-table tbody tr").count() == 1
    tab_to(page, ".catalogue-table tbody a")
    assert page.evaluate("document.activeElement.textContent") == ROAD
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/items/{_road_pk()}/")
    assert page.inner_text("main h1") == ROAD
    assert "小政字〔2025〕15号" in page.inner_text(".catalogue-fields")

    # Filters are a plain form: choose a year with the keyboard, submit with Enter, no script needed.
    page.goto(_pages(live_server)["catalogue"])
    tab_to(page, "#year")
    page.keyboard.type("2024")  # type-ahead picks “2024年”
    assert page.input_value("#year") == "2024"
    tab_to(page, ".catalogue-filter-submit button")
    page.keyboard.press("Enter")
    page.wait_for_url("**year=2024*")
    titles = page.locator(".catalogue-table tbody th").all_inner_texts()
    assert titles == ["小店镇突发事件总体应急预案（2024年修订）"]


# gongkai.css sets `:root { font-size: 100% }`, which beats a plain `html {…}` rule: hence :root and !important.
LARGE_TEXT = ":root { font-size: 200% !important; }"
OVERFLOW_JS = """() => {
  const root = document.scrollingElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
      + ' right=' + Math.round(e.getBoundingClientRect().right));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""

TABLE_JS = """() => [...document.querySelectorAll('main .table-scroll')]
  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.scrollWidth + '>' + e.clientWidth)"""


def _assert_no_sideways_scrolling(page: Any, what: str) -> None:
    found = page.evaluate(OVERFLOW_JS)
    assert found["scroll"] <= found["client"] + 1, f"{what}: horizontal scrolling, e.g. {found['wide']}"
    # The catalogue table must reflow too, not just scroll inside its own box.
    assert not page.evaluate(TABLE_JS), f"{what}: a table scrolls sideways"


def test_text_at_200_percent_needs_no_sideways_scrolling(
    page: Any, live_server: Any, catalogue_town: Agency
) -> None:
    pages = {
        "home": f"{live_server.url}/",
        "agency": f"{live_server.url}/{TOWN}/",
        "proactive": f"{live_server.url}/{TOWN}/proactive/",
        "apply": f"{live_server.url}/{TOWN}/apply/",
        **_pages(live_server),
    }
    for name, url in pages.items():
        # Text-only resize to 200 % (WCAG 1.4.4) at 1280 px …
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url)
        page.add_style_tag(content=LARGE_TEXT)
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 32, (
            "text not enlarged"
        )
        _assert_no_sideways_scrolling(page, f"{name}, text 200 %")
        # … and full-page zoom to 200 % of a 1280 px window, which is a 640 CSS px wide viewport.
        page.set_viewport_size({"width": 640, "height": 450})
        page.goto(url)
        _assert_no_sideways_scrolling(page, f"{name}, zoom 200 %")
