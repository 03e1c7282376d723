"""Reading the information-processing fee statement of section 六 (spec §3.7; 国办函〔2020〕109号)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from gongkai.core.annual_report.validate._base import FeeSummary

_NUM = r"(\d+(?:\.\d+)?)"
_NOTICE_COUNT = re.compile(
    r"(?:发出|出具|送达|开具|下发)(?:了)?(?:信息处理费)?(?:缴费|收费)通知(?:书)?(?:共|合计)?"
    + _NUM
    + r"(?:件|份|次)"
)
_NOTICE_COUNT_AFTER = re.compile(r"(?:缴费|收费)通知(?:书)?(?:共|合计)?" + _NUM + r"(?:件|份|次)")
_NO_NOTICE = re.compile(r"(?:未|没有|无)(?:发出|出具|送达|开具|下发)?(?:过)?(?:信息处理费)?(?:缴费|收费)通知")
_NOTICE_AMOUNT = re.compile(
    r"(?:缴费|收费)通知[^。；]{0,20}?(?:金额|共计|合计|总额)(?:为|共)?" + _NUM + r"(万)?元"
)
_COLLECTED = re.compile(
    r"(?:实际|实收|共)?(?:收取|征收|收缴|收到)(?:了)?(?:政府信息公开)?(?:信息)?(?:处理费)?(?:共|合计|金额)?(?:为)?"
    + _NUM
    + r"(万)?元"
)
_NOT_COLLECTED = re.compile(
    r"(?:未|没有|无|不)(?:收取|征收|产生|收缴)(?:任何)?(?:政府信息公开)?(?:信息)?处理费"
)


def _yuan(number: str, wan: str | None) -> Decimal | None:
    try:
        value = Decimal(number)
    except InvalidOperation:  # pragma: no cover - the regex only captures digits
        return None
    return value * 10000 if wan else value


def fee_summary_from_text(text: str) -> FeeSummary:
    """Read fee notices and collections from section 六; fields the text does not state stay None."""
    text = re.sub(r"\s+", "", text)  # PDF extraction puts spaces around numbers: 「处理费 3940 元」
    count: int | None = None
    m = _NOTICE_COUNT.search(text) or _NOTICE_COUNT_AFTER.search(text)
    if m and "." not in m.group(1):
        count = int(m.group(1))
    elif _NO_NOTICE.search(text):
        count = 0
    notified: Decimal | None = None
    if m2 := _NOTICE_AMOUNT.search(text):
        notified = _yuan(m2.group(1), m2.group(2))
    collected: Decimal | None = None
    if m3 := _COLLECTED.search(text):
        collected = _yuan(m3.group(1), m3.group(2))
    elif _NOT_COLLECTED.search(text):
        collected = Decimal(0)
    return FeeSummary(notices_issued_count=count, notices_total_yuan=notified, collected_yuan=collected)
