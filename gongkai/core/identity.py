"""Identity numbers: checks and masking.

- Resident identity number (公民身份号码), GB 11643-1999: 17 digits + ISO 7064 MOD 11-2 check character.
- Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters + MOD 31 check character.
- Bank card numbers: Luhn.
"""

from __future__ import annotations

import re
from datetime import date

_RESIDENT_ID = re.compile(r"^\d{17}[\dXx]$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC = re.compile(r"^[0-9A-HJ-NP-RTUWXY]{18}$")


def resident_id_problem(value: str) -> str | None:
    """Return why `value` is not a valid resident identity number (in Chinese), or None if it is."""
    value = value.strip()
    if not _RESIDENT_ID.match(value):
        return "身份证号码应为18位：前17位是数字，最后一位是数字或X。"
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "身份证号码中的出生日期不存在，请核对第7至14位。"
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != value[17].upper():
        return "身份证号码校验位不正确，请逐位核对。"
    return None


def is_resident_id(value: str) -> bool:
    return resident_id_problem(value) is None


def resident_id_check_char(first17: str) -> str:
    """The GB 11643 check character for 17 digits (used to make valid test numbers)."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def is_social_credit_code(value: str) -> bool:
    """True for an 18-character unified social credit code with a correct check character."""
    value = value.strip().upper()
    if not _USCC.match(value):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(value[:17], _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31] == value[17]


def luhn_ok(digits: str) -> bool:
    """Luhn check (bank card numbers)."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def mask_identity_number(value: str) -> str:
    """Show the first 3 and last 2 characters only: 130***********123X → '130*************3X'."""
    value = value.strip()
    if len(value) <= 5:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 5) + value[-2:]
