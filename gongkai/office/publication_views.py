"""Back-office views for proactive disclosure: drafts, screening findings, review, approval, publication,
the registers behind table 二, timeliness and the 政务新媒体 log.

Views read and render; every change goes through gongkai.publications services, which check roles.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.services import can_read, has_role, roles_in
from gongkai.core import publication_lifecycle as workflow
from gongkai.core.annual_report.format import layout
from gongkai.core.annual_report.model import t2_ref
from gongkai.publications import newmedia, registers, services, statistics, timeliness
from gongkai.publications.categories import categories_for
from gongkai.publications.models import (
    Attachment,
    Channel,
    Finding,
    Measure,
    MonthlyTally,
    NewMediaPlatform,
    NormativeDocument,
    NormativeKind,
    Publication,
    ReviewDecision,
    SecrecyReferral,
    Status,
    Subcategory,
    Validity,
)
from gongkai.publications.services import PublicationError, PublicationPermissionError

View = Callable[..., HttpResponse]


@login_required
def publications_home(request: HttpRequest) -> HttpResponse:
    """The office's entry to proactive disclosure: the catalogue of the first agency the user works in."""
    from gongkai.agencies.models import Membership

    membership = (
        Membership.objects.filter(user=request.user).select_related("agency").order_by("agency__code").first()
    )
    if membership is None:
        raise Http404("您没有任何机关的岗位。")
    return redirect("publications_office:list", agency_code=membership.agency.code)


def agency_view(view: View) -> View:
    """Log-in required; the agency (by code) must be readable by the user, else 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, agency_code: str, *args: Any, **kwargs: Any) -> HttpResponse:
        agency = get_object_or_404(Agency, code=agency_code)
        if not can_read(request.user, agency):
            raise PermissionDenied("您无权查看该机关的主动公开信息。")
        # Reading reaches down the hierarchy; acting needs a role in the agency itself (agencies.services).
        if request.method == "POST" and not roles_in(request.user, agency):
            raise PermissionDenied("您在该机关没有办理权限。")
        try:
            return view(request, agency, *args, **kwargs)
        except PublicationPermissionError as exc:
            raise PermissionDenied(exc.message) from exc

    return wrapper


def _publication(agency: Agency, pk: int) -> Publication:
    return get_object_or_404(Publication, pk=pk, agency=agency)


def _back(publication: Publication) -> HttpResponse:
    return redirect("publications_office:detail", agency_code=publication.agency.code, pk=publication.pk)


def _run(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service call; refusals become a message (permission refusals propagate as 403)."""
    try:
        action()
    except PublicationPermissionError:
        raise
    except PublicationError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


def _date(value: str | None, default: date | None = None) -> date | None:
    if not value:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# ---- list, draft, edit --------------------------------------------------------------------------------


class PublicationForm(forms.Form):
    title = forms.CharField(label="名称", max_length=200)
    document_number = forms.CharField(label="文号", max_length=80, required=False)
    issuing_body = forms.CharField(label="发布机构", max_length=100, required=False)
    made_on = forms.DateField(
        label="生成日期（形成或者变更之日）", widget=forms.DateInput(attrs={"type": "date"})
    )
    category = forms.ChoiceField(label="法定主动公开内容类别")
    subcategory = forms.ModelChoiceField(label="子栏目", queryset=Subcategory.objects.none(), required=False)
    summary = forms.CharField(label="内容概述", widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 14}), required=False)

    def __init__(self, agency: Agency, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = categories_for(agency.kind)
        self.fields["subcategory"].queryset = Subcategory.objects.filter(agency=agency)


@agency_view
def publication_list(request: HttpRequest, agency: Agency) -> HttpResponse:
    items = Publication.objects.filter(agency=agency)
    status = request.GET.get("status", "")
    if status in Status.values:
        items = items.filter(status=status)
    return render(
        request,
        "office/publications/publication_list.html",
        {
            "agency": agency,
            "items": items.order_by("-updated_at")[:300],
            "statuses": Status.choices,
            "status": status,
            "roles": roles_in(request.user, agency),
        },
    )


@agency_view
def create_draft(request: HttpRequest, agency: Agency) -> HttpResponse:
    form = PublicationForm(agency, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            publication = services.create_draft(agency, request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except PublicationPermissionError:
            raise
        except PublicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "草稿已保存，已自动筛查。")
            return _back(publication)
    elif request.method == "GET" and not has_role(request.user, agency, "clerk", "head"):
        raise PermissionDenied("您没有起草主动公开信息的权限。")
    return render(request, "office/publications/publication_form.html", {"agency": agency, "form": form})


@agency_view
def edit_draft(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    initial = {name: getattr(publication, name) for name in services.EDITABLE_FIELDS}
    form = PublicationForm(agency, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(publication, request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except PublicationPermissionError:
            raise
        except PublicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "已保存，已重新筛查。")
            return _back(publication)
    elif request.method == "GET" and not has_role(request.user, agency, "clerk", "head"):
        raise PermissionDenied("您没有修改主动公开信息的权限。")
    return render(
        request,
        "office/publications/publication_form.html",
        {"agency": agency, "form": form, "publication": publication},
    )


@agency_view
def publication_detail(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    roles = roles_in(request.user, agency)
    if "admin" in roles:
        roles |= {"clerk", "reviewer", "head"}
    allowed = {
        action.replace(":", "_"): bool(set(workflow.roles_for(action)) & roles)
        and workflow.target_of(action, publication.status) is not None
        for action in workflow.TRANSITIONS
    }
    return render(
        request,
        "office/publications/publication_detail.html",
        {
            "agency": agency,
            "publication": publication,
            "findings": publication.findings.select_related("attachment").all(),
            "open_findings": services.open_findings(publication),
            "attachments": publication.attachments.filter(is_removed=False),
            "reviews": publication.reviews.select_related("reviewer"),
            "referrals": publication.referrals.all(),
            "channels": publication.channels.all(),
            "events": publication.events.select_related("actor"),
            "roles": roles,
            "allowed": allowed,
            "is_editable": publication.status in workflow.EDITABLE_STATES and bool(roles & {"clerk", "head"}),
            "is_fixable": publication.status in workflow.FIXABLE_STATES,
            "decisions": ReviewDecision.choices,
            "channel_choices": Channel.choices,
            "validity_choices": Validity.choices,
            "repeal_candidates": Publication.objects.public()
            .filter(agency=agency)
            .exclude(pk=publication.pk)[:200],
            "today": timezone.localdate(),
        },
    )


# ---- actions ------------------------------------------------------------------------------------------


@require_POST
@agency_view
def submit_for_review(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    _run(request, lambda: services.submit_for_review(publication, request.user), "已提交保密审查。")  # type: ignore[arg-type]
    return _back(publication)


@require_POST
@agency_view
def upload_attachment(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要上传的文件。")
        return _back(publication)
    _run(
        request, lambda: services.add_attachment(publication, request.user, upload), "附件已上传并完成筛查。"
    )  # type: ignore[arg-type]
    return _back(publication)


@require_POST
@agency_view
def remove_attachment(request: HttpRequest, agency: Agency, pk: int, attachment_pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, publication=publication)
    reason = request.POST.get("reason", "")
    _run(request, lambda: services.remove_attachment(attachment, request.user, reason), "附件已删除。")  # type: ignore[arg-type]
    return _back(publication)


@require_POST
@agency_view
def acknowledge_finding(request: HttpRequest, agency: Agency, pk: int, finding_pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    finding = get_object_or_404(Finding, pk=finding_pk, publication=publication)
    note = request.POST.get("note", "")
    _run(request, lambda: services.acknowledge_finding(finding, request.user, note), "已确认。")  # type: ignore[arg-type]
    return _back(publication)


@require_POST
@agency_view
def fix_finding(request: HttpRequest, agency: Agency, pk: int, finding_pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    finding = get_object_or_404(Finding, pk=finding_pk, publication=publication)
    replacement = request.POST.get("replacement")
    _run(
        request,
        lambda: services.fix_finding(finding, request.user, replacement if replacement else None),  # type: ignore[arg-type]
        "已修改。",
    )
    return _back(publication)


@require_POST
@agency_view
def refer_to_secrecy_office(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    referred_on = _date(request.POST.get("referred_on"), timezone.localdate()) or timezone.localdate()
    _run(
        request,
        lambda: services.refer_to_secrecy_office(
            publication,
            request.user,  # type: ignore[arg-type]
            office=request.POST.get("office", ""),
            question=request.POST.get("question", ""),
            referred_on=referred_on,
        ),
        "已登记报送保密行政管理部门。",
    )
    return _back(publication)


@require_POST
@agency_view
def record_secrecy_opinion(request: HttpRequest, agency: Agency, pk: int, referral_pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    referral = get_object_or_404(SecrecyReferral, pk=referral_pk, publication=publication)
    answered_on = _date(request.POST.get("answered_on"), timezone.localdate()) or timezone.localdate()
    _run(
        request,
        lambda: services.record_secrecy_opinion(
            referral,
            request.user,
            answered_on=answered_on,
            opinion=request.POST.get("opinion", ""),  # type: ignore[arg-type]
        ),
        "已登记保密部门意见。",
    )
    return _back(publication)


@require_POST
@agency_view
def decide_review(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    _run(
        request,
        lambda: services.decide_review(
            publication,
            request.user,  # type: ignore[arg-type]
            decision=request.POST.get("decision", ""),
            basis=request.POST.get("basis", ""),
            reassess_on=_date(request.POST.get("reassess_on")),
        ),
        "审查结论已记录。",
    )
    return _back(publication)


@require_POST
@agency_view
def approve(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    _run(
        request,
        lambda: services.approve(publication, request.user, request.POST.get("note", "")),
        "已批准发布。",
    )  # type: ignore[arg-type]
    return _back(publication)


@require_POST
@agency_view
def return_to_draft(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    _run(
        request,
        lambda: services.return_to_draft(publication, request.user, request.POST.get("reason", "")),
        "已退回修改。",
    )  # type: ignore[arg-type]
    return _back(publication)


@require_POST
@agency_view
def publish(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    published_on = _date(request.POST.get("published_on"), timezone.localdate())
    _run(
        request,
        lambda: services.publish(publication, request.user, published_on),
        "已发布到政府信息公开平台。",
    )  # type: ignore[arg-type]
    return _back(publication)


@require_POST
@agency_view
def withdraw(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    _run(
        request,
        lambda: services.withdraw(publication, request.user, request.POST.get("reason", "")),
        "已撤回。",
    )  # type: ignore[arg-type]
    return _back(publication)


@require_POST
@agency_view
def reopen(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    _run(
        request,
        lambda: services.reopen(publication, request.user, request.POST.get("reason", "")),
        "已转为草稿。",
    )  # type: ignore[arg-type]
    return _back(publication)


@require_POST
@agency_view
def record_channel(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    published_on = _date(request.POST.get("published_on"), timezone.localdate()) or timezone.localdate()
    _run(
        request,
        lambda: services.record_channel(
            publication,
            request.user,  # type: ignore[arg-type]
            channel=request.POST.get("channel", ""),
            published_on=published_on,
            url=request.POST.get("url", "")[:500],
            note=request.POST.get("note", "")[:200],
        ),
        "已登记发布渠道。",
    )
    return _back(publication)


@require_POST
@agency_view
def change_validity(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    publication = _publication(agency, pk)
    repealed_by_pk = request.POST.get("repealed_by") or ""
    repealed_by = (
        Publication.objects.public().filter(agency=agency, pk=repealed_by_pk).first()
        if repealed_by_pk.isdigit()
        else None
    )
    changed_on = _date(request.POST.get("changed_on"), timezone.localdate()) or timezone.localdate()
    _run(
        request,
        lambda: services.change_validity(
            publication,
            request.user,
            validity=request.POST.get("validity", ""),
            changed_on=changed_on,
            repealed_by=repealed_by,  # type: ignore[arg-type]
        ),
        "效力已变更。",
    )
    return _back(publication)


# ---- registers, table 二, timeliness, new media ------------------------------------------------------


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


@agency_view
def register_overview(request: HttpRequest, agency: Agency) -> HttpResponse:
    year = _year(request)
    tallies = {(t.month, t.measure): t for t in MonthlyTally.objects.filter(agency=agency, year=year)}
    grid = [(month, [tallies.get((month, m)) for m in Measure.values]) for month in range(1, 13)]
    return render(
        request,
        "office/publications/register_overview.html",
        {
            "agency": agency,
            "year": year,
            "measures": Measure.choices,
            "grid": grid,
            "documents": NormativeDocument.objects.filter(agency=agency),
            "normative_kinds": NormativeKind.choices,
            "can_edit": has_role(request.user, agency, *registers.REGISTER_ROLES),
            "missing": statistics.months_missing(agency, year),
        },
    )


@require_POST
@agency_view
def record_tally(request: HttpRequest, agency: Agency) -> HttpResponse:
    try:
        year, month = int(request.POST.get("year", "")), int(request.POST.get("month", ""))
    except ValueError:
        messages.error(request, "年份或月份无效。")
        return redirect("publications_office:registers", agency_code=agency.code)
    _run(
        request,
        lambda: registers.record_monthly_tally(
            agency,
            request.user,
            year=year,
            month=month,
            measure=request.POST.get("measure", ""),
            value=request.POST.get("value", ""),  # type: ignore[arg-type]
        ),
        "已登记。",
    )
    return redirect(f"{reverse('publications_office:registers', args=[agency.code])}?year={year}")


@require_POST
@agency_view
def import_tallies(request: HttpRequest, agency: Agency) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要导入的 CSV 或 XLSX 文件。")
        return redirect("publications_office:registers", agency_code=agency.code)
    report = registers.import_tallies(agency, request.user, upload.name or "导入文件", upload.read())  # type: ignore[arg-type]
    if report.is_saved:
        messages.success(request, report.summary())
        return redirect("publications_office:registers", agency_code=agency.code)
    return render(
        request, "office/publications/import_report.html", {"agency": agency, "report": report}, status=400
    )


@agency_view
def import_template(request: HttpRequest, agency: Agency) -> HttpResponse:
    response = HttpResponse(registers.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''register-template.csv"
    return response


@require_POST
@agency_view
def record_normative_document(request: HttpRequest, agency: Agency) -> HttpResponse:
    issued_on = _date(request.POST.get("issued_on"))
    if issued_on is None:
        messages.error(request, "请填写制发日期。")
        return redirect("publications_office:registers", agency_code=agency.code)
    _run(
        request,
        lambda: registers.record_normative_document(
            agency,
            request.user,  # type: ignore[arg-type]
            kind=request.POST.get("kind", ""),
            title=request.POST.get("title", ""),
            document_number=request.POST.get("document_number", ""),
            issued_on=issued_on,
            expires_on=_date(request.POST.get("expires_on")),
        ),
        "已登记。",
    )
    return redirect("publications_office:registers", agency_code=agency.code)


@require_POST
@agency_view
def repeal_normative_document(request: HttpRequest, agency: Agency, document_pk: int) -> HttpResponse:
    document = get_object_or_404(NormativeDocument, pk=document_pk, agency=agency)
    repealed_on = _date(request.POST.get("repealed_on"))
    if repealed_on is None:
        messages.error(request, "请填写废止日期。")
    else:
        _run(
            request,
            lambda: registers.repeal_normative_document(
                document,
                request.user,
                repealed_on=repealed_on,
                repealed_by=request.POST.get("repealed_by", ""),  # type: ignore[arg-type]
            ),
            "已登记废止。",
        )
    return redirect("publications_office:registers", agency_code=agency.code)


@agency_view
def table2(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    table, records = statistics.table2_for(agency, year)
    blocks = []
    for block in layout("2021").t2_blocks:
        rows = []
        for row in block.rows:
            cells = []
            for column in block.columns:
                ref = t2_ref(block.id, row.id, column.id)
                cells.append((column, table[block.id][row.id][column.id], ref, len(records.get(ref, []))))
            rows.append((row, cells))
        blocks.append((block, rows))
    ref = request.GET.get("cell", "")
    detail: list[Any] = []
    if ref in records:
        model = NormativeDocument if ref.startswith("T2.art20_1") else MonthlyTally
        detail = list(model.objects.filter(pk__in=records[ref]))  # type: ignore[attr-defined]
    return render(
        request,
        "office/publications/table2.html",
        {"agency": agency, "year": year, "blocks": blocks, "cell": ref, "detail": detail},
    )


@agency_view
def timeliness_overview(request: HttpRequest, agency: Agency) -> HttpResponse:
    today = timezone.localdate()
    year = _year(request)
    return render(
        request,
        "office/publications/timeliness.html",
        {
            "agency": agency,
            "today": today,
            "year": year,
            "overdue": timeliness.overdue(agency, today),
            "due_soon": timeliness.due_soon(agency, today),
            "months": timeliness.monthly_in_time_share(agency, year),
        },
    )


@agency_view
def new_media(request: HttpRequest, agency: Agency) -> HttpResponse:
    if request.method == "POST":
        posted_on = _date(request.POST.get("posted_on"))
        if posted_on is None:
            messages.error(request, "请填写发布日期。")
        else:
            _run(
                request,
                lambda: newmedia.record_post(
                    agency,
                    request.user,  # type: ignore[arg-type]
                    platform=request.POST.get("platform", ""),
                    account=request.POST.get("account", ""),
                    title=request.POST.get("title", ""),
                    posted_on=posted_on,
                    url=request.POST.get("url", "")[:500],
                    is_original=request.POST.get("is_original") == "on",
                ),
                "已登记。",
            )
        return redirect("publications_office:new-media", agency_code=agency.code)
    today = timezone.localdate()
    year, month = _year(request), int(request.GET.get("month", today.month) or today.month)
    half = 1 if request.GET.get("half", "1" if today.day <= 15 else "2") == "1" else 2
    try:
        summary = newmedia.half_month_summary(agency, year, month, half)
    except PublicationError as exc:
        raise Http404(exc.message) from exc
    return render(
        request,
        "office/publications/new_media.html",
        {
            "agency": agency,
            "summary": summary,
            "year": year,
            "month": month,
            "half": half,
            "platforms": NewMediaPlatform.choices,
            "recent": agency.new_media_posts.all()[:50],
        },
    )


@agency_view
def new_media_summary_xlsx(request: HttpRequest, agency: Agency) -> HttpResponse:
    try:
        year, month, half = int(request.GET["year"]), int(request.GET["month"]), int(request.GET["half"])
        summary = newmedia.half_month_summary(agency, year, month, half)
    except (KeyError, ValueError, PublicationError) as exc:
        raise Http404("请指定年份、月份和半月期次。") from exc
    response = HttpResponse(
        newmedia.summary_xlsx(summary),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''new-media-{year}-{month:02d}-{half}.xlsx"
    return response
