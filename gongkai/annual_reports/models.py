"""Annual reports (政府信息公开工作年度报告) and the remedy cases behind table 四.

Rows are changed only by `services.py`. Events, draft versions and publications are append-only:
a published report is corrected by publishing a new version, never by editing the old one
(CASS 2016 lists 「发布后有变动」 among the defects of published reports).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.append_only import AppendOnlyModel

# --- reconsideration and litigation (表四) --------------------------------------------------------------------


class CaseKind(models.TextChoices):
    # The three groups of table 四 (annual-report-format.json T4 column ids).
    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"


class CaseResult(models.TextChoices):
    # Spec §3.5 [U]: 维持 includes 驳回; 纠正 = revoked, changed, confirmed illegal, ordered to act or re-answer;
    # 其他 = withdrawn, settled, terminated. A case without a result is 尚未审结.
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"


class RemedyCase(models.Model):
    """One 行政复议 or 行政诉讼 case in which the agency is the respondent / defendant."""

    agency = models.ForeignKey(
        Agency, verbose_name="被申请人／被告机关", on_delete=models.PROTECT, related_name="remedy_cases"
    )
    disclosure_request = models.ForeignKey(
        "disclosure_requests.DisclosureRequest",
        verbose_name="所涉政府信息公开申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="remedy_cases",
    )
    kind = models.CharField("类别", max_length=30, choices=CaseKind.choices)
    # Litigation after reconsideration points at the reconsideration case, when we have it.
    review_case = models.ForeignKey(
        "self",
        verbose_name="前置的行政复议案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="litigation_cases",
    )
    forum = models.CharField("复议机关／人民法院", max_length=100)
    case_number = models.CharField("案号", max_length=60)
    claimant = models.CharField("申请人／原告", max_length=200, blank=True)
    # Whether the dispute is a refusal to disclose: since 2024-01-01 that needs reconsideration first
    # (行政复议法（2023）第二十三条第一款第（四）项), so direct litigation of it is unusual (W-009).
    is_refusal = models.BooleanField("是否针对不予公开", default=False)
    received_on = models.DateField("收到复议申请书副本／起诉状副本之日")
    defence_due_on = models.DateField("答复／答辩期限", null=True, blank=True)
    defence_filed_on = models.DateField("提交答复／答辩之日", null=True, blank=True)
    hearing_on = models.DateField("听证／开庭日期", null=True, blank=True)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("结果", max_length=20, choices=CaseResult.choices, blank=True)
    result_note = models.CharField("结果说明", max_length=300, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政复议／行政诉讼案件"
        verbose_name_plural = "行政复议／行政诉讼案件"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "case_number"], name="unique_case_number_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number}"

    @property
    def is_pending(self) -> bool:
        return not self.result

    @property
    def result_label(self) -> str:
        return self.get_result_display() if self.result else "尚未审结"


class CaseEventKind(models.TextChoices):
    REGISTERED = "registered", "登记案件"
    DEFENCE_FILED = "defence_filed", "提交答复／答辩"
    HEARING_SET = "hearing_set", "确定听证／开庭日期"
    DECIDED = "decided", "审结"


class CaseEvent(AppendOnlyModel):
    case = models.ForeignKey(RemedyCase, on_delete=models.PROTECT, related_name="events", verbose_name="案件")
    kind = models.CharField("事项", max_length=30, choices=CaseEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField("操作人（显示）", max_length=100)
    at = models.DateTimeField("记录时间")
    on = models.DateField("日期")
    data = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "案件记录"
        verbose_name_plural = "案件记录"
        ordering = ["on", "at", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


# --- the report of one agency and year ---------------------------------------------------------------------


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送上级审核"
    RETURNED = "returned", "已退回修改"
    CLEARED = "cleared", "上级已审核通过"
    PUBLISHED = "published", "已公布"


# A body with no parent in gongkai is cleared by its own 负责人, so "上级" would be wrong on its pages.
TOP_BODY_STATUS_LABELS = {
    "submitted": "已提请本机关负责人审定",
    "cleared": "本机关负责人已审定",
}


def status_label(status: str, *, has_parent: bool) -> str:
    if not has_parent and status in TOP_BODY_STATUS_LABELS:
        return TOP_BODY_STATUS_LABELS[status]
    return dict(ReportStatus.choices).get(status, status)


class AnnualReportDraft(models.Model):
    """The working copy of one agency's report for one year: tables frozen from the records, text edited.

    `data` is the report in the JSON contract (`AnnualReport.to_dict()`), so the engine's validator and
    renderers work on exactly what is stored. Every save adds a `DraftVersion`.
    """

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="report_drafts"
    )
    year = models.PositiveIntegerField("报告年度")
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    data = models.JSONField("报告内容（年报 JSON）")
    version = models.PositiveIntegerField("草稿版本", default=1)
    findings = models.JSONField("核对结果", default=list)
    error_count = models.PositiveIntegerField("错误数", default=0)
    warning_count = models.PositiveIntegerField("警告数", default=0)
    # Cell refs typed in by hand instead of computed from the records (shown, and kept through recomputation).
    hand_edited_cells = models.JSONField("手工修改的单元格", default=dict)
    # Record ids behind each computed cell, frozen with the tables (click-through from a number).
    cell_records = models.JSONField("单元格对应记录", default=dict)
    tables_frozen_at = models.DateTimeField("表格统计时间")
    # Visible notes about how the tables were computed (e.g. table 二 filled with 0 while no register exists).
    notes = models.JSONField("统计说明", default=list)
    # The publication version this draft will become (1, or n+1 while correcting version n).
    target_version = models.PositiveIntegerField("拟公布版本", default=1)
    correction_note = models.CharField("更正说明", max_length=300, blank=True)
    review_comment = models.TextField("上级审核意见", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年度报告草稿"
        verbose_name_plural = "年度报告草稿"
        ordering = ["-year", "agency__code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="unique_report_draft_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度报告（{self.get_status_display()}）"

    @property
    def status_label(self) -> str:
        """The status as shown; a body with no parent is reviewed by its own 负责人 (条例第四十九条, see services)."""
        return status_label(str(self.status), has_parent=self.agency.parent_id is not None)


class DraftVersion(AppendOnlyModel):
    draft = models.ForeignKey(
        AnnualReportDraft, on_delete=models.PROTECT, related_name="versions", verbose_name="草稿"
    )
    number = models.PositiveIntegerField("版本号")
    data = models.JSONField("报告内容")
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField("保存时间")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "草稿版本"
        verbose_name_plural = "草稿版本"
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="unique_draft_version")]

    def __str__(self) -> str:
        return f"第{self.number}版"


class ReportEventKind(models.TextChoices):
    GENERATED = "generated", "由记录生成草稿"
    RECOMPUTED = "recomputed", "重新统计表格"
    SAVED = "saved", "保存草稿"
    SUBMITTED = "submitted", "报送上级机关审核"
    RETURNED = "returned", "上级机关退回修改"
    CLEARED = "cleared", "上级机关审核通过"
    PUBLISHED = "published", "公布"
    CORRECTION_STARTED = "correction_started", "开始更正已公布的报告"
    IMPORTED = "imported", "导入往年已公布报告"
    REMINDED = "reminded", "发送截止提醒"


class ReportEvent(AppendOnlyModel):
    """One step of a report's life: who, when, and what (the comment of a return, the findings count…)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="机关")
    year = models.PositiveIntegerField("报告年度")
    draft = models.ForeignKey(
        AnnualReportDraft, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField("事项", max_length=30, choices=ReportEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField("操作人（显示）", max_length=100)
    at = models.DateTimeField("记录时间")
    on = models.DateField("日期")
    comment = models.TextField("意见／说明", blank=True)
    data = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "年报办理记录"
        verbose_name_plural = "年报办理记录"
        ordering = ["on", "at", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"

    @property
    def label(self) -> str:
        """What happened, as shown: a step recorded with its own wording (e.g. clearance by the body's own
        负责人 when it has no supervising body) keeps it."""
        return str((self.data or {}).get("label") or self.get_kind_display())


def publication_path(instance: ReportPublication, filename: str) -> str:
    return f"annual-reports/{instance.agency.code}/{instance.year}/v{instance.version}/{filename}"


class ReportPublication(AppendOnlyModel):
    """One published version of a year's report (the portal's 政府信息公开年报 column shows the newest)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="report_publications")
    year = models.PositiveIntegerField("报告年度")
    version = models.PositiveIntegerField("版本", default=1)
    draft = models.ForeignKey(
        AnnualReportDraft, null=True, blank=True, on_delete=models.PROTECT, related_name="publications"
    )
    data = models.JSONField("报告内容（年报 JSON）")
    findings = models.JSONField("公布时核对结果", default=list)
    published_on = models.DateField("公布日期")
    published_at = models.DateTimeField("记录时间")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField("公布期限", null=True, blank=True)
    days_late = models.PositiveIntegerField("逾期天数", default=0)
    correction_note = models.CharField("更正说明", max_length=300, blank=True)
    # A report published before gongkai was used, imported from its file (history for cross-year checks).
    is_imported = models.BooleanField("导入的往年报告", default=False)
    source_filename = models.CharField("原文件名", max_length=200, blank=True)
    html_file = models.FileField("HTML", upload_to=publication_path, blank=True)
    docx_file = models.FileField("DOCX", upload_to=publication_path, blank=True)
    pdf_file = models.FileField("PDF", upload_to=publication_path, blank=True)
    source_file = models.FileField("原文件", upload_to=publication_path, blank=True)

    class Meta:
        verbose_name = "已公布年度报告"
        verbose_name_plural = "已公布年度报告"
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "version"], name="unique_report_version")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度报告 第{self.version}版"

    @property
    def is_late(self) -> bool:
        return self.days_late > 0


class ReportReminder(models.Model):
    """A deadline reminder already sent (one per agency, year and stage), so reruns send nothing twice."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField("报告年度")
    stage = models.CharField("提醒节点", max_length=20)
    sent_on = models.DateField("发送日期")
    recipients = models.JSONField("收件人", default=list)

    class Meta:
        verbose_name = "年报截止提醒"
        verbose_name_plural = "年报截止提醒"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "stage"], name="unique_report_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.stage}"
