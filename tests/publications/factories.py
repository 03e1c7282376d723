"""Small factories for the publication tests (data is created through the real services).

The shared bodies and personas are in tests/personas.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from gongkai.agencies.models import Agency
from gongkai.publications import services
from gongkai.publications.models import Publication, ReviewDecision
from tests import personas


def staff(username: str, agency: Agency, *roles: str) -> AbstractBaseUser:
    """A persona without a password (hashing is slow; these tests use force_login)."""
    user: AbstractBaseUser = personas.staff(username, agency, *roles, password=None)
    return user


def draft(agency: Agency, clerk: AbstractBaseUser, **overrides: Any) -> Publication:
    fields: dict[str, Any] = {
        "title": "小店镇2026年春季农田水利工程建设计划",
        "made_on": date(2026, 3, 2),
        "category": "art21_t2",
        "summary": "公布2026年春季农田水利工程建设项目、资金和工期安排。",
        "body": "为做好2026年春季农田水利工程建设，镇政府安排资金123456.78元，于2026年4月30日前完工。",
        "document_number": "小政发〔2026〕12号",
    }
    fields.update(overrides)
    return services.create_draft(agency, clerk, **fields)


def publish_through_workflow(
    publication: Publication,
    clerk: AbstractBaseUser,
    reviewer: AbstractBaseUser,
    head: AbstractBaseUser,
    published_on: date | None = None,
) -> Publication:
    services.submit_for_review(publication, clerk)
    for finding in services.open_findings(publication):
        services.acknowledge_finding(finding, reviewer, "经核实为机关公开的办公电话")
    services.decide_review(
        publication, reviewer, decision=ReviewDecision.PUBLISH, basis="不涉及国家秘密、个人隐私"
    )
    services.approve(publication, head)
    return services.publish(publication, clerk, published_on or publication.made_on)
