"""Each procedure action of the request page: its form and the one service it calls.

The actions and who may take them come from `gongkai.core.request_lifecycle`; this table only says how
the typed form becomes a service call. Views never set a status or a date themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms as djforms

from gongkai.core import request_lifecycle as lifecycle
from gongkai.core.fees import FeeError, quote_fee
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.office import forms

Call = Callable[[DisclosureRequest, Any, dict[str, Any], date], Any]


@dataclass(frozen=True)
class ActionSpec:
    action: str
    form: type[djforms.Form]
    call: Call
    button: str = ""
    danger: bool = False

    @property
    def rule(self) -> lifecycle.Transition:
        return lifecycle.transition(self.action)


def _fee_notice(dr: DisclosureRequest, actor: Any, d: dict[str, Any], today: date) -> Any:
    # 收费办法第三条：按件、按量只能选一种 — the core calculator refuses the mixture.
    try:
        if d["method"] == "per_application":
            quote = quote_fee("per_application", previous_in_month=d.get("previous_in_month"))
        else:
            quote = quote_fee("per_volume", pages=d.get("pages"))
    except FeeError as exc:
        field = "pages" if d["method"] == "per_volume" else "previous_in_month"
        raise services.InvalidInput({field: exc.message}) from exc
    return services.issue_fee_notice(dr, actor=actor, on=d["on"], quote=quote, today=today)


def _end_consultation(dr: DisclosureRequest, actor: Any, d: dict[str, Any], today: date) -> Any:
    consultation = dr.consultations.filter(pk=int(d["consultation"]), answered_on__isnull=True).first()
    if consultation is None:
        raise services.ActionRefused("该征求意见已经结束或不存在。")
    return services.record_consultation_answer(
        consultation,
        actor=actor,
        on=d["on"],
        answer=d["answer"],
        answer_text=d.get("answer_text", ""),
        today=today,
    )


ACTIONS: dict[str, ActionSpec] = {
    spec.action: spec
    for spec in (
        ActionSpec(
            "confirm_receipt",
            forms.ConfirmReceiptForm,
            lambda dr, a, d, t: services.confirm_receipt(dr, actor=a, on=d["on"], today=t),
        ),
        ActionSpec(
            "request_correction",
            forms.RequestCorrectionForm,
            lambda dr, a, d, t: services.request_correction(
                dr,
                actor=a,
                on=d["on"],
                items=d["items"],
                period_working_days=d.get("period_working_days"),
                today=t,
            ),
        ),
        ActionSpec(
            "receive_correction",
            forms.ReceiveCorrectionForm,
            lambda dr, a, d, t: services.receive_correction(
                dr, actor=a, on=d["on"], note=d.get("note", ""), today=t
            ),
        ),
        ActionSpec(
            "mark_abandoned",
            forms.MarkAbandonedForm,
            lambda dr, a, d, t: services.mark_abandoned(
                dr, actor=a, on=d["on"], reasons=d.get("reasons", ""), today=t
            ),
            danger=True,
        ),
        ActionSpec(
            "start_consultation",
            forms.StartConsultationForm,
            lambda dr, a, d, t: services.start_consultation(
                dr, actor=a, on=d["on"], party_kind=d["party_kind"], party_name=d["party_name"], today=t
            ),
        ),
        ActionSpec("end_consultation", forms.EndConsultationForm, _end_consultation),
        ActionSpec(
            "extend",
            forms.ExtendForm,
            lambda dr, a, d, t: services.extend_deadline(
                dr, actor=a, on=d["on"], working_days=d["working_days"], reason=d["reason"], today=t
            ),
        ),
        ActionSpec("issue_fee_notice", forms.FeeNoticeForm, _fee_notice),
        ActionSpec(
            "record_fee_payment",
            forms.OnForm,
            lambda dr, a, d, t: services.record_fee_payment(dr, actor=a, on=d["on"], today=t),
        ),
        ActionSpec(
            "lapse_fee",
            forms.OnForm,
            lambda dr, a, d, t: services.lapse_fee(dr, actor=a, on=d["on"], today=t),
            danger=True,
        ),
        ActionSpec(
            "set_agency_period",
            forms.SetAgencyPeriodForm,
            lambda dr, a, d, t: services.set_agency_period(
                dr, actor=a, on=d["on"], due_on=d["due_on"], reasons=d["reasons"], today=t
            ),
        ),
        ActionSpec(
            "reply",
            forms.ReplyForm,
            lambda dr, a, d, t: services.record_reply(
                dr,
                actor=a,
                on=d["on"],
                outcome=d["outcome"],
                legal_basis=d.get("legal_basis", ""),
                reasons=d.get("reasons", ""),
                today=t,
            ),
        ),
        ActionSpec(
            "withdraw",
            forms.WithdrawForm,
            lambda dr, a, d, t: services.withdraw(dr, actor=a, on=d["on"], reason=d["reason"], today=t),
            danger=True,
        ),
        ActionSpec("archive", forms.OnForm, lambda dr, a, d, t: services.archive(dr, actor=a, on=d["on"])),
    )
}

# Service error keys that name a different form field.
FIELD_ALIASES = {"basis": "legal_basis", "quote": "method"}

ROLE_NAMES = {"clerk": "经办人", "reviewer": "审核人", "head": "负责人", "admin": "管理员"}


def make_form(spec: ActionSpec, dr: DisclosureRequest, today: date, data: Any = None) -> djforms.Form:
    kwargs: dict[str, Any] = {"prefix": spec.action}
    initial: dict[str, Any] = {"on": today}
    if spec.form is forms.EndConsultationForm:
        kwargs["consultations"] = list(dr.consultations.filter(answered_on__isnull=True))
    if spec.form is forms.FeeNoticeForm and data is None:
        # 收费办法第四条：按件分档看本自然月累计件数 — counted from the records, still editable by the clerk.
        initial["previous_in_month"] = services.applications_this_month(dr)
    return spec.form(data, initial=initial, **kwargs)


def apply_service_errors(form: djforms.Form, errors: dict[str, str]) -> None:
    for key, message in errors.items():
        name = FIELD_ALIASES.get(key.split(".")[-1], key.split(".")[-1])
        form.add_error(name if name in form.fields else None, message)


def roles_label(roles: frozenset[str]) -> str:
    staff = [r for r in ("clerk", "reviewer", "head") if r in roles]
    return "、".join(ROLE_NAMES[r] for r in staff)
