"""Back-office helpers (dates, letters, action forms); personas and applicants are in tests/personas.py."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import DisclosureRequest, Letter
from tests import personas


def today() -> date:
    return timezone.localdate()


def working_day_before(d: date, n: int) -> date:
    """A date about n working days before d (Mon–Fri, ignoring holidays: good enough to place a test)."""
    day = d
    while n > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def register(agency: Agency, actor: Any, received_on: date | None = None, **kw: Any) -> DisclosureRequest:
    """Register through the service with the clock computed as of the real today (pages show live deadlines)."""
    return personas.register(agency, actor, received_on or today(), today=today(), **kw)


def replied(
    agency: Agency, clerk: Any, head: Any, received_on: date | None = None, **kw: Any
) -> DisclosureRequest:
    dr = register(agency, clerk, received_on or working_day_before(today(), 5), **kw)
    return services.record_reply(dr, actor=head, on=today(), outcome="granted")


def archived(agency: Agency, clerk: Any, head: Any) -> DisclosureRequest:
    dr = replied(agency, clerk, head)
    return services.archive(dr, actor=clerk, on=today())


def draft(dr: DisclosureRequest, clerk: Any, kind: str = "receipt") -> Letter:
    from gongkai.office import letters

    rendered = letters.render_draft(dr, kind)
    return services.draft_letter(
        dr,
        actor=clerk,
        kind=kind,
        body=letters.body_of(rendered),
        title=rendered.title,
        context=letters.stored_context(rendered),
    )


def issued(dr: DisclosureRequest, clerk: Any, reviewer: Any, kind: str = "receipt") -> Letter:
    return services.issue_letter(draft(dr, clerk, kind), actor=reviewer, on=today())


def form_token(client: Client, url: str) -> str:
    """The one-time token of the first form on the page at `url`."""
    html = client.get(url).content.decode()
    found = re.search(r'name="form_token" value="([^"]+)"', html)
    assert found, "no form token on the page"
    return found.group(1)


def post_action(client: Client, dr: DisclosureRequest, action: str, **fields: Any) -> Any:
    """Submit one action form of the request page as a browser would (with a fresh one-time token)."""
    token = form_token(client, f"/office/requests/{dr.pk}/")
    data = {f"{action}-{k}": v for k, v in fields.items()}
    data["form_token"] = token
    return client.post(f"/office/requests/{dr.pk}/actions/{action}/", data)
