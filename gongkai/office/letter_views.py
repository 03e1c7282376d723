"""Letters (文书) on the request page: draft for a kind, preview, issue (frozen afterwards) or discard, files, 送达."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.core.letters import LetterError, letter_to_docx, letter_to_pdf
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Letter, LetterStatus
from gongkai.office import access, formtokens
from gongkai.office import letters as office_letters
from gongkai.office.actions import apply_service_errors
from gongkai.office.forms import DeliveryForm, DraftLetterForm, IssueLetterForm
from gongkai.office.views import _side_permissions, request_page

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_POST
def draft_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill the chosen letter kind from the record and save it as a draft for review."""
    dr = access.disclosure_request_for(request.user, pk)
    if not access.can_act_on(request.user, dr):
        return access.forbidden(request, "您是上级机关人员，只能查看该申请，不能起草文书。", dr)
    detail = reverse("office:request-detail", args=[dr.pk])
    if not formtokens.consume(request):
        messages.info(request, "该表单已经提交过，没有重复起草。")
        return redirect(detail)
    issued = list(dr.letters.filter(status=LetterStatus.ISSUED))
    form = DraftLetterForm(request.POST, kinds=office_letters.kind_choices(dr), issued=issued)
    if not form.is_valid():
        return request_page(request, dr, draft_form=form, status=422)
    served = None
    if form.cleaned_data.get("served_letter"):
        served = next((x for x in issued if str(x.pk) == form.cleaned_data["served_letter"]), None)
    kind = form.cleaned_data["kind"]
    if kind == "service_proof" and served is None:
        form.add_error("served_letter", "送达回证须选择所送达的已签发文书。")
        return request_page(request, dr, draft_form=form, status=422)
    try:
        rendered = office_letters.render_draft(dr, kind, served_letter=served)
        letter = services.draft_letter(
            dr,
            actor=request.user,
            kind=kind,
            body=office_letters.body_of(rendered),
            title=rendered.title,
            context=office_letters.stored_context(rendered),
            on=timezone.localdate(),
        )
    except LetterError as exc:
        messages.error(request, str(exc))
        return redirect(detail)
    except services.ActionRefused as exc:  # includes PermissionRefused
        messages.error(request, exc.message)
        return redirect(detail)
    messages.success(request, f"已起草《{letter.title}》，请核对后签发。")
    return redirect("office:letter-detail", pk=letter.pk)


def _letter_page(
    request: HttpRequest,
    letter: Letter,
    *,
    issue_form: Any = None,
    delivery_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    dr = letter.disclosure_request
    today = timezone.localdate()
    return render(
        request,
        "office/letter_detail.html",
        {
            "letter": letter,
            "dr": dr,
            "rendered": office_letters.rebuild(letter),
            "side": _side_permissions(request, dr),
            "is_member": access.can_act_on(request.user, dr),
            "issue_form": issue_form or IssueLetterForm(initial={"on": today}),
            "delivery_form": delivery_form or DeliveryForm(initial={"delivered_on": today}),
            "deliveries": list(letter.deliveries.all()),
            "unacknowledged_screening": services.unacknowledged_screening(dr)
            if letter.kind.startswith("reply.") and letter.status == LetterStatus.DRAFT
            else [],
        },
        status=status,
    )


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _letter_page(request, access.letter_for(request.user, pk))


@login_required
@require_POST
def issue_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the draft its document number and freeze it (审核人、负责人签发)."""
    letter = access.letter_for(request.user, pk)
    if not access.can_act_on(request.user, letter.disclosure_request):
        return access.forbidden(
            request, "您是上级机关人员，只能查看，不能签发文书。", letter.disclosure_request
        )
    back = reverse("office:letter-detail", args=[letter.pk])
    if not formtokens.consume(request):
        messages.info(request, "该表单已经提交过，没有重复签发。")
        return redirect(back)
    form = IssueLetterForm(request.POST)
    if not form.is_valid():
        return _letter_page(request, letter, issue_form=form, status=422)
    try:
        issued = services.issue_letter(letter, actor=request.user, on=form.cleaned_data["on"])
    except services.ActionRefused as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, f"已签发，文号 {issued.doc_number}。签发后文书不可修改。")
    return redirect(back)


def letter_bytes(letter: Letter, fmt: str) -> bytes:
    """The file of an issued letter exactly as stored at issue; a draft is typeset from its current text."""
    stored = letter.pdf_file if fmt == "pdf" else letter.docx_file
    if letter.status == LetterStatus.ISSUED and stored:
        with stored.open("rb") as handle:
            content: bytes = handle.read()
        return content
    rendered = office_letters.rebuild(letter)
    return letter_to_pdf(rendered) if fmt == "pdf" else letter_to_docx(rendered)


@login_required
def letter_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """DOCX or PDF of the letter: for an issued letter, the file stored when it was issued."""
    if fmt not in ("docx", "pdf"):
        raise Http404("文件格式应为 docx 或 pdf。")
    letter = access.letter_for(request.user, pk)
    stem = f"{letter.disclosure_request.number}-{letter.title}"
    if letter.doc_number:
        stem += f"-{letter.doc_number}"
    else:
        stem += "-已废弃草稿" if letter.status == LetterStatus.DISCARDED else "-草稿"
    content_type = "application/pdf" if fmt == "pdf" else DOCX_TYPE
    response = HttpResponse(letter_bytes(letter, fmt), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}.{fmt}")
    return response


@login_required
@require_POST
def discard_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """Discard a draft that will not be issued (kept on record as 已废弃; issued letters cannot be)."""
    letter = access.letter_for(request.user, pk)
    dr = letter.disclosure_request
    if not access.can_act_on(request.user, dr):
        return access.forbidden(request, "您是上级机关人员，只能查看，不能废弃文书草稿。", dr)
    back = reverse("office:letter-detail", args=[letter.pk])
    if not formtokens.consume(request):
        messages.info(request, "该表单已经提交过，没有重复办理。")
        return redirect(back)
    try:
        services.discard_letter(
            letter, actor=request.user, on=timezone.localdate(), reason=request.POST.get("reason", "")[:300]
        )
    except services.ActionRefused as exc:  # includes PermissionRefused
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, f"已废弃草稿《{letter.title}》。草稿保留在办理记录中，不再签发。")
    return redirect("office:request-detail", pk=dr.pk)


@login_required
@require_POST
def record_delivery(request: HttpRequest, pk: int) -> HttpResponse:
    """Record 送达 of an issued letter: method and date."""
    letter = access.letter_for(request.user, pk)
    if not access.can_act_on(request.user, letter.disclosure_request):
        return access.forbidden(
            request, "您是上级机关人员，只能查看，不能登记送达。", letter.disclosure_request
        )
    back = reverse("office:letter-detail", args=[letter.pk])
    if not formtokens.consume(request):
        messages.info(request, "该表单已经提交过，没有重复登记。")
        return redirect(back)
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        return _letter_page(request, letter, delivery_form=form, status=422)
    data = form.cleaned_data
    try:
        services.record_delivery(
            letter,
            actor=request.user,
            method=data["method"],
            delivered_on=data["delivered_on"],
            recipient=data.get("recipient", ""),
            tracking_number=data.get("tracking_number", ""),
            note=data.get("note", ""),
        )
    except services.InvalidInput as exc:
        apply_service_errors(form, exc.errors)
        return _letter_page(request, letter, delivery_form=form, status=422)
    except services.ActionRefused as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, "已登记送达。")
    return redirect(back)
