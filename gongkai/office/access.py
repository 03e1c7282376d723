"""Who may see and act on what in the back-office (the view-side face of `gongkai.agencies.services`).

Reading follows `readable_agencies` (own agencies, and everything below an agency one belongs to);
acting needs a role in the request's own agency, so a supervisor on the parent only reads.
Another agency's record answers 404, never 403: its existence must not leak.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.services import readable_agencies, roles_in
from gongkai.disclosure_requests.models import DisclosureRequest, Letter

SESSION_AGENCY = "office_agency"


def readable_requests(user: Any) -> Any:
    return DisclosureRequest.objects.filter(agency__in=readable_agencies(user))


def disclosure_request_for(user: Any, pk: int) -> DisclosureRequest:
    """The request if the user may read it, else 404."""
    found = readable_requests(user).select_related("agency", "applicant").filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到该申请。")
    return found


def letter_for(user: Any, pk: int) -> Letter:
    found = (
        Letter.objects.select_related("disclosure_request__agency", "disclosure_request__applicant")
        .filter(pk=pk, disclosure_request__agency__in=readable_agencies(user))
        .first()
    )
    if found is None:
        raise Http404("没有找到该文书。")
    return found


def is_staff_of(user: Any, agency: Agency) -> bool:
    """True when the user holds any role in the agency itself (may act, subject to the role rules)."""
    return bool(roles_in(user, agency))


def acting_agencies(user: Any) -> list[Agency]:
    """Agencies in which the user holds a role (where they may register and act)."""
    if not user.is_authenticated:
        return []
    ids = Membership.objects.filter(user=user).values_list("agency_id", flat=True)
    return list(Agency.objects.filter(id__in=ids).order_by("code"))


def current_agency(request: HttpRequest, *, acting: bool = False) -> Agency | None:
    """The agency the page is about: `?agency=CODE` if allowed (remembered in the session), else the last one chosen,
    else the user's first own agency. With `acting`, only agencies where the user holds a role qualify."""
    allowed = (
        acting_agencies(request.user) if acting else list(readable_agencies(request.user).order_by("code"))
    )
    by_code = {a.code: a for a in allowed}
    wanted = request.GET.get("agency") or request.POST.get("agency")
    if wanted and wanted in by_code:
        request.session[SESSION_AGENCY] = wanted
        return by_code[wanted]
    remembered = request.session.get(SESSION_AGENCY)
    if remembered in by_code:
        return by_code[remembered]
    own = acting_agencies(request.user)
    for agency in own:
        if agency.code in by_code:
            return agency
    return allowed[0] if allowed else None


def can_act_on(user: Any, disclosure_request: DisclosureRequest) -> bool:
    """Staff of the request's own agency may act (which actions: the lifecycle table and the services decide)."""
    return is_staff_of(user, disclosure_request.agency)


def forbidden(request: HttpRequest, reason: str, back: Any = None) -> HttpResponse:
    """The 403 page: says in Chinese why this user may not do this, with a way back."""
    return render(request, "office/forbidden.html", {"reason": reason, "back": back}, status=403)
