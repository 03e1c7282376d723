"""Every change to annual reports and remedy cases: one transaction, one allowed transition, one event.

The workflow follows the US DOJ annual FOIA report (anchors §1.10) with the Chinese rules:

    draft ──submit──▶ submitted ──return──▶ returned ──submit──▶ …
                         └──clear──▶ cleared ──publish──▶ published ──start_correction──▶ draft (version n+1)

- 条例第四十九条: departments submit their report to the 主管部门 and publish it by 31 Jan; the government's
  own report by 31 Mar; townships by the locally set date (settings.GONGKAI_TOWNSHIP_REPORT_DEADLINE).
- The supervising body is `agency.parent`. It may return or clear, never edit; a body never clears its own report.
- A body with no parent in gongkai (the top of the hierarchy, e.g. the county government, whose own report its
  主管部门 publishes by 31 Mar under 条例第四十九条) is cleared by the 负责人 of that same body instead, and the
  event says so (`SELF_CLEARANCE_LABEL`).
- Only a cleared report is published, and only after the statistics period (1 Jan – 31 Dec, spec §3.1) ended.
- A published report is never changed: a correction is a new version, the old one stays public.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, AgencyKind, Role
from gongkai.agencies.services import roles_in
from gongkai.annual_reports import drafting
from gongkai.annual_reports.models import (
    AnnualReportDraft,
    CaseEvent,
    CaseEventKind,
    CaseKind,
    CaseResult,
    DraftVersion,
    RemedyCase,
    ReportEvent,
    ReportEventKind,
    ReportPublication,
    ReportStatus,
)
from gongkai.annual_reports.statistics import table4_for
from gongkai.core.annual_report.format import layout, sections
from gongkai.core.annual_report.model import AnnualReport, ReportError
from gongkai.core.annual_report.validate import (
    BodyKind,
    FeeSummary,
    Finding,
    ValidationOptions,
    has_errors,
    validate,
)
from gongkai.core.clock import annual_report_due_on
from gongkai.disclosure_requests.services import ActionRefused, InvalidInput, PermissionRefused

EDITION = "2021"
EDITING_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)
# Staff of the body itself who may write the report, and who may send it up / publish it.
WRITER_ROLES = (Role.CLERK, Role.REVIEWER, Role.HEAD, Role.ADMIN)
SIGNING_ROLES = (Role.HEAD, Role.ADMIN)
# Staff of the supervising body who may return or clear a subordinate's report.
SUPERVISOR_ROLES = (Role.REVIEWER, Role.HEAD, Role.ADMIN)
# 条例第四十九条: a county-or-above government's own report is published by its 主管部门 (e.g. 县政务公开办),
# which has nobody above it in gongkai; its 负责人 gives the clearance a parent body would otherwise give.
SELF_CLEARANCE_ROLES = (Role.HEAD,)
SELF_CLEARANCE_LABEL = "本机关负责人审定（无上级审核机关）"

__all__ = [
    "ActionRefused",
    "InvalidInput",
    "PermissionRefused",
]


def _now() -> Any:
    return timezone.now()


def _label(actor: Any) -> str:
    if actor is None:
        return "系统"
    full = getattr(actor, "get_full_name", lambda: "")()
    return str(full or actor.get_username())


# --- what the report needs to know about the body ------------------------------------------------------------


def body_kind_for(agency: Agency) -> BodyKind | None:
    """The validator's body kind (AgencyKind values are the same ids; 其他行政机关 has none)."""
    kind = str(agency.kind)
    return None if kind == AgencyKind.OTHER else kind  # type: ignore[return-value]


def deadline_kind(agency: Agency) -> str:
    """The clock's category: 条例第四十九条 departments vs governments; townships set locally (spec §3.1)."""
    kind = str(agency.kind)
    if kind == AgencyKind.TOWNSHIP:
        return "township"
    if kind.endswith("_government"):
        return "government"
    return "department"


def township_deadline() -> tuple[int, int]:
    """settings.GONGKAI_TOWNSHIP_REPORT_DEADLINE "MM-DD" [U: no national date; default 31 Jan]."""
    raw = str(getattr(settings, "GONGKAI_TOWNSHIP_REPORT_DEADLINE", "01-31"))
    try:
        month, day = (int(x) for x in raw.split("-"))
        date(2001, month, day)
    except ValueError:
        raise ActionRefused(f"乡镇年报截止日期设置有误：{raw}（应为 MM-DD，如 02-20）。") from None
    return month, day


def report_due_on(agency: Agency, year: int) -> date:
    return annual_report_due_on(year, deadline_kind(agency), township_deadline())  # type: ignore[arg-type]


def fee_summary(agency: Agency, year: int) -> FeeSummary:
    """Fee notices the applicant received in the year, their total, and what was paid in the year (元)."""
    from gongkai.disclosure_requests.models import FeeNotice

    notices = FeeNotice.objects.filter(disclosure_request__agency=agency)
    issued = list(notices.filter(notified_on__year=year).values_list("amount_yuan", flat=True))
    paid = list(notices.filter(paid_on__year=year).values_list("amount_yuan", flat=True))
    return FeeSummary(
        notices_issued_count=len(issued),
        notices_total_yuan=sum(issued, Decimal(0)),
        collected_yuan=sum(paid, Decimal(0)),
    )


def request_figures(agency: Agency, year: int) -> drafting.RequestFigures:
    from gongkai.disclosure_requests.models import DisclosureRequest

    closed = DisclosureRequest.objects.filter(agency=agency, replied_on__year=year)
    extended = closed.filter(has_extension=True).count()
    overdue = sum(
        1
        for replied_on, due_on in closed.values_list("replied_on", "due_on")
        if due_on and replied_on > due_on
    )
    return drafting.RequestFigures(extended=extended, overdue=overdue)


def previous_report(agency: Agency, year: int) -> AnnualReport | None:
    """The agency's published report of `year - 1` (newest version; imported history counts)."""
    row = ReportPublication.objects.filter(agency=agency, year=year - 1).order_by("-version").first()
    return AnnualReport.from_dict(row.data) if row else None


def validation_options(agency: Agency, year: int, *, compliance_mode: bool = False) -> ValidationOptions:
    """What the validator needs beyond the report: last year's report (X-001, M-006), the body's kind
    (M-002, M-004, M-010, W-006), the township deadline and the fee records (W-003, W-004)."""
    return ValidationOptions(
        previous=previous_report(agency, year),
        body_kind=body_kind_for(agency),
        township_deadline=township_deadline(),
        fee_notices=fee_summary(agency, year),
        compliance_mode=compliance_mode,
    )


def report_of(draft: AnnualReportDraft) -> AnnualReport:
    return AnnualReport.from_dict(draft.data)


def check(agency: Agency, year: int, report: AnnualReport) -> list[Finding]:
    return validate(report, validation_options(agency, year))


# --- computing the tables ---------------------------------------------------------------------------------------


@dataclass
class ComputedTables:
    report: AnnualReport
    cell_records: dict[str, list[int]]
    notes: list[str]
    proactive_count: int | None


def compute_tables(agency: Agency, year: int) -> ComputedTables:
    """Tables 二, 三, 四 from the records, as a report with empty sections."""
    from gongkai.disclosure_requests.statistics import table3_for

    report = AnnualReport.blank(EDITION)
    report.year = year
    report.agency = agency.name
    notes: list[str] = []
    records: dict[str, list[int]] = {}
    proactive_count: int | None = None
    try:
        from gongkai.publications.statistics import table2_for
    except ImportError:
        notes.append("表二：主动公开登记模块尚未启用，表二暂按 0 填写，请核实后手工修改。")
    else:
        report.t2, t2_records = table2_for(agency, year)
        records.update(t2_records)
        proactive_count = _proactive_count(agency, year)
    report.t3, t3_records = table3_for(agency, year)
    records.update(t3_records)
    report.t4, t4_records = table4_for(agency, year)
    records.update(t4_records)
    return ComputedTables(report, records, notes, proactive_count)


def _proactive_count(agency: Agency, year: int) -> int | None:
    try:
        from gongkai.publications.models import Publication
    except ImportError:
        return None
    return Publication.objects.public().filter(agency=agency, published_on__year=year).count()


def tables_changed(draft: AnnualReportDraft) -> list[str]:
    """Cell refs whose value in the records now differs from the frozen draft (hand edits excluded)."""
    from gongkai.core.annual_report.model import t2_ref, t3_ref, t4_ref

    now = compute_tables(draft.agency, draft.year).report
    frozen = report_of(draft)
    changed: list[str] = []
    for row, cols in now.t3.items():
        for col, value in cols.items():
            if frozen.t3.get(row, {}).get(col) != value:
                changed.append(t3_ref(row, col))
    for col, value in now.t4.items():
        if frozen.t4.get(col) != value:
            changed.append(t4_ref(col))
    for block, rows in now.t2.items():
        for row, cols in rows.items():
            for col, value in cols.items():
                if frozen.t2.get(block, {}).get(row, {}).get(col) != value:
                    changed.append(t2_ref(block, row, col))
    return [c for c in changed if c not in draft.hand_edited_cells]


# --- permissions ------------------------------------------------------------------------------------------------


def _require_writer(actor: Any, agency: Agency, roles: Iterable[str] = WRITER_ROLES) -> None:
    held = roles_in(actor, agency)
    if held & set(roles) or Role.ADMIN in held:
        return
    if actor is not None and actor.is_authenticated and any(roles_in(actor, a) for a in agency.ancestors()):
        raise PermissionRefused("上级机关可以查看、退回或审核通过下级机关的年报，但不能修改其内容。")
    names = "、".join(Role(r).label for r in roles)
    raise PermissionRefused(f"只有{agency.name}的{names}可以进行此操作。")


def has_reviewing_parent(agency: Agency) -> bool:
    """Whether the report goes up to a supervising body (else the body's own 负责人 clears it)."""
    return agency.parent_id is not None


def reviewer_label(agency: Agency) -> str:
    """Who clears the report, as shown on pages and recorded in events."""
    parent = agency.parent
    return parent.name if parent is not None else SELF_CLEARANCE_LABEL


def _require_supervisor(actor: Any, agency: Agency) -> None:
    parent = agency.parent
    if parent is None:
        # 条例第四十九条: the top body's own report is published by its 主管部门; with nobody above it in gongkai,
        # the clearance is the 负责人's of the body itself (never a clerk's or reviewer's).
        if not (roles_in(actor, agency) & set(SELF_CLEARANCE_ROLES)):
            raise PermissionRefused(f"{agency.name}没有上级审核机关，年度报告须由本机关负责人审定。")
        return
    if roles_in(actor, agency):
        # 条例第四十九条: the report goes to the 主管部门 — a body never clears its own report, even when
        # one person holds roles in both bodies.
        raise PermissionRefused("本机关的工作人员不能审核本机关的年度报告，须由上级机关审核。")
    held = roles_in(actor, parent)
    if not (held & set(SUPERVISOR_ROLES)):
        raise PermissionRefused(f"只有上级机关（{parent.name}）的审核人或负责人可以审核该年度报告。")


def can_edit(actor: Any, draft: AnnualReportDraft) -> bool:
    return draft.status in EDITING_STATUSES and bool(roles_in(actor, draft.agency) & set(WRITER_ROLES))


def can_review(actor: Any, draft: AnnualReportDraft) -> bool:
    try:
        _require_supervisor(actor, draft.agency)
    except ActionRefused:
        return False
    return draft.status == ReportStatus.SUBMITTED


# --- events and versions ----------------------------------------------------------------------------------------


def _event(
    draft: AnnualReportDraft | None,
    agency: Agency,
    year: int,
    kind: str,
    actor: Any,
    on: date,
    comment: str = "",
    **data: Any,
) -> ReportEvent:
    return ReportEvent.objects.create(
        agency=agency,
        year=year,
        draft=draft,
        kind=kind,
        actor=actor,
        actor_label=_label(actor),
        at=_now(),
        on=on,
        comment=comment,
        data=data,
    )


def _store(draft: AnnualReportDraft, report: AnnualReport, actor: Any, note: str, fields: list[str]) -> None:
    """Validate, store the report JSON and findings, and append a version (the validator runs on every save)."""
    findings = check(draft.agency, draft.year, report)
    draft.data = report.to_dict()
    draft.findings = [f.to_dict() for f in findings]
    draft.error_count = sum(1 for f in findings if f.severity == "error")
    draft.warning_count = sum(1 for f in findings if f.severity == "warning")
    draft.version += 1
    draft.save(
        update_fields=[
            "data",
            "findings",
            "error_count",
            "warning_count",
            "version",
            "updated_at",
            *fields,
        ]
    )
    DraftVersion.objects.create(
        draft=draft, number=draft.version, data=draft.data, saved_by=actor, saved_at=_now(), note=note
    )


# --- drafting ---------------------------------------------------------------------------------------------------


@transaction.atomic
def generate_draft(agency: Agency, year: int, *, actor: Any, today: date) -> AnnualReportDraft:
    """Create the year's draft: tables frozen from the records, sections 一/五/六 as a data-driven first draft."""
    _require_writer(actor, agency)
    if year > today.year:
        raise ActionRefused(f"{year}年度尚未开始，不能生成年度报告。")
    if AnnualReportDraft.objects.filter(agency=agency, year=year).exists():
        raise ActionRefused(f"{agency.name}{year}年度报告已有草稿，请在原草稿上修改。")
    computed = compute_tables(agency, year)
    report = computed.report
    previous = previous_report(agency, year)
    texts = drafting.first_draft(
        agency,
        year,
        report,
        proactive_count=computed.proactive_count,
        figures=request_figures(agency, year),
        fees=fee_summary(agency, year),
        previous=previous,
    )
    report.title = texts["title"]
    report.preamble = texts["preamble"]
    report.sections = texts["sections"]
    report.section_order = [s.id for s in sections()]
    report.period_start, report.period_end = drafting.statistics_period(year)
    draft = AnnualReportDraft(
        agency=agency,
        year=year,
        data=report.to_dict(),
        version=0,
        cell_records=computed.cell_records,
        notes=computed.notes,
        tables_frozen_at=_now(),
    )
    draft.save()
    _store(draft, report, actor, "由记录生成", [])
    _event(draft, agency, year, ReportEventKind.GENERATED, actor, today, findings=draft.error_count)
    return draft


def _require_editable(draft: AnnualReportDraft, actor: Any) -> None:
    _require_writer(actor, draft.agency)
    if draft.status not in EDITING_STATUSES:
        raise ActionRefused(
            f"年度报告当前状态为「{draft.get_status_display()}」，不能修改。"
            + ("已公布的报告只能以更正的新版本修改。" if draft.status == ReportStatus.PUBLISHED else "")
        )


@transaction.atomic
def recompute_tables(draft: AnnualReportDraft, *, actor: Any, today: date) -> AnnualReportDraft:
    """Freeze the tables again from the records (hand-edited cells are replaced and cleared)."""
    draft = AnnualReportDraft.objects.select_for_update().get(pk=draft.pk)
    _require_editable(draft, actor)
    computed = compute_tables(draft.agency, draft.year)
    report = report_of(draft)
    report.t2, report.t3, report.t4 = computed.report.t2, computed.report.t3, computed.report.t4
    dropped = dict(draft.hand_edited_cells)
    draft.hand_edited_cells = {}
    draft.cell_records = computed.cell_records
    draft.notes = computed.notes
    draft.tables_frozen_at = _now()
    _store(
        draft,
        report,
        actor,
        "重新统计表格",
        ["hand_edited_cells", "cell_records", "notes", "tables_frozen_at"],
    )
    _event(
        draft, draft.agency, draft.year, ReportEventKind.RECOMPUTED, actor, today, dropped_hand_edits=dropped
    )
    return draft


def _set_cell(report: AnnualReport, ref: str, value: int) -> int | None:
    """Set one T2/T3/T4 cell by its ref; return the old value. Refs as in model.t2_ref/t3_ref/t4_ref."""
    import re

    if m := re.fullmatch(r"T3\[([\w.]+)\]\[(\w+)\]", ref):
        row, col = m.groups()
        if row not in report.t3 or col not in report.t3[row]:
            raise InvalidInput({ref: "表三没有这个单元格。"})
        old = report.t3[row][col]
        report.t3[row][col] = value
        return old
    if m := re.fullmatch(r"T4\[([\w.]+)\]", ref):
        col = m.group(1)
        if col not in report.t4:
            raise InvalidInput({ref: "表四没有这个单元格。"})
        old4 = report.t4[col]
        report.t4[col] = value
        return old4
    if m := re.fullmatch(r"T2\.(\w+)\[(\w+)\]\[(\w+)\]", ref):
        block, row, col = m.groups()
        cols = report.t2.get(block, {}).get(row)
        if cols is None or col not in cols:
            raise InvalidInput({ref: "表二没有这个单元格。"})
        old2 = cols[col]
        cols[col] = Decimal(value) if col == "fee_amount" else value
        return old2 if isinstance(old2, int) or old2 is None else None
    raise InvalidInput({ref: "单元格编号格式不正确。"})


@transaction.atomic
def save_draft(
    draft: AnnualReportDraft,
    *,
    actor: Any,
    today: date,
    sections_text: dict[str, str] | None = None,
    preamble: str | None = None,
    cells: dict[str, int] | None = None,
    note: str = "",
) -> AnnualReportDraft:
    """Save edited text and hand-edited cells; the validator runs and its findings are stored with the version."""
    draft = AnnualReportDraft.objects.select_for_update().get(pk=draft.pk)
    _require_editable(draft, actor)
    report = report_of(draft)
    known = {s.id for s in sections()}
    changed_sections: list[str] = []
    for sid, text in (sections_text or {}).items():
        if sid not in known:
            raise InvalidInput({sid: "没有这个部分。"})
        text = text.replace("\r\n", "\n").strip()
        if report.sections.get(sid, "") != text:
            report.sections[sid] = text
            changed_sections.append(sid)
    if preamble is not None and preamble.strip() != report.preamble:
        report.preamble = preamble.replace("\r\n", "\n").strip()
        changed_sections.append("preamble")
    edits: dict[str, dict[str, Any]] = {}
    for ref, value in (cells or {}).items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput({ref: "应为不小于 0 的整数。"})
        old = _set_cell(report, ref, value)
        if old != value:
            edits[ref] = {"old": old, "new": value}
    hand = dict(draft.hand_edited_cells)
    for ref, change in edits.items():
        hand.setdefault(ref, {"computed": change["old"]})
        hand[ref]["value"] = change["new"]
    draft.hand_edited_cells = hand
    _store(draft, report, actor, note or "保存", ["hand_edited_cells"])
    _event(
        draft,
        draft.agency,
        draft.year,
        ReportEventKind.SAVED,
        actor,
        today,
        note,
        version=draft.version,
        sections=changed_sections,
        cells=edits,
        errors=draft.error_count,
        warnings=draft.warning_count,
    )
    return draft


# --- the review workflow ------------------------------------------------------------------------------------------


def _locked(draft: AnnualReportDraft) -> AnnualReportDraft:
    return AnnualReportDraft.objects.select_for_update().select_related("agency").get(pk=draft.pk)


@transaction.atomic
def submit_report(draft: AnnualReportDraft, *, actor: Any, today: date) -> AnnualReportDraft:
    """条例第四十九条: send the report to the supervising body (a body without one: to its own 负责人 for
    审定). Refused while the validator finds errors."""
    draft = _locked(draft)
    _require_writer(actor, draft.agency, SIGNING_ROLES)
    if draft.status not in EDITING_STATUSES:
        raise ActionRefused(f"年度报告当前状态为「{draft.get_status_display()}」，不能报送。")
    findings = check(draft.agency, draft.year, report_of(draft))
    if has_errors(findings):
        errors = [f for f in findings if f.severity == "error"]
        listed = "；".join(f"{f.rule} {f.message}" for f in errors[:3])
        raise ActionRefused(f"年度报告还有 {len(errors)} 个错误，改正后才能报送：{listed}")
    draft.status = ReportStatus.SUBMITTED
    draft.review_comment = ""
    draft.save(update_fields=["status", "review_comment", "updated_at"])
    _event(
        draft,
        draft.agency,
        draft.year,
        ReportEventKind.SUBMITTED,
        actor,
        today,
        to=reviewer_label(draft.agency),
        **({"label": "提请本机关负责人审定"} if not has_reviewing_parent(draft.agency) else {}),
        version=draft.version,
        warnings=sum(1 for f in findings if f.severity == "warning"),
    )
    return draft


@transaction.atomic
def return_report(draft: AnnualReportDraft, *, actor: Any, comment: str, today: date) -> AnnualReportDraft:
    """The supervising body (top body: its 负责人) sends the report back with comments (never edits the text)."""
    draft = _locked(draft)
    _require_supervisor(actor, draft.agency)
    if draft.status != ReportStatus.SUBMITTED:
        raise ActionRefused(f"年度报告当前状态为「{draft.get_status_display()}」，不能退回。")
    if not comment.strip():
        raise InvalidInput({"comment": "退回时请写明修改意见。"})
    draft.status = ReportStatus.RETURNED
    draft.review_comment = comment.strip()
    draft.save(update_fields=["status", "review_comment", "updated_at"])
    _event(
        draft,
        draft.agency,
        draft.year,
        ReportEventKind.RETURNED,
        actor,
        today,
        comment.strip(),
        version=draft.version,
        returned_by=reviewer_label(draft.agency),
    )
    return draft


@transaction.atomic
def clear_report(
    draft: AnnualReportDraft, *, actor: Any, today: date, comment: str = ""
) -> AnnualReportDraft:
    """The supervising body clears the report for publication; a body without one, its own 负责人 (the event
    records 「本机关负责人审定（无上级审核机关）」)."""
    draft = _locked(draft)
    _require_supervisor(actor, draft.agency)
    if draft.status != ReportStatus.SUBMITTED:
        raise ActionRefused(f"年度报告当前状态为「{draft.get_status_display()}」，不能审核通过。")
    findings = check(draft.agency, draft.year, report_of(draft))
    if has_errors(findings):
        raise ActionRefused("年度报告仍有错误，不能审核通过，请退回修改。")
    draft.status = ReportStatus.CLEARED
    draft.review_comment = comment.strip()
    draft.save(update_fields=["status", "review_comment", "updated_at"])
    _event(
        draft,
        draft.agency,
        draft.year,
        ReportEventKind.CLEARED,
        actor,
        today,
        comment.strip(),
        version=draft.version,
        cleared_by=reviewer_label(draft.agency),
        **({"label": SELF_CLEARANCE_LABEL} if not has_reviewing_parent(draft.agency) else {}),
    )
    return draft


def _render_files(report: AnnualReport) -> tuple[dict[str, bytes], dict[str, str]]:
    """HTML, DOCX and PDF of the report; a renderer that is not available is reported, not fatal."""
    from gongkai.core.annual_report.render import UnsupportedFormatError, render

    files: dict[str, bytes] = {}
    missing: dict[str, str] = {}
    for fmt in ("html", "docx", "pdf"):
        try:
            out = render(report, fmt)
        except UnsupportedFormatError as exc:
            missing[fmt] = str(exc)
            continue
        files[fmt] = out.encode("utf-8") if isinstance(out, str) else out
    return files, missing


def _new_publication(
    agency: Agency,
    year: int,
    version: int,
    report: AnnualReport,
    *,
    findings: list[dict[str, Any]],
    actor: Any,
    today: date,
    draft: AnnualReportDraft | None = None,
    correction_note: str = "",
    is_imported: bool = False,
    source: tuple[str, bytes] | None = None,
    days_late: int = 0,
    due_on: date | None = None,
) -> tuple[ReportPublication, dict[str, str]]:
    files, missing = _render_files(report)
    publication = ReportPublication(
        agency=agency,
        year=year,
        version=version,
        draft=draft,
        data=report.to_dict(),
        findings=findings,
        published_on=report.published_on or today,
        published_at=_now(),
        published_by=actor,
        due_on=due_on,
        days_late=days_late,
        correction_note=correction_note,
        is_imported=is_imported,
        source_filename=source[0] if source else "",
    )
    stem = f"{agency.code}-{year}-v{version}"
    for fmt, content in files.items():
        getattr(publication, f"{fmt}_file").save(f"{stem}.{fmt}", ContentFile(content), save=False)
    if source is not None:
        publication.source_file.save(source[0], ContentFile(source[1]), save=False)
    publication.save()
    return publication, missing


@transaction.atomic
def publish_report(draft: AnnualReportDraft, *, actor: Any, today: date) -> ReportPublication:
    """Publish a cleared report to the portal's 政府信息公开年报 column (HTML + DOCX + PDF stored).

    Lateness against 条例第四十九条 (townships: the local date) is recorded on the first version.
    """
    draft = _locked(draft)
    _require_writer(actor, draft.agency, SIGNING_ROLES)
    if draft.status != ReportStatus.CLEARED:
        raise ActionRefused("只有经上级机关审核通过的年度报告才能公布。")
    if today <= date(draft.year, 12, 31):
        # Spec §3.1: the statistics period is the whole calendar year.
        raise ActionRefused(f"{draft.year}年度的统计期限到{draft.year}年12月31日才结束，届时方可公布。")
    version = draft.target_version
    if version > 1 and not draft.correction_note:
        raise InvalidInput({"correction_note": "更正已公布的报告时请写明更正说明。"})
    report = report_of(draft)
    report.published_on = today
    findings = check(draft.agency, draft.year, report)
    if has_errors(findings):
        raise ActionRefused("年度报告仍有错误，不能公布。")
    due_on = report_due_on(draft.agency, draft.year)
    days_late = max(0, (today - due_on).days) if version == 1 else 0
    publication, missing = _new_publication(
        draft.agency,
        draft.year,
        version,
        report,
        findings=[f.to_dict() for f in findings],
        actor=actor,
        today=today,
        draft=draft,
        correction_note=draft.correction_note,
        days_late=days_late,
        due_on=due_on,
    )
    draft.data = report.to_dict()
    draft.findings = [f.to_dict() for f in findings]
    draft.status = ReportStatus.PUBLISHED
    draft.save(update_fields=["data", "findings", "status", "updated_at"])
    _event(
        draft,
        draft.agency,
        draft.year,
        ReportEventKind.PUBLISHED,
        actor,
        today,
        draft.correction_note,
        version=version,
        due_on=due_on.isoformat(),
        days_late=days_late,
        missing_formats=missing,
    )
    return publication


@transaction.atomic
def start_correction(
    agency: Agency, year: int, *, actor: Any, today: date, correction_note: str
) -> AnnualReportDraft:
    """Reopen a published report for correction: the next publication becomes a new version, the old stays."""
    _require_writer(actor, agency, SIGNING_ROLES)
    if not correction_note.strip():
        raise InvalidInput({"correction_note": "请写明需要更正的内容和原因。"})
    latest = ReportPublication.objects.filter(agency=agency, year=year).order_by("-version").first()
    if latest is None:
        raise ActionRefused(f"{agency.name}{year}年度报告尚未公布，直接修改草稿即可。")
    draft = AnnualReportDraft.objects.select_for_update().filter(agency=agency, year=year).first()
    report = AnnualReport.from_dict(latest.data)
    report.published_on = None
    if draft is None:
        # An imported past report has no draft yet: start one from what was published.
        draft = AnnualReportDraft.objects.create(
            agency=agency, year=year, data=report.to_dict(), version=0, tables_frozen_at=_now()
        )
    elif draft.status != ReportStatus.PUBLISHED:
        raise ActionRefused("该年度报告的更正已在进行中。")
    draft.status = ReportStatus.DRAFT
    draft.target_version = latest.version + 1
    draft.correction_note = correction_note.strip()
    draft.review_comment = ""
    draft.save(update_fields=["status", "target_version", "correction_note", "review_comment", "updated_at"])
    _store(draft, report, actor, "开始更正", [])
    _event(
        draft,
        agency,
        year,
        ReportEventKind.CORRECTION_STARTED,
        actor,
        today,
        correction_note.strip(),
        of_version=latest.version,
    )
    return draft


# --- past reports ---------------------------------------------------------------------------------------------------


@transaction.atomic
def import_past_report(
    agency: Agency,
    data: bytes,
    filename: str,
    *,
    actor: Any,
    today: date,
    year: int | None = None,
    published_on: date | None = None,
) -> ReportPublication:
    """Keep a report published before gongkai was used as history (cross-year checks work from year one).

    Any format the parser reads; ReportError (Chinese message) when it cannot be read.
    """
    from gongkai.core.annual_report.parse import parse_bytes

    if actor is not None:
        _require_writer(actor, agency, SIGNING_ROLES)
    report = parse_bytes(data, filename)
    year = year or report.year
    if year is None:
        raise ReportError("无法从报告中识别年度，请用 --year 指定。")
    if report.year is not None and report.year != year:
        raise ReportError(f"报告写的是{report.year}年度，与指定的{year}年度不一致。")
    report.year = year
    if published_on is not None:
        report.published_on = published_on
    if ReportPublication.objects.filter(agency=agency, year=year).exists():
        raise ActionRefused(f"{agency.name}{year}年度报告已经存在，不能重复导入。")
    if report.agency is None:
        report.agency = agency.name
    findings = validate(
        report,
        ValidationOptions(
            previous=previous_report(agency, year),
            body_kind=body_kind_for(agency),
            township_deadline=township_deadline(),
        ),
    )
    publication, _ = _new_publication(
        agency,
        year,
        1,
        report,
        findings=[f.to_dict() for f in findings],
        actor=actor,
        today=today,
        is_imported=True,
        source=(filename, data),
        due_on=report_due_on(agency, year),
        days_late=max(0, (report.published_on - report_due_on(agency, year)).days)
        if report.published_on
        else 0,
    )
    _event(
        None,
        agency,
        year,
        ReportEventKind.IMPORTED,
        actor,
        today,
        filename,
        findings=len(findings),
        errors=sum(1 for f in findings if f.severity == "error"),
    )
    return publication


# --- what the portal shows ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedReportView:
    """The portal's `PublishedReport` shape (gongkai/portal/annual_reports.py), plus the stored files."""

    year: int
    version: int
    published_on: date
    report: AnnualReport
    correction_note: str = ""
    is_imported: bool = False
    days_late: int = 0
    html_url: str = ""
    docx_url: str = ""
    pdf_url: str = ""
    source_url: str = ""


def _url(field: Any) -> str:
    return str(field.url) if field else ""


def published_reports(agency: Agency) -> list[PublishedReportView]:
    """Every published version of every year (the portal's provider, settings default)."""
    rows = ReportPublication.objects.filter(agency=agency).order_by("-year", "-version")
    return [
        PublishedReportView(
            year=row.year,
            version=row.version,
            published_on=row.published_on,
            report=AnnualReport.from_dict(row.data),
            correction_note=row.correction_note,
            is_imported=row.is_imported,
            days_late=row.days_late,
            html_url=_url(row.html_file),
            docx_url=_url(row.docx_file),
            pdf_url=_url(row.pdf_file),
            source_url=_url(row.source_file),
        )
        for row in rows
    ]


def current_publication(agency: Agency, year: int) -> ReportPublication | None:
    return ReportPublication.objects.filter(agency=agency, year=year).order_by("-version").first()


def report_for_api(agency: Agency, year: int) -> tuple[AnnualReport, list[Finding], str]:
    """The report of a year: the newest published version, else the draft, else computed now (status says which)."""
    published = current_publication(agency, year)
    if published is not None:
        report = AnnualReport.from_dict(published.data)
        return report, check(agency, year, report), "published"
    draft = AnnualReportDraft.objects.filter(agency=agency, year=year).first()
    if draft is not None:
        report = report_of(draft)
        return report, check(agency, year, report), str(draft.status)
    computed = compute_tables(agency, year).report
    computed.section_order = [s.id for s in sections()]
    return computed, check(agency, year, computed), "computed"


# --- remedy cases (表四) ----------------------------------------------------------------------------------------------


def _defence_days(kind: str) -> int:
    # [U] 行政复议法（2023）第四十八条: the respondent answers within 10 days of receiving the application copy;
    # 行政诉讼法第六十七条: the defendant files its defence within 15 days of receiving the complaint copy.
    # Natural days; settings make them adjustable until checked against the texts.
    if kind == CaseKind.REVIEW:
        return int(getattr(settings, "GONGKAI_REVIEW_DEFENCE_DAYS", 10))
    return int(getattr(settings, "GONGKAI_LITIGATION_DEFENCE_DAYS", 15))


def _case_event(case: RemedyCase, kind: str, actor: Any, on: date, **data: Any) -> None:
    CaseEvent.objects.create(
        case=case, kind=kind, actor=actor, actor_label=_label(actor), at=_now(), on=on, data=data
    )


@transaction.atomic
def register_case(
    agency: Agency,
    *,
    actor: Any,
    kind: str,
    forum: str,
    case_number: str,
    received_on: date,
    today: date,
    claimant: str = "",
    disclosure_request: Any = None,
    review_case: RemedyCase | None = None,
    is_refusal: bool = False,
    defence_due_on: date | None = None,
) -> RemedyCase:
    """Record a reconsideration or lawsuit against the agency; the defence due date is computed unless given."""
    _require_writer(actor, agency)
    errors: dict[str, str] = {}
    if kind not in CaseKind.values:
        errors["kind"] = "类别应为行政复议、直接起诉或复议后起诉。"
    if not forum.strip():
        errors["forum"] = "请填写复议机关或人民法院。"
    if not case_number.strip():
        errors["case_number"] = "请填写案号。"
    if received_on > today:
        errors["received_on"] = "日期不能晚于今天。"
    if disclosure_request is not None and disclosure_request.agency_id != agency.pk:
        errors["disclosure_request"] = "所涉申请不是本机关的申请。"
    if review_case is not None and (
        review_case.kind != CaseKind.REVIEW or review_case.agency_id != agency.pk
    ):
        errors["review_case"] = "前置案件应为本机关的行政复议案件。"
    if review_case is not None and kind != CaseKind.LITIGATION_AFTER_REVIEW:
        errors["review_case"] = "只有复议后起诉的案件才有前置的行政复议案件。"
    if RemedyCase.objects.filter(agency=agency, kind=kind, case_number=case_number.strip()).exists():
        errors["case_number"] = "该案号已经登记。"
    if errors:
        raise InvalidInput(errors)
    case = RemedyCase.objects.create(
        agency=agency,
        disclosure_request=disclosure_request,
        kind=kind,
        review_case=review_case,
        forum=forum.strip(),
        case_number=case_number.strip(),
        claimant=claimant.strip(),
        is_refusal=is_refusal,
        received_on=received_on,
        defence_due_on=defence_due_on or received_on + timedelta(days=_defence_days(kind)),
    )
    _case_event(case, CaseEventKind.REGISTERED, actor, today, defence_due_on=case.defence_due_on.isoformat())
    return case


@transaction.atomic
def record_defence(case: RemedyCase, *, actor: Any, filed_on: date, today: date) -> RemedyCase:
    _require_writer(actor, case.agency)
    if filed_on < case.received_on or filed_on > today:
        raise InvalidInput({"filed_on": "提交日期应在收到副本之后、今天之前。"})
    case.defence_filed_on = filed_on
    case.save(update_fields=["defence_filed_on"])
    _case_event(
        case,
        CaseEventKind.DEFENCE_FILED,
        actor,
        filed_on,
        is_late=bool(case.defence_due_on and filed_on > case.defence_due_on),
    )
    return case


@transaction.atomic
def set_hearing(case: RemedyCase, *, actor: Any, hearing_on: date, today: date) -> RemedyCase:
    _require_writer(actor, case.agency)
    case.hearing_on = hearing_on
    case.save(update_fields=["hearing_on"])
    _case_event(case, CaseEventKind.HEARING_SET, actor, today, hearing_on=hearing_on.isoformat())
    return case


@transaction.atomic
def record_case_decision(
    case: RemedyCase, *, actor: Any, decided_on: date, result: str, today: date, note: str = ""
) -> RemedyCase:
    """Record the decision (维持 / 纠正 / 其他); the case then counts under that result in the decision year."""
    _require_writer(actor, case.agency)
    if case.result:
        raise ActionRefused("该案件已审结。")
    if result not in CaseResult.values:
        raise InvalidInput({"result": "结果应为维持、纠正或其他。"})
    if decided_on < case.received_on or decided_on > today:
        raise InvalidInput({"decided_on": "审结日期应在受理之后、今天之前。"})
    case.result = result
    case.decided_on = decided_on
    case.result_note = note.strip()
    case.save(update_fields=["result", "decided_on", "result_note"])
    _case_event(case, CaseEventKind.DECIDED, actor, decided_on, result=result, note=note.strip())
    return case


def draft_status(agency: Agency, year: int) -> str:
    """ "none", a ReportStatus value, or "imported" for a year known only from an imported report."""
    draft = AnnualReportDraft.objects.filter(agency=agency, year=year).first()
    if draft is not None:
        return str(draft.status)
    if ReportPublication.objects.filter(agency=agency, year=year).exists():
        return "imported"
    return "none"


def edition_layout() -> Any:
    return layout(EDITION)


def case_result_choices() -> list[tuple[str, str]]:
    return [(c.value, c.label) for c in CaseResult]
