"""Staff back-office: sign-in, the inbox, registration, the request page and its actions.

Views read through `gongkai.office.access` (another agency's record is a 404) and change things only
through `gongkai.disclosure_requests.services`; refusals from the services come back as Chinese
messages on the page, never as tracebacks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Role
from gongkai.agencies.services import readable_agencies, roles_in
from gongkai.core import request_lifecycle as lifecycle
from gongkai.core.request_lifecycle import STATUS_LABELS, Status
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import ApplicantKind, DisclosureRequest, EventKind, LetterStatus
from gongkai.office import access, formtokens
from gongkai.office.actions import ACTIONS, apply_service_errors, make_form, roles_label
from gongkai.office.forms import (
    AttachmentForm,
    DeliveryForm,
    DraftLetterForm,
    IssueLetterForm,
    RegistrationForm,
)
from gongkai.office.letters import kind_choices
from gongkai.office.timeline import describe_event

DUE_SOON_WORKING_DAYS = 3
INBOX_PAGE_SIZE = 50


def _today() -> date:
    return timezone.localdate()


# --- sign in / out ------------------------------------------------------------------------------------------


class ChineseAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确，请重新输入（注意区分大小写）。",
        "inactive": "该账号已停用，请联系管理员。",
    }


class LoginView(auth_views.LoginView):
    template_name = "office/login.html"
    authentication_form = ChineseAuthenticationForm
    redirect_authenticated_user = True


login = LoginView.as_view()


def logout(request: HttpRequest) -> HttpResponse:
    """GET asks for confirmation; POST signs out (a link must not sign anyone out by itself)."""
    if request.method == "POST":
        auth_logout(request)
        messages.success(request, "您已安全退出。")
        return redirect("office:login")
    return render(request, "office/logout.html")


# --- inbox ---------------------------------------------------------------------------------------------------

OPEN_VALUES = [s.value for s in lifecycle.OPEN_STATUSES]
CLOSED_VALUES = [s.value for s in lifecycle.CLOSED_STATUSES]


@dataclass
class InboxRow:
    disclosure_request: DisclosureRequest
    bucket: int
    urgency: str  # css class
    urgency_label: str
    working_days_left: int | None

    @property
    def sort_key(self) -> tuple[Any, ...]:
        dr = self.disclosure_request
        return (self.bucket, dr.due_on or date.max, dr.submitted_on, dr.pk)


def _inbox_row(dr: DisclosureRequest, today: date, calendars: dict[int, Any]) -> InboxRow:
    status = Status(dr.status)
    if status not in lifecycle.OPEN_STATUSES:
        return InboxRow(dr, 9, "closed", dr.status_label, None)
    left: int | None = None
    if dr.due_on is not None and not dr.is_clock_paused:
        calendar = calendars.get(dr.agency_id)
        if calendar is None:
            calendar = calendars[dr.agency_id] = services.calendar_for(dr.agency, provisional_ok=True)
        left = calendar.working_days_between(today, dr.due_on)
    if left is not None and dr.due_on is not None and dr.due_on < today:
        return InboxRow(dr, 0, "overdue", f"已逾期{-left}个工作日", left)
    if left is not None and left <= DUE_SOON_WORKING_DAYS:
        return InboxRow(dr, 1, "due-soon", "今日到期" if left == 0 else f"还剩{left}个工作日", left)
    if status == Status.PENDING_CONFIRMATION:
        # 条例第三十一条：确认之前不起算，但需要尽快与申请人确认。
        return InboxRow(dr, 2, "pending", "待确认（条例第三十一条）", None)
    if status == Status.AWAITING_CORRECTION:
        return InboxRow(dr, 4, "waiting", "等待申请人补正", None)
    if status == Status.IN_CONSULTATION:
        return InboxRow(dr, 4, "waiting", "征求意见中（期限中止）", left)
    if status == Status.AWAITING_FEE:
        return InboxRow(dr, 4, "waiting", "等待缴费", left)
    return InboxRow(dr, 3, "normal", f"还剩{left}个工作日" if left is not None else "", left)


def _year_choices(agencies: Any) -> list[int]:
    years = DisclosureRequest.objects.filter(agency__in=agencies).dates("submitted_on", "year", order="DESC")
    found = [d.year for d in years]
    this_year = _today().year
    return sorted(set(found) | {this_year}, reverse=True)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    today = _today()
    agencies = list(readable_agencies(request.user).order_by("code"))
    base = DisclosureRequest.objects.filter(agency__in=agencies).select_related("agency", "applicant")
    status = request.GET.get("status", "open")
    agency_code = request.GET.get("agency", "")
    year = request.GET.get("year", "")
    query = request.GET.get("q", "").strip()
    urgency = request.GET.get("urgency", "")

    qs = base
    if agency_code:
        qs = qs.filter(agency__code=agency_code)
    if year.isdigit():
        y = int(year)
        qs = qs.filter(Q(received_on__year=y) | Q(received_on__isnull=True, submitted_on__year=y))
    if query:
        qs = qs.filter(
            Q(number__icontains=query)
            | Q(tracking_code__iexact=query)
            | Q(applicant__name__icontains=query)
            | Q(description__icontains=query)
        )
    counts_source = qs.filter(status__in=OPEN_VALUES)
    if status == "open":
        qs = qs.filter(status__in=OPEN_VALUES)
    elif status == "closed":
        qs = qs.filter(status__in=CLOSED_VALUES)
    elif status in STATUS_LABELS:
        qs = qs.filter(status=status)

    calendars: dict[int, Any] = {}
    rows = [_inbox_row(dr, today, calendars) for dr in qs[:2000]]
    open_rows = [_inbox_row(dr, today, calendars) for dr in counts_source[:2000]]
    counters = {
        "overdue": sum(1 for r in open_rows if r.bucket == 0),
        "due_soon": sum(1 for r in open_rows if r.bucket == 1),
        "pending": sum(1 for r in open_rows if r.disclosure_request.status == Status.PENDING_CONFIRMATION),
        "correction": sum(1 for r in open_rows if r.disclosure_request.status == Status.AWAITING_CORRECTION),
        "consultation": sum(1 for r in open_rows if r.disclosure_request.status == Status.IN_CONSULTATION),
        "fee": sum(1 for r in open_rows if r.disclosure_request.status == Status.AWAITING_FEE),
        "open": len(open_rows),
    }
    if urgency == "overdue":
        rows = [r for r in rows if r.bucket == 0]
    elif urgency == "due_soon":
        rows = [r for r in rows if r.bucket == 1]
    if status in ("open", "") or status in OPEN_VALUES:
        rows.sort(key=lambda r: r.sort_key)
    else:
        rows.sort(
            key=lambda r: (r.disclosure_request.replied_on or date.min, r.disclosure_request.pk), reverse=True
        )
    page = Paginator(rows, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))

    provisional = services.provisional_requests(readable_agencies(request.user))
    provisional_years = sorted({dr.due_on.year for dr in provisional if dr.due_on})
    is_admin = request.user.is_superuser or any(Role.ADMIN in roles_in(request.user, a) for a in agencies)
    own = access.acting_agencies(request.user)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "office/inbox.html",
        {
            "page": page,
            "counters": counters,
            "agencies": agencies,
            "can_register": bool(own),
            "is_supervisor": any(a not in own for a in agencies),
            "status_choices": [("open", "未办结（全部）"), ("closed", "已办结"), ("all", "全部")]
            + [(s.value, label) for s, label in STATUS_LABELS.items()],
            "years": _year_choices(agencies),
            "filters": {
                "status": status,
                "agency": agency_code,
                "year": year,
                "q": query,
                "urgency": urgency,
            },
            "query_string": params.urlencode(),
            "provisional_count": provisional.count(),
            "provisional_years": provisional_years,
            "is_admin": is_admin,
            "today": today,
        },
    )


# --- registration ------------------------------------------------------------------------------------------


def _applicant_data(data: dict[str, Any]) -> services.ApplicantData:
    return services.ApplicantData(
        kind=data["kind"],
        name=data["name"],
        id_type=data.get("id_type", ""),
        id_number=data.get("id_number", ""),
        credit_code=data.get("credit_code", "").strip().upper(),
        contact_person=data.get("contact_person", ""),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        address=data.get("address", ""),
        postcode=data.get("postcode", ""),
    )


@login_required
def register_request(request: HttpRequest) -> HttpResponse:
    """Register a paper (or letter, fax, e-mail …) application, 条例第二十九条 and 第三十一条."""
    agencies = access.acting_agencies(request.user)
    if not agencies:
        return access.forbidden(request, "您不是任何机关的工作人员，不能登记申请。")
    by_code = {a.code: a for a in agencies}
    if request.method == "POST":
        form = RegistrationForm(request.POST, agencies=agencies)
        if form.is_valid():
            data = form.cleaned_data
            agency = by_code[data["agency"]]
            try:
                registration = services.register_request(
                    agency=agency,
                    actor=request.user,
                    channel=data["channel"],
                    submitted_on=data["submitted_on"],
                    signed_on=data.get("signed_on"),
                    confirmed_on=data.get("confirmed_on"),
                    applicant=_applicant_data(data),
                    description=data["description"],
                    purpose=data.get("purpose", ""),
                    information_form=data.get("information_form", ""),
                    delivery_way=data.get("delivery_way", ""),
                    is_oral=data.get("is_oral", False),
                    assistance_note=data.get("assistance_note", ""),
                    submission_key=data["submission_key"],
                    today=_today(),
                )
            except services.PermissionRefused as exc:
                return access.forbidden(request, exc.message)
            except services.InvalidInput as exc:
                apply_service_errors(form, exc.errors)
            except services.ActionRefused as exc:
                form.add_error(None, exc.message)
            else:
                dr = registration.disclosure_request
                if not access.can_act_on(request.user, dr):
                    raise Http404("没有找到该申请。")
                if registration.created:
                    request.session[f"similar_{dr.pk}"] = [
                        s.disclosure_request.pk for s in registration.similar
                    ]
                    messages.success(request, f"已登记，申请编号 {dr.number}，查询码 {dr.tracking_code}。")
                else:
                    messages.info(request, f"该申请已经登记过（编号 {dr.number}），没有重复登记。")
                return redirect("office:request-detail", pk=dr.pk)
    else:
        current = access.current_agency(request, acting=True)
        form = RegistrationForm(
            agencies=agencies,
            initial={
                "agency": current.code if current else agencies[0].code,
                "submission_key": uuid.uuid4().hex,
                "submitted_on": _today(),
                "channel": "in_person",
                "kind": ApplicantKind.NATURAL_PERSON,
            },
        )
    return render(request, "office/register_request.html", {"form": form}, status=422 if form.errors else 200)


# --- the request page ---------------------------------------------------------------------------------------


@dataclass
class ActionPanel:
    action: str
    label: str
    article: str
    form: Any
    enabled: bool
    reason: str
    danger: bool
    is_open: bool = False


def _action_panels(
    request: HttpRequest, dr: DisclosureRequest, today: date, bound: dict[str, Any] | None = None
) -> list[ActionPanel]:
    held = roles_in(request.user, dr.agency)
    is_member = bool(held)
    allowed = set(lifecycle.allowed_actions(dr.status, held))
    panels = []
    for action, spec in ACTIONS.items():
        rule = spec.rule
        if Status(dr.status) not in rule.sources:
            continue  # not possible in this state at all: hidden
        if action == "end_consultation" and not dr.consultations.filter(answered_on__isnull=True).exists():
            continue
        if not is_member:
            reason = "您是上级机关人员，只能查看，不能办理。"
        elif action == "extend" and dr.has_extension:
            # 条例第三十三条：只能延长一次 (the service refuses it as well).
            reason = "答复期限已经延长过一次（条例第三十三条只允许延长一次）。"
        elif (
            action == "request_correction" and dr.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists()
        ):
            # 条例第三十条：一次性告知补正。
            reason = "已告知过补正（条例第三十条要求一次性告知）。"
        elif action not in allowed:
            reason = f"须由{roles_label(rule.roles)}办理（{rule.article}）。"
        else:
            reason = ""
        form = bound.get(action) if bound else None
        panels.append(
            ActionPanel(
                action=action,
                label=rule.label,
                article=rule.article,
                form=form or make_form(spec, dr, today),
                enabled=not reason,
                reason=reason,
                danger=spec.danger,
                is_open=form is not None,
            )
        )
    return panels


def _side_permissions(request: HttpRequest, dr: DisclosureRequest) -> dict[str, bool]:
    held = roles_in(request.user, dr.agency)
    if Role.ADMIN in held:
        held = held | set(lifecycle.STAFF)
    return {name: bool(held & roles) for name, roles in lifecycle.SIDE_ACTIONS.items()}


def request_page(
    request: HttpRequest,
    dr: DisclosureRequest,
    *,
    bound_actions: dict[str, Any] | None = None,
    draft_form: Any = None,
    attachment_form: Any = None,
    revealed_id_number: str = "",
    status: int = 200,
) -> HttpResponse:
    today = _today()
    clock = services.clock_state(dr, today)
    events = list(dr.events.select_related("actor").order_by("on", "at", "id"))
    letters = list(dr.letters.order_by("created_at", "id").prefetch_related("deliveries"))
    issued = [x for x in letters if x.status == LetterStatus.ISSUED]
    similar_ids = request.session.get(f"similar_{dr.pk}", [])
    similar = list(access.readable_requests(request.user).filter(pk__in=similar_ids)) if similar_ids else []
    side = _side_permissions(request, dr)
    return render(
        request,
        "office/request_detail.html",
        {
            "dr": dr,
            "applicant": dr.applicant,
            "clock": clock,
            "overdue_days": -clock.working_days_left
            if clock and clock.overdue and clock.working_days_left is not None
            else 0,
            "outcome_label": services.OUTCOME_LABELS.get(dr.outcome, dr.outcome),
            "timeline": [(e, describe_event(e)) for e in events],
            "panels": _action_panels(request, dr, today, bound_actions),
            "letters": letters,
            "draft_form": draft_form or DraftLetterForm(kinds=kind_choices(dr), issued=issued, initial={}),
            "issue_form": IssueLetterForm(initial={"on": today}),
            "delivery_form": DeliveryForm(initial={"delivered_on": today}),
            "side": side,
            "is_member": bool(roles_in(request.user, dr.agency)),
            "similar": similar,
            "consultations": list(dr.consultations.all()),
            "fee_notices": list(dr.fee_notices.all()),
            "attachments": list(dr.attachments.select_related("uploaded_by").order_by("id")),
            "attachment_form": attachment_form or AttachmentForm(),
            "unacknowledged_screening": services.unacknowledged_screening(dr),
            "revealed_id_number": revealed_id_number,
            "is_closed": Status(dr.status) in lifecycle.CLOSED_STATUSES,
            "is_archived": dr.status == Status.ARCHIVED,
            "today": today,
        },
        status=status,
    )


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dr = access.disclosure_request_for(request.user, pk)
    return request_page(request, dr)


@login_required
@require_POST
def request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one procedure action through its service (the lifecycle table decides if it is allowed)."""
    dr = access.disclosure_request_for(request.user, pk)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("没有这个办理操作。")
    if not access.can_act_on(request.user, dr):
        return access.forbidden(request, "您是上级机关人员，只能查看该申请，不能办理。", dr)
    detail = reverse("office:request-detail", args=[dr.pk])
    if not formtokens.consume(request):
        messages.info(request, "该表单已经提交过，没有重复办理。如需再次办理，请在页面上重新填写。")
        return redirect(detail)
    today = _today()
    form = make_form(spec, dr, today, data=request.POST)
    if form.is_valid():
        try:
            spec.call(dr, request.user, form.cleaned_data, today)
        except services.PermissionRefused as exc:
            messages.error(request, exc.message)
            return redirect(detail)
        except services.ActionRefused as exc:
            # 409-like: the state does not allow it now; say why in Chinese.
            messages.error(request, exc.message)
            return redirect(detail)
        except services.InvalidInput as exc:
            apply_service_errors(form, exc.errors)
        else:
            messages.success(request, f"已办理：{spec.rule.label}。")
            return redirect(detail)
    dr.refresh_from_db()
    messages.error(request, f"“{spec.rule.label}”未能办理，请按提示修改后重新提交。")
    return request_page(request, dr, bound_actions={action: form}, status=422)


@login_required
@require_POST
def reveal_identity(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the full identity number once; the service logs who looked and when."""
    dr = access.disclosure_request_for(request.user, pk)
    try:
        number = services.reveal_identity_number(
            dr, actor=request.user, purpose=request.POST.get("purpose", "办理申请")
        )
    except services.PermissionRefused as exc:
        return access.forbidden(request, exc.message, dr)
    if request.headers.get("HX-Request"):
        return render(request, "office/_revealed_id.html", {"number": number})
    return request_page(request, dr, revealed_id_number=number)


def event_kind_label(kind: str) -> str:
    return EventKind(kind).label if kind in EventKind.values else kind
