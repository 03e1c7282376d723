"""Publish a catalogue item through the publications services (review recorded, as the law requires)."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.agencies.models import Agency, Role
from gongkai.publications import services
from tests.personas import staff


def publish_item(agency: Agency, title: str, summary: str = "", made_on: date = date(2026, 11, 2)) -> Any:
    drafter = staff(f"drafter{agency.pk}-{abs(hash(title)) % 10**6}", agency, Role.CLERK)
    head = staff(f"head{agency.pk}-{abs(hash(title)) % 10**6}", agency, Role.REVIEWER, Role.HEAD)
    publication = services.create_draft(
        agency=agency, actor=drafter, title=title, made_on=made_on, category="art20_10", summary=summary
    )
    services.submit_for_review(publication, drafter)
    services.decide_review(publication, head, decision="publish", basis="不涉密")
    services.approve(publication, head)
    return services.publish(publication, head, published_on=made_on)
