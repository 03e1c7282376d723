"""JSON API for disclosure requests (issue #5 item 7): register, act, read, and table 三.

Every endpoint needs a bearer token. A request or agency the token's user may not read answers 404
(nothing about another agency leaks); acting needs a role in the request's own agency (403).
The unmasked identity number is never returned.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError

from gongkai.agencies.models import Agency
from gongkai.agencies.services import readable_agencies
from gongkai.core.fees import FeeError, quote_fee
from gongkai.core.request_lifecycle import STATUS_LABELS, Status
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Channel, DisclosureRequest, EventKind
from gongkai.disclosure_requests.statistics import table3_for

router = Router(tags=["依申请公开"])


class ApplicantIn(Schema):
    kind: Literal["natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org"]
    name: str
    id_type: str = ""
    id_number: str = ""
    credit_code: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


class RegisterIn(Schema):
    agency: str
    channel: Literal["in_person", "post", "letter", "online", "fax"]
    # The legal receipt date (条例第三十一条): submission, signature or confirmation day by channel.
    received_on: date
    applicant: ApplicantIn
    description: str
    purpose: str = ""
    information_form: str = ""
    delivery_way: str = ""
    submitted_on: date | None = None
    # True: the application still waits for confirmation (条例第三十一条), received_on is the submission day.
    awaiting_confirmation: bool = False


class RegisterOut(Schema):
    id: int
    number: str
    tracking_code: str
    status: str
    due_on: date | None


class ActionIn(Schema):
    action: Literal[
        "confirm_receipt",
        "request_correction",
        "receive_correction",
        "mark_abandoned",
        "start_consultation",
        "end_consultation",
        "extend",
        "issue_fee_notice",
        "record_fee_payment",
        "lapse_fee",
        "set_agency_period",
        "reply",
        "withdraw",
        "archive",
    ]
    on: date
    working_days: int | None = None
    outcome: str = ""
    basis: str = ""
    reasons: str = ""
    reason: str = ""
    items: str = ""
    period_working_days: int | None = None
    party_kind: str = "third_party"
    party_name: str = ""
    answer: str = "silence"
    answer_text: str = ""
    due_on: date | None = None
    fee_method: str = ""
    pages: int | None = None
    previous_in_month: int | None = None


def _today() -> date:
    return timezone.localdate()


def _readable(request: HttpRequest, pk: int) -> DisclosureRequest:
    return get_object_or_404(
        DisclosureRequest.objects.select_related("agency", "applicant"),
        pk=pk,
        agency__in=readable_agencies(request.user),
    )


def request_json(disclosure_request: DisclosureRequest, user: Any, today: date) -> dict[str, Any]:
    """The request as the API shows it: status, clock with its explanation, events (no unmasked ID)."""
    state = services.clock_state(disclosure_request, today) if disclosure_request.received_on else None
    applicant = disclosure_request.applicant
    labels = dict(EventKind.choices)
    return {
        "id": disclosure_request.pk,
        "number": disclosure_request.number,
        "tracking_code": disclosure_request.tracking_code,
        "agency": disclosure_request.agency.code,
        "status": disclosure_request.status,
        "status_label": STATUS_LABELS[Status(disclosure_request.status)],
        "channel": disclosure_request.channel,
        "submitted_on": disclosure_request.submitted_on,
        "received_on": disclosure_request.received_on,
        "due_on": disclosure_request.due_on,
        "due_is_provisional": disclosure_request.due_is_provisional,
        "working_days_left": state.working_days_left if state else None,
        "overdue": bool(state.overdue) if state and disclosure_request.replied_on is None else False,
        "paused": bool(state.paused) if state else False,
        "steps": list(state.steps) if state else ["尚未确认收到申请（条例第三十一条），答复期限尚未起算。"],
        "warnings": list(state.warnings) if state else [],
        "applicant": {
            "kind": applicant.kind,
            "name": applicant.name,
            "id_type": applicant.id_type,
            "id_number_masked": applicant.id_number_masked,
        },
        "description": disclosure_request.description,
        "outcome": disclosure_request.outcome or None,
        "legal_basis": disclosure_request.legal_basis,
        "reasons": disclosure_request.reasons,
        "replied_on": disclosure_request.replied_on,
        "allowed_actions": services.allowed_actions(disclosure_request, user),
        "events": [
            {
                "kind": e.kind,
                "label": labels.get(e.kind, e.kind),
                "on": e.on,
                "at": e.at,
                "actor": e.actor_label,
                "data": e.data,
            }
            for e in disclosure_request.events.order_by("on", "at", "id")
        ],
    }


@router.post("/requests", response={201: RegisterOut}, summary="登记政府信息公开申请")
def register(request: HttpRequest, payload: RegisterIn) -> Any:
    agency = Agency.objects.filter(code=payload.agency, id__in=readable_agencies(request.user)).first()
    if agency is None:
        raise HttpError(404, f"找不到机关：{payload.agency}")
    submitted_on = payload.submitted_on or payload.received_on
    signed_on = confirmed_on = None
    if payload.channel == Channel.POST:
        signed_on = payload.received_on
    elif (
        payload.channel in (Channel.LETTER, Channel.ONLINE, Channel.FAX) and not payload.awaiting_confirmation
    ):
        confirmed_on = payload.received_on
    registration = services.register_request(
        agency=agency,
        actor=request.user,
        channel=payload.channel,
        submitted_on=submitted_on,
        signed_on=signed_on,
        confirmed_on=confirmed_on,
        applicant=services.ApplicantData(**payload.applicant.dict()),
        description=payload.description,
        purpose=payload.purpose,
        information_form=payload.information_form,
        delivery_way=payload.delivery_way,
        today=_today(),
    )
    item = registration.disclosure_request
    return HttpStatus(
        201,
        {
            "id": item.pk,
            "number": item.number,
            "tracking_code": item.tracking_code,
            "status": item.status,
            "due_on": item.due_on,
        },
    )


@router.get("/requests/{int:request_id}", summary="查看申请（状态、期限及其计算说明、办理记录）")
def detail(request: HttpRequest, request_id: int) -> dict[str, Any]:
    return request_json(_readable(request, request_id), request.user, _today())


@router.post("/requests/{int:request_id}/actions", summary="办理操作")
def act(request: HttpRequest, request_id: int, payload: ActionIn) -> dict[str, Any]:
    item = _readable(request, request_id)
    user, on = request.user, payload.on
    today = max(_today(), on)
    action = payload.action
    if action == "confirm_receipt":
        services.confirm_receipt(item, actor=user, on=on, today=today)
    elif action == "request_correction":
        services.request_correction(
            item,
            actor=user,
            on=on,
            items=payload.items,
            period_working_days=payload.period_working_days,
            today=today,
        )
    elif action == "receive_correction":
        services.receive_correction(item, actor=user, on=on, today=today)
    elif action == "mark_abandoned":
        services.mark_abandoned(item, actor=user, on=on, reasons=payload.reasons, today=today)
    elif action == "start_consultation":
        services.start_consultation(
            item, actor=user, on=on, party_kind=payload.party_kind, party_name=payload.party_name, today=today
        )
    elif action == "end_consultation":
        services.end_open_consultations(
            item, actor=user, on=on, answer=payload.answer, answer_text=payload.answer_text, today=today
        )
    elif action == "extend":
        if payload.working_days is None:
            raise services.InvalidInput({"working_days": "请填写延长的工作日数（1至20，条例第三十三条）。"})
        services.extend_deadline(
            item, actor=user, on=on, working_days=payload.working_days, reason=payload.reason, today=today
        )
    elif action == "issue_fee_notice":
        try:
            quote = quote_fee(
                payload.fee_method,  # type: ignore[arg-type]
                previous_in_month=payload.previous_in_month,
                pages=payload.pages,
            )
        except FeeError as exc:
            raise services.InvalidInput({"fee_method": exc.message}) from exc
        services.issue_fee_notice(item, actor=user, on=on, quote=quote, today=today)
    elif action == "record_fee_payment":
        services.record_fee_payment(item, actor=user, on=on, today=today)
    elif action == "lapse_fee":
        services.lapse_fee(item, actor=user, on=on, today=today)
    elif action == "set_agency_period":
        if payload.due_on is None:
            raise services.InvalidInput({"due_on": "请填写延迟答复的期限（条例第三十五条）。"})
        services.set_agency_period(
            item, actor=user, on=on, due_on=payload.due_on, reasons=payload.reasons, today=today
        )
    elif action == "reply":
        services.record_reply(
            item,
            actor=user,
            on=on,
            outcome=payload.outcome,
            legal_basis=payload.basis,
            reasons=payload.reasons,
            today=today,
        )
    elif action == "withdraw":
        services.withdraw(item, actor=user, on=on, reason=payload.reason or payload.reasons, today=today)
    elif action == "archive":
        services.archive(item, actor=user, on=on)
    item.refresh_from_db()
    return request_json(item, user, _today())


@router.get("/agencies/{code}/table3/{int:year}", summary="年报表三（由办理记录统计）")
def table3(request: HttpRequest, code: str, year: int) -> dict[str, dict[str, int | None]]:
    agency = get_object_or_404(Agency, code=code, id__in=readable_agencies(request.user))
    if not 2008 <= year <= 2100:
        raise HttpError(404, "年度超出范围。")
    table, _ = table3_for(agency, year)
    return table
