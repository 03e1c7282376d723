"""Every letter of the request procedure, as data: id, title, who it is addressed to, the article it
rests on, and — for replies — the table 三 outcome rows it may close a case with (spec §1.9).

A kind's default text is `templates/<kind id>.txt` in this package.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from gongkai.core.letters.errors import LetterError

Addressee = Literal["applicant", "third_party", "none"]
Layout = Literal["letter", "form"]
# Which remedies sentence a reply carries (spec §1.20):
# "review_first": 行政复议法（2023）第二十三条第一款第（四）项 — 「申请政府信息公开，行政机关不予公开」
#   must go to reconsideration before court (复议前置, since 2024-01-01);
# "either": reconsideration (60 days, 行政复议法第二十条) or litigation (6 months, 行政诉讼法第四十六条).
Remedies = Literal["review_first", "either", "none"]

REPLY_TITLE = "政府信息公开申请答复书"


@dataclass(frozen=True)
class LetterKind:
    id: str
    label: str  # short name shown to staff
    title: str  # printed title
    basis: str  # the article(s) the letter rests on, as cited in its text
    addressee: Addressee = "applicant"
    layout: Layout = "letter"
    outcomes: tuple[str, ...] = ()  # table 三 leaf row ids; non-empty only for replies
    remedies: Remedies = "none"
    # Placeholders that may stay empty (printed as a blank line to fill in by hand).
    blank_ok: frozenset[str] = frozenset()

    @property
    def is_reply(self) -> bool:
        return bool(self.outcomes)


def _reply(
    kind_id: str, label: str, basis: str, outcomes: tuple[str, ...], remedies: Remedies = "either"
) -> LetterKind:
    return LetterKind(kind_id, label, REPLY_TITLE, basis, outcomes=outcomes, remedies=remedies)


PROCEDURE_KINDS: tuple[LetterKind, ...] = (
    LetterKind("receipt", "登记回执", "政府信息公开申请登记回执", "条例第三十一条、第三十三条"),
    LetterKind("correction_notice", "补正告知书", "政府信息公开申请补正告知书", "条例第三十条"),
    LetterKind(
        "third_party_consultation",
        "第三方意见征询函",
        "政府信息公开第三方意见征询函",
        "条例第三十二条",
        addressee="third_party",
    ),
    LetterKind("extension_notice", "延期答复告知书", "政府信息公开申请延期答复告知书", "条例第三十三条"),
    LetterKind(
        "fee_notice",
        "收费通知书",
        "政府信息公开信息处理费收费通知书",
        "条例第四十二条、《政府信息公开信息处理费管理办法》",
    ),
    LetterKind(
        "service_proof",
        "送达回证",
        "送达回证",
        "条例第四十五条",
        addressee="none",
        layout="form",
        blank_ok=frozenset({"served_by", "served_on", "remarks", "service_address", "served_doc_number"}),
    ),
)

# One reply per outcome family (spec §1.9 and §1.14). Ids are "reply." + the table 三 leaf row id,
# plus four variants that share a row: 36(1) already public, 36(5) not this agency, 36(7) special
# laws and withdrawal.
REPLY_KINDS: tuple[LetterKind, ...] = (
    # 条例第三十六条第（二）项、第四十条：provide it, in the form decided under Art. 40.
    _reply("reply.granted", "答复书：予以公开", "条例第三十六条第（二）项、第四十条", ("granted",)),
    # 条例第三十六条第（一）项 [U: counted as 予以公开 by common practice, spec §1.9].
    _reply("reply.already_public", "答复书：已主动公开", "条例第三十六条第（一）项", ("granted",)),
    # 条例第三十七条：provide the separable part, give reasons for the rest.
    _reply(
        "reply.partially_granted",
        "答复书：部分公开",
        "条例第三十七条",
        ("partially_granted",),
        "review_first",
    ),
    # 条例第十四条：state secrets, prohibited by law, 三安全一稳定 (mandatory).
    _reply(
        "reply.withheld.state_secret",
        "答复书：不予公开（国家秘密）",
        "条例第十四条、第三十六条第（三）项",
        ("withheld.state_secret",),
        "review_first",
    ),
    _reply(
        "reply.withheld.prohibited_by_law",
        "答复书：不予公开（法律行政法规禁止公开）",
        "条例第十四条、第三十六条第（三）项",
        ("withheld.prohibited_by_law",),
        "review_first",
    ),
    _reply(
        "reply.withheld.security_stability",
        "答复书：不予公开（三安全一稳定）",
        "条例第十四条、第三十六条第（三）项",
        ("withheld.security_stability",),
        "review_first",
    ),
    # 条例第十五条：third parties' trade secrets, privacy (不得公开 unless consent / public interest).
    _reply(
        "reply.withheld.third_party_rights",
        "答复书：不予公开（保护第三方合法权益）",
        "条例第十五条、第三十六条第（三）项",
        ("withheld.third_party_rights",),
        "review_first",
    ),
    # 条例第十六条第一款：internal affairs (可以不予公开).
    _reply(
        "reply.withheld.internal_affairs",
        "答复书：不予公开（内部事务信息）",
        "条例第十六条第一款、第三十六条第（三）项",
        ("withheld.internal_affairs",),
        "review_first",
    ),
    # 条例第十六条第二款：process information, enforcement case files (可以不予公开).
    _reply(
        "reply.withheld.process_info",
        "答复书：不予公开（过程性信息）",
        "条例第十六条第二款、第三十六条第（三）项",
        ("withheld.process_info",),
        "review_first",
    ),
    _reply(
        "reply.withheld.enforcement_file",
        "答复书：不予公开（行政执法案卷）",
        "条例第十六条第二款、第三十六条第（三）项",
        ("withheld.enforcement_file",),
        "review_first",
    ),
    # 行政查询事项: no article of the Regulation [U]; the basis is given per case in `legal_basis`.
    _reply(
        "reply.withheld.administrative_inquiry",
        "答复书：不予公开（行政查询事项）",
        "条例第三十六条第（三）项",
        ("withheld.administrative_inquiry",),
        "review_first",
    ),
    # 条例第三十六条第（七）项：special laws (工商、不动产登记资料…). Row [U], configurable (spec §1.9).
    _reply(
        "reply.special_law",
        "答复书：按特别规定办理",
        "条例第三十六条第（七）项",
        ("withheld.administrative_inquiry", "other.other"),
    ),
    # 条例第三十六条第（四）项：nothing found after search.
    _reply("reply.unable.not_held", "答复书：信息不存在", "条例第三十六条第（四）项", ("unable.not_held",)),
    # 条例第三十六条第（五）项：not this agency's [U: counted as 不掌握 by practice].
    _reply(
        "reply.not_this_agency",
        "答复书：不属于本机关公开",
        "条例第三十六条第（五）项",
        ("unable.not_held",),
    ),
    # 条例第三十八条：no duty to create or analyse.
    _reply(
        "reply.unable.needs_creation",
        "答复书：需另行制作",
        "条例第三十八条",
        ("unable.needs_creation",),
    ),
    # 条例第三十条：still unclear after correction (reply wording [U], spec §1.4).
    _reply(
        "reply.unable.unclear_after_correction",
        "答复书：补正后仍不明确",
        "条例第三十条",
        ("unable.unclear_after_correction",),
    ),
    # 条例第三十九条第一款：petitions, complaints, reports.
    _reply(
        "reply.not_processed.petition_complaint",
        "答复书：信访举报投诉类申请",
        "条例第三十九条第一款",
        ("not_processed.petition_complaint",),
    ),
    # 条例第三十六条第（六）项：repeat application.
    _reply(
        "reply.not_processed.repeat",
        "答复书：重复申请",
        "条例第三十六条第（六）项",
        ("not_processed.repeat",),
    ),
    # 条例第三十九条第二款：public publications.
    _reply(
        "reply.not_processed.publication",
        "答复书：要求提供公开出版物",
        "条例第三十九条第二款",
        ("not_processed.publication",),
    ),
    # 条例第三十五条：excessive requests without good reason.
    _reply(
        "reply.not_processed.mass_repetitive",
        "答复书：无正当理由大量反复申请",
        "条例第三十五条",
        ("not_processed.mass_repetitive",),
    ),
    # Confirm or re-issue information already obtained: no specific article (spec §1.9).
    _reply(
        "reply.not_processed.confirm_or_reissue",
        "答复书：要求确认或重新出具",
        "无专门条款",
        ("not_processed.confirm_or_reissue",),
    ),
    # 条例第三十条：not corrected in time, deemed abandoned.
    _reply(
        "reply.other.no_correction",
        "答复书：逾期不补正",
        "条例第三十条",
        ("other.no_correction",),
    ),
    # 国办函〔2020〕109号：fee not paid in time, deemed abandoned (spec §5).
    _reply(
        "reply.other.fee_unpaid",
        "答复书：逾期未缴费",
        "《政府信息公开信息处理费管理办法》",
        ("other.fee_unpaid",),
    ),
    _reply("reply.withdrawn", "答复书：申请人撤回", "—", ("other.other",)),
    _reply("reply.other.other", "答复书：其他处理", "—", ("other.other",)),
)

KINDS: dict[str, LetterKind] = {k.id: k for k in (*PROCEDURE_KINDS, *REPLY_KINDS)}


def letter_kind(kind_id: str) -> LetterKind:
    """Return the kind with this id, or raise LetterError in Chinese."""
    try:
        return KINDS[kind_id]
    except KeyError:
        raise LetterError(f"未知的文书类型：{kind_id}。") from None


def reply_kind(outcome: str) -> str:
    """The default reply letter for a table 三 outcome leaf row id (e.g. "withheld.state_secret")."""
    kind_id = f"reply.{outcome}"
    if kind_id not in KINDS:
        raise LetterError(
            f"未知的办理结果：{outcome}（应为表三的末级行，如 granted、withheld.state_secret）。"
        )
    return kind_id


def reply_kinds_for(outcome: str) -> tuple[str, ...]:
    """Every reply letter that may close a case with this outcome (the default first)."""
    default = reply_kind(outcome)
    return (default, *(k.id for k in REPLY_KINDS if outcome in k.outcomes and k.id != default))
