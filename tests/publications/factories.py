"""Personas and small factories for the publication tests (data is created through the real services)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from gongkai.agencies.models import Agency, AgencyKind, Membership
from gongkai.publications import services
from gongkai.publications.models import Publication, ReviewDecision


def make_agencies() -> tuple[Agency, Agency, Agency]:
    county = Agency.objects.create(code="boye", name="博野县人民政府", kind=AgencyKind.COUNTY_GOVERNMENT)
    town = Agency.objects.create(
        code="boye-xiaodian",
        name="博野县小店镇人民政府",
        short_name="小",
        kind=AgencyKind.TOWNSHIP,
        parent=county,
    )
    other = Agency.objects.create(
        code="boye-chengdong", name="博野县城东镇人民政府", kind=AgencyKind.TOWNSHIP, parent=county
    )
    return county, town, other


def staff(username: str, agency: Agency, *roles: str) -> AbstractBaseUser:
    user = get_user_model().objects.create_user(
        username
    )  # no password: hashing is slow, tests use force_login
    for role in roles:
        Membership.objects.create(user=user, agency=agency, role=role)
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
