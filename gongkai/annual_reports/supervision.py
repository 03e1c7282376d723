"""What a supervising body (上级机关 / 主管部门) sees of the bodies below it: report status and findings,
requests overdue or nearly due, working rates, a regional roll-up of tables 三 and 四, deadline reminders.

Anchors §4.13: a 主管部门 needs cross-unit dashboards (overdue, about to be overdue, extension rate, 补正 rate,
纠错 rate in 复议/诉讼); 条例第四十九条 puts the report deadlines in its hands.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from gongkai.agencies.models import Agency, Membership
from gongkai.annual_reports import services
from gongkai.annual_reports.models import (
    AnnualReportDraft,
    RemedyCase,
    ReportEventKind,
    ReportPublication,
    ReportReminder,
    ReportStatus,
    status_label,
)
from gongkai.annual_reports.statistics import sum_t3, sum_t4
from gongkai.core.annual_report.format import layout
from gongkai.core.annual_report.model import AnnualReport, T3Table, T4Table

STATUS_LABELS = {
    "none": "尚未起草",
    "imported": "已导入（往年报告）",
    **{s.value: s.label for s in ReportStatus},
}
# Days before the deadline at which a reminder goes out (natural days; the deadlines of 条例第四十九条 are dates).
REMINDER_STAGES = (30, 14, 7, 3, 1)


def _due_soon_days() -> int:
    return int(getattr(settings, "GONGKAI_DUE_SOON_DAYS", 5))


def status_label_of(agency: Agency, status: str) -> str:
    """STATUS_LABELS, with the wording of a body that has no parent (its 负责人 clears it, see services)."""
    if status in ("none", "imported"):
        return STATUS_LABELS[status]
    return status_label(status, has_parent=agency.parent_id is not None)


def subordinates(parent: Agency) -> list[Agency]:
    """The bodies directly supervised by `parent` (条例第四十九条: each submits to the body above it)."""
    return list(parent.children.order_by("code"))


def descendants(root: Agency) -> list[Agency]:
    """Every body below `root`, depth first, siblings by code: each parent comes before its own children.

    A county's 主管部门 oversees every disclosing body in the county, not only those that report to it
    directly (e.g. a department's subordinate units, or a township's 街道 offices), so the dashboard walks the
    whole tree. One query; the hierarchy is small.
    """
    children: dict[int | None, list[Agency]] = {}
    for agency in Agency.objects.select_related("parent").order_by("code"):
        children.setdefault(agency.parent_id, []).append(agency)
    out: list[Agency] = []
    seen = {root.pk}
    stack = list(reversed(children.get(root.pk, [])))
    while stack:
        node = stack.pop()
        if node.pk in seen:  # a cycle in bad data must not loop forever
            continue
        seen.add(node.pk)
        out.append(node)
        stack.extend(reversed(children.get(node.pk, [])))
    return out


@dataclass
class BodyRow:
    agency: Agency
    # How far below the dashboard's body (1 = reports to it directly).
    depth: int
    status: str
    status_label: str
    due_on: date
    days_left: int
    draft: AnnualReportDraft | None
    publication: ReportPublication | None
    error_count: int = 0
    warning_count: int = 0
    overdue_requests: int = 0
    due_soon_requests: int = 0
    rates: dict[str, str] = field(default_factory=dict)
    source: str = ""
    t3: T3Table = field(default_factory=dict)
    t4: T4Table = field(default_factory=dict)

    @property
    def is_report_overdue(self) -> bool:
        return self.publication is None and self.days_left < 0

    @property
    def is_report_due_soon(self) -> bool:
        return self.publication is None and 0 <= self.days_left <= REMINDER_STAGES[0]


def _pct(n: int, d: int) -> str:
    return f"{n / d:.0%}" if d else "—"


def request_load(agency: Agency, today: date) -> tuple[int, int]:
    """Open requests past their reply deadline, and those due within GONGKAI_DUE_SOON_DAYS (natural days)."""
    from gongkai.disclosure_requests.models import DisclosureRequest

    open_items = DisclosureRequest.objects.filter(
        agency=agency, replied_on__isnull=True, received_on__isnull=False, due_on__isnull=False
    )
    overdue = open_items.filter(due_on__lt=today).count()
    soon = open_items.filter(due_on__gte=today, due_on__lte=today + timedelta(days=_due_soon_days())).count()
    return overdue, soon


def working_rates(agency: Agency, year: int) -> dict[str, str]:
    """延期率 (closed in the year with an extension), 补正率 (received with a correction request), and the
    复议/诉讼纠错率 (cases decided in the year with result 纠正)."""
    from gongkai.disclosure_requests.models import DisclosureRequest, EventKind

    closed = DisclosureRequest.objects.filter(agency=agency, replied_on__year=year)
    received = DisclosureRequest.objects.filter(agency=agency, received_on__year=year)
    corrected_ids = received.filter(events__kind=EventKind.CORRECTION_REQUESTED).values("id").distinct()
    decided = RemedyCase.objects.filter(agency=agency, decided_on__year=year)
    return {
        "extension": _pct(closed.filter(has_extension=True).count(), closed.count()),
        "correction": _pct(corrected_ids.count(), received.count()),
        "overturned": _pct(decided.filter(result="corrected").count(), decided.count()),
    }


def report_tables(agency: Agency, year: int) -> tuple[AnnualReport, str]:
    """The body's tables for the roll-up: published version, else the draft, else computed from the records now."""
    publication = services.current_publication(agency, year)
    if publication is not None:
        return AnnualReport.from_dict(publication.data), "已公布报告"
    draft = AnnualReportDraft.objects.filter(agency=agency, year=year).first()
    if draft is not None:
        return services.report_of(draft), "年报草稿"
    return services.compute_tables(agency, year).report, "由记录实时统计"


def body_rows(parent: Agency, year: int, today: date) -> list[BodyRow]:
    """One row per body anywhere below `parent` (tree order: a body's own subordinates follow it)."""
    rows = []
    depth_of = {parent.pk: 0}
    for agency in descendants(parent):
        # descendants() lists every parent before its children, so the parent's depth is known.
        depth_of[agency.pk] = depth_of[agency.parent_id or parent.pk] + 1
        draft = AnnualReportDraft.objects.filter(agency=agency, year=year).first()
        publication = services.current_publication(agency, year)
        status = services.draft_status(agency, year)
        due_on = services.report_due_on(agency, year)
        overdue, soon = request_load(agency, today)
        report, source = report_tables(agency, year)
        errors = draft.error_count if draft else 0
        warnings = draft.warning_count if draft else 0
        if publication is not None and draft is None:
            counts = [f.get("severity") for f in publication.findings]
            errors, warnings = counts.count("error"), counts.count("warning")
        rows.append(
            BodyRow(
                agency=agency,
                depth=depth_of[agency.pk],
                status=status,
                status_label=status_label_of(agency, status),
                due_on=due_on,
                days_left=(due_on - today).days,
                draft=draft,
                publication=publication,
                error_count=errors,
                warning_count=warnings,
                overdue_requests=overdue,
                due_soon_requests=soon,
                rates=working_rates(agency, year),
                source=source,
                t3=report.t3,
                t4=report.t4,
            )
        )
    return rows


@dataclass
class BodyGroup:
    """The bodies that report to one supervising body (the dashboard shows one block per parent)."""

    parent: Agency
    depth: int
    rows: list[BodyRow]


def grouped(parent: Agency, rows: list[BodyRow]) -> list[BodyGroup]:
    """`rows` (from body_rows) grouped by their parent body, in tree order: `parent`'s own group first."""
    groups: dict[int, BodyGroup] = {}
    by_pk = {r.agency.pk: r for r in rows}
    for row in rows:
        parent_pk = row.agency.parent_id
        if parent_pk is None:
            continue
        if parent_pk not in groups:
            above = parent if parent_pk == parent.pk else by_pk[parent_pk].agency
            groups[parent_pk] = BodyGroup(parent=above, depth=row.depth, rows=[])
        groups[parent_pk].rows.append(row)
    return list(groups.values())


def rollup(rows: list[BodyRow]) -> tuple[T3Table, T4Table]:
    """Tables 三 and 四 summed cell by cell over the region's bodies (every level below the supervising body;
    each body's own requests and cases only, so nothing is counted twice)."""
    return sum_t3(r.t3 for r in rows), sum_t4(r.t4 for r in rows)


def dashboard_xlsx(parent: Agency, year: int, today: date) -> bytes:
    """The dashboard as a workbook: 报告状态, 表三汇总, 表四汇总."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rows = body_rows(parent, year, today)
    t3, t4 = rollup(rows)
    lay = layout("2021")
    book = Workbook()
    sheet = book.active
    sheet.title = "报告状态"
    sheet.append([f"{parent.name}所属机关{year}年度报告情况（统计日 {today.isoformat()}）"])
    sheet.append(
        [
            "机关",
            "上级机关",
            "状态",
            "公布期限",
            "距期限天数",
            "错误",
            "警告",
            "超期申请",
            "临期申请",
            "延期率",
            "补正率",
            "复议诉讼纠错率",
            "公布日期",
            "逾期天数",
        ]
    )
    for r in rows:
        sheet.append(
            [
                r.agency.name,
                r.agency.parent.name if r.agency.parent else "",
                r.status_label,
                r.due_on.isoformat(),
                r.days_left,
                r.error_count,
                r.warning_count,
                r.overdue_requests,
                r.due_soon_requests,
                r.rates["extension"],
                r.rates["correction"],
                r.rates["overturned"],
                r.publication.published_on.isoformat() if r.publication else "",
                r.publication.days_late if r.publication else "",
            ]
        )
    sheet3 = book.create_sheet("表三汇总")
    sheet3.append([f"{parent.name}所属机关{year}年度表三汇总"])
    sheet3.append(["项目", *(c.label for c in lay.t3_columns)])
    for row in lay.t3_rows:
        if row.has_cells:
            sheet3.append([row.label, *(t3[row.id][c.id] for c in lay.t3_columns)])
        else:
            sheet3.append([row.label])
    sheet4 = book.create_sheet("表四汇总")
    sheet4.append([f"{parent.name}所属机关{year}年度表四汇总"])
    groups = dict(lay.t4_groups)
    sheet4.append(["类别", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
    for group, label in groups.items():
        sheet4.append(
            [label, *(t4[f"{group}.{k}"] for k in ("upheld", "corrected", "other", "pending", "total"))]
        )
    for ws in (sheet, sheet3, sheet4):
        ws["A1"].font = Font(bold=True, size=13)
        ws.column_dimensions["A"].width = 48
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- reminders -------------------------------------------------------------------------------------------------


@dataclass
class Reminder:
    agency: Agency
    year: int
    stage: str
    due_on: date
    days_left: int
    recipients: list[str]

    @property
    def subject(self) -> str:
        if self.days_left < 0:
            return f"【已逾期】{self.agency.name}{self.year}年度政府信息公开工作年度报告尚未公布"
        return f"【提醒】{self.agency.name}{self.year}年度政府信息公开工作年度报告还有{self.days_left}天到期"

    @property
    def body(self) -> str:
        basis = (
            "本地规定"
            if services.deadline_kind(self.agency) == "township"
            else "《中华人民共和国政府信息公开条例》第四十九条"
        )
        state = "已逾期" if self.days_left < 0 else f"还有{self.days_left}天"
        return (
            f"{self.agency.name}：\n根据{basis}，本机关{self.year}年度政府信息公开工作年度报告应于"
            f"{self.due_on.year}年{self.due_on.month}月{self.due_on.day}日前公布，目前{state}，尚未公布。"
            f"请尽快完成年报编制、报送上级机关审核并公布。\n（gongkai 自动提醒）"
        )


def _stage(days_left: int) -> str | None:
    if days_left < 0:
        return "overdue"
    fitting = [s for s in REMINDER_STAGES if days_left <= s]
    return f"d{min(fitting)}" if fitting else None


def due_reminders(today: date) -> list[Reminder]:
    """Reminders that are due today and were not sent yet (reports not yet published)."""
    out: list[Reminder] = []
    user_model = get_user_model()
    for agency in Agency.objects.order_by("code"):
        for year in (today.year - 1, today.year):
            due_on = services.report_due_on(agency, year)
            days_left = (due_on - today).days
            stage = _stage(days_left)
            if stage is None or days_left < -366:
                continue
            if services.current_publication(agency, year) is not None:
                continue
            if ReportReminder.objects.filter(agency=agency, year=year, stage=stage).exists():
                continue
            members = Membership.objects.filter(agency=agency).values_list("user_id", flat=True)
            if stage == "overdue" and agency.parent is not None:
                members = members.union(
                    Membership.objects.filter(agency=agency.parent).values_list("user_id", flat=True)
                )
            emails = sorted(
                {
                    e
                    for e in user_model.objects.filter(pk__in=list(members), is_active=True).values_list(
                        "email", flat=True
                    )
                    if e
                }
            )
            out.append(Reminder(agency, year, stage, due_on, days_left, emails))
    return out


def send_reminders(today: date) -> list[Reminder]:
    """Send every due reminder by e-mail once, recording it (the dashboard shows the same deadlines)."""
    sent = []
    for reminder in due_reminders(today):
        with transaction.atomic():
            if reminder.recipients:
                send_mail(reminder.subject, reminder.body, None, reminder.recipients)
            ReportReminder.objects.create(
                agency=reminder.agency,
                year=reminder.year,
                stage=reminder.stage,
                sent_on=today,
                recipients=reminder.recipients,
            )
            services._event(
                None,
                reminder.agency,
                reminder.year,
                ReportEventKind.REMINDED,
                None,
                today,
                reminder.subject,
                stage=reminder.stage,
                recipients=len(reminder.recipients),
            )
        sent.append(reminder)
    return sent


def reminders_for(agency: Agency, today: date) -> list[tuple[int, date, int]]:
    """(year, due date, days left) of this body's unpublished reports within the reminder window (dashboard)."""
    out = []
    for year in (today.year - 1, today.year):
        due_on = services.report_due_on(agency, year)
        days_left = (due_on - today).days
        if _stage(days_left) and days_left >= -366 and services.current_publication(agency, year) is None:
            out.append((year, due_on, days_left))
    return out
