"""The data a letter is made from (`LetterContext`) and the rendered letter (`Letter`).

Both are plain dataclasses: the back-office fills a `LetterContext` from its records, and the
typesetters (`letter_to_docx`, `letter_to_pdf`) only ever see a `Letter`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongkai.core.fees import FeeQuote

# Application channels (条例第三十一条) as the API names them, with the wording used in letters.
CHANNEL_LABELS: dict[str, str] = {
    "in_person": "当面提交",
    "post": "邮寄",
    "letter": "平常信函",
    "online": "互联网",
    "fax": "传真",
}


@dataclass(frozen=True)
class LetterContext:
    """Everything a letter may say about the agency, the applicant and the case.

    Only `agency_name` and `applicant_name` are always needed; every other field is needed only by
    the templates that use it (a missing one gives a `LetterError` naming it in Chinese).
    Dates are `datetime.date`; texts are plain strings (no trailing 。 needed on `reasons`).
    """

    # The agency (行政机关) and its 政府信息公开工作机构.
    agency_name: str
    applicant_name: str
    agency_short_name: str = ""  # used in document numbers: 小政信公〔2026〕第12号
    office_address: str = ""
    office_phone: str = ""
    contact_person: str = ""
    review_body: str = ""  # 行政复议机关, e.g. 博野县人民政府
    court: str = ""  # defaults to 「人民法院」 in the remedies sentence
    signer: str = ""  # who signs (落款); defaults to agency_name

    # The applicant and the application (条例第二十九条、第三十一条).
    applicant_address: str = ""
    applicant_phone: str = ""
    registration_number: str = ""
    tracking_code: str = ""
    received_on: date | None = None  # legal receipt date (条例第三十一条)
    channel: str = ""  # an id of CHANNEL_LABELS or free text
    description: str = ""  # 所需政府信息的名称、文号或者特征性描述
    requested_form: str = ""  # 形式要求

    # This letter.
    issued_on: date | None = None  # 成文日期
    doc_number: str = ""  # from format_doc_number
    attachments: tuple[str, ...] = ()  # 附件说明, printed after the body

    # Clocks (computed by the calendar helper, never here).
    due_on: date | None = None
    extended_due_on: date | None = None
    extension_working_days: int | None = None
    extension_reason: str = ""
    correction_items: str = ""
    correction_deadline_on: date | None = None
    correction_notice_on: date | None = None  # when the correction notice was issued
    corrected_received_on: date | None = None

    # Third party (条例第三十二条).
    third_party_name: str = ""
    third_party_address: str = ""
    third_party_reply_by_on: date | None = None

    # The outcome: one leaf row id of table 三 (layout("2021").outcome_leaves), reasons and basis.
    outcome: str = ""
    reasons: str = ""
    legal_basis: str = ""
    provision_form: str = ""  # how the information is provided (条例第四十条)
    where_to_obtain: str = ""  # 条例第三十六条第（一）项 / 第三十九条第二款
    withheld_part: str = ""  # 条例第三十七条
    responsible_agency: str = ""  # 条例第三十六条第（五）项
    responsible_agency_contact: str = ""
    previous_reply: str = ""  # 条例第三十六条第（六）项, e.g. 「2026年3月2日 小政信公〔2026〕第5号」
    proper_channel: str = ""  # 条例第三十九条第一款 / 第三十六条第（七）项
    withdrawn_on: date | None = None

    # Fees (国办函〔2020〕109号).
    fee_quote: FeeQuote | None = None
    fee_payment_method: str = ""
    fee_payment_due_on: date | None = None

    # Proof of service (送达回证).
    served_document_title: str = ""
    served_doc_number: str = ""
    served_to: str = ""  # defaults to applicant_name
    service_address: str = ""
    delivery_method: str = ""  # 直接送达 / 邮寄送达 / 电子送达 / 留置送达 …
    served_by: str = ""
    served_on: date | None = None
    remarks: str = ""


@dataclass(frozen=True)
class Letter:
    """A rendered letter, ready for typesetting."""

    kind: str
    title: str
    doc_number: str
    addressee: str  # the salutation line without 「：」; empty for forms (送达回证)
    paragraphs: list[str]
    signer: str
    dated_on: date | None
    # Forms (送达回证) are a two-column table of (label, value); letters leave this empty.
    form_rows: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
