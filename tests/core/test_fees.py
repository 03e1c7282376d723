"""Fees per 国办函〔2020〕109号 (spec §5): every tier boundary, computed by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.core.fees import SCHEDULE_2020, FeeError, FeeSchedule, VolumeTier, format_yuan, quote_fee


@pytest.mark.parametrize(
    ("n", "price"),
    [
        (1, 0),
        (10, 0),  # ≤ 10 free
        (11, 100),
        (30, 100),  # 11–30: 100
        (31, 200),
        (40, 200),  # first 档 above 30
        (41, 300),
        (50, 300),
        (51, 400),
        (60, 400),
        (61, 500),
    ],
)
def test_the_nth_application_in_a_month_costs_its_tier_price(n: int, price: int) -> None:
    assert SCHEDULE_2020.price_of_nth_application(n) == Decimal(price)


@pytest.mark.parametrize(
    ("previous", "amount"),
    [(0, 0), (9, 0), (10, 100), (29, 100), (30, 200), (39, 200), (40, 300), (59, 400), (60, 500)],
)
def test_one_application_pays_the_price_of_its_position_in_the_month(previous: int, amount: int) -> None:
    quote = quote_fee("per_application", previous_in_month=previous)

    assert quote.method == "per_application"
    assert quote.amount_yuan == Decimal(amount)
    assert quote.free is (amount == 0)
    assert any(f"第{previous + 1}件" in line for line in quote.explanation)


def test_a_month_of_35_applications_costs_3000_yuan_in_total() -> None:
    # Spec §5 example: 20 × 100 + 5 × 200 = 3,000.
    total = sum(quote_fee("per_application", previous_in_month=k).amount_yuan for k in range(35))

    assert total == Decimal("3000")


def test_a_split_application_counts_each_unit_at_its_own_tier() -> None:
    # Units 9..32: 9–10 free, 11–30 → 20 × 100, 31–32 → 2 × 200 = 2,400.
    quote = quote_fee("per_application", previous_in_month=8, units=24)

    assert quote.amount_yuan == Decimal("2400")
    assert "第9—10件在免费范围内，不收费。" in quote.explanation
    assert "第11—30件每件100元，计20件，小计2000元。" in quote.explanation
    assert "第31—32件每件200元，计2件，小计400元。" in quote.explanation
    assert quote.explanation[-1] == "应缴信息处理费合计2400元。"


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        (0, 0),
        (1, 0),
        (30, 0),  # ≤ 30 free
        (31, 10),
        (100, 700),  # 70 × 10
        (101, 720),  # 700 + 20
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # 2700 + 40
        (250, 4700),  # spec example: 700 + 2000 + 2000
    ],
)
def test_pages_are_charged_progressively(pages: int, amount: int) -> None:
    quote = quote_fee("per_volume", pages=pages)

    assert quote.method == "per_volume"
    assert quote.amount_yuan == Decimal(amount)
    assert quote.free is (amount == 0)


def test_the_volume_explanation_shows_each_tier() -> None:
    quote = quote_fee("per_volume", pages=250)

    assert quote.explanation == [
        "依据《政府信息公开信息处理费管理办法》第三条、第五条，本申请按量计收，不再按件计收。",
        "本申请提供的信息共250页。",
        "第1—30页的部分（30页）不收费。",
        "第31—100页的部分70页，每页10元，小计700元。",
        "第101—200页的部分100页，每页20元，小计2000元。",
        "第201页以上的部分50页，每页40元，小计2000元。",
        "应缴信息处理费合计4700元。",
    ]


def test_it_refuses_to_combine_both_methods() -> None:
    with pytest.raises(FeeError, match="不得同时适用"):
        quote_fee("per_application", previous_in_month=3, pages=50)
    with pytest.raises(FeeError, match="不得同时适用"):
        quote_fee("per_volume", previous_in_month=3, pages=50)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "per_application"}, "此前已提出的申请件数"),
        ({"method": "per_volume"}, "页数"),
        ({"method": "per_volume", "pages": -1}, "不能为负数"),
        ({"method": "per_application", "previous_in_month": -1}, "不能为负数"),
        ({"method": "per_application", "previous_in_month": 0, "units": 0}, "至少为1件"),
        ({"method": "by_weight"}, "未知的收费方式"),
    ],
)
def test_bad_input_gives_a_chinese_message(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(FeeError, match=message) as caught:
        quote_fee(**kwargs)  # type: ignore[arg-type]

    assert caught.value.message == str(caught.value)


def test_a_waiver_makes_the_quote_free_and_says_why() -> None:
    quote = quote_fee("per_volume", pages=101, waiver_basis="本机关减免决定")

    assert quote.free
    assert quote.amount_yuan == 0
    assert quote.explanation[-1] == "按标准应收720元，依据本机关减免决定予以免收。"


def test_a_changed_schedule_is_plain_data() -> None:
    cheaper = FeeSchedule(
        per_application_base_yuan=Decimal("50"),
        per_volume_tiers=(VolumeTier(1, 10, Decimal("0")), VolumeTier(11, None, Decimal("0.5"))),
    )

    assert quote_fee("per_application", previous_in_month=10, schedule=cheaper).amount_yuan == 50
    assert quote_fee("per_application", previous_in_month=30, schedule=cheaper).amount_yuan == 150
    assert quote_fee("per_volume", pages=15, schedule=cheaper).amount_yuan == Decimal("2.5")


def test_amounts_print_without_trailing_zeros() -> None:
    assert format_yuan(Decimal("3000.00")) == "3000元"
    assert format_yuan(Decimal("2.50")) == "2.5元"
