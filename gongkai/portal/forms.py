"""Forms of the public portal: the online application, tracking look-up, online correction, withdrawal, guide.

Field labels are exactly the words of the application form (issue #6 item 2) and are the accessible names.
Every error is a Chinese sentence tied to its field; `mark_errors` adds aria-invalid / aria-describedby so
screen readers announce them with the field.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from gongkai.agencies.guide import AgencyGuide
from gongkai.core.identity import is_social_credit_code, resident_id_problem
from gongkai.disclosure_requests.models import ApplicantKind, DeliveryWay, IdType, InformationForm
from gongkai.disclosure_requests.services import MAX_ATTACHMENT_BYTES, sniff_content_type

CITIZEN = "citizen"
ORGANISATION = "organisation"

# The organisation types decide the column of 表三 (annual-report-format.json T3 data_columns).
ORG_KINDS = [
    (ApplicantKind.COMMERCIAL.value, "商业企业"),
    (ApplicantKind.RESEARCH.value, "科研机构"),
    (ApplicantKind.PUBLIC_WELFARE.value, "社会公益组织"),
    (ApplicantKind.LEGAL_SERVICE.value, "法律服务机构"),
    (ApplicantKind.OTHER_ORG.value, "其他"),
]
PERSON_ID_TYPES = [(v, label) for v, label in IdType.choices if v != IdType.CREDIT_CODE]

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
FILE_RECHOOSE_NOTE = "出于安全原因，浏览器不会保留已选择的文件：提交未成功时请重新选择身份证明材料。"


def phone_problem(value: str) -> str | None:
    """Why `value` is not a mainland mobile or landline number (Chinese), or None."""
    compact = re.sub(r"[\s()（）]", "", value)
    compact = compact.removeprefix("+86").removeprefix("0086")
    if _MOBILE.match(compact) or _LANDLINE.match(compact):
        return None
    return "联系电话格式不正确：手机号码为11位数字（如 13912345678），固定电话请带区号（如 0312-8123456）。"


def check_upload(upload: UploadedFile | None, *, required: bool, what: str) -> tuple[str, bytes] | None:
    """(name, content) of a PDF/JPG/PNG of at most 10 MB, judged by its content; ValidationError otherwise."""
    if upload is None:
        if required:
            raise forms.ValidationError(f"请上传{what}（PDF、JPG或PNG，不超过10MB）。")
        return None
    if upload.size is not None and upload.size > MAX_ATTACHMENT_BYTES:
        raise forms.ValidationError("文件不能超过10MB，请压缩或缩小后重新选择。")
    content = upload.read(MAX_ATTACHMENT_BYTES + 1)
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise forms.ValidationError("文件不能超过10MB，请压缩或缩小后重新选择。")
    if not content:
        raise forms.ValidationError("文件是空的，请重新选择。")
    if sniff_content_type(content[:16]) is None:
        # Checked by the first bytes, not the name: a renamed .exe is refused.
        raise forms.ValidationError("只能上传PDF、JPG或PNG文件（按文件内容判断，改扩展名无效）。")
    return upload.name or "file", content


class PortalForm(forms.Form):
    """A form whose errors are tied to their fields for assistive technology."""

    required_message = "请填写此项。"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.setdefault("required", self.required_message)
            if field.required:
                field.error_messages["required"] = (
                    field.error_messages.get("required") or self.required_message
                )

    def mark_errors(self) -> None:
        """Point every field at its help text and error message (aria-describedby, aria-invalid)."""
        for name, field in self.fields.items():
            bound = self[name]
            ids = []
            if field.help_text:
                ids.append(f"{bound.auto_id}-help")
            if name in self.errors:
                ids.append(f"{bound.auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


class ApplicationForm(PortalForm):
    """条例第二十九条：申请人的姓名或者名称、身份证明、联系方式；所需信息的描述；形式要求。"""

    applicant_type = forms.ChoiceField(
        label="申请人类型",
        choices=[(CITIZEN, "公民"), (ORGANISATION, "法人或者其他组织")],
        widget=forms.RadioSelect,
        initial=CITIZEN,
        error_messages={"required": "请选择申请人类型。"},
    )
    org_kind = forms.ChoiceField(
        label="组织类型",
        choices=ORG_KINDS,
        widget=forms.RadioSelect,
        required=False,
        help_text="法人或者其他组织填写；用于年度报告的统计。",
    )
    name = forms.CharField(
        label="姓名", max_length=200, error_messages={"required": "请填写申请人的姓名（组织填写名称）。"}
    )
    id_type = forms.ChoiceField(label="证件类型", choices=PERSON_ID_TYPES, initial=IdType.RESIDENT_ID)
    id_number = forms.CharField(
        label="证件号码",
        max_length=40,
        required=False,
        help_text="公民必填。法人或者其他组织可填写经办人的证件号码。",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    credit_code = forms.CharField(
        label="统一社会信用代码",
        max_length=18,
        required=False,
        help_text="法人或者其他组织必填，18位。",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="联系电话",
        max_length=40,
        error_messages={"required": "请填写联系电话。"},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        help_text="填写后，申请编号和查询码会发到这个邮箱。选择电子邮件方式时必填。",
        error_messages={"invalid": "电子邮箱格式不正确，例如 name@example.com。"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label="通讯地址",
        max_length=300,
        required=False,
        help_text="选择邮寄时必填。",
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    description = forms.CharField(
        label="所需政府信息的名称、文号或描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="写明文件名称、文号，或者时间、地点、事项等便于查找的特征（条例第二十九条）。",
        error_messages={"required": "请填写所需政府信息的名称、文号或者便于查找的描述。"},
    )
    purpose = forms.CharField(
        label="所需信息的用途", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
    information_form = forms.ChoiceField(
        label="获取信息的方式",
        choices=InformationForm.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的方式。"},
    )
    delivery_way = forms.ChoiceField(
        label="提供方式",
        choices=DeliveryWay.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择提供方式。"},
    )
    identity_proof = forms.FileField(
        label="身份证明材料",
        required=False,
        help_text="身份证件或营业执照等的扫描件或照片：PDF、JPG或PNG，不超过10MB。",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )
    consent = forms.BooleanField(
        label="我同意本机关为办理本申请收集和使用以上个人信息。个人信息仅用于办理本申请，依法保密，不向无关方提供。",
        error_messages={"required": "需要您同意后才能提交申请。"},
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    challenge_answer = forms.CharField(label="验证问题", max_length=4, required=False)

    def __init__(self, *args: Any, challenge: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        self.identity_file: tuple[str, bytes] | None = None
        if challenge:
            self.fields["challenge_answer"].required = True
            self.fields["challenge_answer"].label = f"验证问题：{challenge}"
            self.fields["challenge_answer"].help_text = "请用数字填写答案。"
            self.fields["challenge_answer"].error_messages["required"] = "请回答验证问题。"
            self.fields["challenge_answer"].widget.attrs.update(
                {"inputmode": "numeric", "autocomplete": "off"}
            )
        else:
            del self.fields["challenge_answer"]
        if self.is_organisation:
            # 姓名 for a person, 名称 for an organisation (the JS switches it live, this is the no-JS answer).
            self.fields["name"].label = "名称"

    def mark_errors(self) -> None:
        super().mark_errors()
        if self.errors and "identity_proof" not in self.errors:
            # The browser drops the chosen file when the page comes back: say so next to the field.
            widget = self.fields["identity_proof"].widget
            widget.attrs["aria-describedby"] = (
                widget.attrs.get("aria-describedby", "") + " id_identity_proof-note"
            ).strip()

    @property
    def is_organisation(self) -> bool:
        value = self.data.get("applicant_type") if self.is_bound else self.initial.get("applicant_type")
        return value == ORGANISATION

    @property
    def applicant_kind(self) -> str:
        if self.cleaned_data.get("applicant_type") == ORGANISATION:
            return str(self.cleaned_data.get("org_kind") or ApplicantKind.OTHER_ORG)
        return ApplicantKind.NATURAL_PERSON.value

    def clean_phone(self) -> str:
        value = str(self.cleaned_data["phone"]).strip()
        problem = phone_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return value

    def clean_identity_proof(self) -> Any:
        required = bool(getattr(settings, "GONGKAI_PORTAL_REQUIRE_IDENTITY_PROOF", True))
        # 条例第二十九条第一项：申请人的身份证明。
        self.identity_file = check_upload(
            self.cleaned_data.get("identity_proof"), required=required, what="身份证明材料"
        )
        return None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        is_org = data.get("applicant_type") == ORGANISATION
        id_number = str(data.get("id_number") or "").strip().upper()
        id_type = data.get("id_type") or IdType.RESIDENT_ID
        credit_code = str(data.get("credit_code") or "").strip().upper()
        data["id_number"], data["credit_code"] = id_number, credit_code
        if is_org:
            if not data.get("org_kind"):
                self.add_error("org_kind", "请选择组织类型。")
            if not credit_code:
                self.add_error("credit_code", "法人或者其他组织请填写统一社会信用代码。")
        elif not id_number and "id_number" not in self.errors:
            self.add_error("id_number", "请填写证件号码（条例第二十九条：申请应包括申请人的身份证明）。")
        if id_number and id_type == IdType.RESIDENT_ID:
            problem = resident_id_problem(id_number)
            if problem:
                self.add_error("id_number", problem)
        if credit_code and not is_social_credit_code(credit_code):
            self.add_error("credit_code", "统一社会信用代码应为18位且校验位正确，请逐位核对。")
        wants_email = (
            data.get("delivery_way") == DeliveryWay.EMAIL
            or data.get("information_form") == InformationForm.EMAIL
        )
        if wants_email and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "选择电子邮件方式时，请填写电子邮箱。")
        if data.get("delivery_way") == DeliveryWay.POST and not str(data.get("address") or "").strip():
            self.add_error("address", "选择邮寄时，请填写通讯地址。")
        return data


class TrackForm(PortalForm):
    number = forms.CharField(
        label="申请编号",
        max_length=20,
        help_text="提交后页面和邮件中的申请编号，如 2026-0012。",
        error_messages={"required": "请填写申请编号。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    code = forms.CharField(
        label="查询码",
        max_length=20,
        help_text="10位字母和数字，不区分大小写。",
        error_messages={"required": "请填写查询码。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self) -> str:
        return re.sub(r"[\s-]", "", str(self.cleaned_data["code"])).upper()

    def clean_number(self) -> str:
        return str(self.cleaned_data["number"]).strip()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return super().clean(data, initial)


class CorrectionForm(PortalForm):
    """条例第三十条：申请人按补正告知书补正申请。"""

    note = forms.CharField(
        label="补正说明",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="按补正告知书的要求，写明补充或更正的内容。",
        error_messages={"required": "请填写补正说明。"},
    )
    files = MultipleFileField(
        label="补正材料",
        required=False,
        help_text="可选，可选择多个文件：PDF、JPG或PNG，每个不超过10MB。",
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.uploads: list[tuple[str, bytes]] = []

    def clean_files(self) -> None:
        value = self.cleaned_data.get("files") or []
        uploads = value if isinstance(value, list) else [value]
        if len(uploads) > 10:
            raise forms.ValidationError("一次最多上传10个文件。")
        checked = []
        for upload in uploads:
            result = check_upload(upload, required=False, what="补正材料")
            if result is not None:
                checked.append(result)
        self.uploads = checked
        return None


class WithdrawForm(PortalForm):
    reason = forms.CharField(
        label="撤回原因",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "请简要写明撤回原因。"},
    )
    confirm = forms.BooleanField(
        label="我确认撤回这份申请。撤回后本机关不再办理，如仍需要这些信息，需要重新申请。",
        error_messages={"required": "请勾选确认后再撤回。"},
    )


class GuideForm(forms.ModelForm):
    """The Art. 12 items, all required; the 公开制度 text optional."""

    class Meta:
        model = AgencyGuide
        fields = [
            "classification",
            "how_to_obtain",
            "office_name",
            "office_address",
            "office_hours",
            "phone",
            "fax",
            "internet_contact",
            "postcode",
            "rules_text",
        ]
        widgets = {
            "classification": forms.Textarea(attrs={"rows": 4}),
            "how_to_obtain": forms.Textarea(attrs={"rows": 6}),
            "rules_text": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required:
                # 条例第十二条：指南应当包括这些内容。
                field.error_messages["required"] = (
                    f"请填写“{field.label}”（条例第十二条规定指南必须包括此项）。"
                )

    mark_errors = PortalForm.mark_errors
