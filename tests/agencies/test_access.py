"""Who sees which agency's records (a role on a parent agency reads everything below it)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from gongkai.agencies.models import Agency, AgencyKind, Membership, Role
from gongkai.agencies.services import can_read, has_role, issue_api_token, readable_agencies, user_for_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def county() -> Agency:
    return Agency.objects.create(code="boye", name="博野县人民政府", kind=AgencyKind.COUNTY_GOVERNMENT)


@pytest.fixture
def town(county: Agency) -> Agency:
    return Agency.objects.create(
        code="xiaodian", name="博野县小店镇人民政府", kind=AgencyKind.TOWNSHIP, parent=county
    )


@pytest.fixture
def other_town(county: Agency) -> Agency:
    return Agency.objects.create(
        code="chengdong", name="博野县城东镇人民政府", kind=AgencyKind.TOWNSHIP, parent=county
    )


def test_a_clerk_reads_only_their_own_agency(town: Agency, other_town: Agency) -> None:
    clerk = get_user_model().objects.create_user("clerk")
    Membership.objects.create(user=clerk, agency=town, role=Role.CLERK)

    visible = set(readable_agencies(clerk))

    assert visible == {town}
    assert not can_read(clerk, other_town)


def test_a_supervisor_on_the_county_reads_every_body_below_but_acts_in_none(
    county: Agency, town: Agency, other_town: Agency
) -> None:
    supervisor = get_user_model().objects.create_user("supervisor")
    Membership.objects.create(user=supervisor, agency=county, role=Role.REVIEWER)

    visible = set(readable_agencies(supervisor))

    assert visible == {county, town, other_town}
    assert not has_role(supervisor, town, Role.CLERK, Role.REVIEWER, Role.HEAD)


def test_an_anonymous_visitor_reads_nothing(town: Agency) -> None:
    assert list(readable_agencies(AnonymousUser())) == []


def test_an_admin_holds_every_role_in_their_agency(town: Agency) -> None:
    admin = get_user_model().objects.create_user("admin")
    Membership.objects.create(user=admin, agency=town, role=Role.ADMIN)

    assert has_role(admin, town, Role.HEAD)


def test_api_tokens_are_stored_hashed_and_resolve_to_their_user(town: Agency) -> None:
    user = get_user_model().objects.create_user("api")

    token = issue_api_token(user, "OA")

    assert user_for_token(token) == user
    assert user_for_token(token + "x") is None
    assert not user.api_tokens.filter(token_sha256=token).exists()


def test_provisioning_commands_create_agency_staff_and_token(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("create_agency", code="boye", name="博野县人民政府", kind="county_government")
    call_command("create_agency", code="xd", name="博野县小店镇人民政府", kind="township", parent="boye")
    call_command("create_staff", "li", agency="xd", role="clerk", password="s3cret-pass")
    call_command("api_token", "li")

    out = capsys.readouterr().out.strip().splitlines()

    assert Agency.objects.get(code="xd").parent == Agency.objects.get(code="boye")
    assert get_user_model().objects.get(username="li").check_password("s3cret-pass")
    assert user_for_token(out[-1]) is not None


def test_every_agency_kind_but_other_is_a_kind_the_report_rules_know() -> None:
    # annual_reports.services.body_kind_for passes AgencyKind values straight to the validator.
    from gongkai.core.body_kinds import BODY_KINDS

    assert {k.value for k in AgencyKind} - {AgencyKind.OTHER.value} == set(BODY_KINDS)
