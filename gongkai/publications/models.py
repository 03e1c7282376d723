"""Proactively disclosed information (主动公开信息), its review, and the registers that feed table 二.

State changes happen only in `gongkai.publications.services`; events are append-only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.append_only import AppendOnlyModel
from gongkai.core import publication_lifecycle as workflow
from gongkai.publications.categories import ALL_CATEGORIES


class CatalogueSettings(models.Model):
    """How an agency numbers its catalogue (条例第十二条：目录包括索引、名称、内容概述、生成日期)."""

    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="catalogue_settings"
    )
    index_prefix = models.CharField(
        "索引号前缀", max_length=40, blank=True, help_text="通常为机关的统一社会信用代码或组织机构代码"
    )
    index_pattern = models.CharField(
        "索引号格式",
        max_length=80,
        default="{prefix}/{year}-{seq:05d}",
        help_text="可用 {prefix} {year} {seq} {category}；必须包含 {seq}",
    )
    public_values = models.TextField(
        "可公开的号码",
        blank=True,
        help_text="每行一个：本机关公开的办公电话、统一社会信用代码等，筛查时不再提示",
    )

    class Meta:
        verbose_name = "目录设置"
        verbose_name_plural = "目录设置"

    def __str__(self) -> str:
        return f"{self.agency} 目录设置"

    def allowed_values(self) -> list[str]:
        values = [line.strip() for line in self.public_values.splitlines() if line.strip()]
        return [*values, self.index_prefix] if self.index_prefix else values


class IndexCounter(models.Model):
    """The last sequence number used for an agency's index numbers in a year (locked while numbering)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_seq = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="unique_index_counter")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last_seq}"


class Subcategory(models.Model):
    """An agency-defined heading under a statutory one (条例第二十二条：机关确定具体的主动公开内容)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="subcategories"
    )
    category = models.CharField("法定类别", max_length=20, choices=ALL_CATEGORIES)
    name = models.CharField("子栏目名称", max_length=60)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "子栏目"
        verbose_name_plural = "子栏目"
        ordering = ["category", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "category", "name"], name="unique_subcategory_name")
        ]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = workflow.DRAFT, workflow.STATUS_LABELS[workflow.DRAFT]
    IN_REVIEW = workflow.IN_REVIEW, workflow.STATUS_LABELS[workflow.IN_REVIEW]
    REFERRED = workflow.REFERRED, workflow.STATUS_LABELS[workflow.REFERRED]
    REVIEWED = workflow.REVIEWED, workflow.STATUS_LABELS[workflow.REVIEWED]
    APPROVED = workflow.APPROVED, workflow.STATUS_LABELS[workflow.APPROVED]
    PUBLISHED = workflow.PUBLISHED, workflow.STATUS_LABELS[workflow.PUBLISHED]
    WITHDRAWN = workflow.WITHDRAWN, workflow.STATUS_LABELS[workflow.WITHDRAWN]
    WITHHELD = workflow.WITHHELD, workflow.STATUS_LABELS[workflow.WITHHELD]


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class Origin(models.TextChoices):
    DRAFTED = "drafted", "经办人起草"
    REQUESTS = "requests", "依申请公开转主动公开（条例第四十四条）"


class PublicationQuerySet(models.QuerySet["Publication"]):
    def public(self) -> PublicationQuerySet:
        """What the portal may show: published AND with a recorded review that allowed publication.

        条例第十七条: nothing reaches the public without review — checked here as well as in the services,
        so a status set by hand (shell, SQL) still does not leak an unreviewed item."""
        return self.filter(status=Status.PUBLISHED, reviews__decision=ReviewDecision.PUBLISH).distinct()


class Publication(models.Model):
    """One item of proactively disclosed government information (主动公开的政府信息)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="publications"
    )
    title = models.CharField("名称", max_length=200)
    index_number = models.CharField(
        "索引号", max_length=80, unique=True, null=True, blank=True, editable=False
    )
    document_number = models.CharField("文号", max_length=80, blank=True)
    issuing_body = models.CharField("发布机构", max_length=100, blank=True)
    made_on = models.DateField("生成日期", help_text="信息形成或者变更的日期（条例第二十六条起算日）")
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True)
    category = models.CharField("法定主动公开内容类别", max_length=20, choices=ALL_CATEGORIES)
    subcategory = models.ForeignKey(
        Subcategory, verbose_name="子栏目", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validity = models.CharField("效力", max_length=10, choices=Validity.choices, default=Validity.VALID)
    repealed_by = models.ForeignKey(
        "self",
        verbose_name="废止文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeals",
    )
    validity_changed_on = models.DateField("效力变更日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    due_on = models.DateField("应发布日期", null=True, blank=True, editable=False)
    is_due_on_provisional = models.BooleanField("应发布日期为暂定", default=False, editable=False)
    published_on = models.DateField("发布日期", null=True, blank=True, editable=False)
    origin = models.CharField("来源", max_length=20, choices=Origin.choices, default=Origin.DRAFTED)
    source_request_ids = models.JSONField("来源申请", default=list, blank=True)
    # Segmented words (jieba) with a space on both sides of each, so `contains " word "` works on every database.
    search_title_tokens = models.TextField(blank=True, editable=False)
    search_tokens = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ["-made_on", "-id"]
        indexes = [models.Index(fields=["agency", "status", "category"], name="publication_catalogue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="published", published_on__isnull=False, index_number__isnull=False)
                | ~Q(status="published"),
                name="published_has_date_and_index",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published_in_time(self) -> bool | None:
        if self.published_on is None or self.due_on is None:
            return None
        return self.published_on <= self.due_on

    def is_overdue_on(self, today: date) -> bool:
        return self.published_on is None and self.due_on is not None and today > self.due_on


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"publications/{instance.publication.agency.code}/{instance.publication_id}/{filename}"


class Attachment(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path, max_length=300)
    name = models.CharField("附件名称", max_length=200)
    size_bytes = models.PositiveBigIntegerField("大小（字节）", default=0)
    sha256 = models.CharField(max_length=64, editable=False)
    is_removed = models.BooleanField("已删除", default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class FindingResolution(models.TextChoices):
    OPEN = "open", "待处理"
    ACKNOWLEDGED = "acknowledged", "已确认可公开"
    FIXED = "fixed", "已修改"


class Finding(models.Model):
    """One screening finding shown to the reviewer, who must acknowledge or fix it (条例第十五条、第十七条)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="findings")
    source = models.CharField("位置", max_length=20)  # "title", "summary", "body" or "attachment"
    attachment = models.ForeignKey(
        Attachment, null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField("类型", max_length=30)
    text = models.CharField("内容", max_length=200)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    context = models.CharField("上下文", max_length=300)
    resolution = models.CharField(
        "处理", max_length=20, choices=FindingResolution.choices, default=FindingResolution.OPEN
    )
    resolution_note = models.CharField("说明", max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "筛查发现"
        verbose_name_plural = "筛查发现"
        ordering = ["source", "attachment_id", "start", "id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"

    @property
    def kind_label(self) -> str:
        from gongkai.core.screening import KIND_LABELS

        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def source_label(self) -> str:
        if self.attachment_id:
            return f"附件：{self.attachment.name}"
        return {"title": "名称", "summary": "内容概述", "body": "正文"}.get(self.source, self.source)


class ReviewDecision(models.TextChoices):
    PUBLISH = "publish", "同意公开"
    REVISE = "revise", "退回修改"
    WITHHOLD = "withhold", "不予公开"


class Review(AppendOnlyModel):
    """A recorded 保密审查 decision: who, when, what and on what basis."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审查人", on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField("审查结论", max_length=20, choices=ReviewDecision.choices)
    basis = models.TextField("审查依据和意见")
    decided_at = models.DateTimeField("审查时间")
    reassess_on = models.DateField(
        "复查日期", null=True, blank=True, help_text="不予公开的，定期复查（条例第十七条）"
    )

    class Meta:
        verbose_name = "保密审查"
        verbose_name_plural = "保密审查"
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.publication} · {self.get_decision_display()}"


class SecrecyReferral(models.Model):
    """条例第十七条：不能确定是否可以公开的，报有关主管部门或者保密行政管理部门确定."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="referrals")
    office = models.CharField("报送机关", max_length=100)
    question = models.TextField("需确定的事项")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_on = models.DateField("报送日期")
    answered_on = models.DateField("答复日期", null=True, blank=True)
    opinion = models.TextField("答复意见", blank=True)

    class Meta:
        verbose_name = "保密审查报送"
        verbose_name_plural = "保密审查报送"
        ordering = ["referred_on", "id"]

    def __str__(self) -> str:
        return f"{self.publication} → {self.office}"


class Channel(models.TextChoices):
    # 条例第二十三条、第二十四条、第二十五条.
    PORTAL = "portal", "政府门户网站政府信息公开平台"
    WEBSITE = "website", "其他政府网站"
    WECHAT = "wechat", "政务微信公众号"
    WEIBO = "weibo", "政务微博"
    OTHER_NEW_MEDIA = "new_media", "其他政务新媒体"
    GAZETTE = "gazette", "政府公报"
    PRESS_CONFERENCE = "press", "新闻发布会"
    NEWSPAPER = "newspaper", "报刊"
    BROADCAST = "broadcast", "广播电视"
    NOTICE_BOARD = "notice_board", "公开栏／公告栏"
    SCREEN = "screen", "电子屏"
    READING_ROOM = "reading_room", "查阅场所（档案馆、图书馆、政务服务场所）"


class PublicationChannel(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField("渠道", max_length=20, choices=Channel.choices)
    url = models.URLField("链接", blank=True, max_length=500)
    published_on = models.DateField("发布日期")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "发布渠道"
        verbose_name_plural = "发布渠道"
        ordering = ["published_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.published_on}"


class PublicationEvent(AppendOnlyModel):
    """Append-only log of every state change (who, when, what)."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField("事件", max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("时间")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField("说明", blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "主动公开事件"
        verbose_name_plural = "主动公开事件"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"


# ---- Registers that feed table 二 ------------------------------------------------------------------------


class NormativeKind(models.TextChoices):
    # Row ids of table 二 block art20_1 (annual-report-format.json).
    RULE = "rules", "规章"
    NORMATIVE_DOCUMENT = "normative_documents", "行政规范性文件"


class NormativeDocument(models.Model):
    """A 规章 or 行政规范性文件 the agency made. In force is computed from the dates, never typed."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="normative_documents"
    )
    kind = models.CharField("类别", max_length=30, choices=NormativeKind.choices)
    title = models.CharField("名称", max_length=200)
    document_number = models.CharField("文号", max_length=80, blank=True)
    issued_on = models.DateField("制发日期")
    expires_on = models.DateField("有效期至", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    repealed_by = models.CharField("废止依据", max_length=200, blank=True)
    publication = models.ForeignKey(
        Publication,
        verbose_name="公开信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "规章和行政规范性文件"
        verbose_name_plural = "规章和行政规范性文件"
        ordering = ["-issued_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(repealed_on__isnull=True) | Q(repealed_on__gte=models.F("issued_on")),
                name="normative_repealed_after_issued",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_in_force_on(self, day: date) -> bool:
        if self.issued_on > day:
            return False
        if self.repealed_on is not None and self.repealed_on <= day:
            return False
        return not (self.expires_on is not None and self.expires_on < day)


class Measure(models.TextChoices):
    # Row ids of table 二 blocks art20_5, art20_6 and art20_8.
    LICENSING = "administrative_licensing", "行政许可"
    PENALTY = "administrative_penalty", "行政处罚"
    COERCION = "administrative_coercion", "行政强制"
    FEES = "administrative_fees", "行政事业性收费"


class MonthlyTally(models.Model):
    """A month's count of decisions (行政许可/行政处罚/行政强制) or fee income in 万元 (行政事业性收费)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="monthly_tallies"
    )
    year = models.PositiveSmallIntegerField("年份")
    month = models.PositiveSmallIntegerField("月份")
    measure = models.CharField("事项", max_length=30, choices=Measure.choices)
    decisions = models.PositiveIntegerField("处理决定数量", null=True, blank=True)
    amount_wan_yuan = models.DecimalField(
        "收费金额（万元）", max_digits=14, decimal_places=4, null=True, blank=True
    )
    source = models.CharField("来源", max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "月度登记"
        verbose_name_plural = "月度登记"
        ordering = ["year", "month", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "month", "measure"], name="unique_monthly_tally"
            ),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="tally_month_1_12"),
            models.CheckConstraint(
                condition=(
                    Q(measure="administrative_fees", amount_wan_yuan__isnull=False, decisions__isnull=True)
                )
                | (
                    ~Q(measure="administrative_fees")
                    & Q(decisions__isnull=False, amount_wan_yuan__isnull=True)
                ),
                name="tally_value_matches_measure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}-{self.month:02d} {self.get_measure_display()}"

    @property
    def value(self) -> Any:
        return self.amount_wan_yuan if self.measure == Measure.FEES else self.decisions


class RegisterEvent(AppendOnlyModel):
    """Append-only log of register changes and imports."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "登记事件"
        verbose_name_plural = "登记事件"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"


# ---- 政务新媒体 -------------------------------------------------------------------------------------------


class NewMediaPlatform(models.TextChoices):
    WECHAT = "wechat", "微信公众号"
    WEIBO = "weibo", "微博"
    DOUYIN = "douyin", "抖音"
    APP = "app", "移动客户端"
    OTHER = "other", "其他"


class NewMediaPost(models.Model):
    """One post on a 政务新媒体 account (the seed town summarises these twice a month)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="new_media_posts"
    )
    platform = models.CharField("平台", max_length=20, choices=NewMediaPlatform.choices)
    account = models.CharField("账号名称", max_length=100)
    title = models.CharField("标题", max_length=200)
    posted_on = models.DateField("发布日期")
    url = models.URLField("链接", blank=True, max_length=500)
    is_original = models.BooleanField("原创", default=True)
    publication = models.ForeignKey(
        Publication,
        verbose_name="对应公开信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "政务新媒体发布记录"
        verbose_name_plural = "政务新媒体发布记录"
        ordering = ["-posted_on", "-id"]

    def __str__(self) -> str:
        return self.title
