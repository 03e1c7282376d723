"""applications_this_month: the 按件 fee tier's count of the applicant's earlier applications this month."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests import services
from tests.personas import applicant_data, register, resident_id

LATER = date(2026, 11, 27)
OTHER_PERSON = resident_id("13063719900202456")


def test_it_counts_the_same_applicants_earlier_applications_in_the_calendar_month(
    town: Agency, other_agency: Agency, clerk: Any, other_clerk: Any
) -> None:
    def zhang(on: date, description: str, **kw: Any) -> Any:
        return register(town, clerk, on, today=LATER, description=description, **kw)

    zhang(date(2026, 10, 30), "a：上个月")
    zhang(date(2026, 11, 2), "b")
    zhang(date(2026, 11, 5), "c")
    zhang(date(2026, 11, 10), "d：同名同电话，证件不同", id_type="passport", id_number="E12345678")
    zhang(date(2026, 11, 10), "e：另一个人", name="李四", phone="13900000002", id_number=OTHER_PERSON)
    register(other_agency, other_clerk, date(2026, 11, 10), today=LATER, description="f：其他机关")
    # k: posted in October, signed for on 4 November — 条例第三十一条 makes it a November application.
    services.register_request(
        agency=town,
        actor=clerk,
        channel="post",
        submitted_on=date(2026, 10, 28),
        signed_on=date(2026, 11, 4),
        applicant=applicant_data(),
        description="k",
        today=LATER,
    )
    # i: online, not yet confirmed — no legal receipt date, not counted.
    services.register_request(
        agency=town,
        actor=clerk,
        channel="online",
        submitted_on=date(2026, 11, 3),
        applicant=applicant_data(),
        description="i",
        today=LATER,
    )
    target = zhang(date(2026, 11, 12), "target")
    same_day_after = zhang(date(2026, 11, 12), "g：同日、登记在后")
    later = zhang(date(2026, 11, 20), "h：更晚")
    first_of_october = services.register_request(
        agency=town,
        actor=clerk,
        channel="in_person",
        submitted_on=date(2026, 10, 30),
        applicant=applicant_data(),
        description="a2",
        today=LATER,
    ).disclosure_request

    counts = [
        services.applications_this_month(dr) for dr in (target, same_day_after, later, first_of_october)
    ]

    # Hand count — target: b, c, d, k = 4; g: those and target = 5; h: and g = 6; a2: a (same day, earlier) = 1.
    assert counts == [4, 5, 6, 1]
