"""What an applicant may see of their own application (the answer to the "black hole" complaint).

`find_application` checks 申请编号 + 查询码; `applicant_view` turns the request and its event log into
status, a timeline of applicant-safe events, the current due date with its explanation in plain Chinese,
and the letters issued to the applicant. Nothing here names a staff member, a consulted third party or
an internal note: the applicant sees what the office did and when, not who inside it did it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongkai.core.letters.errors import LetterError
from gongkai.core.letters.kinds import letter_kind
from gongkai.core.request_lifecycle import STATUS_LABELS, Status, is_open
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import (
    DeliveryMethod,
    DisclosureRequest,
    Event,
    EventKind,
    Letter,
    LetterStatus,
)

STATUS_EXPLANATIONS: dict[Status, str] = {
    Status.PENDING_CONFIRMATION: (
        "申请已在网上提交，等待本机关确认。根据条例第三十一条，通过互联网提交的申请以双方确认之日为收到申请之日，"
        "20个工作日的答复期限从确认之日起计算。"
    ),
    Status.IN_PROGRESS: "本机关已收到申请，正在办理。",
    Status.AWAITING_CORRECTION: (
        "本机关告知您补正申请（条例第三十条）。请在补正期限内按补正告知书的要求补正；"
        "收到补正后重新计算20个工作日。逾期无正当理由不补正的，视为放弃申请。"
    ),
    Status.IN_CONSULTATION: "本机关正在依法征求意见（条例第三十二条、第三十四条），征求意见的时间不计算在答复期限内。",
    Status.AWAITING_FEE: "本机关已发出收费通知，请按通知缴费；缴费后继续办理。",
    Status.REPLIED: "本机关已作出答复，请查看下方的答复书。",
    Status.WITHDRAWN: "您已撤回申请，本机关不再办理。",
    Status.ABANDONED: "申请视为放弃，本机关不再处理。",
    Status.ARCHIVED: "申请已办结并归档。",
}

_DELIVERY_LABELS = dict(DeliveryMethod.choices)


@dataclass
class TimelineEntry:
    on: date
    title: str
    detail: str = ""
    by_applicant: bool = False


@dataclass
class LetterEntry:
    id: int
    title: str
    doc_number: str
    issued_on: date | None
    formats: list[str]


@dataclass
class ApplicantView:
    disclosure_request: DisclosureRequest
    number: str
    agency_name: str
    agency_code: str
    status: str
    status_label: str
    status_explanation: str
    submitted_on: date
    received_on: date | None
    description: str
    information_form: str
    delivery_way: str
    is_open: bool
    due_on: date | None = None
    working_days_left: int | None = None
    overdue: bool = False
    paused: bool = False
    provisional: bool = False
    due_explanation: list[str] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    letters: list[LetterEntry] = field(default_factory=list)
    correction_items: str = ""
    correction_due_on: date | None = None
    can_correct: bool = False
    can_withdraw: bool = False

    def to_json(self) -> dict[str, Any]:
        """The public API's answer: only what the applicant entered and what the office did."""
        return {
            "number": self.number,
            "agency": {"code": self.agency_code, "name": self.agency_name},
            "status": self.status,
            "status_label": self.status_label,
            "status_explanation": self.status_explanation,
            "submitted_on": self.submitted_on.isoformat(),
            "received_on": self.received_on.isoformat() if self.received_on else None,
            "description": self.description,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "working_days_left": self.working_days_left,
            "overdue": self.overdue,
            "paused": self.paused,
            "provisional": self.provisional,
            "due_explanation": self.due_explanation,
            "timeline": [
                {"on": e.on.isoformat(), "title": e.title, "detail": e.detail, "by_applicant": e.by_applicant}
                for e in self.timeline
            ],
            "letters": [
                {
                    "title": le.title,
                    "doc_number": le.doc_number,
                    "issued_on": le.issued_on.isoformat() if le.issued_on else None,
                }
                for le in self.letters
            ],
            "correction": {
                "items": self.correction_items,
                "due_on": self.correction_due_on.isoformat() if self.correction_due_on else None,
            }
            if self.can_correct
            else None,
            "can_withdraw": self.can_withdraw,
        }


def find_application(number: str, code: str) -> DisclosureRequest | None:
    """The request with this number and tracking code, or None (the caller shows one generic message)."""
    number, code = number.strip(), code.strip().upper()
    if not number or not code:
        return None
    return (
        DisclosureRequest.objects.filter(tracking_code=code, number=number)
        .select_related("agency", "applicant")
        .first()
    )


def _entry(event: Event) -> TimelineEntry | None:
    data = event.data or {}
    by_applicant = event.actor_id is None and event.actor_label == "申请人"
    kind = event.kind
    if kind == EventKind.REGISTERED:
        return TimelineEntry(
            event.on,
            "提交申请",
            "通过网上申请提交" if data.get("channel") == "online" else "本机关登记申请",
            by_applicant,
        )
    if kind == EventKind.RECEIPT_CONFIRMED:
        return TimelineEntry(
            event.on, "本机关确认收到申请", "条例第三十一条：此日为收到申请之日，答复期限从此日起算。"
        )
    if kind == EventKind.CORRECTION_REQUESTED:
        due = data.get("correction_due_on", "")
        return TimelineEntry(
            event.on,
            "告知补正",
            f"需要补正的事项：{data.get('items', '')}" + (f"；补正期限至{due}" if due else ""),
        )
    if kind == EventKind.CORRECTION_RECEIVED:
        return TimelineEntry(event.on, "收到补正", "答复期限自此日重新计算（条例第三十条）。", by_applicant)
    if kind == EventKind.ABANDONED:
        return TimelineEntry(event.on, "逾期未补正，视为放弃申请", "条例第三十条")
    if kind == EventKind.CONSULTATION_STARTED:
        # Who was consulted is not the applicant's business (条例第三十二条 protects the third party).
        what = "其他行政机关" if data.get("party_kind") == "agency" else "第三方"
        return TimelineEntry(
            event.on, f"征求{what}意见", "征求意见的时间不计算在答复期限内（条例第三十三条）。"
        )
    if kind == EventKind.CONSULTATION_ENDED:
        return TimelineEntry(
            event.on, "征求意见结束", "答复期限继续计算。" if data.get("last_open_ended") else ""
        )
    if kind == EventKind.EXTENDED:
        return TimelineEntry(
            event.on, "延长答复期限", f"延长{data.get('working_days', '')}个工作日（条例第三十三条）。"
        )
    if kind == EventKind.FEE_NOTICE_ISSUED:
        pay_by = data.get("pay_by_on", "")
        return TimelineEntry(
            event.on,
            "发出收费通知",
            f"金额{data.get('amount_yuan', '')}元" + (f"，请在{pay_by}前缴费" if pay_by else ""),
        )
    if kind == EventKind.FEE_PAID:
        return TimelineEntry(event.on, "已缴费")
    if kind == EventKind.FEE_LAPSED:
        return TimelineEntry(event.on, "逾期未缴费，视为放弃申请")
    if kind == EventKind.AGENCY_PERIOD_SET:
        return TimelineEntry(
            event.on, "确定延迟答复期限", f"答复期限为{data.get('due_on', '')}（条例第三十五条）。"
        )
    if kind == EventKind.REPLIED:
        return TimelineEntry(event.on, "作出答复", str(data.get("outcome_label", "")))
    if kind == EventKind.WITHDRAWN:
        return TimelineEntry(event.on, "撤回申请", "", by_applicant)
    if kind == EventKind.ARCHIVED:
        return TimelineEntry(event.on, "办结归档")
    if kind == EventKind.LETTER_ISSUED and _is_applicant_letter(str(data.get("kind", ""))):
        return TimelineEntry(event.on, "出具文书", str(data.get("doc_number", "")))
    if kind == EventKind.DELIVERED:
        return TimelineEntry(event.on, "文书送达", _DELIVERY_LABELS.get(str(data.get("method", "")), ""))
    if kind == EventKind.ATTACHMENT_ADDED and by_applicant:
        return TimelineEntry(event.on, "上传材料", str(data.get("name", "")), True)
    # Drafts, internal recomputations and staff uploads are not shown.
    return None


def _is_applicant_letter(kind: str) -> bool:
    try:
        return letter_kind(kind).addressee == "applicant"
    except LetterError:
        return False


def applicant_letters(disclosure_request: DisclosureRequest) -> list[Letter]:
    """Issued letters addressed to the applicant (never drafts, never letters to third parties)."""
    letters = Letter.objects.filter(disclosure_request=disclosure_request, status=LetterStatus.ISSUED)
    return [letter for letter in letters if _is_applicant_letter(letter.kind)]


def letter_title(letter: Letter) -> str:
    if letter.title:
        return letter.title
    try:
        return letter_kind(letter.kind).title
    except LetterError:
        return "文书"


def applicant_view(disclosure_request: DisclosureRequest, today: date) -> ApplicantView:
    status = Status(disclosure_request.status)
    view = ApplicantView(
        disclosure_request=disclosure_request,
        number=disclosure_request.number,
        agency_name=disclosure_request.agency.name,
        agency_code=disclosure_request.agency.code,
        status=status.value,
        status_label=STATUS_LABELS[status],
        status_explanation=STATUS_EXPLANATIONS[status],
        submitted_on=disclosure_request.submitted_on,
        received_on=disclosure_request.received_on,
        description=disclosure_request.description,
        information_form=disclosure_request.get_information_form_display(),
        delivery_way=disclosure_request.get_delivery_way_display(),
        is_open=is_open(status),
    )
    events = Event.objects.filter(disclosure_request=disclosure_request).order_by("on", "at", "id")
    view.timeline = [entry for entry in (_entry(e) for e in events) if entry is not None]
    if view.is_open:
        state = services.clock_state(disclosure_request, today)
        if state is not None:
            view.due_on = state.due_on
            view.working_days_left = state.working_days_left
            view.overdue = state.overdue
            view.paused = state.paused
            view.provisional = state.provisional
            view.due_explanation = list(state.steps)
            if state.provisional:
                years = "、".join(f"{y}年" for y in state.assumed_years)
                view.due_explanation.append(
                    f"{years}的法定节假日安排尚未公布或录入，暂按周一至周五计算，日期可能调整。"
                )
        elif status == Status.PENDING_CONFIRMATION:
            view.due_explanation = ["本机关确认收到申请后开始计算答复期限（条例第三十一条、第三十三条）。"]
    if status == Status.AWAITING_CORRECTION:
        requested = (
            Event.objects.filter(disclosure_request=disclosure_request, kind=EventKind.CORRECTION_REQUESTED)
            .order_by("-on", "-id")
            .first()
        )
        view.correction_items = str((requested.data or {}).get("items", "")) if requested else ""
        view.correction_due_on = disclosure_request.correction_due_on
        view.can_correct = True
    view.can_withdraw = view.is_open
    view.letters = [
        LetterEntry(
            letter.pk,
            letter_title(letter),
            letter.doc_number,
            letter.issued_on,
            [fmt for fmt, f in (("pdf", letter.pdf_file), ("docx", letter.docx_file)) if f] or ["txt"],
        )
        for letter in applicant_letters(disclosure_request)
    ]
    return view
