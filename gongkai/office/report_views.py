"""Back-office pages for annual reports (issue #8): the draft editor with inline findings, the review actions,
remedy cases (table 四), and the supervisor's dashboard with the regional roll-up and the batch checker.

Reading follows `readable_agencies` (another agency's report is a 404). Every change goes through
`gongkai.annual_reports.services`; its refusals come back as Chinese messages on the page.
URL names are reversed in the namespace the URLconf was included under (`reports_office`, or
`office:reports_office` once the lead nests it in office/urls.py).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.services import readable_agencies, roles_in
from gongkai.annual_reports import finding_cells, services, supervision
from gongkai.annual_reports.models import (
    AnnualReportDraft,
    CaseKind,
    CaseResult,
    RemedyCase,
    ReportEvent,
    ReportPublication,
)
from gongkai.annual_reports.statistics import review_first_hints
from gongkai.core.annual_report.format import layout, sections
from gongkai.core.annual_report.model import t2_ref, t3_ref, t4_ref
from gongkai.disclosure_requests.services import ActionRefused, InvalidInput

EDITABLE_SECTIONS = ("overview", "problems_improvements", "other_matters")
MAX_UPLOAD_FILES = 50


def _today() -> date:
    return timezone.localdate()


def _ns(request: HttpRequest) -> str:
    match = request.resolver_match
    return match.namespace if match and match.namespace else "reports_office"


def _url(request: HttpRequest, name: str, *args: Any) -> str:
    return reverse(f"{_ns(request)}:{name}", args=args)


def _agency(request: HttpRequest, code: str) -> Agency:
    agency = readable_agencies(request.user).filter(code=code).first()
    if agency is None:
        raise Http404("没有找到该机关。")
    return agency


def _year(year: int) -> int:
    if not 2008 <= year <= 2100:
        raise Http404("年度超出范围。")
    return year


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    return render(request, template, {"ns": _ns(request), "today": _today(), **context})


def _refused(request: HttpRequest, exc: Exception) -> None:
    message = getattr(exc, "message", str(exc))
    messages.error(request, message)


# --- overview ----------------------------------------------------------------------------------------------------


@login_required
def report_home(request: HttpRequest) -> HttpResponse:
    """The user's bodies and their reports of last year and this year; links to the supervisor dashboards."""
    today = _today()
    agencies = list(readable_agencies(request.user).order_by("code"))
    years = [today.year - 1, today.year]
    rows = []
    for agency in agencies:
        rows.append(
            {
                "agency": agency,
                "years": [
                    (
                        y,
                        supervision.status_label_of(agency, services.draft_status(agency, y)),
                        services.report_due_on(agency, y),
                    )
                    for y in years
                ],
                "reminders": supervision.reminders_for(agency, today),
                "is_supervisor": bool(roles_in(request.user, agency)) and agency.children.exists(),
            }
        )
    return _page(request, "office/reports/home.html", rows=rows, years=years)


# --- the draft editor ------------------------------------------------------------------------------------------


def _findings_by_place(findings: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    places: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        places.setdefault(f.get("cell") or "", []).append(f)
    return places


def _cell(ref: str, value: Any, hand: dict[str, Any], by_cell: dict[str, list[int]]) -> dict[str, Any]:
    """One table cell of the editor: its value, whether typed by hand, and the findings that concern it."""
    numbers = by_cell.get(ref, [])
    return {
        "ref": ref,
        "anchor": finding_cells.anchor(ref),
        "value": value,
        "hand": ref in hand,
        "bad": bool(numbers),
        "findings": numbers,
    }


def _t3_rows(report: Any, hand: dict[str, Any], by_cell: dict[str, list[int]]) -> list[dict[str, Any]]:
    lay = layout("2021")
    rows = []
    for row in lay.t3_rows:
        cells = []
        if row.has_cells:
            for c in lay.t3_columns:
                ref = t3_ref(row.id, c.id)
                cells.append(_cell(ref, report.t3.get(row.id, {}).get(c.id), hand, by_cell))
        rows.append({"row": row, "depth": 2 if row.parent else 1, "cells": cells})
    return rows


def _t4_rows(report: Any, hand: dict[str, Any], by_cell: dict[str, list[int]]) -> list[dict[str, Any]]:
    lay = layout("2021")
    rows = []
    for group, label in lay.t4_groups:
        cells = []
        for key in ("upheld", "corrected", "other", "pending", "total"):
            cells.append(_cell(t4_ref(f"{group}.{key}"), report.t4.get(f"{group}.{key}"), hand, by_cell))
        rows.append({"label": label, "cells": cells})
    return rows


def _t2_rows(report: Any, hand: dict[str, Any], by_cell: dict[str, list[int]]) -> list[dict[str, Any]]:
    lay = layout("2021")
    rows = []
    for block in lay.t2_blocks:
        for row in block.rows:
            cells = []
            for c in block.columns:
                value = report.t2.get(block.id, {}).get(row.id, {}).get(c.id)
                cells.append(
                    {"label": c.label, **_cell(t2_ref(block.id, row.id, c.id), value, hand, by_cell)}
                )
            rows.append({"block": block.label, "label": row.label, "cells": cells})
    return rows


@login_required
def report_detail(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    agency = _agency(request, agency_code)
    year = _year(year)
    draft = AnnualReportDraft.objects.filter(agency=agency, year=year).first()
    publications = list(ReportPublication.objects.filter(agency=agency, year=year).order_by("-version"))
    previous = services.previous_report(agency, year)
    context: dict[str, Any] = {
        "agency": agency,
        "year": year,
        "draft": draft,
        "publications": publications,
        "previous_problems": previous.section_text("problems_improvements") if previous else "",
        "due_on": services.report_due_on(agency, year),
        "can_write": bool(roles_in(request.user, agency) & set(services.WRITER_ROLES)),
        "can_sign": bool(roles_in(request.user, agency) & set(services.SIGNING_ROLES)),
        "hints": review_first_hints(agency, year),
    }
    if draft is not None:
        report = services.report_of(draft)
        # Every finding gets a number (anchor `finding-n`) and the cells it concerns (anchor per cell), so the
        # list links to the cells and each marked cell links back (spec §4: the validator names the cell).
        findings, by_cell = finding_cells.annotate(draft.findings)
        places = _findings_by_place(findings)
        context.update(
            report=report,
            can_edit=services.can_edit(request.user, draft),
            can_review=services.can_review(request.user, draft),
            reviewer=services.reviewer_label(agency),
            has_parent=services.has_reviewing_parent(agency),
            editable=[
                {
                    "id": s.id,
                    "label": s.label,
                    "text": report.sections.get(s.id, ""),
                    "findings": places.get(f"section:{s.id}", []),
                }
                for s in sections()
                if s.id in EDITABLE_SECTIONS
            ],
            general_findings=[f for f in findings if not (f.get("cell") or "").startswith("section:")],
            t2_rows=_t2_rows(report, draft.hand_edited_cells, by_cell),
            t3_rows=_t3_rows(report, draft.hand_edited_cells, by_cell),
            t3_columns=layout("2021").t3_columns,
            t4_rows=_t4_rows(report, draft.hand_edited_cells, by_cell),
            events=list(ReportEvent.objects.filter(agency=agency, year=year).order_by("at", "id")),
            changed=services.tables_changed(draft) if draft.status in services.EDITING_STATUSES else [],
        )
    return _page(request, "office/reports/report.html", **context)


@login_required
def report_preview(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    """The draft as the public will read it (the engine's HTML renderer)."""
    from gongkai.core.annual_report.render import render_html

    agency = _agency(request, agency_code)
    draft = AnnualReportDraft.objects.filter(agency=agency, year=_year(year)).first()
    if draft is None:
        raise Http404("尚无年报草稿。")
    _, by_cell = finding_cells.annotate(draft.findings)
    body = render_html(services.report_of(draft), full_document=False)
    return _page(
        request,
        "office/reports/preview.html",
        agency=agency,
        year=year,
        draft=draft,
        body=finding_cells.mark_rendered(body, by_cell),
    )


def _draft_or_404(agency: Agency, year: int) -> AnnualReportDraft:
    draft = AnnualReportDraft.objects.filter(agency=agency, year=year).first()
    if draft is None:
        raise Http404("尚无年报草稿。")
    return draft


@login_required
@require_POST
def report_action(request: HttpRequest, agency_code: str, year: int, action: str) -> HttpResponse:
    """generate / save / cell / recompute / submit / return / clear / publish / correct."""
    agency = _agency(request, agency_code)
    year = _year(year)
    today = _today()
    back = HttpResponseRedirect(_url(request, "report", agency.code, year))
    user = request.user
    post = request.POST
    try:
        if action == "generate":
            services.generate_draft(agency, year, actor=user, today=today)
            messages.success(request, "已由记录生成年报草稿，表格已按当前记录统计并固定。")
        elif action == "correct":
            services.start_correction(
                agency, year, actor=user, today=today, correction_note=post.get("correction_note", "")
            )
            messages.success(request, "已开始更正：修改后须重新报送审核，公布时将作为新版本，原版本保留。")
        else:
            draft = _draft_or_404(agency, year)
            if action == "save":
                texts = {sid: post[sid] for sid in EDITABLE_SECTIONS if sid in post}
                draft = services.save_draft(
                    draft, actor=user, today=today, sections_text=texts, note=post.get("note", "")
                )
                messages.success(
                    request,
                    f"已保存（第{draft.version}版）：错误{draft.error_count}个，警告{draft.warning_count}个。",
                )
            elif action == "cell":
                ref = post.get("ref", "").strip()
                try:
                    value = int(post.get("value", ""))
                except ValueError:
                    raise InvalidInput({"value": "请填写不小于 0 的整数。"}) from None
                draft = services.save_draft(
                    draft,
                    actor=user,
                    today=today,
                    cells={ref: value},
                    note=post.get("note", "") or f"手工修改{ref}",
                )
                messages.success(
                    request, f"已修改 {ref}：错误{draft.error_count}个，警告{draft.warning_count}个。"
                )
            elif action == "recompute":
                services.recompute_tables(draft, actor=user, today=today)
                messages.success(request, "已按当前记录重新统计表格。")
            elif action == "submit":
                services.submit_report(draft, actor=user, today=today)
                messages.success(request, "已报送上级机关审核。")
            elif action == "return":
                services.return_report(draft, actor=user, comment=post.get("comment", ""), today=today)
                messages.success(request, "已退回修改。")
            elif action == "clear":
                services.clear_report(draft, actor=user, today=today, comment=post.get("comment", ""))
                messages.success(request, "已审核通过，报告机关可以公布。")
            elif action == "publish":
                publication = services.publish_report(draft, actor=user, today=today)
                late = f"，晚于公布期限{publication.days_late}天，已记录" if publication.days_late else ""
                messages.success(request, f"已公布（第{publication.version}版）{late}。")
            else:
                raise Http404("没有这个操作。")
    except (ActionRefused, InvalidInput) as exc:
        _refused(request, exc)
    return back


# --- remedy cases -----------------------------------------------------------------------------------------------


def _parse_date(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput({field: "日期格式应为 YYYY-MM-DD。"}) from None


@login_required
def case_list(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = _agency(request, agency_code)
    cases = list(
        RemedyCase.objects.filter(agency=agency).select_related("disclosure_request").order_by("-received_on")
    )
    return _page(
        request,
        "office/reports/cases.html",
        agency=agency,
        cases=cases,
        kinds=CaseKind.choices,
        results=CaseResult.choices,
        reviews=[c for c in cases if c.kind == CaseKind.REVIEW],
        can_write=bool(roles_in(request.user, agency) & set(services.WRITER_ROLES)),
    )


@login_required
@require_POST
def case_register(request: HttpRequest, agency_code: str) -> HttpResponse:
    from gongkai.disclosure_requests.models import DisclosureRequest

    agency = _agency(request, agency_code)
    post = request.POST
    try:
        linked = None
        if post.get("request_number"):
            linked = DisclosureRequest.objects.filter(
                agency=agency, number=post["request_number"].strip()
            ).first()
            if linked is None:
                raise InvalidInput({"request_number": "本机关没有这个申请编号。"})
        review = None
        if post.get("review_case"):
            review = RemedyCase.objects.filter(agency=agency, pk=post["review_case"]).first()
        services.register_case(
            agency,
            actor=request.user,
            kind=post.get("kind", ""),
            forum=post.get("forum", ""),
            case_number=post.get("case_number", ""),
            claimant=post.get("claimant", ""),
            received_on=_parse_date(post.get("received_on", ""), "received_on"),
            today=_today(),
            disclosure_request=linked,
            review_case=review,
            is_refusal=post.get("is_refusal") == "on",
        )
        messages.success(request, "已登记案件，答复／答辩期限已计算。")
    except (ActionRefused, InvalidInput) as exc:
        _refused(request, exc)
    return HttpResponseRedirect(_url(request, "cases", agency.code))


@login_required
@require_POST
def case_decide(request: HttpRequest, agency_code: str, pk: int) -> HttpResponse:
    agency = _agency(request, agency_code)
    case = RemedyCase.objects.filter(agency=agency, pk=pk).first()
    if case is None:
        raise Http404("没有找到该案件。")
    try:
        services.record_case_decision(
            case,
            actor=request.user,
            decided_on=_parse_date(request.POST.get("decided_on", ""), "decided_on"),
            result=request.POST.get("result", ""),
            note=request.POST.get("note", ""),
            today=_today(),
        )
        messages.success(request, "已记录审结结果。")
    except (ActionRefused, InvalidInput) as exc:
        _refused(request, exc)
    return HttpResponseRedirect(_url(request, "cases", agency.code))


# --- the supervisor's dashboard ----------------------------------------------------------------------------------


def _supervised(request: HttpRequest, agency_code: str) -> Agency:
    agency = _agency(request, agency_code)
    if not roles_in(request.user, agency):
        # Reading is inherited downwards, supervising is not: the dashboard is for staff of the parent body itself.
        raise Http404("没有找到该机关。")
    return agency


@login_required
def dashboard(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    parent = _supervised(request, agency_code)
    year = _year(year)
    today = _today()
    rows = supervision.body_rows(parent, year, today)
    t3, t4 = supervision.rollup(rows)
    lay = layout("2021")
    t3_rows = [
        {"row": r, "cells": [t3[r.id][c.id] for c in lay.t3_columns] if r.has_cells else []}
        for r in lay.t3_rows
    ]
    t4_rows = [
        {
            "label": label,
            "cells": [t4[f"{g}.{k}"] for k in ("upheld", "corrected", "other", "pending", "total")],
        }
        for g, label in lay.t4_groups
    ]
    return _page(
        request,
        "office/reports/dashboard.html",
        agency=parent,
        year=year,
        rows=rows,
        groups=supervision.grouped(parent, rows),
        t3_rows=t3_rows,
        t3_columns=lay.t3_columns,
        t4_rows=t4_rows,
        batch=request.session.pop("report_batch", None),
    )


@login_required
def dashboard_xlsx(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    parent = _supervised(request, agency_code)
    content = supervision.dashboard_xlsx(parent, _year(year), _today())
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{parent.code}-{year}-annual-reports.xlsx"'
    return response


@login_required
@require_POST
def batch_check(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    """Check uploaded reports of bodies that do not use gongkai with the same batch checker as the CLI."""
    parent = _supervised(request, agency_code)
    files = request.FILES.getlist("reports")
    if not files:
        messages.error(request, "请选择要核对的年报文件。")
    elif len(files) > MAX_UPLOAD_FILES:
        messages.error(request, f"一次最多核对 {MAX_UPLOAD_FILES} 个文件。")
    else:
        request.session["report_batch"] = run_uploaded_batch(files)
    return HttpResponseRedirect(_url(request, "dashboard", parent.code, year))


def run_uploaded_batch(files: list[Any]) -> list[dict[str, Any]]:
    from gongkai.core.annual_report.batch import run_batch

    with tempfile.TemporaryDirectory(prefix="gongkai-batch-") as folder:
        root = Path(folder)
        paths = []
        for i, upload in enumerate(files):
            # The original name is kept (the checker reads the suffix) but prefixed, so two equal names never clash.
            name = Path(upload.name or "report").name
            path = root / f"{i:02d}-{name}"
            with path.open("wb") as fh:
                for chunk in upload.chunks():
                    fh.write(chunk)
            paths.append(path)
        result = run_batch(root, paths=paths, jobs=1)
    out = []
    for item in result.files:
        report = item.report
        out.append(
            {
                "file": item.path[3:],
                "status": item.status,
                "reason": item.reason,
                "agency": report.agency if report else "",
                "year": report.year if report else None,
                "errors": item.count("error"),
                "warnings": item.count("warning"),
                "findings": [*item.findings, *item.cross_year][:30],
            }
        )
    return out
