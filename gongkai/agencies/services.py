"""Who may see and do what: the one place agency access is decided."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.agencies.models import Agency, ApiToken, Membership, Role

AnyUser = AbstractBaseUser | AnonymousUser


def _descendant_ids(root_ids: set[int]) -> set[int]:
    # Hierarchies are shallow (county → bodies) and small; a breadth-first walk over (id, parent) pairs is enough.
    children: dict[int | None, list[int]] = {}
    for agency_id, parent_id in Agency.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(agency_id)
    seen = set(root_ids)
    frontier = list(root_ids)
    while frontier:
        node = frontier.pop()
        for child in children.get(node, []):
            if child not in seen:
                seen.add(child)
                frontier.append(child)
    return seen


def readable_agencies(user: AnyUser) -> QuerySet[Agency]:
    """Agencies whose records the user may read: their own, and every body below one they belong to."""
    if not user.is_authenticated:
        return Agency.objects.none()
    own = set(Membership.objects.filter(user=user).values_list("agency_id", flat=True))
    return Agency.objects.filter(id__in=_descendant_ids(own))


def roles_in(user: AnyUser, agency: Agency) -> set[str]:
    """The user's roles in exactly this agency (acting requires a role in the agency itself)."""
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True))


def can_read(user: AnyUser, agency: Agency) -> bool:
    return readable_agencies(user).filter(pk=agency.pk).exists()


def has_role(user: AnyUser, agency: Agency, *roles: str) -> bool:
    """True when the user holds one of `roles` in the agency (管理员 holds every role)."""
    held = roles_in(user, agency)
    return bool(held & set(roles)) or Role.ADMIN in held


@transaction.atomic
def issue_api_token(user: AbstractBaseUser, label: str = "") -> str:
    """Create an API token for the user and return it (shown once; only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, token_sha256=ApiToken.digest(token), label=label)
    return token


def user_for_token(token: str) -> AbstractBaseUser | None:
    """The active user a bearer token belongs to, or None."""
    row = ApiToken.objects.select_related("user").filter(token_sha256=ApiToken.digest(token)).first()
    if row is None or not row.user.is_active:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.user
