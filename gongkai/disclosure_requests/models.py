"""Disclosure requests (政府信息公开申请) and everything that happens to them.

Fields are changed only by `services.py`; every change appends an immutable `Event`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.append_only import AppendOnlyModel, ImmutableRowError
from gongkai.core.request_lifecycle import STATUS_LABELS, Status


class ApplicantKind(models.TextChoices):
    # The ids are exactly the columns of 表三 (annual-report-format.json T3 data_columns).
    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_WELFARE = "public_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他组织"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_PERMIT = "hk_macao_permit", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan_permit", "台湾居民来往大陆通行证"
    FOREIGN_PERMANENT = "foreign_permanent", "外国人永久居留身份证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    OTHER = "other", "其他证件"


class Channel(models.TextChoices):
    # 条例第三十一条：收到申请之日因提交方式而不同。
    IN_PERSON = "in_person", "当面提交"
    POST = "post", "邮寄（需签收）"
    LETTER = "letter", "平常信函"
    ONLINE = "online", "互联网"
    FAX = "fax", "传真"


class InformationForm(models.TextChoices):
    # 条例第二十九条第三项、第四十条：获取信息的方式。
    PAPER = "paper", "纸质"
    EMAIL = "email", "电子邮件"
    DISC = "disc", "光盘"
    INSPECTION = "inspection", "当面查阅"


class DeliveryWay(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "自行领取"


class Applicant(models.Model):
    """The applicant as named in one request (a snapshot: one row per request)."""

    kind = models.CharField("申请人类型", max_length=20, choices=ApplicantKind.choices)
    name = models.CharField("姓名或名称", max_length=200)
    id_type = models.CharField("证件类型", max_length=30, choices=IdType.choices, blank=True)
    # Encrypted at rest (Fernet); never shown unmasked without an IdentityAccessLog row.
    id_number_encrypted = models.TextField("证件号码（密文）", blank=True, editable=False)
    id_number_masked = models.CharField("证件号码（掩码）", max_length=40, blank=True, editable=False)
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact_person = models.CharField("联系人", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通讯地址", max_length=300, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)

    class Meta:
        verbose_name = "申请人"
        verbose_name_plural = "申请人"

    def __str__(self) -> str:
        return self.name

    @property
    def is_organisation(self) -> bool:
        return self.kind != ApplicantKind.NATURAL_PERSON


class DisclosureRequest(models.Model):
    """One 政府信息公开申请, from receipt to archive."""

    agency = models.ForeignKey(Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("申请编号", max_length=20, help_text="按机关、年度编号，如 2026-0012")
    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    # Lets the portal make a double submission idempotent (issue #6: a resubmitted form never creates two).
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    applicant = models.OneToOneField(
        Applicant, verbose_name="申请人", on_delete=models.PROTECT, related_name="disclosure_request"
    )
    channel = models.CharField("提交方式", max_length=20, choices=Channel.choices)
    is_oral = models.BooleanField(
        "口头申请（代为填写）",
        default=False,
        help_text="条例第二十九条：书面申请确有困难的，可口头提出，由工作机构代为填写",
    )
    assistance_note = models.CharField("提供的必要帮助", max_length=300, blank=True)  # 条例第四十三条
    submitted_on = models.DateField("提交日期")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    confirmed_on = models.DateField("确认日期", null=True, blank=True)
    received_on = models.DateField("收到申请之日", null=True, blank=True, help_text="条例第三十一条")
    description = models.TextField("所需政府信息的名称、文号或描述")
    purpose = models.TextField("所需信息的用途", blank=True)
    information_form = models.CharField(
        "获取信息的方式", max_length=20, choices=InformationForm.choices, blank=True
    )
    delivery_way = models.CharField("提供方式", max_length=20, choices=DeliveryWay.choices, blank=True)

    status = models.CharField(
        "状态", max_length=30, choices=[(s.value, label) for s, label in STATUS_LABELS.items()]
    )
    # The reply clock, written only by services.refresh_clock.
    due_on = models.DateField("答复期限", null=True, blank=True)
    due_is_provisional = models.BooleanField("期限为暂定", default=False)
    is_clock_paused = models.BooleanField("计时暂停", default=False)
    clock_computed_on = models.DateField("期限计算日期", null=True, blank=True)
    has_extension = models.BooleanField("已延期", default=False)
    correction_due_on = models.DateField("补正期限", null=True, blank=True)

    outcome = models.CharField("办理结果（表三项目）", max_length=60, blank=True)
    legal_basis = models.CharField("法律依据", max_length=300, blank=True)
    reasons = models.TextField("理由", blank=True)
    replied_on = models.DateField(
        "办结日期", null=True, blank=True, help_text="答复、撤回或视为放弃之日；年报按此日期统计办理结果"
    )
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="unique_request_number_per_agency")
        ]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["agency", "replied_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.agency.short_name or self.agency.name} {self.number}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[Status(self.status)]


class RegistrationCounter(models.Model):
    """The last registration number used per agency and year (locked while numbering)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, default="request")  # "request" or "letter"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind"], name="unique_counter_per_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.kind}: {self.last}"


class EventKind(models.TextChoices):
    REGISTERED = "registered", "登记申请"
    RECEIPT_CONFIRMED = "receipt_confirmed", "确认收到申请"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正"
    ABANDONED = "abandoned", "逾期不补正，视为放弃"
    CONSULTATION_STARTED = "consultation_started", "征求意见"
    CONSULTATION_ENDED = "consultation_ended", "意见反馈或逾期"
    EXTENDED = "extended", "延长答复期限"
    FEE_NOTICE_ISSUED = "fee_notice_issued", "发出收费通知"
    FEE_PAID = "fee_paid", "已缴费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费，视为放弃"
    AGENCY_PERIOD_SET = "agency_period_set", "确定延迟答复期限"
    REPLIED = "replied", "作出答复"
    WITHDRAWN = "withdrawn", "撤回申请"
    ARCHIVED = "archived", "归档"
    LETTER_DRAFTED = "letter_drafted", "起草文书"
    LETTER_ISSUED = "letter_issued", "文书签发"
    LETTER_DISCARDED = "letter_discarded", "废弃文书草稿"
    DELIVERED = "delivered", "送达"
    ATTACHMENT_ADDED = "attachment_added", "添加附件"
    SCREENING_ACKNOWLEDGED = "screening_acknowledged", "确认附件筛查提示"
    DUE_DATE_RECOMPUTED = "due_date_recomputed", "重新计算期限"


class Event(AppendOnlyModel):
    """One thing that happened to a request. Append-only: rows are never changed or deleted."""

    disclosure_request = models.ForeignKey(
        DisclosureRequest, on_delete=models.PROTECT, related_name="events", verbose_name="申请"
    )
    kind = models.CharField("事项", max_length=40, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Who acted, as shown in the timeline: a staff name, "申请人" or "系统".
    actor_label = models.CharField("操作人（显示）", max_length=100)
    at = models.DateTimeField("记录时间")
    on = models.DateField("法律意义上的日期")
    data = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["on", "at", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class AttachmentKind(models.TextChoices):
    IDENTITY_PROOF = "identity_proof", "身份证明"
    APPLICATION_FORM = "application_form", "申请书"
    CORRECTION = "correction", "补正材料"
    CONSULTATION_ANSWER = "consultation_answer", "征求意见回复"
    PAYMENT_RECEIPT = "payment_receipt", "缴费凭证"
    DELIVERY_RECEIPT = "delivery_receipt", "送达回证"
    # Material that goes to the applicant with the reply; screened for personal data before it leaves.
    REPLY = "reply", "答复材料（提供给申请人）"
    OTHER = "other", "其他"


# 条例第十五条：涉及个人隐私的政府信息不得公开 — what leaves the office with a reply is screened first.
APPLICANT_BOUND_ATTACHMENT_KINDS = frozenset({AttachmentKind.REPLY})


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"requests/{instance.disclosure_request_id}/{instance.sha256[:16]}-{filename}"


class Attachment(models.Model):
    disclosure_request = models.ForeignKey(
        DisclosureRequest, on_delete=models.PROTECT, related_name="attachments", verbose_name="申请"
    )
    kind = models.CharField("类别", max_length=30, choices=AttachmentKind.choices)
    file = models.FileField("文件", upload_to=attachment_path)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=40)
    size_bytes = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    # Screening of material that goes to the applicant (core.screening): None = not screened (not sent out).
    screened_at = models.DateTimeField("筛查时间", null=True, blank=True)
    screening_findings = models.JSONField("筛查发现", default=list, blank=True)
    screening_acknowledged_at = models.DateTimeField("筛查提示确认时间", null=True, blank=True)
    screening_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.original_name

    @property
    def needs_screening_acknowledgement(self) -> bool:
        return bool(self.screening_findings) and self.screening_acknowledged_at is None


class LetterStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    ISSUED = "issued", "已签发"
    # A draft nobody will issue: kept (not deleted) so the record shows what was drafted and dropped.
    DISCARDED = "discarded", "已废弃"


def letter_path(instance: Letter, filename: str) -> str:
    return f"letters/{instance.disclosure_request_id}/{filename}"


class Letter(models.Model):
    """An official letter (文书) to the applicant or a consulted party. Frozen once issued."""

    disclosure_request = models.ForeignKey(
        DisclosureRequest, on_delete=models.PROTECT, related_name="letters", verbose_name="申请"
    )
    kind = models.CharField("文书类别", max_length=40)
    title = models.CharField("标题", max_length=200, blank=True)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    body = models.TextField("正文")
    context = models.JSONField("生成参数", default=dict, blank=True)
    status = models.CharField("状态", max_length=10, choices=LetterStatus.choices, default=LetterStatus.DRAFT)
    docx_file = models.FileField("DOCX", upload_to=letter_path, blank=True)
    pdf_file = models.FileField("PDF", upload_to=letter_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("起草时间", auto_now_add=True)
    issued_on = models.DateField("签发日期", null=True, blank=True)
    issued_at = models.DateTimeField("签发时间", null=True, blank=True)
    discarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    discarded_at = models.DateTimeField("废弃时间", null=True, blank=True)

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.doc_number or self.title or self.kind

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = Letter.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == LetterStatus.ISSUED:
                raise ImmutableRowError("文书已签发，不可修改。")
            if stored == LetterStatus.DISCARDED:
                raise ImmutableRowError("文书草稿已废弃，不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        # The event log names every letter ever drafted; a draft nobody wants is discarded, not deleted.
        raise ImmutableRowError("文书不可删除；不需要的草稿请在文书页面“废弃草稿”。")


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", "直接送达"
    POST = "post", "邮寄送达"
    EMAIL = "email", "电子送达（电子邮件）"
    ONLINE = "online", "电子送达（网上查询）"
    FAX = "fax", "传真"
    OTHER = "other", "其他"


class Delivery(models.Model):
    """送达: how and when a letter reached its addressee."""

    letter = models.ForeignKey(
        Letter, on_delete=models.PROTECT, related_name="deliveries", verbose_name="文书"
    )
    method = models.CharField("送达方式", max_length=20, choices=DeliveryMethod.choices)
    delivered_on = models.DateField("送达日期")
    recipient = models.CharField("签收人", max_length=100, blank=True)
    tracking_number = models.CharField("邮件单号", max_length=60, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "送达记录"
        verbose_name_plural = "送达记录"

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.delivered_on}"


class FeeNotice(models.Model):
    """收费通知 under 国办函〔2020〕109号: one method, an amount, and what became of it."""

    disclosure_request = models.ForeignKey(
        DisclosureRequest, on_delete=models.PROTECT, related_name="fee_notices", verbose_name="申请"
    )
    method = models.CharField("收费方式", max_length=20)
    amount_yuan = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    explanation = models.JSONField("计算说明", default=list)
    notified_on = models.DateField("申请人收到通知之日")
    pay_by_on = models.DateField("缴费期限", null=True, blank=True)
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    lapsed_on = models.DateField("逾期日期", null=True, blank=True)

    class Meta:
        verbose_name = "收费通知"
        verbose_name_plural = "收费通知"

    def __str__(self) -> str:
        return f"{self.amount_yuan}元（{self.notified_on}）"


class ConsultationParty(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方"  # 条例第三十二条
    AGENCY = "agency", "其他行政机关"  # 条例第三十四条


class ConsultationAnswer(models.TextChoices):
    CONSENT = "consent", "同意公开"
    OBJECTION = "objection", "不同意公开"
    OPINION = "opinion", "其他意见"
    SILENCE = "silence", "逾期未答复"


class Consultation(models.Model):
    disclosure_request = models.ForeignKey(
        DisclosureRequest, on_delete=models.PROTECT, related_name="consultations", verbose_name="申请"
    )
    party_kind = models.CharField("征求对象类别", max_length=20, choices=ConsultationParty.choices)
    party_name = models.CharField("征求对象", max_length=200)
    started_on = models.DateField("征求意见之日")
    answer_due_on = models.DateField("答复期限", null=True, blank=True)
    answered_on = models.DateField("结束日期", null=True, blank=True)
    answer = models.CharField("意见", max_length=20, choices=ConsultationAnswer.choices, blank=True)
    answer_text = models.TextField("意见内容", blank=True)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_party_kind_display()}：{self.party_name}"


class LetterTemplate(models.Model):
    """An agency's own wording for one letter kind (overrides the built-in template)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", verbose_name="机关")
    kind = models.CharField("文书类别", max_length=40)
    text = models.TextField("模板正文")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="unique_template_per_agency")]

    def __str__(self) -> str:
        return f"{self.agency} · {self.kind}"


class AgencyLetterSettings(models.Model):
    """Per-agency letter settings: the document-number pattern (e.g. 小政信公〔2026〕第12号)."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="+", verbose_name="机关")
    doc_number_pattern = models.CharField(
        "文号格式",
        max_length=100,
        default="{short}政信公〔{year}〕第{seq}号",
        help_text="可用 {short}（机关简称）、{year}（年度）、{seq}（序号）",
    )
    correction_period_days = models.PositiveIntegerField(
        "补正期限（工作日）", default=15, help_text="条例第三十条：由机关确定的合理补正期限"
    )

    class Meta:
        verbose_name = "文书设置"
        verbose_name_plural = "文书设置"

    def __str__(self) -> str:
        return f"{self.agency} · {self.doc_number_pattern}"


class IdentityAccessLog(AppendOnlyModel):
    """Each view of an unmasked identity number: who, when, which request, why."""

    disclosure_request = models.ForeignKey(
        DisclosureRequest, on_delete=models.PROTECT, related_name="+", verbose_name="申请"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("查看时间")
    purpose = models.CharField("用途", max_length=200, blank=True)

    class Meta:
        verbose_name = "证件号码查看记录"
        verbose_name_plural = "证件号码查看记录"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.at:%Y-%m-%d %H:%M}"
