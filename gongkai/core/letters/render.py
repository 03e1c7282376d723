"""Fill a letter template with a case's data: placeholders, checks for edited templates, numbers.

Templates are plain text with `{placeholder}` fields. Paragraphs are separated by a blank line;
single line breaks inside a paragraph are joined (Chinese needs no space). In forms (送达回证) every
line is one 「标签：内容」 row. A literal brace is written `{{` or `}}`.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date
from functools import cache
from importlib import resources

from gongkai.core.fees import METHOD_LABELS, format_yuan
from gongkai.core.letters.context import CHANNEL_LABELS, Letter, LetterContext
from gongkai.core.letters.errors import LetterError
from gongkai.core.letters.kinds import LetterKind, letter_kind

# A blank to fill in by hand (送达回证, or an optional field left empty).
HAND_BLANK = "＿＿＿＿＿＿＿＿"

# Every placeholder a template may use, with the Chinese label staff see in errors and the editor.
PLACEHOLDERS: dict[str, str] = {
    "agency_name": "机关名称",
    "agency_short_name": "机关简称",
    "office_address": "联系地址",
    "office_phone": "联系电话",
    "contact_person": "联系人",
    "contact": "联系方式（联系人、地址、电话，自动组合）",
    "review_body": "行政复议机关",
    "court": "人民法院",
    "remedies": "救济途径（行政复议、行政诉讼，自动生成）",
    "signer": "落款机关",
    "applicant_name": "申请人姓名或名称",
    "applicant_address": "申请人地址",
    "applicant_phone": "申请人联系电话",
    "registration_number": "登记编号",
    "tracking_code": "查询码",
    "received_on": "收到申请日期",
    "channel": "申请方式",
    "description": "所需信息描述",
    "requested_form": "形式要求",
    "issued_on": "成文日期",
    "doc_number": "文号",
    "due_on": "答复期限",
    "extended_due_on": "延期后的答复期限",
    "extension_working_days": "延长的工作日数",
    "extension_reason": "延期理由",
    "correction_items": "补正事项",
    "correction_deadline_on": "补正期限",
    "correction_notice_on": "补正告知日期",
    "corrected_received_on": "收到补正申请日期",
    "third_party_name": "第三方名称",
    "third_party_address": "第三方地址",
    "third_party_reply_by_on": "第三方提出意见的期限",
    "reasons": "理由",
    "legal_basis": "法律依据",
    "provision_form": "提供方式",
    "where_to_obtain": "获取途径",
    "withheld_part": "不予公开的部分",
    "responsible_agency": "负责公开的机关",
    "responsible_agency_contact": "负责公开机关的联系方式",
    "previous_reply": "此前的答复（日期、文号）",
    "proper_channel": "相应渠道",
    "withdrawn_on": "撤回申请日期",
    "fee_method": "收费方式",
    "fee_amount": "应缴金额",
    "fee_explanation": "计费说明",
    "fee_payment_method": "缴费方式",
    "fee_payment_due_on": "缴费期限",
    "served_document_title": "送达文书名称",
    "served_doc_number": "送达文书编号",
    "served_to": "受送达人",
    "service_address": "送达地址",
    "delivery_method": "送达方式",
    "served_by": "送达人",
    "served_on": "送达日期",
    "remarks": "备注",
    "blank": "空白（手写填写）",
}

# Computed placeholders: which LetterContext fields to fill when they come out empty.
_SOURCES: dict[str, tuple[str, ...]] = {
    "remedies": ("review_body",),
    "contact": ("contact_person", "office_address", "office_phone"),
    "fee_method": ("fee_quote",),
    "fee_amount": ("fee_quote",),
    "fee_explanation": ("fee_quote",),
}

# Labels of LetterContext fields that are not themselves placeholders.
_FIELD_LABELS: dict[str, str] = {"fee_quote": "收费计算结果"}


def format_date_zh(day: date) -> str:
    """2026年11月28日 (GB/T 9704-2012: Arabic numerals, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


@cache
def default_template(kind_id: str) -> str:
    """The packaged default text of a letter kind (templates/<kind id>.txt)."""
    letter_kind(kind_id)
    return resources.files("gongkai.core.letters").joinpath(f"templates/{kind_id}.txt").read_text("utf-8")


def _clean(text: str) -> str | None:
    return text.strip() or None


_PUNCTUATION = "。，；：、）」”.,;:)"


def remedies_sentence(kind: LetterKind, ctx: LetterContext) -> str | None:
    """The applicant's remedies (spec §1.20), or None when the reconsideration body is unknown."""
    body = ctx.review_body.strip()
    if not body:
        return None
    court = ctx.court.strip() or "人民法院"
    if kind.remedies == "review_first":
        # 行政复议法（2023）第二十三条第一款第（四）项：申请政府信息公开，行政机关不予公开的，应当先申请行政复议。
        return (
            f"如对本答复不服，可以自收到本答复之日起六十日内向{body}申请行政复议；"
            f"对行政复议决定不服的，可以依法向{court}提起行政诉讼。"
        )
    # 行政复议法（2023）第二十条：六十日；行政诉讼法第四十六条：六个月。
    return (
        f"如对本答复不服，可以自收到本答复之日起六十日内向{body}申请行政复议，"
        f"也可以自收到本答复之日起六个月内依法向{court}提起行政诉讼。"
    )


def _contact(ctx: LetterContext) -> str | None:
    parts = [
        f"{label}：{value}"
        for label, value in (
            ("联系人", ctx.contact_person.strip()),
            ("联系地址", ctx.office_address.strip()),
            ("联系电话", ctx.office_phone.strip()),
        )
        if value
    ]
    return "；".join(parts) + "。" if parts else None


def _value(name: str, kind: LetterKind, ctx: LetterContext) -> str | None:
    """The text of one placeholder for this case, or None when the data is missing."""
    computed: dict[str, Callable[[], str | None]] = {
        "remedies": lambda: remedies_sentence(kind, ctx),
        "contact": lambda: _contact(ctx),
        "court": lambda: ctx.court.strip() or "人民法院",
        "signer": lambda: ctx.signer.strip() or ctx.agency_name.strip() or None,
        "channel": lambda: CHANNEL_LABELS.get(ctx.channel, ctx.channel.strip()) or None,
        "served_to": lambda: ctx.served_to.strip() or ctx.applicant_name.strip() or None,
        "fee_method": lambda: METHOD_LABELS[ctx.fee_quote.method] if ctx.fee_quote else None,
        "fee_amount": lambda: format_yuan(ctx.fee_quote.amount_yuan) if ctx.fee_quote else None,
        "fee_explanation": lambda: "".join(ctx.fee_quote.explanation) if ctx.fee_quote else None,
        "extension_working_days": lambda: (
            str(ctx.extension_working_days) if ctx.extension_working_days is not None else None
        ),
        "blank": lambda: None,
    }
    if name in computed:
        return computed[name]()
    raw = getattr(ctx, name)
    if raw is None:
        return None
    if isinstance(raw, date):
        return format_date_zh(raw)
    return _clean(str(raw))


def _fields(text: str) -> list[tuple[str, str, str | None]]:
    """(literal, name, problem) triples of a template; raise LetterError if its braces are broken."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise LetterError(
            "模板格式错误：花括号不成对。字段应写成 {字段名}，文字中的花括号应写成 {{ 或 }}。"
        ) from None
    out: list[tuple[str, str, str | None]] = []
    for literal, name, spec, conversion in parsed:
        if name is None:
            out.append((literal, "", None))
            continue
        problem = None
        if spec or conversion:
            problem = f"字段 {{{name}}} 不能带格式说明（冒号或感叹号之后的部分）。"
        out.append((literal, name.strip(), problem))
    return out


def check_template(kind_id: str, text: str) -> list[str]:
    """The unknown placeholder names in an edited template (empty = every placeholder exists).

    Raises LetterError (Chinese) if the kind is unknown or the braces do not pair up.
    """
    letter_kind(kind_id)
    unknown: list[str] = []
    for _literal, name, _problem in _fields(text):
        if name and name not in PLACEHOLDERS and name not in unknown:
            unknown.append(name)
    return unknown


def template_problems(kind_id: str, text: str) -> list[str]:
    """Every problem of an edited template, as Chinese sentences for the editor (empty = fine)."""
    kind = letter_kind(kind_id)
    try:
        fields = _fields(text)
    except LetterError as error:
        return [error.message]
    problems = [p for _literal, _name, p in fields if p]
    unknown = check_template(kind_id, text)
    if unknown:
        problems.append(_unknown_message(unknown))
    names = {name for _literal, name, _problem in fields}
    if kind.is_reply and "remedies" not in names:
        # 答复书 must tell the applicant how to challenge it (spec §1.20).
        problems.append("答复书模板必须包含 {remedies}（告知申请人行政复议、行政诉讼的途径和期限）。")
    if not text.strip():
        problems.append("模板不能为空。")
    return problems


def _unknown_message(unknown: list[str]) -> str:
    names = "、".join(f"{{{n}}}" for n in unknown)
    return f"模板中有无法识别的字段：{names}。请检查拼写，可用字段见文书模板说明（docs/letters.md）。"


def _missing_label(name: str) -> str:
    sources = _SOURCES.get(name)
    if sources:
        labels = "、".join(f"{_FIELD_LABELS.get(s) or PLACEHOLDERS[s]}（{s}）" for s in sources)
        return f"{PLACEHOLDERS[name]}（需填写{labels}）"
    return f"{PLACEHOLDERS[name]}（{name}）"


def render_letter_text(kind_id: str, ctx: LetterContext, template_override: str | None = None) -> Letter:
    """Fill the kind's template (or `template_override`, an agency's edited text) with `ctx`.

    Raises LetterError in Chinese listing every missing or unknown placeholder at once, so that
    staff can fix the record (or the template) in one go.
    """
    kind = letter_kind(kind_id)
    if kind.is_reply and ctx.outcome and ctx.outcome not in kind.outcomes:
        allowed = "、".join(kind.outcomes)
        raise LetterError(f"《{kind.label}》只能用于办理结果 {allowed}，而本申请的办理结果为 {ctx.outcome}。")
    text = default_template(kind_id) if template_override is None else template_override
    fields = _fields(text)
    format_problems = [p for _literal, _name, p in fields if p]
    if format_problems:
        raise LetterError(f"无法生成《{kind.title}》：{format_problems[0]}")
    unknown = check_template(kind_id, text)
    if unknown:
        raise LetterError(f"无法生成《{kind.title}》：{_unknown_message(unknown)}", unknown=tuple(unknown))

    missing: list[str] = []
    pieces: list[str] = []
    for index, (literal, name, _problem) in enumerate(fields):
        pieces.append(literal)
        if not name:
            continue
        value = _value(name, kind, ctx)
        following = fields[index + 1][0] if index + 1 < len(fields) else ""
        if value is not None and following[:1] and following[0] in _PUNCTUATION:
            # The template punctuates after the field: drop the data's own 。 so it is not doubled.
            value = value.rstrip("。；;.") or None
        if value is None and (name == "blank" or name in kind.blank_ok):
            value = HAND_BLANK
        if value is None:
            if name not in missing:
                missing.append(name)
            continue
        # A line break in the data starts a new paragraph (e.g. numbered correction items).
        pieces.append("\n\n".join(line.strip() for line in value.splitlines() if line.strip()))

    addressee = ""
    if kind.addressee == "applicant":
        addressee = ctx.applicant_name.strip()
        if not addressee and "applicant_name" not in missing:
            missing.insert(0, "applicant_name")
    elif kind.addressee == "third_party":
        addressee = ctx.third_party_name.strip()
        if not addressee and "third_party_name" not in missing:
            missing.insert(0, "third_party_name")
    if not ctx.agency_name.strip() and "agency_name" not in missing:
        missing.insert(0, "agency_name")
    if missing:
        labels = "、".join(_missing_label(n) for n in missing)
        raise LetterError(
            f"无法生成《{kind.title}》：以下内容尚未填写：{labels}。请在申请记录中补充后重试。",
            missing=tuple(missing),
        )

    body = "".join(pieces)
    paragraphs: list[str] = []
    rows: list[tuple[str, str]] = []
    if kind.layout == "form":
        for line in body.splitlines():
            line = line.strip()
            if not line:
                continue
            label, sep, value = line.partition("：")
            if sep:
                rows.append((label.strip(), value.strip()))
            else:
                paragraphs.append(line)
    else:
        for block in body.split("\n\n"):
            paragraph = "".join(line.strip() for line in block.splitlines())
            if paragraph:
                paragraphs.append(paragraph)

    is_form = kind.layout == "form"
    return Letter(
        kind=kind.id,
        title=kind.title,
        # A form (送达回证) names the served letter's number in its rows; it carries none of its own.
        doc_number="" if is_form else ctx.doc_number.strip(),
        addressee=addressee,
        paragraphs=paragraphs,
        signer=ctx.signer.strip() or ctx.agency_name.strip(),
        dated_on=ctx.issued_on,
        form_rows=rows,
        attachments=[] if is_form else [a.strip() for a in ctx.attachments if a.strip()],
    )


def format_doc_number(pattern: str, *, short_name: str, year: int, seq: int) -> str:
    """Fill a per-agency document-number pattern, e.g. `{short}政信公〔{year}〕第{seq}号`.

    Fields: {short} (agency short name), {year}, {seq} (may be zero-padded: {seq:03d}).
    """
    allowed = {"short", "year", "seq"}
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        raise LetterError("文号格式错误：花括号不成对。") from None
    names = [name for _literal, name, _spec, _conv in parsed if name is not None]
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise LetterError(
            "文号格式中有无法识别的字段："
            + "、".join(f"{{{n}}}" for n in unknown)
            + "。可用字段：{short}（机关简称）、{year}（年份）、{seq}（序号）。"
        )
    if "seq" not in names:
        raise LetterError("文号格式必须包含序号字段 {seq}。")
    if seq < 1:
        raise LetterError("文号序号必须从1开始。")
    if "short" in names and not short_name.strip():
        raise LetterError("文号格式需要机关简称，但本机关尚未设置简称。")
    try:
        return pattern.format(short=short_name.strip(), year=year, seq=seq)
    except (ValueError, TypeError):
        raise LetterError("文号格式错误：{seq} 的格式说明无效（可写 {seq} 或 {seq:03d}）。") from None
