"""Public portal (政府信息公开专栏) views: the column of each agency, online applications and tracking.

国办公开办函〔2019〕61号 fixes the first-level columns: 政府信息公开指南, 政府信息公开制度,
法定主动公开内容, 政府信息公开年报; 依申请公开 is where people apply and follow their applications.
Everything here works without JavaScript; htmx and a few lines of JS only make it quicker.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.guide import AgencyGuide
from gongkai.agencies.models import Agency, Role
from gongkai.agencies.services import roles_in
from gongkai.core.request_lifecycle import Status
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import AttachmentKind, DisclosureRequest, Letter
from gongkai.portal import annual_reports, limits, tracking
from gongkai.portal.applications import ApplicationInput, RateLimited, existing_submission, submit_application
from gongkai.portal.forms import (
    FILE_RECHOOSE_NOTE,
    ApplicationForm,
    CorrectionForm,
    GuideForm,
    TrackForm,
    WithdrawForm,
)

ELDER_COOKIE = "elder_mode"
SESSION_LAST_APPLICATION = "portal_last_application"
SESSION_TRACKED = "portal_tracked_application"
SIMILAR_LIMIT = 5

COLUMNS = (
    ("guide", "政府信息公开指南"),
    ("rules", "政府信息公开制度"),
    ("proactive", "法定主动公开内容"),
    ("annual_reports", "政府信息公开年报"),
    ("apply", "依申请公开"),
)


def _today() -> date:
    return timezone.localdate()


def _agency(agency_code: str) -> Agency:
    return get_object_or_404(Agency, code=agency_code)


def _guide(agency: Agency) -> AgencyGuide | None:
    return AgencyGuide.objects.filter(agency=agency).first()


def catalogue_url(agency: Agency) -> str | None:
    """The 法定主动公开内容 catalogue of the publications app, if it is mounted (issue #7)."""
    try:
        return reverse("catalogue:catalogue", args=[agency.code])
    except NoReverseMatch:
        return None


def _column(request: HttpRequest, agency: Agency, active: str, template: str, **context: Any) -> HttpResponse:
    return render(
        request,
        template,
        {
            "agency": agency,
            "columns": COLUMNS,
            "active": active,
            "catalogue_url": catalogue_url(agency),
            **context,
        },
    )


# --- landing page and the agency column -------------------------------------------------------------------


def _tree(agencies: list[Agency]) -> list[dict[str, Any]]:
    children: dict[int | None, list[Agency]] = {}
    for agency in agencies:
        children.setdefault(agency.parent_id, []).append(agency)
    known = {a.pk for a in agencies}

    def build(parent_id: int | None, seen: frozenset[int]) -> list[dict[str, Any]]:
        nodes = []
        for agency in sorted(
            children.get(parent_id, []), key=lambda a: (a.kind != "county_government", a.code)
        ):
            if agency.pk in seen:  # a cycle in bad data must not hang the home page
                continue
            nodes.append({"agency": agency, "children": build(agency.pk, seen | {agency.pk})})
        return nodes

    roots = [a for a in agencies if a.parent_id is None or a.parent_id not in known]
    tree = build(None, frozenset())
    # Bodies whose parent is not listed here still appear, at the top level.
    listed = {n["agency"].pk for n in tree}
    tree += [
        {"agency": a, "children": build(a.pk, frozenset({a.pk}))}
        for a in roots
        if a.pk not in listed and a.parent_id
    ]
    return tree


def home(request: HttpRequest) -> HttpResponse:
    """Landing page: every agency with a disclosure column, by supervision hierarchy."""
    agencies = list(Agency.objects.all())
    return render(request, "portal/home.html", {"tree": _tree(agencies), "agency_count": len(agencies)})


def agency_home(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = _agency(agency_code)
    from gongkai.publications.models import Publication

    latest = list(Publication.objects.public().filter(agency=agency).order_by("-published_on", "-id")[:5])
    reports = annual_reports.current_by_year(agency)
    return _column(
        request,
        agency,
        "",
        "portal/agency_home.html",
        guide=_guide(agency),
        latest=latest,
        latest_report=reports[0][0] if reports else None,
        children=list(agency.children.order_by("code")),
    )


def guide(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = _agency(agency_code)
    can_edit = Role.ADMIN in roles_in(request.user, agency)
    return _column(request, agency, "guide", "portal/guide.html", guide=_guide(agency), can_edit=can_edit)


@login_required
@require_http_methods(["GET", "POST"])
def guide_edit(request: HttpRequest, agency_code: str) -> HttpResponse:
    """条例第十二条：指南由本机关编制、公布并及时更新 — only the agency's 管理员 may edit it."""
    agency = _agency(agency_code)
    if Role.ADMIN not in roles_in(request.user, agency):
        raise PermissionDenied("只有本机关的管理员可以编辑政府信息公开指南。")
    instance = _guide(agency) or AgencyGuide(agency=agency)
    form = GuideForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.agency = agency
        saved.updated_by = request.user
        saved.save()
        messages.success(request, "政府信息公开指南已更新。")
        return redirect("portal:guide", agency_code=agency.code)
    form.mark_errors()
    return _column(request, agency, "guide", "portal/guide_edit.html", form=form)


def rules(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = _agency(agency_code)
    found = _guide(agency)
    paragraphs = [p.strip() for p in (found.rules_text if found else "").split("\n") if p.strip()]
    return _column(request, agency, "rules", "portal/rules.html", paragraphs=paragraphs, guide=found)


def proactive(request: HttpRequest, agency_code: str) -> HttpResponse:
    """法定主动公开内容: the statutory headings with how many items each holds (the catalogue lists them)."""
    agency = _agency(agency_code)
    from gongkai.publications.categories import categories_for, group_label
    from gongkai.publications.models import Publication

    public = Publication.objects.public().filter(agency=agency)
    counts = dict(public.order_by().values_list("category").annotate(n=Count("id", distinct=True)))
    headings = [
        {"code": code, "label": label, "group": group_label(code), "count": counts.get(code, 0)}
        for code, label in categories_for(agency.kind)
    ]
    latest = list(public.order_by("-published_on", "-id")[:10])
    return _column(request, agency, "proactive", "portal/proactive.html", headings=headings, latest=latest)


# --- annual reports --------------------------------------------------------------------------------------


def annual_report_list(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = _agency(agency_code)
    return _column(
        request,
        agency,
        "annual_reports",
        "portal/annual_reports.html",
        years=annual_reports.current_by_year(agency),
    )


def _report_or_404(
    agency: Agency, year: int, version: int | None
) -> tuple[annual_reports.PublishedReport, list[annual_reports.PublishedReport]]:
    found = annual_reports.find(agency, year, version)
    if found is None:
        raise Http404("没有找到这一年度的报告。")
    return found


def annual_report(
    request: HttpRequest, agency_code: str, year: int, version: int | None = None
) -> HttpResponse:
    """One stable URL per report year (the newest version); earlier versions under …/v<n>/."""
    agency = _agency(agency_code)
    published, versions = _report_or_404(agency, year, version)
    from gongkai.core.annual_report.render import render_html

    body = render_html(published.report, full_document=False, id_prefix=f"r{year}v{published.version}-")
    return _column(
        request,
        agency,
        "annual_reports",
        "portal/annual_report.html",
        published=published,
        versions=versions,
        is_current=published.version == versions[0].version,
        report_html=body,
    )


def annual_report_download(
    request: HttpRequest, agency_code: str, year: int, fmt: str, version: int | None = None
) -> HttpResponse:
    agency = _agency(agency_code)
    published, _ = _report_or_404(agency, year, version)
    if fmt not in ("docx", "pdf"):
        raise Http404()
    from gongkai.core.annual_report.render import UnsupportedFormatError, render

    try:
        content = render(published.report, fmt)
    except UnsupportedFormatError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    content_type = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[fmt]
    name = f"{agency.code}-{year}-annual-report-v{published.version}.{fmt}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- online application (依申请公开) ---------------------------------------------------------------------


def _similar(agency: Agency, text: str) -> list[Any]:
    """Proactively published items that look like what is asked (条例第三十六条第（一）项、第四十四条)."""
    text = text.strip()
    if len(text) < 2:
        return []
    from gongkai.publications.models import Publication
    from gongkai.publications.search import search

    public = Publication.objects.public().filter(agency=agency)
    return [hit.publication for hit in search(public, text[:200], limit=SIMILAR_LIMIT)]


def _new_key() -> str:
    return secrets.token_urlsafe(24)


def _apply_response(
    request: HttpRequest, agency: Agency, form: ApplicationForm, status: int, **extra: Any
) -> HttpResponse:
    form.mark_errors()
    response = _column(
        request,
        agency,
        "apply",
        "portal/apply.html",
        form=form,
        guide=_guide(agency),
        file_note=FILE_RECHOOSE_NOTE,
        **extra,
    )
    response.status_code = status
    return response


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = _agency(agency_code)
    ip = limits.client_ip(request)
    asked = limits.needs_challenge(ip)
    if request.method == "GET":
        # Step 1 without JavaScript: ?q=… searches what is already public and carries the words into the form.
        query = request.GET.get("q", "").strip()[:200]
        form = ApplicationForm(
            initial={"submission_key": _new_key(), "description": query}, challenge=_question(request, asked)
        )
        found = _similar(agency, query) if query else None
        return _apply_response(request, agency, form, 200, search_results=found, query=query)

    key = request.POST.get("submission_key", "")[:64]

    earlier = existing_submission(key)
    if earlier is not None and earlier.agency_id == agency.pk:
        # Double click or browser resubmission: show the first application again, create nothing.
        request.session[SESSION_LAST_APPLICATION] = earlier.pk
        return redirect("portal:apply-done", agency_code=agency.code)
    if limits.is_exceeded(limits.submission_limit(), ip):
        return _rate_limited(request, agency, limits.submission_limit().message)

    # The answer is checked against the question stored when the form was shown; the next question is
    # asked at once so that a form shown again carries a fresh one.
    solved = limits.check_challenge(request, request.POST.get("challenge_answer", "")) if asked else True
    form = ApplicationForm(request.POST, request.FILES, challenge=_question(request, asked))
    valid = form.is_valid()
    if not solved:
        if "challenge_answer" not in form.errors:
            form.add_error("challenge_answer", "验证问题的答案不正确，请重新计算后填写。")
        valid = False
    if not valid:
        return _invalid(request, agency, form, ip)

    try:
        submitted = submit_application(
            agency,
            ApplicationInput.from_form(form),
            submission_key=key or _new_key(),
            ip=ip,
        )
    except RateLimited as exc:
        return _rate_limited(request, agency, exc.message)
    except services.InvalidInput as exc:
        for field_name, message in exc.errors.items():
            name = field_name.removeprefix("applicant.")
            form.add_error(name if name in form.fields else None, message)
        return _invalid(request, agency, form, ip)
    request.session[SESSION_LAST_APPLICATION] = submitted.disclosure_request.pk
    return redirect("portal:apply-done", agency_code=agency.code)


def _question(request: HttpRequest, asked: bool) -> str | None:
    return limits.new_challenge(request) if asked else None


def _invalid(request: HttpRequest, agency: Agency, form: ApplicationForm, ip: str) -> HttpResponse:
    """Show the form again with every typed value kept (the file must be re-chosen) and a fresh question."""
    if "challenge_answer" in form.fields:
        # The question changed: the old answer must not stay in the box.
        data = form.data.copy()
        data["challenge_answer"] = ""
        form.data = data
    similar = _similar(agency, str(form.data.get("description", "")))
    return _apply_response(request, agency, form, 400, similar=similar)


def _rate_limited(request: HttpRequest, agency: Agency | None, message: str) -> HttpResponse:
    response = render(request, "portal/rate_limited.html", {"agency": agency, "message": message}, status=429)
    response["Retry-After"] = "900"
    return response


def apply_done(request: HttpRequest, agency_code: str) -> HttpResponse:
    """The confirmation page with 申请编号 and 查询码 (only for the browser that submitted it)."""
    agency = _agency(agency_code)
    pk = request.session.get(SESSION_LAST_APPLICATION)
    disclosure_request = (
        DisclosureRequest.objects.filter(pk=pk, agency=agency).select_related("applicant").first()
    )
    if disclosure_request is None:
        return redirect("portal:apply", agency_code=agency.code)
    # The applicant may go straight to the tracking page from here.
    request.session[SESSION_TRACKED] = disclosure_request.pk
    return _column(request, agency, "apply", "portal/apply_done.html", disclosure_request=disclosure_request)


def apply_similar(request: HttpRequest, agency_code: str) -> HttpResponse:
    """htmx fragment: items that may already be public, as the description is typed."""
    agency = _agency(agency_code)
    text = request.GET.get("description", "")
    ip = limits.client_ip(request)
    if limits.hit(limits.similar_limit(), ip) > limits.similar_limit().max_hits:
        text = ""  # over the limit: quietly stop suggesting; the form itself still works
    return render(
        request,
        "portal/_similar.html",
        {
            "agency": agency,
            "similar": _similar(agency, text),
            "checked": len(text.strip()) >= 2,
            "catalogue_url": catalogue_url(agency),
        },
    )


# --- following an application ---------------------------------------------------------------------------


def agency_track(request: HttpRequest, agency_code: str) -> HttpResponse:
    _agency(agency_code)
    return redirect("portal:track")


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """申请编号 + 查询码 → the application. Wrong pairs get one generic message; look-ups are rate-limited."""
    ip = limits.client_ip(request)
    form = TrackForm(request.POST or None)
    error = ""
    if request.method == "POST":
        for limit in (limits.lookup_limit(), limits.failed_lookup_limit()):
            if limits.is_exceeded(limit, ip):
                return _rate_limited(request, None, limit.message)
        limits.hit(limits.lookup_limit(), ip)
        if form.is_valid():
            found = tracking.find_application(form.cleaned_data["number"], form.cleaned_data["code"])
            if found is not None:
                request.session.cycle_key()  # a fresh session id once the codes are proven
                request.session[SESSION_TRACKED] = found.pk
                return redirect("portal:track-status")
            limits.hit(limits.failed_lookup_limit(), ip)
            # Same words whether the number exists or not: nothing to enumerate.
            error = "没有找到与这组申请编号和查询码对应的申请，请核对后重试。"
    form.mark_errors()
    response = render(request, "portal/track.html", {"form": form, "error": error})
    if request.method == "POST" and (error or form.errors):
        response.status_code = 400
    return response


def _tracked(request: HttpRequest) -> DisclosureRequest:
    pk = request.session.get(SESSION_TRACKED)
    found = (
        DisclosureRequest.objects.filter(pk=pk).select_related("agency", "applicant").first() if pk else None
    )
    if found is None:
        raise _NeedCodes()
    return found


class _NeedCodes(Exception):
    pass


def _with_tracked(view: Any) -> Any:
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)  # type: ignore[no-any-return]
        except _NeedCodes:
            messages.info(request, "请先输入申请编号和查询码。")
            return redirect("portal:track")

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _status_page(
    request: HttpRequest,
    disclosure_request: DisclosureRequest,
    *,
    correction_form: CorrectionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    view = tracking.applicant_view(disclosure_request, _today())
    if correction_form is None and view.can_correct:
        correction_form = CorrectionForm()
    if correction_form is not None:
        correction_form.mark_errors()
    return render(
        request,
        "portal/track_status.html",
        {"view": view, "agency": disclosure_request.agency, "correction_form": correction_form},
        status=status,
    )


@_with_tracked
def track_status(request: HttpRequest) -> HttpResponse:
    return _status_page(request, _tracked(request))


@_with_tracked
@require_POST
def track_correction(request: HttpRequest) -> HttpResponse:
    """在线补正 (条例第三十条): the note and any attachments, then the corrected application is received."""
    disclosure_request = _tracked(request)
    if disclosure_request.status != Status.AWAITING_CORRECTION:
        messages.error(request, "这份申请现在不需要补正。")
        return redirect("portal:track-status")
    form = CorrectionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _status_page(request, disclosure_request, correction_form=form, status=400)
    today = _today()
    try:
        from django.db import transaction

        with transaction.atomic():
            for name, content in form.uploads:
                services.add_attachment(
                    disclosure_request,
                    actor=None,
                    kind=AttachmentKind.CORRECTION,
                    name=name,
                    content=content,
                    on=today,
                )
            services.receive_correction(
                disclosure_request, actor=None, on=today, note=form.cleaned_data["note"], today=today
            )
    except (services.ActionRefused, services.InvalidInput) as exc:
        messages.error(request, exc.message)
        return redirect("portal:track-status")
    messages.success(request, "补正材料已提交。答复期限自今天起重新计算（条例第三十条）。")
    return redirect("portal:track-status")


@_with_tracked
@require_http_methods(["GET", "POST"])
def track_withdraw(request: HttpRequest) -> HttpResponse:
    """Withdraw, after an explicit confirmation (a second page, not a single click)."""
    disclosure_request = _tracked(request)
    if not tracking.applicant_view(disclosure_request, _today()).can_withdraw:
        messages.error(request, "这份申请已经办结，不能撤回。")
        return redirect("portal:track-status")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(disclosure_request, actor=None, on=_today(), reason=form.cleaned_data["reason"])
        except (services.ActionRefused, services.InvalidInput) as exc:
            messages.error(request, exc.message)
            return redirect("portal:track-status")
        messages.success(request, "申请已撤回。")
        return redirect("portal:track-status")
    form.mark_errors()
    return render(
        request,
        "portal/track_withdraw.html",
        {"form": form, "disclosure_request": disclosure_request, "agency": disclosure_request.agency},
        status=400 if form.errors else 200,
    )


@_with_tracked
def track_letter(request: HttpRequest, letter_id: int, fmt: str) -> HttpResponse:
    disclosure_request = _tracked(request)
    letter = Letter.objects.filter(pk=letter_id, disclosure_request=disclosure_request).first()
    if letter is None or letter not in tracking.applicant_letters(disclosure_request):
        raise Http404("没有这份文书。")
    stem = f"{disclosure_request.number}-{letter.kind}"
    if fmt == "pdf" and letter.pdf_file:
        return FileResponse(letter.pdf_file.open("rb"), as_attachment=True, filename=f"{stem}.pdf")
    if fmt == "docx" and letter.docx_file:
        return FileResponse(letter.docx_file.open("rb"), as_attachment=True, filename=f"{stem}.docx")
    if fmt == "txt":
        response = HttpResponse(letter.body, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.txt"'
        return response
    raise Http404("没有这种格式的文书。")


@require_POST
def track_end(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_TRACKED, None)
    messages.info(request, "已退出查询。")
    return redirect("portal:track")


# --- 长辈模式 -----------------------------------------------------------------------------------------------


@require_POST
def elder_mode(request: HttpRequest) -> HttpResponse:
    """Toggle large text and a simpler layout (适老化); base.html reads the cookie."""
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.COOKIES.get(ELDER_COOKIE) == "1":
        response.delete_cookie(ELDER_COOKIE)
    else:
        response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    return response
