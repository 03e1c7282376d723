"""A small year of records for one body, made through the real services (hand-counted in the tests)."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.annual_reports import services as reports
from gongkai.annual_reports.models import AnnualReportDraft, RemedyCase
from gongkai.core.fees import quote_fee
from gongkai.disclosure_requests import services
from tests.personas import register, resident_id


def year_of_records(town: Agency, clerk: Any, head: Any) -> dict[str, Any]:
    """2025: R1 granted; R2 withheld; R3 fee notice 2025, paid; R4 received in December, still open (carried forward).
    2026: R4 granted in January. Cases: a review decided 2025 (维持), a lawsuit pending at the end of 2025."""
    r1 = register(town, clerk, date(2025, 3, 3))
    services.record_reply(r1, actor=head, on=date(2025, 3, 20), outcome="granted", today=date(2025, 3, 20))
    r2 = register(town, clerk, date(2025, 4, 7), name="李四", id_number=resident_id("13063719850202222"))
    services.record_reply(
        r2,
        actor=head,
        on=date(2025, 4, 25),
        outcome="withheld.third_party_rights",
        legal_basis="条例第十五条",
        reasons="涉及第三方商业秘密",
        today=date(2025, 4, 25),
    )
    r3 = register(town, clerk, date(2025, 6, 2), name="王五", id_number=resident_id("13063719750505333"))
    services.issue_fee_notice(
        r3, actor=clerk, on=date(2025, 6, 5), quote=quote_fee("per_volume", pages=80), today=date(2025, 6, 5)
    )
    services.record_fee_payment(r3, actor=clerk, on=date(2025, 6, 9), today=date(2025, 6, 9))
    services.record_reply(r3, actor=head, on=date(2025, 6, 20), outcome="granted", today=date(2025, 6, 20))
    r4 = register(town, clerk, date(2025, 12, 22), name="赵六", id_number=resident_id("13063719900101444"))
    review = reports.register_case(
        town,
        actor=clerk,
        kind="review",
        forum="博野县人民政府",
        case_number="博政复〔2025〕3号",
        received_on=date(2025, 5, 6),
        today=date(2025, 5, 6),
        disclosure_request=r2,
        is_refusal=True,
    )
    reports.record_case_decision(
        review, actor=head, decided_on=date(2025, 7, 1), result="upheld", today=date(2025, 7, 1)
    )
    lawsuit = reports.register_case(
        town,
        actor=clerk,
        kind="litigation_after_review",
        forum="保定市莲池区人民法院",
        case_number="（2025）冀0606行初45号",
        received_on=date(2025, 7, 20),
        today=date(2025, 7, 20),
        disclosure_request=r2,
        review_case=review,
        is_refusal=True,
    )
    return {"requests": [r1, r2, r3, r4], "review": review, "lawsuit": lawsuit}


def finish_text(draft: AnnualReportDraft, actor: Any, today: date) -> AnnualReportDraft:
    """Replace the 「此处填写」 prompts as a clerk would, keeping the data-driven sentences."""
    report = reports.report_of(draft)
    overview = report.sections["overview"].split("\n")
    overview[2] = "（三）政府信息管理。严格落实公开属性源头认定和保密审查制度，全年未发生泄密事件。"
    overview[3] = "（四）平台建设。依托县政府门户网站政府信息公开专栏集中发布政府信息，及时更新栏目内容。"
    overview[4] = "（五）监督保障。将政府信息公开工作纳入年度考核，全年未发生责任追究情况。"
    return reports.save_draft(
        draft,
        actor=actor,
        today=today,
        sections_text={
            "overview": "\n".join(overview),
            "problems_improvements": "一是公开内容更新不够及时；二是解读形式单一。下一步将加强培训，"
            "完善信息发布审核流程，于次年6月底前完成栏目梳理和政策解读规范。",
            "other_matters": report.sections["other_matters"].split("\n")[0] + "\n无其他需要报告的事项。",
        },
    )


def case_ids(*cases: RemedyCase) -> list[int]:
    return [c.pk for c in cases]
