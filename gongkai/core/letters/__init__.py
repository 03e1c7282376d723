"""Official letters (文书) of the disclosure-request procedure, framework-free.

    ctx = LetterContext(agency_name=..., applicant_name=..., ...)
    letter = render_letter_text("reply.granted", ctx)          # or template_override=agency_text
    letter_to_docx(letter) / letter_to_pdf(letter)            # bytes

Kinds: KINDS (ids such as "receipt", "correction_notice", "reply.withheld.state_secret");
`reply_kind(outcome)` gives the default reply for a table 三 leaf row id. Editing templates:
docs/letters.md.
"""

from __future__ import annotations

from gongkai.core.letters.context import CHANNEL_LABELS, Letter, LetterContext
from gongkai.core.letters.errors import LetterError
from gongkai.core.letters.kinds import (
    KINDS,
    PROCEDURE_KINDS,
    REPLY_KINDS,
    LetterKind,
    letter_kind,
    reply_kind,
    reply_kinds_for,
)
from gongkai.core.letters.render import (
    PLACEHOLDERS,
    check_template,
    default_template,
    format_date_zh,
    format_doc_number,
    remedies_sentence,
    render_letter_text,
    template_problems,
)
from gongkai.core.letters.typeset import letter_to_docx, letter_to_html, letter_to_pdf

__all__ = [
    "CHANNEL_LABELS",
    "KINDS",
    "PLACEHOLDERS",
    "PROCEDURE_KINDS",
    "REPLY_KINDS",
    "Letter",
    "LetterContext",
    "LetterError",
    "LetterKind",
    "check_template",
    "default_template",
    "format_date_zh",
    "format_doc_number",
    "letter_kind",
    "letter_to_docx",
    "letter_to_html",
    "letter_to_pdf",
    "remedies_sentence",
    "render_letter_text",
    "reply_kind",
    "reply_kinds_for",
    "template_problems",
]
