"""Public JSON API of the portal (issue #6 item 8): apply online and follow the application, no token needed.

- `POST /api/v1/public/applications` takes the fields of the portal's application form and answers
  `{"number", "tracking_code", "status"}` (201; 200 when the same `Idempotency-Key` was seen before).
- `GET /api/v1/public/applications/{number}?code=…` answers status, timeline, due date and its explanation
  — nothing about the applicant beyond what they entered, nothing about staff or third parties.

Validation is the portal form's own (same Chinese messages, same 条例第二十九条 rules); the same per-address
and per-applicant rate limits apply. The arithmetic challenge is a browser-form measure; API callers meet the
hard limits (429) instead.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from typing import Any, Literal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests.services import InvalidInput
from gongkai.portal import limits, tracking
from gongkai.portal.applications import ApplicationInput, RateLimited, submit_application
from gongkai.portal.forms import ApplicationForm

router = Router(tags=["公众：网上申请与查询"])

NOT_FOUND = "没有找到与这组申请编号和查询码对应的申请，请核对后重试。"


class IdentityProofIn(Schema):
    name: str
    content_base64: str


class ApplicationIn(Schema):
    agency: str
    applicant_type: Literal["citizen", "organisation"]
    org_kind: Literal["", "commercial", "research", "public_welfare", "legal_service", "other_org"] = ""
    name: str
    id_type: str = "resident_id"
    id_number: str = ""
    credit_code: str = ""
    phone: str
    email: str = ""
    address: str = ""
    description: str
    purpose: str = ""
    information_form: Literal["paper", "email", "disc", "inspection"]
    delivery_way: Literal["post", "email", "pickup"]
    # 条例第二十九条：身份证明 — a PDF/JPG/PNG of at most 10 MB, base64-encoded.
    identity_proof: IdentityProofIn | None = None
    # The applicant agrees to the use of their personal data for handling this application.
    consent: bool


class ApplicationOut(Schema):
    number: str
    tracking_code: str
    status: str


class ErrorOut(Schema):
    detail: str
    errors: dict[str, str] = {}


def _json(data: dict[str, Any], status: int) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


@router.post(
    "/applications",
    response={200: ApplicationOut, 201: ApplicationOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="网上提交政府信息公开申请",
    description="字段与网上申请表相同。请求头 Idempotency-Key 相同的重复提交只登记一次。提交后状态为“待确认”（条例第三十一条）。",
)
def create_application(request: HttpRequest, payload: ApplicationIn) -> JsonResponse:
    agency = get_object_or_404(Agency, code=payload.agency)
    ip = limits.client_ip(request)
    data = payload.dict(exclude={"agency", "identity_proof", "consent"})
    if payload.consent:
        data["consent"] = "on"
    files = {}
    if payload.identity_proof is not None:
        try:
            content = base64.b64decode(payload.identity_proof.content_base64, validate=True)
        except (binascii.Error, ValueError):
            return _json(
                {
                    "detail": "请求内容有误。",
                    "errors": {"identity_proof": "content_base64 不是有效的 Base64 编码。"},
                },
                422,
            )
        files["identity_proof"] = SimpleUploadedFile(payload.identity_proof.name or "file", content)
    form = ApplicationForm(data, files)
    if not form.is_valid():
        errors = {name: " ".join(str(e) for e in messages) for name, messages in form.errors.items()}
        return _json({"detail": "请求内容有误。", "errors": errors}, 422)
    key = request.headers.get("Idempotency-Key", "")[:60]
    try:
        submitted = submit_application(
            agency,
            ApplicationInput.from_form(form),
            # Keys are namespaced so an API key can never collide with a browser form's key.
            submission_key=f"api:{key}" if key else f"api:{secrets.token_urlsafe(24)}",
            ip=ip,
        )
    except RateLimited as exc:
        response = _json({"detail": exc.message, "errors": {}}, 429)
        response["Retry-After"] = "3600"
        return response
    except InvalidInput as exc:
        errors = {k.removeprefix("applicant."): v for k, v in exc.errors.items()}
        return _json({"detail": "请求内容有误。", "errors": errors}, 422)
    disclosure_request = submitted.disclosure_request
    body = {
        "number": disclosure_request.number,
        "tracking_code": disclosure_request.tracking_code,
        "status": disclosure_request.status,
    }
    return _json(body, 201 if submitted.created else 200)


@router.get(
    "/applications/{number}",
    response={200: dict, 404: ErrorOut, 429: ErrorOut},
    summary="查询申请办理进度",
    description="凭申请编号和查询码（code）查询：状态、办理经过、答复期限及其计算说明、已出具的文书。",
)
def get_application(request: HttpRequest, number: str, code: str = "") -> JsonResponse:
    ip = limits.client_ip(request)
    for limit in (limits.lookup_limit(), limits.failed_lookup_limit()):
        if limits.is_exceeded(limit, ip):
            response = _json({"detail": limit.message, "errors": {}}, 429)
            response["Retry-After"] = "900"
            return response
    limits.hit(limits.lookup_limit(), ip)
    found = tracking.find_application(number, code)
    if found is None:
        limits.hit(limits.failed_lookup_limit(), ip)
        # The same answer for an unknown number and a wrong code: nothing to enumerate.
        return _json({"detail": NOT_FOUND, "errors": {}}, 404)
    view = tracking.applicant_view(found, timezone.localdate())
    return _json(view.to_json(), 200)
