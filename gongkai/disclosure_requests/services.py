"""Every state change of a disclosure request, as one named service each (house style).

Each service: one transaction; lock the request; check the transition in `core.request_lifecycle`
and the actor's role through `gongkai.agencies.services`; change the fields with
`save(update_fields=…)`; append one immutable `Event`; recompute the reply clock. Refusals raise
`ActionRefused` (the action is not allowed now, 409) or `PermissionRefused` (the actor may not take
it, 403), bad input raises `InvalidInput` (field → message, 422) — all with Chinese messages.

The actor is a staff user, or None for the applicant (online application, online withdrawal) and
for the system (scheduled jobs). Due dates are computed in exactly one place: `refresh_clock`.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.services import has_role
from gongkai.core import request_lifecycle as lifecycle
from gongkai.core.annual_report.format import layout
from gongkai.core.identity import is_social_credit_code, mask_identity_number, resident_id_problem
from gongkai.core.request_lifecycle import Status
from gongkai.disclosure_requests import crypto
from gongkai.disclosure_requests.models import (
    APPLICANT_BOUND_ATTACHMENT_KINDS,
    AgencyLetterSettings,
    Applicant,
    ApplicantKind,
    Attachment,
    AttachmentKind,
    Channel,
    Consultation,
    ConsultationAnswer,
    ConsultationParty,
    Delivery,
    DeliveryMethod,
    DeliveryWay,
    DisclosureRequest,
    Event,
    EventKind,
    FeeNotice,
    IdentityAccessLog,
    IdType,
    InformationForm,
    Letter,
    LetterStatus,
    LetterTemplate,
    RegistrationCounter,
)

User = AbstractBaseUser

# Unambiguous alphabet for tracking codes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
TRACKING_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
TRACKING_LENGTH = 10

# 条例第三十条：收到申请之日起7个工作日内一次性告知补正。
CORRECTION_NOTICE_WORKING_DAYS = 7
# 条例第三十三条：延长答复的期限最长不得超过20个工作日。
MAX_EXTENSION_WORKING_DAYS = 20
# 收费办法：自收到收费通知之日的次日起20个工作日内缴费。
FEE_PAYMENT_WORKING_DAYS = 20
# 条例第三十二条、第三十四条：第三方、其他机关自收到征求意见书之日起15个工作日内提出意见。
CONSULTATION_WORKING_DAYS = 15

OUTCOME_IDS: tuple[str, ...] = tuple(r.id for r in layout("2021").outcome_leaves)
OUTCOME_LABELS: dict[str, str] = {r.id: r.label for r in layout("2021").outcome_leaves}
# Outcomes reached through their own services, not through a reply.
_OUTCOMES_BY_OWN_SERVICE = {
    "other.no_correction": "逾期不补正，视为放弃",
    "other.fee_unpaid": "逾期未缴费，视为放弃",
}


# --- errors ---------------------------------------------------------------------------------------


class ActionRefused(Exception):
    """The action is not allowed in the request's current state (API: 409)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PermissionRefused(ActionRefused):
    """The actor does not hold a role that may take the action (API: 403)."""


class InvalidInput(Exception):
    """Bad input; `errors` maps field names to Chinese messages (API: 422)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("；".join(f"{k}：{v}" for k, v in errors.items()))
        self.errors = errors
        self.message = "；".join(errors.values())


# --- input ------------------------------------------------------------------------------------------


@dataclass
class ApplicantData:
    """What an application says about the applicant (条例第二十九条第一项)."""

    kind: str
    name: str
    id_type: str = ""
    id_number: str = ""
    credit_code: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""


_PHONE = re.compile(r"^[0-9+\-() ]{7,20}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def validate_applicant(data: ApplicantData) -> dict[str, str]:
    """Field → Chinese message for everything wrong with the applicant's data (empty when fine)."""
    errors: dict[str, str] = {}
    if data.kind not in ApplicantKind.values:
        errors["kind"] = "申请人类型应为自然人、商业企业、科研机构、社会公益组织、法律服务机构或其他组织。"
    if not data.name.strip():
        errors["name"] = "请填写申请人姓名或名称。"
    id_type = data.id_type or (IdType.RESIDENT_ID if data.kind == ApplicantKind.NATURAL_PERSON else "")
    if data.kind == ApplicantKind.NATURAL_PERSON:
        # 条例第二十九条：申请书应包括申请人的身份证明。
        if not data.id_number.strip():
            errors["id_number"] = "请填写证件号码（条例第二十九条：申请应包括申请人的身份证明）。"
        elif id_type == IdType.RESIDENT_ID:
            problem = resident_id_problem(data.id_number)
            if problem:
                errors["id_number"] = problem
    if id_type and id_type not in IdType.values:
        errors["id_type"] = "证件类型不正确。"
    if data.credit_code.strip() and not is_social_credit_code(data.credit_code):
        errors["credit_code"] = "统一社会信用代码应为18位且校验位正确，请逐位核对。"
    is_organisation = data.kind != ApplicantKind.NATURAL_PERSON and data.kind in ApplicantKind.values
    if is_organisation and not data.credit_code.strip() and not data.id_number.strip():
        errors["credit_code"] = "法人或者其他组织请填写统一社会信用代码（或其他身份证明）。"
    if not (data.phone.strip() or data.email.strip() or data.address.strip()):
        errors["phone"] = "请至少填写一种联系方式（联系电话、电子邮箱或通讯地址）。"
    if data.phone.strip() and not _PHONE.match(data.phone.strip()):
        errors["phone"] = "联系电话格式不正确。"
    if data.email.strip() and not _EMAIL.match(data.email.strip()):
        errors["email"] = "电子邮箱格式不正确。"
    return errors


# --- helpers ----------------------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def _actor_label(actor: User | None, by_applicant: bool) -> str:
    if actor is None:
        return "申请人" if by_applicant else "系统"
    full = getattr(actor, "get_full_name", lambda: "")()
    return str(full or actor.get_username())


def _require(action: str, actor: User | None, agency: Agency, *, by_applicant: bool = False) -> None:
    """Refuse unless the actor holds a role the lifecycle table names for `action`."""
    rule = lifecycle.TRANSITIONS.get(action)
    roles = rule.roles if rule else lifecycle.SIDE_ACTIONS[action]
    label = rule.label if rule else action
    if actor is None:
        if by_applicant and lifecycle.APPLICANT in roles:
            return
        if not by_applicant and lifecycle.SYSTEM in roles:
            return
        raise PermissionRefused(f"“{label}”须由本机关工作人员办理。")
    staff_roles = [r for r in roles if r in {lifecycle.CLERK, lifecycle.REVIEWER, lifecycle.HEAD}]
    if not has_role(actor, agency, *staff_roles):
        names = "、".join(
            {"clerk": "经办人", "reviewer": "审核人", "head": "负责人"}[r] for r in sorted(staff_roles)
        )
        raise PermissionRefused(f"“{label}”须由{agency.name}的{names}办理，您没有相应岗位。")


def _lock(disclosure_request: DisclosureRequest) -> DisclosureRequest:
    """Lock the row for this transaction and refresh the caller's instance from it."""
    DisclosureRequest.objects.select_for_update().filter(pk=disclosure_request.pk).first()
    disclosure_request.refresh_from_db()
    return disclosure_request


def _check(action: str, disclosure_request: DisclosureRequest) -> lifecycle.Transition:
    try:
        return lifecycle.check(action, disclosure_request.status)
    except lifecycle.TransitionRefused as exc:
        raise ActionRefused(exc.message) from exc


def _event(
    disclosure_request: DisclosureRequest,
    kind: str,
    on: date,
    actor: User | None,
    data: dict[str, Any] | None = None,
    *,
    by_applicant: bool = False,
) -> Event:
    return Event.objects.create(
        disclosure_request=disclosure_request,
        kind=kind,
        actor=actor,
        actor_label=_actor_label(actor, by_applicant),
        at=timezone.now(),
        on=on,
        data=data or {},
    )


def _events_of(disclosure_request: DisclosureRequest, *kinds: str) -> QuerySet[Event]:
    return Event.objects.filter(disclosure_request=disclosure_request, kind__in=kinds)


def _not_before_receipt(disclosure_request: DisclosureRequest, on: date, what: str) -> None:
    start = disclosure_request.received_on or disclosure_request.submitted_on
    if on < start:
        raise InvalidInput({"on": f"{what}日期不能早于收到申请之日（{start.isoformat()}）。"})


def _next_number(agency: Agency, year: int, kind: str) -> int:
    counter, _ = RegistrationCounter.objects.select_for_update().get_or_create(
        agency=agency, year=year, kind=kind
    )
    RegistrationCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db()
    return counter.last


def _new_tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
        if not DisclosureRequest.objects.filter(tracking_code=code).exists():
            return code


# --- the clock: the only place a due date is computed -----------------------------------------------


def calendar_for(agency: Agency | None, *, provisional_ok: bool) -> Any:
    """The working-day calendar of the agency (the calendars app decides which data applies)."""
    from gongkai.calendars.services import calendar_for as _calendar_for

    return _calendar_for(agency=agency, provisional_ok=provisional_ok)


def clock_events(disclosure_request: DisclosureRequest) -> list[Any]:
    """Rebuild the core clock's events from the request's event log (the log is the truth)."""
    from gongkai.core.clock import ClockEvent

    out: list[Any] = []
    for event in Event.objects.filter(disclosure_request=disclosure_request).order_by("on", "at", "id"):
        mapped = _clock_event(event, ClockEvent)
        if mapped is not None:
            out.append(mapped)
    return out


def _clock_event(event: Event, clock_event: Any) -> Any:
    data = event.data
    kind = event.kind
    if kind == EventKind.REGISTERED and data.get("received_on"):
        # 条例第三十三条：自收到申请之日起20个工作日内答复。
        return clock_event("received", date.fromisoformat(data["received_on"]))
    if kind == EventKind.RECEIPT_CONFIRMED:
        # 条例第三十一条：以双方确认之日为收到申请之日。
        return clock_event("received", event.on)
    if kind == EventKind.CORRECTION_REQUESTED:
        return clock_event("correction_requested", event.on)
    if kind == EventKind.CORRECTION_RECEIVED:
        # 条例第三十条：答复期限自收到补正的申请之日起计算。
        return clock_event("correction_received", event.on)
    if kind == EventKind.CONSULTATION_STARTED and data.get("first_open"):
        # 条例第三十三条第三款：征求意见所需时间不计算在答复期限内（首个征求开始时中止）。
        return clock_event("pause_started", event.on, note="征求意见")
    if kind == EventKind.CONSULTATION_ENDED and data.get("last_open_ended"):
        return clock_event("pause_ended", event.on, note="征求意见")
    if kind == EventKind.EXTENDED:
        # 条例第三十三条第二款：延长不超过20个工作日。
        return clock_event(
            "extended", event.on, working_days=int(data["working_days"]), note=data.get("reason", "")
        )
    if kind == EventKind.FEE_NOTICE_ISSUED:
        return clock_event("fee_notified", event.on)
    if kind == EventKind.FEE_PAID:
        return clock_event("fee_paid", event.on)
    if kind == EventKind.AGENCY_PERIOD_SET:
        # 条例第三十五条：确定延迟答复的合理期限。
        return clock_event("agency_period_set", event.on, until=date.fromisoformat(data["due_on"]))
    return None


def clock_state(disclosure_request: DisclosureRequest, today: date | None = None) -> Any | None:
    """The reply clock as of `today` (never raises for a missing calendar year: provisional instead).

    None while the receipt date is not known yet (条例第三十一条：确认前不起算).
    """
    from gongkai.core.clock import reply_clock

    if disclosure_request.received_on is None:
        return None
    today = today or _today()
    events = clock_events(disclosure_request)
    fee_pauses = bool(getattr(settings, "GONGKAI_FEE_PAUSES_CLOCK", True))
    calendar = calendar_for(disclosure_request.agency, provisional_ok=True)
    return reply_clock(events, calendar, today, fee_pauses_clock=fee_pauses, provisional_ok=True)


def refresh_clock(disclosure_request: DisclosureRequest, today: date | None = None) -> Any | None:
    """Recompute and store the due date (the only writer of due_on / due_is_provisional)."""
    state = clock_state(disclosure_request, today)
    if state is None:
        due_on, provisional, paused = None, False, False
    else:
        due_on, provisional, paused = state.due_on, bool(state.provisional), bool(state.paused)
    disclosure_request.due_on = due_on
    disclosure_request.due_is_provisional = provisional
    disclosure_request.is_clock_paused = paused
    disclosure_request.clock_computed_on = today or _today()
    disclosure_request.save(
        update_fields=["due_on", "due_is_provisional", "is_clock_paused", "clock_computed_on"]
    )
    return state


def _working_days_after(agency: Agency, start: date, n: int) -> tuple[date, bool]:
    """The n-th working day after start, and whether the result rests on an assumed (missing) year."""
    calendar = calendar_for(agency, provisional_ok=True)
    result = calendar.add_working_days(start, n)
    return result, bool(getattr(calendar, "assumed_years", ()))


def _working_days_between(agency: Agency, start: date, end: date) -> int:
    return int(calendar_for(agency, provisional_ok=True).working_days_between(start, end))


@transaction.atomic
def recompute_deadlines(today: date | None = None, *, only_provisional: bool = False) -> int:
    """Recompute every open request's due date (daily job); return how many due dates changed."""
    changed = 0
    qs = DisclosureRequest.objects.filter(status__in=[s.value for s in lifecycle.OPEN_STATUSES])
    if only_provisional:
        qs = qs.filter(due_is_provisional=True)
    for disclosure_request in qs.select_related("agency"):
        before = (disclosure_request.due_on, disclosure_request.due_is_provisional)
        refresh_clock(disclosure_request, today)
        after = (disclosure_request.due_on, disclosure_request.due_is_provisional)
        if before != after:
            changed += 1
            _event(
                disclosure_request,
                EventKind.DUE_DATE_RECOMPUTED,
                today or _today(),
                None,
                {
                    "before": before[0].isoformat() if before[0] else None,
                    "after": after[0].isoformat() if after[0] else None,
                    "was_provisional": before[1],
                    "is_provisional": after[1],
                },
            )
    return changed


def provisional_requests(agencies: QuerySet[Agency] | None = None) -> QuerySet[DisclosureRequest]:
    """Open requests whose due date rests on a year without holiday data (admin alert: import the notice)."""
    qs = DisclosureRequest.objects.filter(
        due_is_provisional=True, status__in=[s.value for s in lifecycle.OPEN_STATUSES]
    )
    if agencies is not None:
        qs = qs.filter(agency__in=agencies)
    return qs.select_related("agency").order_by("due_on")


# --- registration -----------------------------------------------------------------------------------


def legal_receipt_date(
    channel: str, submitted_on: date, signed_on: date | None = None, confirmed_on: date | None = None
) -> date | None:
    """The legal 收到申请之日 (条例第三十一条), or None while a confirmation is still needed."""
    from gongkai.core.clock import ClockRuleError, legal_receipt_on

    # 条例第三十一条：平常信函、互联网渠道、传真以（双方）确认之日为收到申请之日；确认前待确认。
    if channel in (Channel.LETTER, Channel.ONLINE, Channel.FAX) and confirmed_on is None:
        return None
    try:
        return legal_receipt_on(channel, submitted_on, signed_on=signed_on, confirmed_on=confirmed_on)  # type: ignore[arg-type]
    except ClockRuleError as exc:
        field_name = "signed_on" if channel == Channel.POST else "confirmed_on"
        raise InvalidInput({field_name: exc.message}) from exc


@dataclass
class SimilarRequest:
    disclosure_request: DisclosureRequest
    score: float
    same_applicant_by: str  # "证件号码" or "姓名和电话"


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\s，。、；：,.;:!?！？“”\"'（）()《》]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def description_similarity(a: str, b: str) -> float:
    """Similarity 0..1 of two descriptions: the larger of bigram Jaccard and difflib's ratio."""
    ba, bb = _bigrams(a), _bigrams(b)
    jaccard = len(ba & bb) / len(ba | bb) if ba | bb else 0.0
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    return max(jaccard, ratio)


def _same_applicant(id_hash: str, name: str, phone: str) -> Q:
    """Requests whose applicant is this person or body: the same identity number, or name and phone."""
    same = Q(pk__in=[])
    if id_hash:
        same |= Q(applicant__id_number_hash=id_hash)
    if name.strip() and phone.strip():
        same |= Q(applicant__name=name.strip(), applicant__phone=phone.strip())
    return same


def applications_this_month(disclosure_request: DisclosureRequest) -> int:
    """How many applications the same applicant made to the same agency earlier in the same natural month.

    收费办法第四条：按件计收以申请人一个自然月内累计申请件数分档. Counted by the legal receipt date
    (条例第三十一条), earlier than this request (same day: registered before it); applications not yet
    confirmed have no receipt date and are not counted. The clerk may still correct the figure (e.g.
    applications to the agency that were never registered here).
    """
    received_on = disclosure_request.received_on or disclosure_request.submitted_on
    applicant = disclosure_request.applicant
    same = _same_applicant(applicant.id_number_hash, applicant.name, applicant.phone)
    earlier = Q(received_on__lt=received_on) | Q(received_on=received_on, pk__lt=disclosure_request.pk)
    return (
        DisclosureRequest.objects.filter(same, earlier, agency=disclosure_request.agency)
        .filter(received_on__gte=received_on.replace(day=1))
        .exclude(pk=disclosure_request.pk)
        .count()
    )


def find_similar_requests(
    agency: Agency,
    applicant: ApplicantData,
    description: str,
    *,
    exclude_id: int | None = None,
    threshold: float = 0.35,
    limit: int = 5,
) -> list[SimilarRequest]:
    """Earlier requests by the same applicant for similar information (条例第三十六条第（六）项：重复申请)."""
    id_hash = crypto.identity_hash(applicant.id_number) if applicant.id_number.strip() else ""
    same = _same_applicant(id_hash, applicant.name, applicant.phone)
    qs = DisclosureRequest.objects.filter(same, agency=agency).select_related("applicant")
    if exclude_id is not None:
        qs = qs.exclude(pk=exclude_id)
    found = []
    for earlier in qs.order_by("-submitted_on")[:200]:
        score = description_similarity(description, earlier.description)
        if score >= threshold:
            by = "证件号码" if id_hash and earlier.applicant.id_number_hash == id_hash else "姓名和电话"
            found.append(SimilarRequest(earlier, round(score, 2), by))
    found.sort(key=lambda s: s.score, reverse=True)
    return found[:limit]


def _applicant_row(data: ApplicantData) -> Applicant:
    id_type = data.id_type or (IdType.RESIDENT_ID if data.kind == ApplicantKind.NATURAL_PERSON else "")
    number = data.id_number.strip().upper()
    if not number and data.credit_code.strip():
        id_type, number = IdType.CREDIT_CODE, data.credit_code.strip().upper()
    return Applicant.objects.create(
        kind=data.kind,
        name=data.name.strip(),
        id_type=id_type,
        id_number_encrypted=crypto.encrypt(number) if number else "",
        id_number_masked=mask_identity_number(number) if number else "",
        id_number_hash=crypto.identity_hash(number) if number else "",
        credit_code=data.credit_code.strip().upper(),
        contact_person=data.contact_person.strip(),
        phone=data.phone.strip(),
        email=data.email.strip(),
        address=data.address.strip(),
        postcode=data.postcode.strip(),
    )


@dataclass
class Registration:
    """What register_request returns: the request, and the earlier similar ones to show staff."""

    disclosure_request: DisclosureRequest
    similar: list[SimilarRequest] = field(default_factory=list)
    created: bool = True


@transaction.atomic
def register_request(
    *,
    agency: Agency,
    actor: User | None,
    channel: str,
    submitted_on: date,
    applicant: ApplicantData,
    description: str,
    purpose: str = "",
    information_form: str = "",
    delivery_way: str = "",
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    is_oral: bool = False,
    assistance_note: str = "",
    submission_key: str | None = None,
    today: date | None = None,
) -> Registration:
    """Register an application (登记).

    Staff registration (actor = a staff user) or an online application (actor None: the applicant on
    the portal). 条例第三十一条: an application by ordinary letter, internet or fax counts as received
    on the day both sides confirm it; until `confirm_receipt` it waits as 待确认 and no clock runs.
    Online applications always wait for the office's confirmation.
    `submission_key` makes a resubmitted form return the first registration (created=False).
    """
    by_applicant = actor is None
    _require("register", actor, agency, by_applicant=by_applicant)
    if submission_key:
        existing = DisclosureRequest.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return Registration(existing, [], created=False)
    errors = {f"applicant.{k}": v for k, v in validate_applicant(applicant).items()}
    if channel not in Channel.values:
        errors["channel"] = "提交方式应为当面提交、邮寄、平常信函、互联网或传真。"
    if not description.strip():
        # 条例第二十九条第二项：申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述。
        errors["description"] = (
            "请填写所需政府信息的名称、文号或者便于查询的其他特征性描述（条例第二十九条）。"
        )
    if information_form and information_form not in InformationForm.values:
        errors["information_form"] = "获取信息的方式应为纸质、电子邮件、光盘或当面查阅。"
    if delivery_way and delivery_way not in DeliveryWay.values:
        errors["delivery_way"] = "提供方式应为邮寄、电子邮件或自行领取。"
    today = today or _today()
    if submitted_on > today:
        errors["submitted_on"] = "提交日期不能晚于今天。"
    for name, value in (("signed_on", signed_on), ("confirmed_on", confirmed_on)):
        if value is not None and value < submitted_on:
            errors[name] = "签收或确认日期不能早于提交日期。"
    if by_applicant and channel != Channel.ONLINE:
        errors["channel"] = "申请人自行提交的申请只能通过互联网渠道。"
    if errors:
        raise InvalidInput(errors)

    if by_applicant:
        received_on = None  # 条例第三十一条：互联网渠道以双方确认之日为收到申请之日。
    else:
        received_on = legal_receipt_date(
            channel, submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
        )
    status = Status.IN_PROGRESS if received_on is not None else Status.PENDING_CONFIRMATION
    year = (received_on or submitted_on).year
    sequence = _next_number(agency, year, "request")
    disclosure_request = DisclosureRequest.objects.create(
        agency=agency,
        number=f"{year}-{sequence:04d}",
        tracking_code=_new_tracking_code(),
        submission_key=submission_key or None,
        applicant=_applicant_row(applicant),
        channel=channel,
        is_oral=is_oral,
        assistance_note=assistance_note,
        submitted_on=submitted_on,
        signed_on=signed_on,
        confirmed_on=confirmed_on if received_on else None,
        received_on=received_on,
        description=description.strip(),
        purpose=purpose.strip(),
        information_form=information_form,
        delivery_way=delivery_way,
        status=status,
    )
    similar = find_similar_requests(agency, applicant, description, exclude_id=disclosure_request.pk)
    _event(
        disclosure_request,
        EventKind.REGISTERED,
        submitted_on,
        actor,
        {
            "channel": channel,
            "received_on": received_on.isoformat() if received_on else None,
            "is_oral": is_oral,
            "similar": [
                {"id": s.disclosure_request.pk, "number": s.disclosure_request.number, "score": s.score}
                for s in similar
            ],
        },
        by_applicant=by_applicant,
    )
    refresh_clock(disclosure_request, today)
    return Registration(disclosure_request, similar)


@transaction.atomic
def confirm_receipt(
    disclosure_request: DisclosureRequest, *, actor: User | None, on: date, today: date | None = None
) -> DisclosureRequest:
    """Record the confirmation with the applicant; it is the legal receipt date (条例第三十一条)."""
    _lock(disclosure_request)
    _require("confirm_receipt", actor, disclosure_request.agency)
    _check("confirm_receipt", disclosure_request)
    if on < disclosure_request.submitted_on:
        raise InvalidInput({"on": "确认日期不能早于提交日期。"})
    disclosure_request.confirmed_on = on
    disclosure_request.received_on = on
    disclosure_request.status = Status.IN_PROGRESS
    disclosure_request.save(update_fields=["confirmed_on", "received_on", "status"])
    _event(disclosure_request, EventKind.RECEIPT_CONFIRMED, on, actor)
    refresh_clock(disclosure_request, today)
    return disclosure_request


# --- correction (条例第三十条) -------------------------------------------------------------------------


@transaction.atomic
def request_correction(
    disclosure_request: DisclosureRequest,
    *,
    actor: User | None,
    on: date,
    items: str,
    period_working_days: int | None = None,
    today: date | None = None,
) -> DisclosureRequest:
    """Tell the applicant, in one go, what to correct (告知补正)."""
    _lock(disclosure_request)
    _require("request_correction", actor, disclosure_request.agency)
    _check("request_correction", disclosure_request)
    if not items.strip():
        raise InvalidInput({"items": "请一次性写明需要补正的事项（条例第三十条）。"})
    _not_before_receipt(disclosure_request, on, "告知补正")
    # 条例第三十条：一次性告知——只能告知补正一次。
    if _events_of(disclosure_request, EventKind.CORRECTION_REQUESTED).exists():
        raise ActionRefused("已告知过补正。条例第三十条要求一次性告知，不能再次要求补正。")
    received_on = disclosure_request.received_on
    assert received_on is not None  # IN_PROGRESS implies a receipt date
    # 条例第三十条：应当在收到申请之日起7个工作日内一次性告知。
    latest, _ = _working_days_after(disclosure_request.agency, received_on, CORRECTION_NOTICE_WORKING_DAYS)
    if on > latest:
        raise ActionRefused(
            f"告知补正须在收到申请之日起7个工作日内（即{latest.isoformat()}前）发出（条例第三十条），现已超过。"
        )
    if period_working_days is None:
        letter_settings = AgencyLetterSettings.objects.filter(agency=disclosure_request.agency).first()
        period_working_days = letter_settings.correction_period_days if letter_settings else 15
    if period_working_days < 1:
        raise InvalidInput({"period_working_days": "补正期限至少为1个工作日。"})
    correction_due_on, _ = _working_days_after(disclosure_request.agency, on, period_working_days)
    disclosure_request.status = Status.AWAITING_CORRECTION
    disclosure_request.correction_due_on = correction_due_on
    disclosure_request.save(update_fields=["status", "correction_due_on"])
    _event(
        disclosure_request,
        EventKind.CORRECTION_REQUESTED,
        on,
        actor,
        {
            "items": items.strip(),
            "period_working_days": period_working_days,
            "correction_due_on": correction_due_on.isoformat(),
        },
    )
    refresh_clock(disclosure_request, today)
    return disclosure_request


@transaction.atomic
def receive_correction(
    disclosure_request: DisclosureRequest,
    *,
    actor: User | None,
    on: date,
    note: str = "",
    today: date | None = None,
) -> DisclosureRequest:
    """Record the corrected application; the 20 working days run again from `on` (条例第三十条)."""
    by_applicant = actor is None
    _lock(disclosure_request)
    _require("receive_correction", actor, disclosure_request.agency, by_applicant=by_applicant)
    _check("receive_correction", disclosure_request)
    requested = _events_of(disclosure_request, EventKind.CORRECTION_REQUESTED).last()
    if requested is not None and on < requested.on:
        raise InvalidInput({"on": "收到补正日期不能早于告知补正日期。"})
    disclosure_request.status = Status.IN_PROGRESS
    disclosure_request.save(update_fields=["status"])
    _event(
        disclosure_request,
        EventKind.CORRECTION_RECEIVED,
        on,
        actor,
        {"note": note},
        by_applicant=by_applicant,
    )
    refresh_clock(disclosure_request, today)
    return disclosure_request


def _close(
    disclosure_request: DisclosureRequest,
    *,
    status: Status,
    outcome: str,
    on: date,
    legal_basis: str = "",
    reasons: str = "",
) -> None:
    disclosure_request.status = status
    disclosure_request.outcome = outcome
    disclosure_request.legal_basis = legal_basis
    disclosure_request.reasons = reasons
    disclosure_request.replied_on = on
    disclosure_request.save(update_fields=["status", "outcome", "legal_basis", "reasons", "replied_on"])


@transaction.atomic
def mark_abandoned(
    disclosure_request: DisclosureRequest,
    *,
    actor: User | None,
    on: date,
    reasons: str = "",
    today: date | None = None,
) -> DisclosureRequest:
    """No correction within the period without good reason: deemed abandoned (条例第三十条; 表三（六）1)."""
    _lock(disclosure_request)
    _require("mark_abandoned", actor, disclosure_request.agency)
    _check("mark_abandoned", disclosure_request)
    due = disclosure_request.correction_due_on
    if due is not None and on <= due:
        raise ActionRefused(f"补正期限至{due.isoformat()}届满，期限届满前不能视为放弃申请（条例第三十条）。")
    _close(
        disclosure_request,
        status=Status.ABANDONED,
        outcome="other.no_correction",
        on=on,
        legal_basis="《中华人民共和国政府信息公开条例》第三十条",
        reasons=reasons or "申请人无正当理由逾期不补正，视为放弃申请，本机关不再处理。",
    )
    _event(disclosure_request, EventKind.ABANDONED, on, actor, {"outcome": "other.no_correction"})
    refresh_clock(disclosure_request, today)
    return disclosure_request


# --- consultation (条例第三十二条、第三十四条) ------------------------------------------------------------


@transaction.atomic
def start_consultation(
    disclosure_request: DisclosureRequest,
    *,
    actor: User | None,
    on: date,
    party_kind: str,
    party_name: str,
    today: date | None = None,
) -> Consultation:
    """Send a written consultation; its time is not counted in the reply period (条例第三十三条)."""
    _lock(disclosure_request)
    _require("start_consultation", actor, disclosure_request.agency)
    _check("start_consultation", disclosure_request)
    errors = {}
    if party_kind not in ConsultationParty.values:
        errors["party_kind"] = "征求对象类别应为第三方（条例第三十二条）或其他行政机关（条例第三十四条）。"
    if not party_name.strip():
        errors["party_name"] = "请填写征求意见的对象。"
    if errors:
        raise InvalidInput(errors)
    _not_before_receipt(disclosure_request, on, "征求意见")
    # 条例第三十二条、第三十四条：自收到征求意见书之日起15个工作日内提出意见。
    answer_due_on, _ = _working_days_after(disclosure_request.agency, on, CONSULTATION_WORKING_DAYS)
    consultation = Consultation.objects.create(
        disclosure_request=disclosure_request,
        party_kind=party_kind,
        party_name=party_name.strip(),
        started_on=on,
        answer_due_on=answer_due_on,
    )
    was_paused = disclosure_request.status == Status.IN_CONSULTATION
    disclosure_request.status = Status.IN_CONSULTATION
    disclosure_request.save(update_fields=["status"])
    _event(
        disclosure_request,
        EventKind.CONSULTATION_STARTED,
        on,
        actor,
        {
            "consultation_id": consultation.pk,
            "party_kind": party_kind,
            "party_name": consultation.party_name,
            "answer_due_on": answer_due_on.isoformat(),
            "first_open": not was_paused,
        },
    )
    refresh_clock(disclosure_request, today)
    return consultation


@transaction.atomic
def record_consultation_answer(
    consultation: Consultation,
    *,
    actor: User | None,
    on: date,
    answer: str,
    answer_text: str = "",
    today: date | None = None,
) -> DisclosureRequest:
    """Record a consulted party's answer, or its silence once the 15 working days have run out."""
    disclosure_request = _lock(consultation.disclosure_request)
    consultation.refresh_from_db()
    _require("end_consultation", actor, disclosure_request.agency)
    _check("end_consultation", disclosure_request)
    if consultation.answered_on is not None:
        raise ActionRefused("该征求意见已经结束。")
    if answer not in ConsultationAnswer.values:
        raise InvalidInput({"answer": "意见应为同意公开、不同意公开、其他意见或逾期未答复。"})
    if on < consultation.started_on:
        raise InvalidInput({"on": "意见反馈日期不能早于征求意见日期。"})
    if (
        answer == ConsultationAnswer.SILENCE
        and consultation.answer_due_on
        and on <= consultation.answer_due_on
    ):
        raise ActionRefused(
            f"征求意见期限至{consultation.answer_due_on.isoformat()}届满，届满前不能记为逾期未答复（条例第三十二条、第三十四条）。"
        )
    consultation.answered_on = on
    consultation.answer = answer
    consultation.answer_text = answer_text
    consultation.save(update_fields=["answered_on", "answer", "answer_text"])
    still_open = disclosure_request.consultations.filter(answered_on__isnull=True).exists()
    if not still_open:
        disclosure_request.status = Status.IN_PROGRESS
        disclosure_request.save(update_fields=["status"])
    note = ""
    if answer == ConsultationAnswer.SILENCE and consultation.party_kind == ConsultationParty.AGENCY:
        note = "条例第三十四条：被征求意见机关逾期未答复的，视为同意公开。"
    elif answer == ConsultationAnswer.SILENCE:
        note = "条例第三十二条：第三方逾期未提出意见的，由行政机关依照条例规定决定是否公开。"
    _event(
        disclosure_request,
        EventKind.CONSULTATION_ENDED,
        on,
        actor,
        {
            "consultation_id": consultation.pk,
            "party_name": consultation.party_name,
            "answer": answer,
            "answer_text": answer_text,
            "note": note,
            "last_open_ended": not still_open,
        },
    )
    refresh_clock(disclosure_request, today)
    return disclosure_request


def end_open_consultations(
    disclosure_request: DisclosureRequest,
    *,
    actor: User | None,
    on: date,
    answer: str,
    answer_text: str = "",
    today: date | None = None,
) -> DisclosureRequest:
    """Record the same answer for every open consultation (the API's `end_consultation`)."""
    with transaction.atomic():
        _lock(disclosure_request)
        _check("end_consultation", disclosure_request)
        open_ones = list(disclosure_request.consultations.filter(answered_on__isnull=True))
        for consultation in open_ones:
            record_consultation_answer(
                consultation, actor=actor, on=on, answer=answer, answer_text=answer_text, today=today
            )
        disclosure_request.refresh_from_db()
        return disclosure_request


# --- extension and Art. 35 ----------------------------------------------------------------------------


@transaction.atomic
def extend_deadline(
    disclosure_request: DisclosureRequest,
    *,
    actor: User | None,
    on: date,
    working_days: int,
    reason: str = "",
    today: date | None = None,
) -> DisclosureRequest:
    """Extend the reply period (条例第三十三条：延长不超过20个工作日，需负责人同意，只延长一次)."""
    _lock(disclosure_request)
    _require("extend", actor, disclosure_request.agency)
    _check("extend", disclosure_request)
    if (
        isinstance(working_days, bool)
        or not isinstance(working_days, int)
        or not 1 <= working_days <= MAX_EXTENSION_WORKING_DAYS
    ):
        raise InvalidInput({"working_days": "延长的期限应为1至20个工作日（条例第三十三条）。"})
    if disclosure_request.has_extension:
        raise ActionRefused("答复期限已经延长过一次，条例第三十三条只允许延长一次。")
    if _events_of(disclosure_request, EventKind.AGENCY_PERIOD_SET).exists():
        raise ActionRefused("已依条例第三十五条确定延迟答复期限，不再适用第三十三条的延期。")
    state = clock_state(disclosure_request, today)
    # [U] 条例第三十三条：延期须在原答复期限届满前决定并告知申请人（时间要求为实践做法）。
    if state is not None and state.due_on is not None and on > state.due_on:
        raise ActionRefused(f"答复期限已于{state.due_on.isoformat()}届满，不能再延长（条例第三十三条）。")
    disclosure_request.has_extension = True
    disclosure_request.save(update_fields=["has_extension"])
    _event(
        disclosure_request,
        EventKind.EXTENDED,
        on,
        actor,
        {"working_days": working_days, "reason": reason, "approved_by_head": True},
    )
    refresh_clock(disclosure_request, today)
    return disclosure_request


@transaction.atomic
def set_agency_period(
    disclosure_request: DisclosureRequest,
    *,
    actor: User | None,
    on: date,
    due_on: date,
    reasons: str,
    today: date | None = None,
) -> DisclosureRequest:
    """Set a reasonable delayed reply date for an excessive but reasonable request (条例第三十五条)."""
    _lock(disclosure_request)
    _require("set_agency_period", actor, disclosure_request.agency)
    _check("set_agency_period", disclosure_request)
    errors = {}
    if not reasons.strip():
        errors["reasons"] = "请写明申请理由合理、但无法在规定期限内答复的情况（条例第三十五条）。"
    if due_on <= on:
        errors["due_on"] = "延迟答复的期限应晚于今天。"
    if errors:
        raise InvalidInput(errors)
    _event(
        disclosure_request,
        EventKind.AGENCY_PERIOD_SET,
        on,
        actor,
        {"due_on": due_on.isoformat(), "reasons": reasons},
    )
    refresh_clock(disclosure_request, today)
    return disclosure_request


# --- fees (国办函〔2020〕109号) -------------------------------------------------------------------------


@transaction.atomic
def issue_fee_notice(
    disclosure_request: DisclosureRequest,
    *,
    actor: User | None,
    on: date,
    quote: Any,
    today: date | None = None,
) -> FeeNotice:
    """Record a fee notice received by the applicant on `on` (`quote`: a core.fees.FeeQuote)."""
    _lock(disclosure_request)
    _require("issue_fee_notice", actor, disclosure_request.agency)
    _check("issue_fee_notice", disclosure_request)
    if getattr(quote, "free", False) or Decimal(quote.amount_yuan) <= 0:
        raise InvalidInput({"quote": "按收费标准本申请不收费，无需发出收费通知（条例第四十二条）。"})
    _not_before_receipt(disclosure_request, on, "收费通知")
    # 收费办法：申请人自收到收费通知之日的次日起20个工作日内缴费（起算规则同民法典第二百零一条）。
    pay_by_on, _ = _working_days_after(disclosure_request.agency, on, FEE_PAYMENT_WORKING_DAYS)
    notice = FeeNotice.objects.create(
        disclosure_request=disclosure_request,
        method=quote.method,
        amount_yuan=quote.amount_yuan,
        explanation=list(quote.explanation),
        notified_on=on,
        pay_by_on=pay_by_on,
    )
    disclosure_request.status = Status.AWAITING_FEE
    disclosure_request.save(update_fields=["status"])
    _event(
        disclosure_request,
        EventKind.FEE_NOTICE_ISSUED,
        on,
        actor,
        {
            "fee_notice_id": notice.pk,
            "method": quote.method,
            "amount_yuan": str(quote.amount_yuan),
            "pay_by_on": pay_by_on.isoformat(),
        },
    )
    refresh_clock(disclosure_request, today)
    return notice


def _open_fee_notice(disclosure_request: DisclosureRequest) -> FeeNotice:
    notice = disclosure_request.fee_notices.filter(paid_on__isnull=True, lapsed_on__isnull=True).last()
    if notice is None:
        raise ActionRefused("没有待缴费的收费通知。")
    return notice


@transaction.atomic
def record_fee_payment(
    disclosure_request: DisclosureRequest, *, actor: User | None, on: date, today: date | None = None
) -> DisclosureRequest:
    _lock(disclosure_request)
    _require("record_fee_payment", actor, disclosure_request.agency)
    _check("record_fee_payment", disclosure_request)
    notice = _open_fee_notice(disclosure_request)
    if on < notice.notified_on:
        raise InvalidInput({"on": "缴费日期不能早于收到收费通知之日。"})
    notice.paid_on = on
    notice.save(update_fields=["paid_on"])
    disclosure_request.status = Status.IN_PROGRESS
    disclosure_request.save(update_fields=["status"])
    _event(
        disclosure_request,
        EventKind.FEE_PAID,
        on,
        actor,
        {"fee_notice_id": notice.pk, "amount_yuan": str(notice.amount_yuan)},
    )
    refresh_clock(disclosure_request, today)
    return disclosure_request


@transaction.atomic
def lapse_fee(
    disclosure_request: DisclosureRequest, *, actor: User | None, on: date, today: date | None = None
) -> DisclosureRequest:
    """Not paid within 20 working days: deemed abandoned (收费办法; 表三（六）2)."""
    _lock(disclosure_request)
    _require("lapse_fee", actor, disclosure_request.agency)
    _check("lapse_fee", disclosure_request)
    notice = _open_fee_notice(disclosure_request)
    if notice.pay_by_on is not None and on <= notice.pay_by_on:
        raise ActionRefused(f"缴费期限至{notice.pay_by_on.isoformat()}届满，期限届满前不能视为放弃申请。")
    notice.lapsed_on = on
    notice.save(update_fields=["lapsed_on"])
    _close(
        disclosure_request,
        status=Status.ABANDONED,
        outcome="other.fee_unpaid",
        on=on,
        legal_basis="《政府信息公开信息处理费管理办法》",
        reasons="申请人逾期未按收费通知要求缴纳费用，视为放弃申请，本机关不再处理。",
    )
    _event(
        disclosure_request,
        EventKind.FEE_LAPSED,
        on,
        actor,
        {"fee_notice_id": notice.pk, "outcome": "other.fee_unpaid"},
    )
    refresh_clock(disclosure_request, today)
    return disclosure_request


# --- reply, withdrawal, archive ---------------------------------------------------------------------


def reply_requirements(outcome: str) -> tuple[bool, bool]:
    """(reasons required, legal basis required) for an outcome (条例第三十六条、第三十七条)."""
    family = outcome.split(".")[0]
    # 条例第三十六条第（三）项：不予公开的，告知申请人并说明理由；第三十七条：部分公开的，对不予公开部分说明理由。
    needs_basis = family == "withheld" or outcome == "partially_granted"
    # 条例第三十六条第（四）（五）（六）项、第三十八条、第三十九条：告知申请人（并说明理由）；“其他”须写明具体情况。
    needs_reasons = needs_basis or family in {"unable", "not_processed"} or outcome == "other.other"
    return needs_reasons, needs_basis


@transaction.atomic
def record_reply(
    disclosure_request: DisclosureRequest,
    *,
    actor: User | None,
    on: date,
    outcome: str,
    legal_basis: str = "",
    reasons: str = "",
    today: date | None = None,
) -> DisclosureRequest:
    """Record the reply with exactly one outcome = one leaf row of 表三 (条例第三十六条至第三十九条)."""
    _lock(disclosure_request)
    _require("reply", actor, disclosure_request.agency)
    _check("reply", disclosure_request)
    if outcome not in OUTCOME_IDS:
        raise InvalidInput(
            {
                "outcome": f"办理结果应为年报表三的一个具体项目（如 granted、withheld.state_secret），收到：{outcome}"
            }
        )
    if outcome in _OUTCOMES_BY_OWN_SERVICE:
        raise ActionRefused(f"“{OUTCOME_LABELS[outcome]}”请使用“{_OUTCOMES_BY_OWN_SERVICE[outcome]}”操作。")
    needs_reasons, needs_basis = reply_requirements(outcome)
    errors = {}
    if needs_reasons and not reasons.strip():
        errors["reasons"] = f"“{OUTCOME_LABELS[outcome]}”须向申请人说明理由（条例第三十六条）。"
    if needs_basis and not legal_basis.strip():
        errors["basis"] = (
            f"“{OUTCOME_LABELS[outcome]}”须写明法律依据（条例第三十六条第（三）项、第三十七条）。"
        )
    if errors:
        raise InvalidInput(errors)
    # 表三（四）3“补正后申请内容仍不明确”只适用于已补正的申请。
    if (
        outcome == "unable.unclear_after_correction"
        and not _events_of(disclosure_request, EventKind.CORRECTION_RECEIVED).exists()
    ):
        raise ActionRefused("该申请没有补正记录，不能答复为“补正后申请内容仍不明确”（条例第三十条）。")
    if disclosure_request.consultations.filter(answered_on__isnull=True).exists():
        raise ActionRefused("仍有征求意见未结束，请先记录意见或逾期未答复（条例第三十二条、第三十四条）。")
    _refuse_unacknowledged_screening(disclosure_request)
    _not_before_receipt(disclosure_request, on, "答复")
    _close(
        disclosure_request,
        status=Status.REPLIED,
        outcome=outcome,
        on=on,
        legal_basis=legal_basis.strip(),
        reasons=reasons.strip(),
    )
    _event(
        disclosure_request,
        EventKind.REPLIED,
        on,
        actor,
        {
            "outcome": outcome,
            "outcome_label": OUTCOME_LABELS[outcome],
            "legal_basis": legal_basis.strip(),
            "reasons": reasons.strip(),
            "due_on": disclosure_request.due_on.isoformat() if disclosure_request.due_on else None,
            "late": bool(disclosure_request.due_on and on > disclosure_request.due_on),
        },
    )
    refresh_clock(disclosure_request, today)
    return disclosure_request


@transaction.atomic
def withdraw(
    disclosure_request: DisclosureRequest,
    *,
    actor: User | None,
    on: date,
    reason: str,
    today: date | None = None,
) -> DisclosureRequest:
    """The applicant withdraws (online, actor None; or staff on the applicant's word). 表三（六）3 其他."""
    by_applicant = actor is None
    _lock(disclosure_request)
    _require("withdraw", actor, disclosure_request.agency, by_applicant=by_applicant)
    _check("withdraw", disclosure_request)
    if not reason.strip():
        raise InvalidInput(
            {"reason": "请写明撤回的情况（如申请人书面或电话申请撤回），“其他”结果须说明理由。"}
        )
    if on < disclosure_request.submitted_on:
        raise InvalidInput({"on": "撤回日期不能早于提交日期。"})
    _close(
        disclosure_request,
        status=Status.WITHDRAWN,
        outcome="other.other",
        on=on,
        reasons=f"申请人撤回申请：{reason.strip()}",
    )
    _event(
        disclosure_request,
        EventKind.WITHDRAWN,
        on,
        actor,
        {"reason": reason.strip(), "outcome": "other.other"},
        by_applicant=by_applicant,
    )
    refresh_clock(disclosure_request, today)
    return disclosure_request


@transaction.atomic
def archive(disclosure_request: DisclosureRequest, *, actor: User | None, on: date) -> DisclosureRequest:
    """File the closed case (条例第四十五条：归档)."""
    _lock(disclosure_request)
    _require("archive", actor, disclosure_request.agency)
    _check("archive", disclosure_request)
    drafts = list(disclosure_request.letters.filter(status=LetterStatus.DRAFT).order_by("id"))
    if drafts:
        titles = "、".join(f"《{d.title or d.kind}》" for d in drafts)
        raise ActionRefused(
            f"还有未签发的文书草稿{titles}。请签发，或在文书页面点击“废弃草稿”（草稿保留在办理记录中）后再归档。"
        )
    disclosure_request.status = Status.ARCHIVED
    disclosure_request.archived_at = timezone.now()
    disclosure_request.save(update_fields=["status", "archived_at"])
    _event(disclosure_request, EventKind.ARCHIVED, on, actor)
    return disclosure_request


# --- attachments ---------------------------------------------------------------------------------------

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
_SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)


def sniff_content_type(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) judged by the file's first bytes, for PDF/JPG/PNG only."""
    for magic, content_type, ext in _SIGNATURES:
        if head.startswith(magic):
            return content_type, ext
    return None


@transaction.atomic
def add_attachment(
    disclosure_request: DisclosureRequest,
    *,
    actor: User | None,
    kind: str,
    name: str,
    content: bytes,
    on: date | None = None,
) -> Attachment:
    """Store a PDF/JPG/PNG of at most 10 MB, checked by its content, not only its name."""
    by_applicant = actor is None
    _lock(disclosure_request)
    _require("add_attachment", actor, disclosure_request.agency, by_applicant=by_applicant)
    if disclosure_request.status == Status.ARCHIVED:
        raise ActionRefused("已归档的申请不能再添加附件。")
    if kind not in AttachmentKind.values:
        raise InvalidInput({"kind": "附件类别不正确。"})
    if by_applicant and kind in APPLICANT_BOUND_ATTACHMENT_KINDS:
        raise PermissionRefused("答复材料须由本机关工作人员上传。")
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise InvalidInput({"file": "文件不能超过10MB。"})
    if not content:
        raise InvalidInput({"file": "文件是空的。"})
    sniffed = sniff_content_type(content[:16])
    if sniffed is None:
        raise InvalidInput({"file": "只能上传PDF、JPG或PNG文件（按文件内容判断）。"})
    content_type, ext = sniffed
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", name.rsplit(".", 1)[0])[:60] or "file"
    sha256 = hashlib.sha256(content).hexdigest()
    attachment = Attachment(
        disclosure_request=disclosure_request,
        kind=kind,
        original_name=name[:200],
        content_type=content_type,
        size_bytes=len(content),
        sha256=sha256,
        uploaded_by=actor,
    )
    if kind in APPLICANT_BOUND_ATTACHMENT_KINDS:
        attachment.screening_findings = screen_attachment(stem + ext, content)
        attachment.screened_at = timezone.now()
    attachment.file.save(stem + ext, ContentFile(content), save=False)
    attachment.save()
    _event(
        disclosure_request,
        EventKind.ATTACHMENT_ADDED,
        on or _today(),
        actor,
        {
            "attachment_id": attachment.pk,
            "kind": kind,
            "name": attachment.original_name,
            "sha256": sha256,
            "screening_findings": len(attachment.screening_findings),
        },
        by_applicant=by_applicant,
    )
    return attachment


_LONG_DIGITS = re.compile(r"[0-9Xx]{7,}")


def _masked(text: str) -> str:
    """Keep the ends of a found number so the clerk can locate it, without copying it into the record."""
    if len(text) <= 10:
        return text[:2] + "*" * (len(text) - 2)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def screen_attachment(name: str, content: bytes) -> list[dict[str, str]]:
    """Findings of `core.screening.screen_file` on material for the applicant, masked for the record.

    A file the screener cannot read (a scan, a photo) yields one `unreadable` finding: a person must
    look at it (条例第十五条：涉及个人隐私的不得公开 — the screener only finds, a person decides).
    """
    from pathlib import Path

    from gongkai.core.screening import KIND_LABELS, ScreeningError, screen_file

    if not name.lower().endswith(".pdf"):
        return [
            {
                "kind": "unreadable",
                "label": KIND_LABELS["unreadable"],
                "text": "",
                "context": "图片无法自动筛查，请人工查看其中是否有身份证号码、电话等个人信息。",
            }
        ]
    try:
        findings = screen_file(Path(name), content)
    except ScreeningError as exc:
        return [
            {"kind": "unreadable", "label": KIND_LABELS["unreadable"], "text": "", "context": exc.message}
        ]
    return [
        {
            "kind": f.kind,
            "label": f.label,
            "text": _masked(f.text),
            # The context may hold the number split across lines (PDF): mask every long digit run as well.
            "context": _LONG_DIGITS.sub(
                lambda m: _masked(m.group()), f.context.replace(f.text, _masked(f.text))
            ),
        }
        for f in findings
    ]


@transaction.atomic
def acknowledge_screening(
    attachment: Attachment, *, actor: User | None, on: date | None = None
) -> Attachment:
    """A clerk confirms they have checked the screening findings of an attachment for the applicant."""
    disclosure_request = _lock(attachment.disclosure_request)
    attachment.refresh_from_db()
    _require("acknowledge_screening", actor, disclosure_request.agency)
    if not attachment.screening_findings:
        raise ActionRefused("该附件没有需要确认的筛查提示。")
    if attachment.screening_acknowledged_at is not None:
        raise ActionRefused("该附件的筛查提示已经确认过。")
    attachment.screening_acknowledged_at = timezone.now()
    attachment.screening_acknowledged_by = actor
    attachment.save(update_fields=["screening_acknowledged_at", "screening_acknowledged_by"])
    _event(
        disclosure_request,
        EventKind.SCREENING_ACKNOWLEDGED,
        on or _today(),
        actor,
        {
            "attachment_id": attachment.pk,
            "name": attachment.original_name,
            "findings": [f["label"] for f in attachment.screening_findings],
        },
    )
    return attachment


def unacknowledged_screening(disclosure_request: DisclosureRequest) -> list[Attachment]:
    """Material for the applicant whose screening findings nobody has confirmed yet."""
    return [
        a
        for a in disclosure_request.attachments.filter(
            kind__in=APPLICANT_BOUND_ATTACHMENT_KINDS, screening_acknowledged_at__isnull=True
        ).order_by("id")
        if a.screening_findings
    ]


def _refuse_unacknowledged_screening(disclosure_request: DisclosureRequest) -> None:
    pending = unacknowledged_screening(disclosure_request)
    if pending:
        names = "、".join(f"“{a.original_name}”" for a in pending)
        raise ActionRefused(
            f"答复材料{names}的自动筛查发现可能的个人信息，请先在申请页面逐项核对并确认后再答复（条例第十五条）。"
        )


# --- identity -----------------------------------------------------------------------------------------


@transaction.atomic
def reveal_identity_number(disclosure_request: DisclosureRequest, *, actor: User, purpose: str = "") -> str:
    """The unmasked identity number, for staff of the agency only; every call is logged."""
    _require("reveal_identity_number", actor, disclosure_request.agency)
    IdentityAccessLog.objects.create(
        disclosure_request=disclosure_request, user=actor, at=timezone.now(), purpose=purpose[:200]
    )
    token = disclosure_request.applicant.id_number_encrypted
    return crypto.decrypt(token) if token else ""


# --- letters ------------------------------------------------------------------------------------------


def _letter_template_text(agency: Agency, kind: str) -> str | None:
    row = LetterTemplate.objects.filter(agency=agency, kind=kind).first()
    return row.text if row else None


def doc_number_pattern(agency: Agency) -> str:
    row = AgencyLetterSettings.objects.filter(agency=agency).first()
    return (
        row.doc_number_pattern if row else AgencyLetterSettings._meta.get_field("doc_number_pattern").default
    )


@transaction.atomic
def draft_letter(
    disclosure_request: DisclosureRequest,
    *,
    actor: User | None,
    kind: str,
    body: str,
    title: str = "",
    context: dict[str, Any] | None = None,
    on: date | None = None,
) -> Letter:
    """Save a letter draft for review (its text is what will be issued)."""
    _lock(disclosure_request)
    _require("draft_letter", actor, disclosure_request.agency)
    if not body.strip():
        raise InvalidInput({"body": "文书正文不能为空。"})
    letter = Letter.objects.create(
        disclosure_request=disclosure_request,
        kind=kind,
        title=title,
        body=body,
        context=context or {},
        created_by=actor,
    )
    _event(
        disclosure_request,
        EventKind.LETTER_DRAFTED,
        on or _today(),
        actor,
        {"letter_id": letter.pk, "kind": kind},
    )
    return letter


def letter_document(row: Letter) -> Any:
    """The `core.letters.Letter` of a stored row: its frozen text, title and document number."""
    from gongkai.core.letters import KINDS, letter_kind
    from gongkai.core.letters import Letter as CoreLetter

    is_form = KINDS.get(row.kind) is not None and letter_kind(row.kind).layout == "form"
    paragraphs: list[str] = []
    rows: list[tuple[str, str]] = []
    for block in (b for b in row.body.split("\n\n") if b.strip()):
        label, sep, value = block.partition(LETTER_FORM_ROW_SEPARATOR)
        if is_form and sep:
            rows.append((label, value))
        else:
            paragraphs.append(block)
    ctx = row.context or {}
    return CoreLetter(
        kind=row.kind,
        title=row.title,
        # A form (送达回证) names the served letter's number in its rows; it carries none of its own.
        doc_number="" if is_form else row.doc_number,
        addressee=str(ctx.get("addressee", "")),
        paragraphs=paragraphs,
        signer=str(ctx.get("signer", "")),
        dated_on=row.issued_on,
        form_rows=rows,
        attachments=[str(a) for a in ctx.get("attachments", [])],
    )


# How a form letter's rows are stored in Letter.body: 「标签：内容」, one per block.
LETTER_FORM_ROW_SEPARATOR = "："


def _allocate_doc_number(agency: Agency, on: date) -> str:
    """The next document number of the agency for `on`'s year (the counter row is locked until commit)."""
    from gongkai.core.letters import LetterError, format_doc_number

    pattern = doc_number_pattern(agency)
    # select_for_update on the counter row: two reviewers issuing at once queue here and get consecutive numbers.
    sequence = _next_number(agency, on.year, "letter")
    try:
        doc_number = format_doc_number(
            pattern, short_name=agency.short_name or agency.name[:1], year=on.year, seq=sequence
        )
    except LetterError as exc:
        raise ActionRefused(f"本机关的{exc}请管理员在“文书设置”中修改文号格式。") from exc
    taken = Letter.objects.filter(
        disclosure_request__agency=agency, status=LetterStatus.ISSUED, doc_number=doc_number
    ).exists()
    if taken:
        # A pattern without {year} repeats last year's numbers when the yearly sequence restarts.
        raise ActionRefused(
            f"文号“{doc_number}”已被本机关其他文书使用。文号格式“{pattern}”不含年度，"
            "序号每年从1重新编排，请管理员在文号格式中加入 {year}。"
        )
    return doc_number


@transaction.atomic
def issue_letter(letter: Letter, *, actor: User | None, on: date) -> Letter:
    """Issue a draft (文书签发): number it, freeze it, and store its DOCX and PDF as issued.

    All in one transaction: the number is taken from the agency's locked counter, written into the
    letter, and the files are typeset from the frozen row with that number. The stored files are what
    anyone downloads afterwards, so a later change of templates or typesetting never alters them.
    """
    from gongkai.core.letters import letter_to_docx, letter_to_pdf

    disclosure_request = _lock(letter.disclosure_request)
    letter.refresh_from_db()
    _require("issue_letter", actor, disclosure_request.agency)
    if letter.status == LetterStatus.ISSUED:
        raise ActionRefused("文书已签发，不可重复签发。")
    if letter.status == LetterStatus.DISCARDED:
        raise ActionRefused("该草稿已废弃，不能签发；请重新起草。")
    if letter.kind.startswith("reply."):
        _refuse_unacknowledged_screening(disclosure_request)
    letter.doc_number = _allocate_doc_number(disclosure_request.agency, on)
    letter.status = LetterStatus.ISSUED
    letter.issued_on = on
    letter.issued_at = timezone.now()
    letter.issued_by = actor
    document = letter_document(letter)
    docx_bytes, pdf_bytes = letter_to_docx(document), letter_to_pdf(document)
    stem = f"{disclosure_request.number}-{letter.kind}-{letter.pk}"
    letter.docx_file.save(stem + ".docx", ContentFile(docx_bytes), save=False)
    letter.pdf_file.save(stem + ".pdf", ContentFile(pdf_bytes), save=False)
    # One save turns the draft into the frozen letter; Letter.save() refuses any later change.
    letter.save()
    _event(
        disclosure_request,
        EventKind.LETTER_ISSUED,
        on,
        actor,
        {
            "letter_id": letter.pk,
            "kind": letter.kind,
            "doc_number": letter.doc_number,
            "docx_sha256": hashlib.sha256(docx_bytes).hexdigest(),
            "pdf_sha256": hashlib.sha256(pdf_bytes).hexdigest(),
        },
    )
    return letter


@transaction.atomic
def discard_letter(letter: Letter, *, actor: User | None, on: date | None = None, reason: str = "") -> Letter:
    """Discard a draft that will not be issued; the row stays (marked 已废弃) so the record keeps it."""
    disclosure_request = _lock(letter.disclosure_request)
    letter.refresh_from_db()
    _require("discard_letter", actor, disclosure_request.agency)
    if letter.status == LetterStatus.ISSUED:
        # 条例第四十五条：签发的文书归档留存，不能撤销或删除。
        raise ActionRefused(f"文书已签发（文号 {letter.doc_number}），签发后不可废弃或修改。")
    if letter.status == LetterStatus.DISCARDED:
        raise ActionRefused("该草稿已经废弃。")
    letter.status = LetterStatus.DISCARDED
    letter.discarded_at = timezone.now()
    letter.discarded_by = actor
    letter.save(update_fields=["status", "discarded_at", "discarded_by"])
    _event(
        disclosure_request,
        EventKind.LETTER_DISCARDED,
        on or _today(),
        actor,
        {"letter_id": letter.pk, "kind": letter.kind, "title": letter.title, "reason": reason.strip()},
    )
    return letter


@transaction.atomic
def record_delivery(
    letter: Letter,
    *,
    actor: User | None,
    method: str,
    delivered_on: date,
    recipient: str = "",
    tracking_number: str = "",
    note: str = "",
) -> Delivery:
    """Record 送达 of an issued letter."""
    disclosure_request = _lock(letter.disclosure_request)
    _require("record_delivery", actor, disclosure_request.agency)
    if letter.status != LetterStatus.ISSUED:
        raise ActionRefused("文书尚未签发，不能登记送达。")
    if method not in DeliveryMethod.values:
        raise InvalidInput({"method": "送达方式不正确。"})
    if letter.issued_on and delivered_on < letter.issued_on:
        raise InvalidInput({"delivered_on": "送达日期不能早于签发日期。"})
    delivery = Delivery.objects.create(
        letter=letter,
        method=method,
        delivered_on=delivered_on,
        recipient=recipient,
        tracking_number=tracking_number,
        note=note,
    )
    _event(
        disclosure_request,
        EventKind.DELIVERED,
        delivered_on,
        actor,
        {"letter_id": letter.pk, "doc_number": letter.doc_number, "method": method, "recipient": recipient},
    )
    return delivery


# --- reading --------------------------------------------------------------------------------------------


def allowed_actions(disclosure_request: DisclosureRequest, actor: User | None) -> list[str]:
    """The actions this staff member may take now (for the UI's buttons)."""
    from gongkai.agencies.services import roles_in

    if actor is None:
        return []
    return lifecycle.allowed_actions(disclosure_request.status, roles_in(actor, disclosure_request.agency))


def due_soon_cutoff(today: date, agency: Agency | None = None, working_days: int = 3) -> date:
    """The last date counted as "due soon" (inbox urgency: ≤ 3 working days)."""
    try:
        return (
            _working_days_after(agency, today, working_days)[0]
            if agency
            else today + timedelta(days=working_days + 2)
        )
    except Exception:  # the inbox must render even if the calendar data is broken
        return today + timedelta(days=working_days + 2)
