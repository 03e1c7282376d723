"""Table 四 from the remedy cases: decided cases count under their result in the decision year, open ones as 尚未审结."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.agencies.models import Agency
from gongkai.annual_reports import services as reports
from gongkai.annual_reports.statistics import review_first_hints, table4_for
from gongkai.core.annual_report.model import t4_ref
from gongkai.disclosure_requests.services import InvalidInput, PermissionRefused

pytestmark = pytest.mark.django_db


def case(town: Agency, clerk: Any, kind: str, number: str, received_on: date, **extra: Any) -> Any:
    return reports.register_case(
        town,
        actor=clerk,
        kind=kind,
        forum="博野县人民政府",
        case_number=number,
        received_on=received_on,
        today=date(2026, 11, 28),
        **extra,
    )


def test_cases_count_in_the_year_they_are_decided_or_as_pending(town: Agency, clerk: Any, head: Any) -> None:
    a = case(town, clerk, "review", "A", date(2025, 3, 1))
    reports.record_case_decision(
        a, actor=head, decided_on=date(2025, 5, 1), result="corrected", today=date(2026, 1, 1)
    )
    b = case(town, clerk, "review", "B", date(2025, 11, 1))
    reports.record_case_decision(
        b, actor=head, decided_on=date(2026, 1, 10), result="upheld", today=date(2026, 1, 10)
    )
    case(town, clerk, "litigation_direct", "C", date(2025, 12, 30))
    old = case(town, clerk, "review", "D", date(2024, 2, 1))
    reports.record_case_decision(
        old, actor=head, decided_on=date(2024, 6, 1), result="other", today=date(2024, 6, 1)
    )

    t2025, ids2025 = table4_for(town, 2025)
    t2026, _ = table4_for(town, 2026)

    assert (t2025["review.corrected"], t2025["review.pending"], t2025["review.total"]) == (1, 1, 2)
    assert t2025["review.other"] == 0  # decided in 2024: not in 2025
    assert (t2025["litigation_direct.pending"], t2025["litigation_direct.total"]) == (1, 1)
    assert ids2025[t4_ref("review.pending")] == [b.pk]
    # 2026: B now under its result, C still pending (received before the year).
    assert (t2026["review.upheld"], t2026["review.pending"], t2026["review.corrected"]) == (1, 0, 0)
    assert t2026["litigation_direct.pending"] == 1
    for table in (t2025, t2026):
        for group in ("review", "litigation_direct", "litigation_after_review"):
            parts = sum(table[f"{group}.{k}"] for k in ("upheld", "corrected", "other", "pending"))
            assert table[f"{group}.total"] == parts


def test_defence_due_dates_are_computed_from_receipt(town: Agency, clerk: Any, settings: Any) -> None:
    settings.GONGKAI_LITIGATION_DEFENCE_DAYS = 15

    review = case(town, clerk, "review", "R", date(2026, 3, 2))
    lawsuit = case(town, clerk, "litigation_after_review", "L", date(2026, 4, 1), review_case=review)

    assert review.defence_due_on == date(2026, 3, 12)
    assert lawsuit.defence_due_on == date(2026, 4, 16)


def test_direct_litigation_of_a_refusal_since_2024_is_hinted(town: Agency, clerk: Any) -> None:
    case(town, clerk, "litigation_direct", "X", date(2025, 4, 1), is_refusal=True)
    case(town, clerk, "litigation_direct", "Y", date(2025, 4, 2), is_refusal=False)

    assert [c.case_number for c in review_first_hints(town, 2025)] == ["X"]
    assert review_first_hints(town, 2023) == []


def test_bad_case_input_is_refused_in_chinese(
    town: Agency, bureau: Agency, clerk: Any, bureau_head: Any
) -> None:
    with pytest.raises(InvalidInput) as err:
        reports.register_case(
            town,
            actor=clerk,
            kind="appeal",
            forum="",
            case_number="",
            received_on=date(2027, 1, 1),
            today=date(2026, 1, 1),
        )
    assert set(err.value.errors) == {"kind", "forum", "case_number", "received_on"}
    with pytest.raises(PermissionRefused):
        case(town, bureau_head, "review", "Z", date(2026, 1, 5))
