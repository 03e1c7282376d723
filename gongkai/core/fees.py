"""Information-processing fees (信息处理费) for one disclosure application.

Source: 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号, cited "办法") as restated in
regulation-spec §5; the Regulation's default is no charge (条例第四十二条). This module only computes
amounts: whether to charge at all is the agency's decision, and the payment period (20 working days
from the day after the notice is received) is a clock that belongs to the calendar helper.

Points the spec marks unverified [U] are parameters of `FeeSchedule` or of `quote_fee`, never silent
constants: the reading of the 按件 档 boundaries, whether the monthly count is per agency, how pages
are counted for electronic delivery, and any waiver (the Measures' waiver rules were not retrieved).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

FeeMethod = Literal["per_application", "per_volume"]
FEE_METHODS: tuple[FeeMethod, ...] = ("per_application", "per_volume")
METHOD_LABELS: dict[FeeMethod, str] = {"per_application": "按件计收", "per_volume": "按量计收"}

MEASURES = "《政府信息公开信息处理费管理办法》"


class FeeError(ValueError):
    """Bad input to the fee calculator; `message` is one line in Chinese for staff."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class VolumeTier:
    """Pages `first_page`..`last_page` (inclusive; `None` = no upper bound) cost `yuan_per_page` each."""

    first_page: int
    last_page: int | None
    yuan_per_page: Decimal


@dataclass(frozen=True)
class FeeSchedule:
    """The fee standards as data (the 2020 values by default); build another one if the law changes."""

    # 办法第四条：一个自然月内累计申请10件以下（含10件）的，不收费。
    per_application_free_count: int = 10
    # 办法第四条：11—30件（含30件）的部分：100元/件。
    per_application_base_last: int = 30
    per_application_base_yuan: Decimal = Decimal("100")
    # 办法第四条：30件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。
    # [U] Our reading of the 档 boundaries (spec §5): 31–40 → 200, 41–50 → 300, …
    per_application_step_count: int = 10
    per_application_step_yuan: Decimal = Decimal("100")
    # 办法第五条：30页以下（含30页）不收费；31—100页 10元/页；101—200页 20元/页；200页以上 40元/页。
    per_volume_tiers: tuple[VolumeTier, ...] = field(
        default=(
            VolumeTier(1, 30, Decimal("0")),
            VolumeTier(31, 100, Decimal("10")),
            VolumeTier(101, 200, Decimal("20")),
            VolumeTier(201, None, Decimal("40")),
        )
    )

    def price_of_nth_application(self, n: int) -> Decimal:
        """The 按件 price of the applicant's n-th application in one natural month (办法第四条)."""
        if n < 1:
            raise FeeError("申请序号必须从1开始。")
        if n <= self.per_application_free_count:
            return Decimal("0")
        if n <= self.per_application_base_last:
            return self.per_application_base_yuan
        steps = 1 + (n - self.per_application_base_last - 1) // self.per_application_step_count
        return self.per_application_base_yuan + steps * self.per_application_step_yuan


SCHEDULE_2020 = FeeSchedule()


@dataclass(frozen=True)
class FeeQuote:
    """The fee of one application: one method, the amount in 元 and how it was reached (in Chinese)."""

    method: FeeMethod
    amount_yuan: Decimal
    explanation: list[str]
    free: bool


def format_yuan(amount: Decimal) -> str:
    """Print an amount like 3000元 / 12.5元 (no trailing zeros)."""
    if amount == amount.to_integral_value():
        return f"{amount.to_integral_value():f}元"
    return f"{amount.normalize():f}元"


def quote_fee(
    method: FeeMethod,
    *,
    previous_in_month: int | None = None,
    units: int = 1,
    pages: int | None = None,
    schedule: FeeSchedule = SCHEDULE_2020,
    waiver_basis: str | None = None,
) -> FeeQuote:
    """Compute the fee of one application under exactly one method.

    per_application: `previous_in_month` = the applicant's applications already counted in the same
    natural month (before this one); `units` = how many applications this one counts as after an
    「一事一申请」 split (办法第四条). per_volume: `pages` = pages provided (办法第五条).
    `waiver_basis`: the agency's stated basis for waiving the fee [U: the Measures' waiver rules were
    not retrieved, so none is built in]; the quote is then free and says why.
    """
    # 办法第三条：按件计收或者按量计收，对同一申请不得同时适用两种方式。
    if method == "per_application":
        if pages is not None:
            raise FeeError("按件计收与按量计收不得同时适用于同一申请（办法第三条），按件计收时不应填写页数。")
        if previous_in_month is None:
            raise FeeError("按件计收需要填写申请人本自然月内此前已提出的申请件数。")
        quote = _per_application(previous_in_month, units, schedule)
    elif method == "per_volume":
        if previous_in_month is not None or units != 1:
            raise FeeError(
                "按件计收与按量计收不得同时适用于同一申请（办法第三条），按量计收时不应填写申请件数。"
            )
        if pages is None:
            raise FeeError("按量计收需要填写提供的页数。")
        quote = _per_volume(pages, schedule)
    else:
        raise FeeError(f"未知的收费方式：{method}（应为按件计收或按量计收）。")
    if waiver_basis is not None and waiver_basis.strip() and not quote.free:
        lines = [
            *quote.explanation,
            f"按标准应收{format_yuan(quote.amount_yuan)}，依据{waiver_basis.strip()}予以免收。",
        ]
        return FeeQuote(method, Decimal("0"), lines, True)
    return quote


def _per_application(previous: int, units: int, schedule: FeeSchedule) -> FeeQuote:
    if previous < 0:
        raise FeeError("本自然月内此前已提出的申请件数不能为负数。")
    if units < 1:
        raise FeeError("本申请计件数至少为1件。")
    first, last = previous + 1, previous + units
    lines = [
        f"依据{MEASURES}第三条、第四条，本申请按件计收，不再按量计收。",
        f"申请人一个自然月内累计申请{schedule.per_application_free_count}件以下（含）的不收费；"
        f"第{schedule.per_application_free_count + 1}—{schedule.per_application_base_last}件"
        f"每件{format_yuan(schedule.per_application_base_yuan)}；"
        f"{schedule.per_application_base_last}件以上的部分以{schedule.per_application_step_count}件为一档，"
        f"每增加一档，每件提高{format_yuan(schedule.per_application_step_yuan)}。",
    ]
    if units == 1:
        lines.append(f"本申请为申请人本自然月内第{first}件申请。")
    else:
        lines.append(f"本申请按「一事一申请」拆分计为{units}件，为申请人本自然月内第{first}—{last}件。")
    # Group consecutive ordinals with the same price so the explanation stays short.
    total = Decimal("0")
    n = first
    while n <= last:
        price = schedule.price_of_nth_application(n)
        end = n
        while end + 1 <= last and schedule.price_of_nth_application(end + 1) == price:
            end += 1
        count = end - n + 1
        span = f"第{n}件" if n == end else f"第{n}—{end}件"
        if price == 0:
            lines.append(f"{span}在免费范围内，不收费。")
        else:
            lines.append(f"{span}每件{format_yuan(price)}，计{count}件，小计{format_yuan(price * count)}。")
        total += price * count
        n = end + 1
    lines.append(f"应缴信息处理费合计{format_yuan(total)}。" if total else "本申请不收取信息处理费。")
    return FeeQuote("per_application", total, lines, total == 0)


def _per_volume(pages: int, schedule: FeeSchedule) -> FeeQuote:
    if pages < 0:
        raise FeeError("页数不能为负数。")
    lines = [
        f"依据{MEASURES}第三条、第五条，本申请按量计收，不再按件计收。",
        f"本申请提供的信息共{pages}页。",
    ]
    total = Decimal("0")
    for tier in schedule.per_volume_tiers:
        top = pages if tier.last_page is None else min(pages, tier.last_page)
        count = top - tier.first_page + 1
        if count <= 0:
            continue
        span = (
            f"第{tier.first_page}页以上"
            if tier.last_page is None
            else f"第{tier.first_page}—{tier.last_page}页"
        )
        if tier.yuan_per_page == 0:
            lines.append(f"{span}的部分（{count}页）不收费。")
        else:
            subtotal = tier.yuan_per_page * count
            lines.append(
                f"{span}的部分{count}页，每页{format_yuan(tier.yuan_per_page)}，小计{format_yuan(subtotal)}。"
            )
            total += subtotal
    lines.append(f"应缴信息处理费合计{format_yuan(total)}。" if total else "本申请不收取信息处理费。")
    return FeeQuote("per_volume", total, lines, total == 0)
