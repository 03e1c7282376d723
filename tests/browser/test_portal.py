"""The portal in real Chromium: a citizen applies by keyboard only, a clerk confirms, axe finds no WCAG 2.1 A/AA issue.

Screenshots of the main pages go to docs/screenshots/portal-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests.models import DisclosureRequest
from tests.browser.conftest import assert_accessible, shot, tab_to
from tests.portal.conftest import PDF_BYTES, resident_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def town(settings: Any, tmp_path: Path) -> Agency:
    from gongkai.agencies.guide import AgencyGuide
    from gongkai.agencies.models import AgencyKind

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_CALENDAR_DIR = tmp_path / "calendar"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.GONGKAI_PUBLISHED_REPORTS = "tests.browser.fake_reports.provider"
    from django.core.cache import cache

    cache.clear()
    county = Agency.objects.create(code="boye", name="博野县人民政府", kind=AgencyKind.COUNTY_GOVERNMENT)
    town = Agency.objects.create(
        code="boye-xiaodian",
        name="博野县小店镇人民政府",
        short_name="小",
        kind=AgencyKind.TOWNSHIP,
        parent=county,
    )
    Agency.objects.create(
        code="boye-zrzy", name="博野县自然资源和规划局", kind=AgencyKind.COUNTY_DEPARTMENT, parent=county
    )
    AgencyGuide.objects.create(
        agency=town,
        classification="本机关主动公开的政府信息按《中华人民共和国政府信息公开条例》第二十条、第二十一条的类别编排，每条信息标注索引号、名称、内容概述和生成日期。",
        how_to_obtain="主动公开的信息可在本专栏“法定主动公开内容”中查阅和检索。\n申请公开政府信息，可在本专栏“依申请公开”在线提交，也可当面、邮寄或传真提交申请书。",
        office_name="博野县小店镇党政综合办公室",
        office_address="河北省保定市博野县小店镇政府大院",
        postcode="071300",
        office_hours="工作日上午8:30-12:00，下午14:30-17:30",
        phone="0312-8123456",
        fax="0312-8123457",
        internet_contact="xdzwgk@example.gov.cn",
        rules_text="政府信息公开申请办理制度\n政府信息公开保密审查制度\n政府信息主动公开发布协调制度",
    )
    from tests.portal.publishing import publish_item

    publish_item(town, "小店镇2025年农村道路建设项目立项批复", "关于东街村、西街村农村道路建设项目的批复")
    return town


def _choose_file(page: Any, tmp_path: Path) -> None:
    proof = tmp_path / "身份证.pdf"
    proof.write_bytes(PDF_BYTES)
    tab_to(page, "#id_identity_proof")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")  # the keyboard way to open the file dialog
    chooser.value.set_files(str(proof))


def test_a_citizen_applies_by_keyboard_a_clerk_confirms_and_the_citizen_sees_it(
    page: Any, live_server: Any, town: Agency, browser: Any, tmp_path: Path
) -> None:
    from tests.portal.conftest import staff

    staff("xd_clerk", town, "clerk")
    url = live_server.url
    good_id = resident_id()
    bad_id = good_id[:-1] + ("0" if good_id[-1] != "0" else "1")

    # --- the citizen fills in the form with the keyboard only ---------------------------------------
    page.goto(f"{url}/{town.code}/apply/")
    assert_accessible(page, "apply form")
    shot(page, "apply")
    tab_to(page, "#id_applicant_type_0")  # 公民 is already chosen
    tab_to(page, "#id_name")
    page.keyboard.type("张三")
    tab_to(page, "#id_id_number")
    page.keyboard.type(bad_id)  # a wrong check digit, found by the server
    tab_to(page, "#id_phone")
    page.keyboard.type("13800000001")
    tab_to(page, "#id_email")
    page.keyboard.type("zhangsan@example.com")
    tab_to(page, "#id_address")
    page.keyboard.type("河北省保定市博野县小店镇东街1号")
    tab_to(page, "#id_description")
    page.keyboard.type("2025年农村道路建设项目的立项批复")
    # 这些信息可能已经公开: found while typing (htmx), before anything is submitted.
    page.locator("#similar-live").get_by_text("这些信息可能已经公开").wait_for(timeout=20_000)
    assert "农村道路建设项目立项批复" in page.locator("#similar-live").inner_text()
    tab_to(page, "#id_information_form_0")
    page.keyboard.press("Space")  # 纸质
    tab_to(page, "#id_delivery_way_0")
    page.keyboard.press("Space")  # 邮寄
    _choose_file(page, tmp_path)
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "#apply-form button[type=submit]")
    page.keyboard.press("Enter")

    # --- the error is shown next to the field, focus goes to the summary, nothing typed is lost --------
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert "校验位不正确" in page.locator("#id_id_number-error").inner_text()
    assert page.get_attribute("#id_id_number", "aria-invalid") == "true"
    assert "id_id_number-error" in (page.get_attribute("#id_id_number", "aria-describedby") or "")
    assert page.input_value("#id_name") == "张三"
    assert page.input_value("#id_description") == "2025年农村道路建设项目的立项批复"
    assert "重新选择" in page.locator("#id_identity_proof-note").inner_text()
    assert_accessible(page, "apply form with errors")
    shot(page, "apply-errors")
    page.keyboard.press("Tab")  # into the summary: its link goes to the field
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_id_number"
    page.keyboard.press("Control+A")
    page.keyboard.type(good_id)
    _choose_file(page, tmp_path)
    tab_to(page, "#apply-form button[type=submit]")
    page.keyboard.press("Enter")

    # --- the confirmation page and the e-mail carry the codes; status 待确认 ------------------------
    page.wait_for_selector("#tracking-code")
    number = page.inner_text("#application-number").strip()
    code = page.inner_text("#tracking-code").strip()
    assert re.fullmatch(r"\d{4}-\d{4}", number) and re.fullmatch(r"[0-9A-Z]{10}", code)
    assert "待确认" in page.inner_text("main")
    assert_accessible(page, "confirmation")
    shot(page, "apply-done")
    assert DisclosureRequest.objects.count() == 1
    assert any(number in m.body and code in m.body for m in mail.outbox)

    # --- following the application in a fresh browser, with the codes ---------------------------------
    citizen = browser.new_context(locale="zh-CN", viewport={"width": 1200, "height": 900})
    follow = citizen.new_page()
    follow.goto(f"{url}/track/")
    assert_accessible(follow, "track form")
    shot(follow, "track")
    tab_to(follow, "#id_number")
    follow.keyboard.type(number)
    tab_to(follow, "#id_code")
    follow.keyboard.type(code.lower())
    follow.keyboard.press("Enter")
    follow.wait_for_selector("#status-label")
    assert follow.inner_text("#status-label") == "待确认"
    assert_accessible(follow, "track status")

    # --- the clerk confirms receipt in the back-office -----------------------------------------------
    office = browser.new_context(locale="zh-CN").new_page()
    office.goto(f"{url}/office/login/")
    office.fill("#id_username", "xd_clerk")
    office.fill("#id_password", "pw-for-tests")
    office.get_by_role("button", name="登录").click()
    office.wait_for_url(re.compile(r"/office/$"))
    pk = DisclosureRequest.objects.get().pk
    office.goto(f"{url}/office/requests/{pk}/")
    office.locator("#action-confirm_receipt summary").click()
    office.locator("#action-confirm_receipt button[type=submit]").click()
    office.wait_for_load_state()
    assert DisclosureRequest.objects.get().status == "in_progress"

    # --- the citizen sees the new status and the due date, explained ---------------------------------
    follow.reload()
    assert follow.inner_text("#status-label") == "办理中"
    body = follow.inner_text("main")
    assert "本机关确认收到申请" in body and "答复期限" in body and "这个日期是怎么算出来的" in body
    assert_accessible(follow, "track status after confirmation")
    shot(follow, "track-status")
    citizen.close()


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", "/"),
        ("agency", "/boye-xiaodian/"),
        ("guide", "/boye-xiaodian/guide/"),
        ("rules", "/boye-xiaodian/rules/"),
        ("proactive", "/boye-xiaodian/proactive/"),
        ("annual-reports", "/boye-xiaodian/annual-reports/"),
        ("annual-report", "/boye-xiaodian/annual-reports/2023/"),
    ],
)
def test_public_pages_pass_axe(page: Any, live_server: Any, town: Agency, name: str, path: str) -> None:
    response = page.goto(live_server.url + path)

    assert response is not None and response.status == 200
    assert page.locator("main h1").count() == 1
    assert_accessible(page, name)
    shot(page, name)


def test_elder_mode_and_a_phone_screen(page: Any, live_server: Any, town: Agency) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{town.code}/apply/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (
        "no sideways scrolling"
    )

    tab_to(page, "form.elder-toggle button")
    page.keyboard.press("Enter")
    page.wait_for_selector("body.elder")

    assert page.get_attribute("form.elder-toggle button", "aria-pressed") == "true"
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 21
    wide = page.evaluate(
        "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
    )
    assert not wide, f"wider than the phone screen: {wide}"
    assert_accessible(page, "elder mode on a phone")
    shot(page, "apply-elder-phone")
