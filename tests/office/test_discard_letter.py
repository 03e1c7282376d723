"""Discarding a letter draft from the letter page, so a case with a stray draft can still be archived."""

from __future__ import annotations

from typing import Any

from django.test import Client

from gongkai.disclosure_requests.models import Event, LetterStatus
from tests.office import factories as f


def _discard(client: Client, letter: Any, reason: str = "") -> Any:
    token = f.form_token(client, f"/office/letters/{letter.pk}/")
    return client.post(f"/office/letters/{letter.pk}/discard/", {"form_token": token, "reason": reason})


def test_a_clerk_discards_a_stray_draft_and_can_then_archive(
    town: Any, clerk: Any, head: Any, as_clerk: Client
) -> None:
    dr = f.replied(town, clerk, head)
    letter = f.draft(dr, clerk)
    refused = f.post_action(as_clerk, dr, "archive", on=f.today().isoformat())
    refusal_page = as_clerk.get(refused["Location"]).content.decode()

    discarded = _discard(as_clerk, letter, reason="重复起草")
    f.post_action(as_clerk, dr, "archive", on=f.today().isoformat())

    assert "废弃草稿" in refusal_page
    assert discarded.status_code == 302 and discarded["Location"] == f"/office/requests/{dr.pk}/"
    dr.refresh_from_db()
    assert dr.status == "archived"
    letter.refresh_from_db()
    assert letter.status == LetterStatus.DISCARDED and letter.discarded_by == clerk
    page = as_clerk.get(f"/office/requests/{dr.pk}/").content.decode()
    assert "已废弃" in page and "草稿已废弃，不再签发；原因：重复起草" in page


def test_the_draft_page_offers_the_discard_button_and_the_issued_page_does_not(
    town: Any, clerk: Any, reviewer: Any, as_clerk: Client
) -> None:
    dr = f.register(town, clerk, f.today())
    draft = f.draft(dr, clerk)
    issued = f.issued(dr, clerk, reviewer)

    draft_page = as_clerk.get(f"/office/letters/{draft.pk}/").content.decode()
    issued_page = as_clerk.get(f"/office/letters/{issued.pk}/").content.decode()

    assert f"/office/letters/{draft.pk}/discard/" in draft_page
    assert "/discard/" not in issued_page


def test_an_issued_letter_cannot_be_discarded_even_by_a_hand_made_post(
    town: Any, clerk: Any, reviewer: Any, as_clerk: Client
) -> None:
    dr = f.register(town, clerk, f.today())
    issued = f.issued(dr, clerk, reviewer)
    token = f.form_token(as_clerk, f"/office/requests/{dr.pk}/")

    response = as_clerk.post(f"/office/letters/{issued.pk}/discard/", {"form_token": token})

    assert response.status_code == 302
    assert "签发后不可废弃" in as_clerk.get(response["Location"]).content.decode()
    issued.refresh_from_db()
    assert issued.status == LetterStatus.ISSUED
    assert not Event.objects.filter(kind="letter_discarded").exists()
