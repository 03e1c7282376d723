"""Online applications (依申请公开, 互联网渠道) as the portal and the public API submit them.

One function, `submit_application`, serves both: it registers through
`disclosure_requests.services.register_request` (actor None = the applicant; the application waits as
待确认 until the office confirms it, 条例第三十一条), stores the identity proof in the same transaction,
and is idempotent on `submission_key` — a double click, a resubmitted form or a retried API call returns
the first registration instead of creating a second one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests import crypto, services
from gongkai.disclosure_requests.models import AttachmentKind, Channel, DisclosureRequest
from gongkai.portal import limits
from gongkai.portal.forms import ApplicationForm

log = logging.getLogger(__name__)


@dataclass
class ApplicationInput:
    """Everything the applicant typed (条例第二十九条), already checked by the form or the API schema."""

    kind: str
    name: str
    id_type: str
    id_number: str
    credit_code: str
    phone: str
    email: str
    address: str
    description: str
    purpose: str
    information_form: str
    delivery_way: str
    identity_proof: tuple[str, bytes] | None = None

    @classmethod
    def from_form(cls, form: ApplicationForm) -> ApplicationInput:
        """What a valid ApplicationForm holds (the browser form and the public API share the form)."""
        data = form.cleaned_data
        return cls(
            kind=form.applicant_kind,
            name=data["name"],
            id_type=data.get("id_type") or "",
            id_number=data.get("id_number") or "",
            credit_code=data.get("credit_code") or "",
            phone=data["phone"],
            email=data.get("email") or "",
            address=data.get("address") or "",
            description=data["description"],
            purpose=data.get("purpose") or "",
            information_form=data["information_form"],
            delivery_way=data["delivery_way"],
            identity_proof=form.identity_file,
        )


@dataclass
class Submitted:
    disclosure_request: DisclosureRequest
    created: bool


class RateLimited(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def applicant_key(data: ApplicationInput) -> str:
    """Who the applicant is for the per-applicant limit: the identity number, else the credit code, else name+phone."""
    number = (data.id_number or data.credit_code).strip().upper()
    if number:
        return "id:" + crypto.identity_hash(number)
    return f"np:{data.name.strip()}|{data.phone.strip()}"


def existing_submission(submission_key: str) -> DisclosureRequest | None:
    if not submission_key:
        return None
    return DisclosureRequest.objects.filter(submission_key=submission_key).select_related("agency").first()


def submit_application(
    agency: Agency,
    data: ApplicationInput,
    *,
    submission_key: str,
    ip: str,
    today: date | None = None,
) -> Submitted:
    """Register an online application and send the confirmation e-mail (once).

    Raises `services.InvalidInput` (field → message) or `RateLimited` (Chinese message).
    """
    earlier = existing_submission(submission_key)
    if earlier is not None:
        return Submitted(earlier, created=False)
    who = applicant_key(data)
    if limits.is_exceeded(limits.submission_limit(), ip):
        raise RateLimited(limits.submission_limit().message)
    if limits.is_exceeded(limits.applicant_limit(), who):
        raise RateLimited(limits.applicant_limit().message)
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            registration = services.register_request(
                agency=agency,
                actor=None,
                channel=Channel.ONLINE,
                submitted_on=today,
                applicant=services.ApplicantData(
                    kind=data.kind,
                    name=data.name,
                    id_type=data.id_type,
                    id_number=data.id_number,
                    credit_code=data.credit_code,
                    phone=data.phone,
                    email=data.email,
                    address=data.address,
                ),
                description=data.description,
                purpose=data.purpose,
                information_form=data.information_form,
                delivery_way=data.delivery_way,
                submission_key=submission_key or None,
                today=today,
            )
            disclosure_request = registration.disclosure_request
            if registration.created and data.identity_proof is not None:
                name, content = data.identity_proof
                services.add_attachment(
                    disclosure_request,
                    actor=None,
                    kind=AttachmentKind.IDENTITY_PROOF,
                    name=name,
                    content=content,
                    on=today,
                )
    except IntegrityError:
        # Two clicks raced past the first check: the unique submission_key let exactly one through.
        earlier = existing_submission(submission_key)
        if earlier is None:
            raise
        return Submitted(earlier, created=False)
    if registration.created:
        limits.hit(limits.submission_limit(), ip)
        limits.hit(limits.applicant_limit(), who)
        send_confirmation_email(disclosure_request)
    return Submitted(disclosure_request, created=registration.created)


def confirmation_text(disclosure_request: DisclosureRequest, track_url: str = "") -> str:
    agency = disclosure_request.agency
    lines = [
        f"{disclosure_request.applicant.name}：",
        "",
        f"您向{agency.name}提交的政府信息公开申请已在网上提交。",
        "",
        f"申请编号：{disclosure_request.number}",
        f"查询码：{disclosure_request.tracking_code}",
        "",
        "请妥善保存申请编号和查询码，凭这两项可以查询办理进度、下载告知书和答复书、在线补正或撤回申请。",
        "",
        "目前状态为“待确认”。根据《中华人民共和国政府信息公开条例》第三十一条，通过互联网提交的申请，"
        "以双方确认之日为收到申请之日；本机关确认后，答复期限（20个工作日）从确认之日起计算。",
    ]
    if track_url:
        lines += ["", f"查询地址：{track_url}"]
    lines += ["", agency.name]
    return "\n".join(lines)


def send_confirmation_email(disclosure_request: DisclosureRequest) -> bool:
    """E-mail the codes to the applicant if they gave an address. A mail failure never loses the application."""
    email = disclosure_request.applicant.email
    if not email:
        return False
    base = str(getattr(settings, "GONGKAI_PORTAL_BASE_URL", "")).rstrip("/")
    track_url = f"{base}/track/" if base else ""
    try:
        send_mail(
            f"政府信息公开申请已提交（申请编号 {disclosure_request.number}）",
            confirmation_text(disclosure_request, track_url),
            None,
            [email],
        )
    except Exception:  # the codes are on the confirmation page too; log and carry on
        log.exception("confirmation e-mail for request %s failed", disclosure_request.pk)
        return False
    return True
