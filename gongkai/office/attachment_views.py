"""Attachments on the request page: upload (PDF/JPG/PNG ≤ 10 MB, checked by content), download, and the
clerk's confirmation of the screening findings on material that goes to the applicant."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Attachment
from gongkai.office import access, formtokens
from gongkai.office.actions import apply_service_errors
from gongkai.office.forms import AttachmentForm
from gongkai.office.views import request_page


def _attachment_for(request: HttpRequest, pk: int) -> Attachment:
    """The attachment if the user may read its request (another agency's: 404)."""
    found = (
        Attachment.objects.select_related("disclosure_request__agency")
        .filter(pk=pk, disclosure_request__in=access.readable_requests(request.user))
        .first()
    )
    if found is None:
        raise Http404("没有找到该附件。")
    return found


@login_required
@require_POST
def upload_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    dr = access.disclosure_request_for(request.user, pk)
    if not access.can_act_on(request.user, dr):
        return access.forbidden(request, "您是上级机关人员，只能查看该申请，不能上传附件。", dr)
    detail = reverse("office:request-detail", args=[dr.pk])
    if not formtokens.consume(request):
        messages.info(request, "该表单已经提交过，没有重复上传。")
        return redirect(detail)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.MAX_ATTACHMENT_BYTES:
            form.add_error("file", "文件不能超过10MB。")
        else:
            try:
                attachment = services.add_attachment(
                    dr,
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    name=upload.name,
                    content=upload.read(),
                    on=timezone.localdate(),
                )
            except services.InvalidInput as exc:
                apply_service_errors(form, exc.errors)
            except services.ActionRefused as exc:  # includes PermissionRefused
                messages.error(request, exc.message)
                return redirect(detail)
            else:
                if attachment.screening_findings:
                    messages.warning(
                        request,
                        f"已上传“{attachment.original_name}”。自动筛查有{len(attachment.screening_findings)}处提示，"
                        "请核对后确认，确认前不能答复。",
                    )
                else:
                    messages.success(request, f"已上传“{attachment.original_name}”。")
                return redirect(f"{detail}#h-attachments")
    return request_page(request, dr, attachment_form=form, status=422)


@login_required
def attachment_file(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment_for(request, pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def acknowledge_screening(request: HttpRequest, pk: int) -> HttpResponse:
    """The clerk confirms they checked every screening finding of one attachment for the applicant."""
    attachment = _attachment_for(request, pk)
    dr = attachment.disclosure_request
    if not access.can_act_on(request.user, dr):
        return access.forbidden(request, "您是上级机关人员，只能查看该申请，不能确认筛查提示。", dr)
    detail = reverse("office:request-detail", args=[dr.pk])
    if not formtokens.consume(request):
        messages.info(request, "该表单已经提交过，没有重复确认。")
        return redirect(detail)
    try:
        services.acknowledge_screening(attachment, actor=request.user, on=timezone.localdate())
    except services.ActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已确认“{attachment.original_name}”的筛查提示。")
    return redirect(f"{detail}#h-attachments")
