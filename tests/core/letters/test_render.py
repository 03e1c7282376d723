"""Letter texts: every kind and outcome renders with its article and remedies; template checks."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from gongkai.core.annual_report.format import layout
from gongkai.core.letters import (
    KINDS,
    PLACEHOLDERS,
    REPLY_KINDS,
    LetterContext,
    LetterError,
    check_template,
    default_template,
    format_doc_number,
    render_letter_text,
    reply_kind,
    reply_kinds_for,
    template_problems,
)

REG = "《中华人民共和国政府信息公开条例》"

# Hand-written from the spec (§1.4–1.14, §5), independent of kinds.py: what each letter must cite.
EXPECTED_BASIS: dict[str, list[str]] = {
    "receipt": ["第三十一条", "第三十三条"],
    "correction_notice": ["第三十条"],
    "third_party_consultation": ["第三十二条"],
    "extension_notice": ["第三十三条"],
    "fee_notice": ["第四十二条", "《政府信息公开信息处理费管理办法》"],
    "reply.granted": ["第三十六条第（二）项", "第四十条"],
    "reply.already_public": ["第三十六条第（一）项"],
    "reply.partially_granted": ["第三十七条"],
    "reply.withheld.state_secret": ["第十四条", "国家秘密"],
    "reply.withheld.prohibited_by_law": ["第十四条", "法律、行政法规禁止公开"],
    "reply.withheld.security_stability": ["第十四条", "国家安全、公共安全、经济安全、社会稳定"],
    "reply.withheld.third_party_rights": ["第十五条"],
    "reply.withheld.internal_affairs": ["第十六条第一款"],
    "reply.withheld.process_info": ["第十六条第二款", "过程性信息"],
    "reply.withheld.enforcement_file": ["第十六条第二款", "行政执法案卷"],
    "reply.withheld.administrative_inquiry": ["行政查询事项"],
    "reply.special_law": ["第三十六条第（七）项"],
    "reply.unable.not_held": ["第三十六条第（四）项", "不存在"],
    "reply.not_this_agency": ["第三十六条第（五）项", "博野县交通运输局", "0312-7777777"],
    "reply.unable.needs_creation": ["第三十八条", "加工、分析"],
    "reply.unable.unclear_after_correction": ["第三十条", "仍不明确"],
    "reply.not_processed.petition_complaint": ["第三十九条第一款", "信访、投诉、举报"],
    "reply.not_processed.repeat": ["第三十六条第（六）项", "不予重复处理"],
    "reply.not_processed.publication": ["第三十九条第二款", "公开出版物"],
    "reply.not_processed.mass_repetitive": ["第三十五条"],
    "reply.not_processed.confirm_or_reissue": ["确认或者重新出具"],
    "reply.other.no_correction": ["第三十条", "视为放弃申请"],
    "reply.other.fee_unpaid": ["《政府信息公开信息处理费管理办法》", "视为放弃申请"],
    "reply.withdrawn": ["撤回"],
    "reply.other.other": ["该信息涉及投标人的商业秘密"],
    "service_proof": [],
}
EITHER = (
    "如对本答复不服，可以自收到本答复之日起六十日内向博野县人民政府申请行政复议，"
    "也可以自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
)
REVIEW_FIRST = (
    "如对本答复不服，可以自收到本答复之日起六十日内向博野县人民政府申请行政复议；"
    "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
)


def _for(kind_id: str, ctx: LetterContext) -> LetterContext:
    kind = KINDS[kind_id]
    return dataclasses.replace(ctx, outcome=kind.outcomes[0]) if kind.is_reply else ctx


def test_every_kind_has_an_expectation_here() -> None:
    assert set(EXPECTED_BASIS) == set(KINDS)


@pytest.mark.parametrize("kind_id", sorted(KINDS))
def test_every_kind_renders_and_cites_its_article(kind_id: str, full_context: LetterContext) -> None:
    letter = render_letter_text(kind_id, _for(kind_id, full_context))
    text = "".join(letter.paragraphs) + "".join(v for _label, v in letter.form_rows)

    assert letter.title == KINDS[kind_id].title
    assert letter.signer == "博野县小店镇人民政府"
    assert letter.dated_on == date(2026, 11, 28)
    assert letter.doc_number == ("" if kind_id == "service_proof" else "小政信公〔2026〕第12号")
    for needle in EXPECTED_BASIS[kind_id]:
        assert needle in text
    assert "{" not in text
    assert "}" not in text
    assert "。。" not in text


@pytest.mark.parametrize("kind", REPLY_KINDS, ids=lambda k: k.id)
def test_every_reply_names_the_regulation_and_the_remedies(kind: object, full_context: LetterContext) -> None:
    kind_id = kind.id  # type: ignore[attr-defined]
    letter = render_letter_text(kind_id, _for(kind_id, full_context))
    withholds = kind_id.startswith("reply.withheld.") or kind_id == "reply.partially_granted"

    assert letter.addressee == "张三"
    assert REG in "".join(letter.paragraphs) or kind_id in {
        "reply.other.fee_unpaid",
        "reply.withdrawn",
        "reply.other.other",
        "reply.not_processed.confirm_or_reissue",
    }
    # 行政复议法（2023）第二十三条：不予公开 must go to reconsideration first.
    assert (REVIEW_FIRST if withholds else EITHER) in letter.paragraphs


@pytest.mark.parametrize("row", layout("2021").outcome_leaves, ids=lambda r: r.id)
def test_every_table_three_outcome_has_a_reply_that_renders(row: object, full_context: LetterContext) -> None:
    outcome = row.id  # type: ignore[attr-defined]
    ctx = dataclasses.replace(full_context, outcome=outcome)

    kinds = reply_kinds_for(outcome)

    assert kinds[0] == reply_kind(outcome) == f"reply.{outcome}"
    for kind_id in kinds:
        assert outcome in KINDS[kind_id].outcomes
        assert render_letter_text(kind_id, ctx).paragraphs


def test_variants_share_their_outcome_row() -> None:
    assert reply_kinds_for("granted") == ("reply.granted", "reply.already_public")
    assert reply_kinds_for("unable.not_held") == ("reply.unable.not_held", "reply.not_this_agency")
    assert set(reply_kinds_for("other.other")) == {
        "reply.other.other",
        "reply.special_law",
        "reply.withdrawn",
    }


def test_a_reply_for_another_outcome_is_refused(full_context: LetterContext) -> None:
    ctx = dataclasses.replace(full_context, outcome="unable.not_held")

    with pytest.raises(LetterError, match="只能用于办理结果 granted"):
        render_letter_text("reply.granted", ctx)


def test_an_unknown_outcome_or_kind_is_a_chinese_error() -> None:
    with pytest.raises(LetterError, match="未知的办理结果：granted_maybe"):
        reply_kind("granted_maybe")
    with pytest.raises(LetterError, match=r"未知的文书类型：reply\.nope"):
        render_letter_text("reply.nope", LetterContext(agency_name="甲", applicant_name="乙"))


def test_missing_data_is_listed_in_chinese_all_at_once() -> None:
    ctx = LetterContext(
        agency_name="博野县小店镇人民政府", applicant_name="张三", received_on=date(2026, 11, 3)
    )

    with pytest.raises(LetterError) as caught:
        render_letter_text("correction_notice", ctx)

    message = caught.value.message
    assert message.startswith("无法生成《政府信息公开申请补正告知书》：以下内容尚未填写：")
    for label in (
        "登记编号（registration_number）",
        "补正事项（correction_items）",
        "补正期限（correction_deadline_on）",
    ):
        assert label in message
    assert "联系方式" in message
    assert caught.value.missing == (
        "registration_number",
        "description",
        "correction_items",
        "correction_deadline_on",
        "contact",
    )


def test_the_remedies_need_the_reconsideration_body(full_context: LetterContext) -> None:
    ctx = dataclasses.replace(full_context, review_body="", outcome="granted")

    with pytest.raises(LetterError, match=r"需填写行政复议机关（review_body）"):
        render_letter_text("reply.granted", ctx)


def test_a_third_party_letter_is_addressed_to_the_third_party_and_does_not_name_the_applicant(
    full_context: LetterContext,
) -> None:
    letter = render_letter_text("third_party_consultation", full_context)

    assert letter.addressee == "博野县某建筑工程有限公司"
    assert "张三" not in "".join(letter.paragraphs)
    assert "2026年12月21日" in "".join(letter.paragraphs)


def test_numbered_correction_items_become_paragraphs(full_context: LetterContext) -> None:
    letter = render_letter_text("correction_notice", full_context)

    assert "1.请说明所需信息的年度。" in letter.paragraphs[1]
    assert letter.paragraphs[2] == "2.请提供身份证明复印件。"


def test_the_fee_notice_carries_the_quote(full_context: LetterContext) -> None:
    text = "".join(render_letter_text("fee_notice", full_context).paragraphs)

    # 120 pages: 70 × 10 + 20 × 20 = 1,100.
    assert "收费方式为按量计收" in text
    assert "应缴纳金额：1100元。" in text
    assert "第101—200页的部分20页，每页20元，小计400元。" in text


def test_the_proof_of_service_is_a_form_with_blanks_to_sign(full_context: LetterContext) -> None:
    ctx = dataclasses.replace(full_context, served_on=None, served_by="")

    letter = render_letter_text("service_proof", ctx)

    rows = dict(letter.form_rows)
    assert letter.addressee == ""
    assert rows["送达文书"] == "政府信息公开申请答复书"
    assert rows["受送达人"] == "张三"
    assert rows["送达方式"] == "邮寄送达"
    assert re.fullmatch("＿+", rows["送达日期"])
    assert re.fullmatch("＿+", rows["受送达人签名或盖章"])


def test_an_agency_template_overrides_the_default(full_context: LetterContext) -> None:
    text = "{applicant_name}同志：\n您的申请已于{received_on}登记。\n\n查询码{tracking_code}。"

    letter = render_letter_text("receipt", full_context, template_override=text)

    assert letter.paragraphs == ["张三同志：您的申请已于2026年11月3日登记。", "查询码K7Q2-M9XD。"]


def test_a_typo_in_an_edited_template_is_reported_not_crashed(full_context: LetterContext) -> None:
    text = "本机关于{recieved_on}收到申请，编号{registration_number}，{remedys}"

    assert check_template("receipt", text) == ["recieved_on", "remedys"]
    with pytest.raises(LetterError) as caught:
        render_letter_text("receipt", full_context, template_override=text)
    assert "无法识别的字段：{recieved_on}、{remedys}" in caught.value.message
    assert caught.value.unknown == ("recieved_on", "remedys")


def test_template_problems_explain_broken_edits() -> None:
    assert template_problems("reply.granted", default_template("reply.granted")) == []
    assert template_problems("reply.granted", "本机关{agency_name") == [
        "模板格式错误：花括号不成对。字段应写成 {字段名}，文字中的花括号应写成 {{ 或 }}。"
    ]
    problems = template_problems("reply.granted", "予以公开。{due_on:%Y}")
    assert "字段 {due_on} 不能带格式说明（冒号或感叹号之后的部分）。" in problems
    assert any("必须包含 {remedies}" in p for p in problems)
    assert template_problems("receipt", "{{字面花括号}}{agency_name}") == []


@pytest.mark.parametrize("kind_id", sorted(KINDS))
def test_every_default_template_is_clean(kind_id: str) -> None:
    text = default_template(kind_id)

    assert template_problems(kind_id, text) == []
    assert set(check_template(kind_id, text)) <= set(PLACEHOLDERS)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("{short}政信公〔{year}〕第{seq}号", "小政信公〔2026〕第12号"),
        ("{short}政依申〔{year}〕{seq:03d}号", "小政依申〔2026〕012号"),
        ("〔{year}〕{seq}", "〔2026〕12"),
    ],
)
def test_document_numbers_follow_the_agency_pattern(pattern: str, expected: str) -> None:
    assert format_doc_number(pattern, short_name="小", year=2026, seq=12) == expected


@pytest.mark.parametrize(
    ("pattern", "short", "seq", "message"),
    [
        ("{short}〔{year}〕第{num}号", "小", 1, r"无法识别的字段：\{num\}"),
        ("{short}〔{year}〕", "小", 1, "必须包含序号字段"),
        ("{short}〔{year}〕第{seq}号", "", 1, "尚未设置简称"),
        ("{short}〔{year}〕第{seq号", "小", 1, "花括号不成对"),
        ("{short}〔{year}〕第{seq}号", "小", 0, "从1开始"),
        ("{short}〔{year}〕第{seq:x9}号", "小", 3, "格式说明无效"),
    ],
)
def test_a_bad_document_number_pattern_is_a_chinese_error(
    pattern: str, short: str, seq: int, message: str
) -> None:
    with pytest.raises(LetterError, match=message):
        format_doc_number(pattern, short_name=short, year=2026, seq=seq)


def test_a_full_stop_in_the_data_is_not_doubled(full_context: LetterContext) -> None:
    ctx = dataclasses.replace(
        full_context,
        description="2025年的招标文件。",
        reasons="涉及商业秘密。",
        outcome="withheld.third_party_rights",
    )

    paragraphs = render_letter_text("reply.withheld.third_party_rights", ctx).paragraphs
    text = "".join(paragraphs)

    assert paragraphs[0].endswith("申请获取：2025年的招标文件。")
    assert "理由：涉及商业秘密。" in text
    assert "。。" not in text


def test_the_editing_guide_lists_every_placeholder_and_kind() -> None:
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[3] / "docs" / "letters.md").read_text("utf-8")

    assert [n for n in PLACEHOLDERS if f"`{{{n}}}`" not in guide] == []
    assert [k for k in KINDS if f"`{k}`" not in guide] == []
