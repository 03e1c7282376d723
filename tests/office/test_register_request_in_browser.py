"""The registration form in real Chromium: only the receipt date that counts for the channel is shown (条例第三十一条)."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from gongkai.agencies.models import Agency

# pytest-django's live_server + Playwright's sync API run ORM calls from an event-loop thread (platform-notes).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_channel_decides_which_receipt_date_is_asked_for(
    page: Any, live_server: Any, town: Agency, clerk: Any
) -> None:
    page.goto(f"{live_server.url}/office/login/")
    page.fill("#id_username", "xd_clerk")
    page.fill("#id_password", "pw-for-tests")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/office/$"))
    page.goto(f"{live_server.url}/office/requests/new/")

    def visible() -> tuple[bool, bool]:
        return page.is_visible("#field-signed_on"), page.is_visible("#field-confirmed_on")

    in_person = visible()
    page.select_option("#id_channel", "post")
    post = visible()
    page.select_option("#id_channel", "fax")
    fax = visible()
    page.select_option("#id_channel", "letter")
    letter = visible()

    assert in_person == (False, False)
    assert post == (True, False)
    assert fax == (False, True) and letter == (False, True)
    # A hidden date is disabled, so a date typed before switching channel is not submitted.
    assert page.is_disabled("#id_signed_on") and page.is_enabled("#id_confirmed_on")
