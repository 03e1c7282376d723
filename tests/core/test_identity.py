from __future__ import annotations

from gongkai.core.identity import (
    is_resident_id,
    is_social_credit_code,
    luhn_ok,
    mask_identity_number,
    resident_id_check_char,
    resident_id_problem,
)

# The published GB 11643 example number (check character X).
VALID_ID = "11010519491231002X"


def test_it_accepts_the_standards_example_and_rejects_a_wrong_check_digit() -> None:
    assert is_resident_id(VALID_ID)
    assert is_resident_id(VALID_ID.lower())
    assert resident_id_problem("110105194912310021") == "身份证号码校验位不正确，请逐位核对。"


def test_it_explains_wrong_length_and_impossible_birth_dates() -> None:
    assert "18位" in (resident_id_problem("1101051949") or "")
    first17 = "11010519490231002"  # 31 February
    assert "出生日期" in (resident_id_problem(first17 + resident_id_check_char(first17)) or "")


def test_social_credit_codes_are_checked_with_mod_31() -> None:
    assert is_social_credit_code("91350100M000100Y43")
    assert not is_social_credit_code("91350100M000100Y44")
    assert not is_social_credit_code("91350100M000100Y4")


def test_luhn_accepts_a_valid_card_number_only() -> None:
    assert luhn_ok("4111111111111111")
    assert not luhn_ok("4111111111111112")


def test_masking_keeps_only_the_ends() -> None:
    assert mask_identity_number(VALID_ID) == "110*************2X"
    assert mask_identity_number("123") == "***"
