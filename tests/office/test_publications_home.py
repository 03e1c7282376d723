"""The back-office navigation's 主动公开 entry leads each user to their own agency's catalogue."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from gongkai.agencies.models import Agency

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client) -> None:
    response = client.get("/office/publications/")

    assert response.status_code == 302
    assert response["Location"].startswith("/office/login/")


def test_a_clerk_lands_on_their_own_agencys_catalogue(client: Client, clerk: Any, town: Agency) -> None:
    client.force_login(clerk)

    response = client.get("/office/publications/")

    assert response.status_code == 302
    assert response["Location"] == f"/office/publications/{town.code}/"


def test_a_user_without_any_post_gets_not_found(client: Client) -> None:
    client.force_login(get_user_model().objects.create_user("nobody"))

    assert client.get("/office/publications/").status_code == 404


def test_the_office_navigation_links_to_publications_and_reports(client: Client, clerk: Any) -> None:
    client.force_login(clerk)

    html = client.get("/office/").content.decode()

    assert 'href="/office/publications/"' in html
    assert 'href="/office/reports/"' in html
