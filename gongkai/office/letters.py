"""Glue between the records and `gongkai.core.letters`: fill a LetterContext, rebuild a stored letter.

The domain app stores a letter as text (`Letter.body`) plus `context`; the core typesetters need a
`core.letters.Letter`. A stored letter is rebuilt from its frozen fields; an issued letter's DOCX/PDF
are typeset once, at issue, with its document number, and stored (`services.issue_letter`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from gongkai.core.fees import FeeQuote
from gongkai.core.letters import Letter, LetterContext, render_letter_text
from gongkai.disclosure_requests import models as m
from gongkai.disclosure_requests.models import DisclosureRequest, EventKind
from gongkai.disclosure_requests.services import LETTER_FORM_ROW_SEPARATOR as FORM_ROW_SEPARATOR
from gongkai.disclosure_requests.services import letter_document


def _last_event(disclosure_request: DisclosureRequest, kind: str) -> m.Event | None:
    return disclosure_request.events.filter(kind=kind).order_by("on", "at", "id").last()


def _iso(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


CONTACT_FIELDS = ("office_address", "office_phone", "contact_person", "review_body")


def office_contact(agency: Any) -> dict[str, str]:
    """The office's contact details for letters (联系人、地址、电话) and its 行政复议机关.

    Read, in order, from the agency's disclosure guide (条例第十二条 requires the office's name, address and
    phone there), its AgencyLetterSettings row, and settings.GONGKAI_AGENCY_CONTACTS = {code: {field: value}}.
    The reconsideration body defaults to the supervising government (行政复议法第二十四条: 县级以上地方各级
    人民政府管辖对本级人民政府工作部门及下一级人民政府的行政复议案件) — [U] an agency with another
    reconsideration body sets it in GONGKAI_AGENCY_CONTACTS.
    """
    from django.conf import settings

    from gongkai.agencies.guide import AgencyGuide

    guide = AgencyGuide.objects.filter(agency=agency).first()
    from_guide = (
        {
            "office_address": guide.office_address,
            "office_phone": guide.phone,
            "contact_person": guide.office_name,
        }
        if guide is not None
        else {}
    )
    configured = getattr(settings, "GONGKAI_AGENCY_CONTACTS", {}).get(agency.code, {})
    letter_settings = m.AgencyLetterSettings.objects.filter(agency=agency).first()
    defaults = {"review_body": agency.parent.name if agency.parent_id else ""}
    found: dict[str, str] = {}
    for name in CONTACT_FIELDS:
        value = (
            configured.get(name, "")
            or getattr(letter_settings, name, "")
            or from_guide.get(name, "")
            or defaults.get(name, "")
        )
        found[name] = str(value or "")
    return found


def context_for(
    disclosure_request: DisclosureRequest,
    *,
    served_letter: m.Letter | None = None,
    issued_on: date | None = None,
    doc_number: str = "",
) -> LetterContext:
    """Everything the records say that a letter may need (a missing item is named by the renderer)."""
    agency = disclosure_request.agency
    applicant = disclosure_request.applicant
    correction = _last_event(disclosure_request, EventKind.CORRECTION_REQUESTED)
    corrected = _last_event(disclosure_request, EventKind.CORRECTION_RECEIVED)
    extended = _last_event(disclosure_request, EventKind.EXTENDED)
    consultation = (
        disclosure_request.consultations.filter(party_kind=m.ConsultationParty.THIRD_PARTY)
        .order_by("id")
        .last()
    )
    fee = disclosure_request.fee_notices.order_by("id").last()
    withdrawn = _last_event(disclosure_request, EventKind.WITHDRAWN)
    fee_quote = (
        FeeQuote(fee.method, Decimal(fee.amount_yuan), list(fee.explanation), False)  # type: ignore[arg-type]
        if fee is not None
        else None
    )
    # [U] 行政复议机关: since the 2023 Administrative Reconsideration Law the body for a township or a county
    # department is the county government, i.e. the supervising (parent) agency in our hierarchy.
    contact = office_contact(agency)
    review_body = contact["review_body"] or (agency.parent.name if agency.parent_id else "")
    return LetterContext(
        agency_name=agency.name,
        applicant_name=applicant.name,
        agency_short_name=agency.short_name,
        review_body=review_body,
        office_address=contact["office_address"],
        office_phone=contact["office_phone"],
        contact_person=contact["contact_person"],
        applicant_address=applicant.address,
        applicant_phone=applicant.phone,
        registration_number=disclosure_request.number,
        tracking_code=disclosure_request.tracking_code,
        received_on=disclosure_request.received_on,
        channel=disclosure_request.channel,
        description=disclosure_request.description,
        requested_form=disclosure_request.get_information_form_display()
        if disclosure_request.information_form
        else "",
        issued_on=issued_on,
        doc_number=doc_number,
        due_on=disclosure_request.due_on,
        extended_due_on=disclosure_request.due_on if extended else None,
        extension_working_days=int(extended.data["working_days"]) if extended else None,
        extension_reason=(extended.data.get("reason", "") if extended else ""),
        correction_items=(correction.data.get("items", "") if correction else ""),
        correction_deadline_on=disclosure_request.correction_due_on,
        correction_notice_on=correction.on if correction else None,
        corrected_received_on=corrected.on if corrected else None,
        third_party_name=consultation.party_name if consultation else "",
        third_party_reply_by_on=consultation.answer_due_on if consultation else None,
        outcome=disclosure_request.outcome,
        reasons=disclosure_request.reasons,
        legal_basis=disclosure_request.legal_basis,
        provision_form=_provision_form(disclosure_request),
        withdrawn_on=withdrawn.on if withdrawn else None,
        fee_quote=fee_quote,
        fee_payment_due_on=fee.pay_by_on if fee else None,
        served_document_title=served_letter.title if served_letter else "",
        served_doc_number=served_letter.doc_number if served_letter else "",
        service_address=applicant.address,
    )


def _provision_form(disclosure_request: DisclosureRequest) -> str:
    # 条例第四十条：按申请人要求的形式提供（纸质、电子邮件、光盘、当面查阅；邮寄、电子邮件、自行领取）。
    parts = [
        disclosure_request.get_information_form_display() if disclosure_request.information_form else "",
        disclosure_request.get_delivery_way_display() if disclosure_request.delivery_way else "",
    ]
    return "，".join(p for p in parts if p)


def agency_template(disclosure_request: DisclosureRequest, kind_id: str) -> str | None:
    row = m.LetterTemplate.objects.filter(agency=disclosure_request.agency, kind=kind_id).first()
    return row.text if row else None


def render_draft(
    disclosure_request: DisclosureRequest, kind_id: str, *, served_letter: m.Letter | None = None
) -> Letter:
    """Render the kind for this case (raises core LetterError with the missing items in Chinese)."""
    ctx = context_for(disclosure_request, served_letter=served_letter)
    return render_letter_text(kind_id, ctx, template_override=agency_template(disclosure_request, kind_id))


def body_of(letter: Letter) -> str:
    """The stored text: paragraphs separated by blank lines; a form's rows as 「标签：内容」 lines."""
    lines = list(letter.paragraphs)
    lines += [f"{label}{FORM_ROW_SEPARATOR}{value}" for label, value in letter.form_rows]
    return "\n\n".join(lines)


def stored_context(letter: Letter) -> dict[str, Any]:
    return {"addressee": letter.addressee, "signer": letter.signer, "attachments": list(letter.attachments)}


def rebuild(row: m.Letter) -> Letter:
    """The core Letter of a stored row (for the preview and drafts; issued files are stored at issue)."""
    document: Letter = letter_document(row)
    return document


def kind_choices(disclosure_request: DisclosureRequest) -> list[tuple[str, Any]]:
    """Letter kinds to offer: the procedure letters, and the replies fitting the recorded outcome (or all)."""
    from gongkai.core.letters import PROCEDURE_KINDS, REPLY_KINDS

    procedure = [(k.id, k.label) for k in PROCEDURE_KINDS]
    if disclosure_request.outcome:
        replies = [(k.id, k.label) for k in REPLY_KINDS if disclosure_request.outcome in k.outcomes]
        if disclosure_request.events.filter(kind=EventKind.WITHDRAWN).exists():
            replies = [r for r in replies if r[0] == "reply.withdrawn"] or replies
    else:
        replies = [(k.id, k.label) for k in REPLY_KINDS]
    return [("程序文书", procedure), ("答复书", replies)]
