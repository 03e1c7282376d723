"""Forms of the back-office. They only check and convert what was typed; the services decide the law."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.core.annual_report.format import layout
from gongkai.core.fees import METHOD_LABELS
from gongkai.core.identity import resident_id_problem
from gongkai.disclosure_requests.models import (
    ApplicantKind,
    AttachmentKind,
    Channel,
    ConsultationAnswer,
    ConsultationParty,
    DeliveryMethod,
    DeliveryWay,
    IdType,
    InformationForm,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK = [("", "（请选择）")]


def _date(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_WIDGET,
        help_text=help_text,
        error_messages={"required": f"请填写{label}。", "invalid": f"{label}格式不正确（如 2026-11-28）。"},
    )


def _text(
    label: str, *, required: bool = False, max_length: int = 300, rows: int = 0, **kw: Any
) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=widget,
        error_messages={"required": f"请填写{label}。", "max_length": f"{label}过长（最多{max_length}字）。"},
        **kw,
    )


def _choice(label: str, choices: Any, *, required: bool = True, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=BLANK + list(choices) if not required else list(choices),
        required=required,
        error_messages={"required": f"请选择{label}。", "invalid_choice": f"{label}的选项不正确。"},
        **kw,
    )


class RegistrationForm(forms.Form):
    """A paper (or other channel) application, with every item of 条例第二十九条."""

    agency = forms.ChoiceField(label="受理机关", choices=())
    # Idempotency key: the same rendered form submitted twice registers once.
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    channel = _choice(
        "提交方式",
        Channel.choices,
        help_text="条例第三十一条：当面提交的，以提交之日为收到申请之日；邮寄（需签收）的，以本机关签收之日为准；"
        "平常信函、互联网、传真提交的，以双方确认之日为准",
    )
    submitted_on = _date(
        "提交日期",
        help_text="当面提交：即收到申请之日。邮寄、信函、传真、网络：寄出或提交之日，只作记录，不是收到申请之日",
    )
    signed_on = _date(
        "邮寄签收日期",
        required=False,
        help_text="仅邮寄（需签收）填写：条例第三十一条以本机关签收之日为收到申请之日",
    )
    confirmed_on = _date(
        "确认日期",
        required=False,
        help_text="仅平常信函、互联网、传真填写：条例第三十一条以（双方）确认之日为收到申请之日，"
        "平常信函应于收到当日与申请人确认；暂未确认的留空，登记为“待确认”，确认前不起算",
    )

    # 条例第三十一条: which date field applies to which channel (the page hides the others when JS runs).
    RECEIPT_DATE_CHANNELS = {
        "signed_on": (Channel.POST,),
        "confirmed_on": (Channel.LETTER, Channel.ONLINE, Channel.FAX),
    }
    is_oral = forms.BooleanField(label="口头提出，由工作人员代为填写（条例第二十九条）", required=False)
    assistance_note = _text("提供的必要帮助（条例第四十三条）", max_length=300)

    kind = _choice("申请人类型", ApplicantKind.choices, help_text="决定年度报告表三中的统计列")
    name = _text("申请人姓名或名称", required=True, max_length=200)
    id_type = _choice("证件类型", IdType.choices, required=False)
    id_number = _text("证件号码", max_length=40, help_text="居民身份证号码会校验第18位校验码（GB 11643）")
    credit_code = _text("统一社会信用代码", max_length=18, help_text="法人或者其他组织填写")
    contact_person = _text("联系人", max_length=100)
    phone = _text("联系电话", max_length=40)
    email = forms.CharField(label="电子邮箱", required=False, max_length=254)
    address = _text("通讯地址", max_length=300)
    postcode = _text("邮政编码", max_length=10)

    description = _text("所需政府信息的名称、文号或者特征性描述", required=True, max_length=4000, rows=4)
    purpose = _text("所需信息的用途（选填）", max_length=2000, rows=2)
    information_form = _choice("获取信息的方式", InformationForm.choices, required=False)
    delivery_way = _choice("提供方式", DeliveryWay.choices, required=False)

    def __init__(self, *args: Any, agencies: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.code, a.name) for a in agencies]
        for name, channels in self.RECEIPT_DATE_CHANNELS.items():
            self.fields[name].widget.attrs["data-channels"] = " ".join(channels)
        if len(agencies) == 1:
            self.fields["agency"].widget = forms.HiddenInput()

    def clean_id_number(self) -> str:
        value: str = self.cleaned_data.get("id_number", "").strip().upper()
        kind = self.data.get("kind")
        id_type = self.data.get("id_type") or (
            IdType.RESIDENT_ID if kind == ApplicantKind.NATURAL_PERSON else ""
        )
        # GB 11643-1999: check the 18th character where the number is a resident identity number.
        if value and id_type == IdType.RESIDENT_ID:
            problem = resident_id_problem(value)
            if problem:
                raise forms.ValidationError(problem)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("channel") == Channel.POST and not data.get("signed_on"):
            self.add_error(
                "signed_on",
                "邮寄提交的申请以本机关签收之日为收到申请之日（条例第三十一条），请填写签收日期。",
            )
        return data


# --- actions ---------------------------------------------------------------------------------------------


class OnForm(forms.Form):
    on = _date("日期")


class ConfirmReceiptForm(OnForm):
    on = _date("确认日期", help_text="条例第三十一条：以双方确认之日为收到申请之日")


class RequestCorrectionForm(OnForm):
    on = _date("告知日期")
    items = _text("需要补正的事项（一次性告知）", required=True, max_length=2000, rows=3)
    period_working_days = forms.IntegerField(
        label="补正期限（工作日，留空用本机关默认）",
        required=False,
        min_value=1,
        max_value=60,
        error_messages={"min_value": "补正期限至少为1个工作日。", "invalid": "请填写整数。"},
    )


class ReceiveCorrectionForm(OnForm):
    on = _date("收到补正日期", help_text="条例第三十条：答复期限自收到补正之日起重新计算")
    note = _text("说明", max_length=300)


class MarkAbandonedForm(OnForm):
    reasons = _text("说明（选填）", max_length=1000, rows=2)


class StartConsultationForm(OnForm):
    on = _date("发出征求意见之日")
    party_kind = _choice("征求对象类别", ConsultationParty.choices)
    party_name = _text("征求对象名称", required=True, max_length=200)


class EndConsultationForm(OnForm):
    on = _date("意见反馈日期")
    consultation = forms.ChoiceField(label="哪一项征求意见", choices=())
    answer = _choice("意见", ConsultationAnswer.choices)
    answer_text = _text("意见内容", max_length=2000, rows=2)

    def __init__(self, *args: Any, consultations: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["consultation"].choices = [
            (str(c.pk), f"{c.party_name}（{c.started_on:%Y-%m-%d}发出，{c.answer_due_on or '—'}前答复）")
            for c in consultations
        ]


class ExtendForm(OnForm):
    on = _date("负责人同意延期之日")
    working_days = forms.IntegerField(
        label="延长工作日数",
        min_value=1,
        max_value=20,
        initial=20,
        help_text="条例第三十三条：最长不超过20个工作日，只能延长一次",
        error_messages={
            "required": "请填写延长的工作日数。",
            "min_value": "延长的期限应为1至20个工作日（条例第三十三条）。",
            "max_value": "延长的期限应为1至20个工作日（条例第三十三条）。",
        },
    )
    reason = _text("延期理由", required=True, max_length=1000, rows=2)


class FeeNoticeForm(OnForm):
    on = _date("申请人收到收费通知之日")
    method = _choice(
        "收费方式", list(METHOD_LABELS.items()), help_text="按件、按量只能选一种（收费办法第三条）"
    )
    previous_in_month = forms.IntegerField(
        label="按件：该申请人本自然月此前已申请件数",
        required=False,
        min_value=0,
        help_text="已按登记记录自动统计（同一申请人、本机关、收到申请之日在本月且早于本申请）；如有未登记的申请可修改",
    )
    pages = forms.IntegerField(label="按量：提供的页数", required=False, min_value=1)


class SetAgencyPeriodForm(OnForm):
    due_on = _date("延迟答复的期限")
    reasons = _text("理由（申请理由合理，但无法在规定期限内答复）", required=True, max_length=2000, rows=2)


def outcome_choices() -> list[tuple[str, Any]]:
    """Table 三 leaf rows grouped as in the table: （一）…（六）, the leaves under their family."""
    lay = layout("2021")
    own_service = {"other.no_correction", "other.fee_unpaid"}  # reached by their own actions
    groups: list[tuple[str, Any]] = [("", "（请选择办理结果）")]
    for row in lay.t3_rows:
        if row.parent != "outcomes":
            continue
        if row.has_cells:
            groups.append((row.id, row.label))
            continue
        leaves = [(r.id, r.label) for r in lay.t3_rows if r.parent == row.id and r.id not in own_service]
        groups.append((row.label, leaves))
    return groups


class ReplyForm(OnForm):
    on = _date("答复日期")
    outcome = forms.ChoiceField(
        label="办理结果（年度报告表三的一项）",
        choices=(),
        error_messages={"required": "请选择办理结果。", "invalid_choice": "请选择办理结果。"},
    )
    legal_basis = _text(
        "法律依据",
        max_length=300,
        help_text="不予公开、部分公开时必填（条例第三十六条第（三）项、第三十七条）",
    )
    reasons = _text("理由", max_length=4000, rows=3, help_text="不予公开、无法提供、不予处理、其他处理时必填")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = outcome_choices()


class WithdrawForm(OnForm):
    on = _date("撤回日期")
    reason = _text("撤回情况", required=True, max_length=1000, rows=2, help_text="如：申请人当面书面申请撤回")


class DraftLetterForm(forms.Form):
    kind = forms.ChoiceField(label="文书类别", choices=(), error_messages={"required": "请选择文书类别。"})
    served_letter = forms.ChoiceField(label="送达的文书（送达回证用）", choices=(), required=False)

    def __init__(
        self, *args: Any, kinds: list[tuple[str, str]], issued: list[Any] = (), **kwargs: Any
    ) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["served_letter"].choices = BLANK + [
            (str(x.pk), f"{x.title} {x.doc_number}") for x in issued
        ]


class IssueLetterForm(OnForm):
    on = _date("签发日期")


class DeliveryForm(forms.Form):
    method = _choice("送达方式", DeliveryMethod.choices)
    delivered_on = _date("送达日期")
    recipient = _text("签收人", max_length=100)
    tracking_number = _text("邮件单号", max_length=60)
    note = _text("备注", max_length=300)


class AttachmentForm(forms.Form):
    """Upload one PDF/JPG/PNG to the request (the service checks type by content and size)."""

    kind = _choice("附件类别", AttachmentKind.choices)
    file = forms.FileField(
        label="文件",
        help_text="PDF、JPG或PNG，不超过10MB。答复材料上传后自动筛查身份证号码、电话等个人信息。",
        error_messages={"required": "请选择要上传的文件。", "empty": "文件是空的。"},
    )
