"""The procedure through the services: every transition, every refusal, and the clock rules.

Dates are hand-computed from the 2026 holiday arrangement (国办发明电〔2025〕号 as packaged in chinesecalendar):
March 2026 has no holidays; 清明 is 4–6 April (Mon 6 April off); no 调休 in March–April.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from gongkai.agencies.models import Agency
from gongkai.calendars.services import save_year_data
from gongkai.core.calendar import YearData
from gongkai.core.fees import quote_fee
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import (
    DisclosureRequest,
    Event,
    EventKind,
    IdentityAccessLog,
    ImmutableRowError,
    Letter,
)
from tests.personas import applicant_data, register, resident_id

pytestmark = pytest.mark.django_db

MON_MAR_2 = date(2026, 3, 2)


def kinds(disclosure_request: DisclosureRequest) -> list[str]:
    return list(disclosure_request.events.order_by("id").values_list("kind", flat=True))


# --- registration ---------------------------------------------------------------------------------


def test_an_in_person_application_is_due_20_working_days_after_submission(town: Agency, clerk: Any) -> None:
    # 条例第三十一条：当面提交以提交之日为收到之日；第三十三条：20个工作日。3月3日起数20个工作日 → 3月30日。
    item = register(town, clerk, MON_MAR_2)

    assert item.status == "in_progress"
    assert item.received_on == MON_MAR_2
    assert item.due_on == date(2026, 3, 30)
    assert not item.due_is_provisional
    assert item.number == "2026-0001"
    assert kinds(item) == [EventKind.REGISTERED]


def test_registration_numbers_count_per_agency_and_year(
    town: Agency, other_agency: Any, clerk: Any, other_clerk: Any
) -> None:
    first = register(town, clerk, MON_MAR_2)
    second = register(town, clerk, MON_MAR_2)
    elsewhere = register(other_agency, other_clerk, MON_MAR_2)

    assert (first.number, second.number, elsewhere.number) == ("2026-0001", "2026-0002", "2026-0001")
    assert len(first.tracking_code) >= 8 and first.tracking_code != second.tracking_code
    assert set(first.tracking_code) <= set(services.TRACKING_ALPHABET)


def test_an_online_application_waits_for_confirmation_and_then_the_clock_starts(
    town: Agency, clerk: Any
) -> None:
    registration = services.register_request(
        agency=town,
        actor=None,
        channel="online",
        submitted_on=date(2026, 2, 27),
        applicant=applicant_data(),
        description="小店镇2025年财政决算",
        submission_key="form-123",
        today=date(2026, 2, 27),
    )
    item = registration.disclosure_request

    assert item.status == "pending_confirmation"
    assert item.received_on is None and item.due_on is None

    # 条例第三十一条：以双方确认之日为收到申请之日 → 3月2日，答复期限3月30日。
    services.confirm_receipt(item, actor=clerk, on=MON_MAR_2, today=MON_MAR_2)

    assert item.status == "in_progress"
    assert item.received_on == MON_MAR_2
    assert item.due_on == date(2026, 3, 30)
    assert (
        Event.objects.filter(disclosure_request=item, kind=EventKind.REGISTERED).get().actor_label == "申请人"
    )


def test_a_resubmitted_online_form_does_not_create_a_second_application(town: Agency) -> None:
    def submit() -> services.Registration:
        return services.register_request(
            agency=town,
            actor=None,
            channel="online",
            submitted_on=MON_MAR_2,
            applicant=applicant_data(),
            description="小店镇2025年财政决算",
            submission_key="same-key",
            today=MON_MAR_2,
        )

    first, second = submit(), submit()

    assert second.created is False
    assert first.disclosure_request.pk == second.disclosure_request.pk
    assert DisclosureRequest.objects.count() == 1


def test_registration_refuses_a_bad_identity_number_with_a_chinese_message(town: Agency, clerk: Any) -> None:
    bad = resident_id()[:-1] + ("0" if resident_id()[-1] != "0" else "1")

    with pytest.raises(services.InvalidInput) as refused:
        register(town, clerk, MON_MAR_2, id_number=bad)

    assert "校验位" in refused.value.errors["applicant.id_number"]
    assert DisclosureRequest.objects.count() == 0


def test_a_clerk_of_another_agency_cannot_register_here(town: Agency, other_clerk: Any) -> None:
    with pytest.raises(services.PermissionRefused):
        register(town, other_clerk, MON_MAR_2)


def test_similar_earlier_requests_by_the_same_applicant_are_shown(town: Agency, clerk: Any) -> None:
    earlier = register(
        town, clerk, date(2026, 1, 12), description="2025年小店镇农村道路建设项目的立项批复文件"
    )
    register(
        town,
        clerk,
        date(2026, 1, 13),
        description="镇政府食堂采购合同",
        name="李四",
        id_number=resident_id("13063719900202223"),
    )

    registration = services.register_request(
        agency=town,
        actor=clerk,
        channel="in_person",
        submitted_on=MON_MAR_2,
        applicant=applicant_data(phone="13900000000"),  # same ID number, another phone
        description="请提供2025年小店镇农村道路建设项目立项批复",
        today=MON_MAR_2,
    )

    assert [s.disclosure_request.pk for s in registration.similar] == [earlier.pk]
    assert registration.similar[0].same_applicant_by == "证件号码"


# --- identity numbers ----------------------------------------------------------------------------------


def test_the_identity_number_is_encrypted_at_rest_masked_and_every_reveal_is_logged(
    town: Agency, clerk: Any
) -> None:
    number = resident_id()
    item = register(town, clerk, MON_MAR_2, id_number=number)

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM disclosure_requests_applicant WHERE id = %s", [item.applicant_id])
        raw = " ".join(str(v) for v in cursor.fetchone())
    revealed = services.reveal_identity_number(item, actor=clerk, purpose="核对身份")

    assert number not in raw
    assert item.applicant.id_number_masked == number[:3] + "*" * 13 + number[-2:]
    assert revealed == number
    assert IdentityAccessLog.objects.filter(disclosure_request=item, user=clerk).count() == 1


def test_a_supervisor_cannot_reveal_an_identity_number_of_a_body_below(
    town: Agency, clerk: Any, supervisor: Any
) -> None:
    item = register(town, clerk, MON_MAR_2)

    with pytest.raises(services.PermissionRefused):
        services.reveal_identity_number(item, actor=supervisor)

    assert IdentityAccessLog.objects.count() == 0


# --- correction (条例第三十条) --------------------------------------------------------------------------


def test_a_correction_restarts_the_clock_from_the_corrected_application(town: Agency, clerk: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    services.request_correction(
        item, actor=clerk, on=date(2026, 3, 5), items="请写明文件名称或文号", today=date(2026, 3, 5)
    )
    assert item.status == "awaiting_correction"
    assert item.due_on is None
    services.receive_correction(item, actor=clerk, on=date(2026, 3, 16), today=date(2026, 3, 16))

    # 3月16日起重新计算20个工作日：3月17日…4月3日为14个，4月6日清明不计，4月7—10日、13—14日 → 4月14日。
    assert item.status == "in_progress"
    assert item.due_on == date(2026, 4, 14)


def test_it_refuses_a_correction_request_after_seven_working_days(town: Agency, clerk: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    # 3月3、4、5、6、9、10、11日为7个工作日，3月12日已超过（条例第三十条）。
    with pytest.raises(services.ActionRefused) as refused:
        services.request_correction(
            item, actor=clerk, on=date(2026, 3, 12), items="写明文号", today=date(2026, 3, 12)
        )

    assert "7个工作日" in refused.value.message
    services.request_correction(
        item, actor=clerk, on=date(2026, 3, 11), items="写明文号", today=date(2026, 3, 11)
    )
    assert item.status == "awaiting_correction"


def test_it_refuses_a_second_correction_request(town: Agency, clerk: Any) -> None:
    item = register(town, clerk, MON_MAR_2)
    services.request_correction(
        item, actor=clerk, on=date(2026, 3, 3), items="写明文号", today=date(2026, 3, 3)
    )
    services.receive_correction(item, actor=clerk, on=date(2026, 3, 4), today=date(2026, 3, 4))

    with pytest.raises(services.ActionRefused) as refused:
        services.request_correction(
            item, actor=clerk, on=date(2026, 3, 5), items="再写明用途", today=date(2026, 3, 5)
        )

    assert "一次性" in refused.value.message


def test_no_correction_in_time_is_deemed_abandoned_only_after_the_period(town: Agency, clerk: Any) -> None:
    item = register(town, clerk, MON_MAR_2)
    services.request_correction(
        item,
        actor=clerk,
        on=date(2026, 3, 3),
        items="写明文号",
        period_working_days=5,
        today=date(2026, 3, 3),
    )
    # 补正期限：3月3日后第5个工作日 = 3月10日。
    assert item.correction_due_on == date(2026, 3, 10)

    with pytest.raises(services.ActionRefused):
        services.mark_abandoned(item, actor=clerk, on=date(2026, 3, 10))
    services.mark_abandoned(item, actor=clerk, on=date(2026, 3, 11), today=date(2026, 3, 11))

    assert item.status == "abandoned"
    assert item.outcome == "other.no_correction"
    assert item.replied_on == date(2026, 3, 11)


# --- consultation, extension, Art. 35 ---------------------------------------------------------------------


def test_consultation_time_is_not_counted(town: Agency, clerk: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    consultation = services.start_consultation(
        item,
        actor=clerk,
        on=date(2026, 3, 9),
        party_kind="third_party",
        party_name="博野县某建筑公司",
        today=date(2026, 3, 9),
    )
    assert item.status == "in_consultation" and item.is_clock_paused
    # 条例第三十二条：第三方15个工作日：3月10日起第15个工作日 = 3月30日。
    assert consultation.answer_due_on == date(2026, 3, 30)
    services.record_consultation_answer(
        consultation, actor=clerk, on=date(2026, 3, 20), answer="consent", today=date(2026, 3, 20)
    )

    # 3月3—6日、9日已计5个工作日，余15个；3月20日后：3月23—27日5个、3月30日—4月3日10个、4月7—10日14个、4月13日15个。
    assert item.status == "in_progress"
    assert item.due_on == date(2026, 4, 13)


def test_silence_can_be_recorded_only_after_the_consulted_party_s_15_working_days(
    town: Agency, clerk: Any
) -> None:
    item = register(town, clerk, MON_MAR_2)
    consultation = services.start_consultation(
        item,
        actor=clerk,
        on=date(2026, 3, 9),
        party_kind="agency",
        party_name="博野县自然资源和规划局",
        today=date(2026, 3, 9),
    )

    with pytest.raises(services.ActionRefused):
        services.record_consultation_answer(consultation, actor=clerk, on=date(2026, 3, 30), answer="silence")
    services.record_consultation_answer(
        consultation, actor=clerk, on=date(2026, 3, 31), answer="silence", today=date(2026, 3, 31)
    )

    ended = item.events.get(kind=EventKind.CONSULTATION_ENDED)
    assert "视为同意公开" in ended.data["note"]  # 条例第三十四条


def test_the_head_extends_once_by_at_most_20_working_days(town: Agency, clerk: Any, head: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    services.extend_deadline(
        item, actor=head, on=date(2026, 3, 25), working_days=20, reason="需调取档案", today=date(2026, 3, 25)
    )

    # 3月30日后20个工作日：3月31日、4月1—3日4个，4月6日清明不计，4月7—10日8个，13—17日13个，20—24日18个，27、28日 → 4月28日。
    assert item.due_on == date(2026, 4, 28)
    assert item.has_extension


def test_it_refuses_a_second_extension(town: Agency, clerk: Any, head: Any) -> None:
    item = register(town, clerk, MON_MAR_2)
    services.extend_deadline(item, actor=head, on=date(2026, 3, 25), working_days=5, today=date(2026, 3, 25))

    with pytest.raises(services.ActionRefused) as refused:
        services.extend_deadline(
            item, actor=head, on=date(2026, 3, 26), working_days=5, today=date(2026, 3, 26)
        )

    assert "只允许延长一次" in refused.value.message


def test_it_refuses_an_extension_by_a_clerk(town: Agency, clerk: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    with pytest.raises(services.PermissionRefused) as refused:
        services.extend_deadline(item, actor=clerk, on=date(2026, 3, 25), working_days=10)

    assert "负责人" in refused.value.message
    assert not item.events.filter(kind=EventKind.EXTENDED).exists()


def test_it_refuses_an_extension_longer_than_20_working_days(town: Agency, clerk: Any, head: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    with pytest.raises(services.InvalidInput):
        services.extend_deadline(item, actor=head, on=date(2026, 3, 25), working_days=21)


def test_it_refuses_an_extension_after_the_due_date(town: Agency, clerk: Any, head: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    with pytest.raises(services.ActionRefused):
        services.extend_deadline(
            item, actor=head, on=date(2026, 3, 31), working_days=5, today=date(2026, 3, 31)
        )


def test_an_agency_period_under_article_35_replaces_the_due_date(town: Agency, clerk: Any, head: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    services.set_agency_period(
        item,
        actor=head,
        on=date(2026, 3, 20),
        due_on=date(2026, 5, 29),
        reasons="申请数量大",
        today=date(2026, 3, 20),
    )

    assert item.due_on == date(2026, 5, 29)
    with pytest.raises(services.ActionRefused):
        services.extend_deadline(item, actor=head, on=date(2026, 3, 21), working_days=5)


# --- fees ---------------------------------------------------------------------------------------------------


def test_the_fee_period_pauses_the_clock_and_lapses_after_20_working_days(town: Agency, clerk: Any) -> None:
    item = register(town, clerk, MON_MAR_2)
    quote = quote_fee("per_volume", pages=50)

    notice = services.issue_fee_notice(
        item, actor=clerk, on=date(2026, 3, 9), quote=quote, today=date(2026, 3, 9)
    )

    assert notice.amount_yuan == Decimal("200")
    # 收费办法：收到通知次日起20个工作日：3月10日起…4月3日为19个，4月6日清明不计，4月7日第20个。
    assert notice.pay_by_on == date(2026, 4, 7)
    assert item.status == "awaiting_fee" and item.is_clock_paused
    with pytest.raises(services.ActionRefused):
        services.lapse_fee(item, actor=clerk, on=date(2026, 4, 7))
    services.lapse_fee(item, actor=clerk, on=date(2026, 4, 8), today=date(2026, 4, 8))
    assert (item.status, item.outcome) == ("abandoned", "other.fee_unpaid")


def test_a_paid_fee_resumes_the_clock(town: Agency, clerk: Any) -> None:
    item = register(town, clerk, MON_MAR_2)
    services.issue_fee_notice(
        item,
        actor=clerk,
        on=date(2026, 3, 9),
        quote=quote_fee("per_volume", pages=50),
        today=date(2026, 3, 9),
    )

    services.record_fee_payment(item, actor=clerk, on=date(2026, 3, 20), today=date(2026, 3, 20))

    # As with a consultation: 5 working days counted before 9 March, 15 left from 20 March → 13 April.
    assert item.status == "in_progress"
    assert item.due_on == date(2026, 4, 13)


# --- reply, withdrawal, archive --------------------------------------------------------------------------


def test_the_head_replies_with_one_outcome_and_the_case_is_archived(
    town: Agency, clerk: Any, head: Any
) -> None:
    item = register(town, clerk, MON_MAR_2)

    services.record_reply(item, actor=head, on=date(2026, 3, 20), outcome="granted", today=date(2026, 3, 20))
    services.archive(item, actor=clerk, on=date(2026, 3, 23))

    assert item.status == "archived"
    assert item.outcome == "granted" and item.replied_on == date(2026, 3, 20)
    assert kinds(item) == [EventKind.REGISTERED, EventKind.REPLIED, EventKind.ARCHIVED]


def test_it_refuses_a_withheld_reply_without_reasons_and_basis(town: Agency, clerk: Any, head: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    with pytest.raises(services.InvalidInput) as refused:
        services.record_reply(item, actor=head, on=date(2026, 3, 20), outcome="withheld.process_info")

    assert set(refused.value.errors) == {"reasons", "basis"}
    assert item.status == "in_progress"


def test_it_refuses_a_reply_by_a_clerk(town: Agency, clerk: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    with pytest.raises(services.PermissionRefused):
        services.record_reply(item, actor=clerk, on=date(2026, 3, 20), outcome="granted")


def test_it_refuses_an_outcome_that_is_not_a_leaf_of_table_three(town: Agency, clerk: Any, head: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    with pytest.raises(services.InvalidInput):
        services.record_reply(item, actor=head, on=date(2026, 3, 20), outcome="withheld")
    with pytest.raises(services.ActionRefused):
        services.record_reply(item, actor=head, on=date(2026, 3, 20), outcome="other.no_correction")


def test_unclear_after_correction_needs_a_correction(town: Agency, clerk: Any, head: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    with pytest.raises(services.ActionRefused):
        services.record_reply(
            item,
            actor=head,
            on=date(2026, 3, 20),
            outcome="unable.unclear_after_correction",
            reasons="仍不明确",
        )


def test_it_refuses_to_reply_while_a_consultation_is_open(town: Agency, clerk: Any, head: Any) -> None:
    item = register(town, clerk, MON_MAR_2)
    services.start_consultation(
        item,
        actor=clerk,
        on=date(2026, 3, 9),
        party_kind="third_party",
        party_name="某公司",
        today=date(2026, 3, 9),
    )

    with pytest.raises(services.ActionRefused):
        services.record_reply(item, actor=head, on=date(2026, 3, 20), outcome="granted")


def test_the_applicant_withdraws_online_and_it_counts_as_other(town: Agency, clerk: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    services.withdraw(
        item, actor=None, on=date(2026, 3, 4), reason="已通过其他途径获得", today=date(2026, 3, 4)
    )

    assert (item.status, item.outcome) == ("withdrawn", "other.other")
    assert "撤回" in item.reasons
    assert item.events.get(kind=EventKind.WITHDRAWN).actor_label == "申请人"


def test_it_refuses_actions_not_allowed_in_the_current_status(town: Agency, clerk: Any, head: Any) -> None:
    item = register(town, clerk, MON_MAR_2)
    services.record_reply(item, actor=head, on=date(2026, 3, 20), outcome="granted", today=date(2026, 3, 20))

    with pytest.raises(services.ActionRefused) as refused:
        services.withdraw(item, actor=clerk, on=date(2026, 3, 21), reason="x")
    with pytest.raises(services.ActionRefused):
        services.receive_correction(item, actor=clerk, on=date(2026, 3, 21))
    with pytest.raises(services.ActionRefused):
        services.archive(register(town, clerk, MON_MAR_2), actor=clerk, on=date(2026, 3, 21))

    assert "已答复" in refused.value.message


# --- the provisional due date ---------------------------------------------------------------------------


def test_a_due_date_in_2027_is_provisional_until_2027_data_exists(town: Agency, clerk: Any) -> None:
    # 12月8日起：12月8—11日4个、14—18日9个、21—25日14个、28—31日18个；2027年无数据按周一至周五推算：
    # 2027年1月1日（周五）19个、1月4日（周一）20个。
    item = register(town, clerk, date(2026, 12, 7))

    assert item.due_on == date(2027, 1, 4)
    assert item.due_is_provisional
    assert list(services.provisional_requests()) == [item]

    # The 2027 notice is imported (test data: 1 January a holiday); the daily job recomputes.
    save_year_data(
        YearData(2027, frozenset({date(2027, 1, 1)}), frozenset(), "测试数据", {date(2027, 1, 1): "元旦"})
    )
    changed = services.recompute_deadlines(date(2026, 12, 8))
    item.refresh_from_db()

    assert changed == 1
    assert item.due_on == date(2027, 1, 5)
    assert not item.due_is_provisional
    assert list(services.provisional_requests()) == []
    assert item.events.filter(kind=EventKind.DUE_DATE_RECOMPUTED).count() == 1


# --- immutability --------------------------------------------------------------------------------------------


def test_event_rows_cannot_be_changed_or_deleted(town: Agency, clerk: Any) -> None:
    item = register(town, clerk, MON_MAR_2)
    event = item.events.get()

    event.data = {"forged": True}
    with pytest.raises(ImmutableRowError):
        event.save()
    with pytest.raises(ImmutableRowError):
        event.delete()
    with pytest.raises(ImmutableRowError):
        Event.objects.filter(pk=event.pk).update(on=date(2020, 1, 1))
    with pytest.raises(ImmutableRowError):
        Event.objects.filter(pk=event.pk).delete()

    assert (
        Event.objects.get(pk=event.pk).data
        == event.__class__.objects.get(pk=event.pk).data
        != {"forged": True}
    )


def test_an_issued_letter_is_numbered_and_frozen(town: Agency, clerk: Any, head: Any) -> None:
    item = register(town, clerk, MON_MAR_2)
    draft = services.draft_letter(item, actor=clerk, kind="receipt", body="登记回执正文")

    with pytest.raises(services.PermissionRefused):
        services.issue_letter(draft, actor=clerk, on=date(2026, 3, 3))
    letter = services.issue_letter(draft, actor=head, on=date(2026, 3, 3))
    services.record_delivery(
        letter, actor=clerk, method="in_person", delivered_on=date(2026, 3, 3), recipient="张三"
    )

    assert letter.doc_number == "小政信公〔2026〕第1号"
    letter.body = "改过的正文"
    with pytest.raises(ImmutableRowError):
        letter.save()
    assert Letter.objects.get(pk=letter.pk).body == "登记回执正文"
    with pytest.raises(services.ActionRefused):
        services.issue_letter(letter, actor=head, on=date(2026, 3, 4))


# --- attachments ---------------------------------------------------------------------------------------------


def test_attachments_are_checked_by_content_and_size(town: Agency, clerk: Any) -> None:
    item = register(town, clerk, MON_MAR_2)

    pdf = services.add_attachment(
        item, actor=clerk, kind="identity_proof", name="身份证.pdf", content=b"%PDF-1.7\n..."
    )
    with pytest.raises(services.InvalidInput):
        services.add_attachment(
            item, actor=clerk, kind="other", name="病毒.pdf", content=b"MZ\x90\x00 not a pdf"
        )
    with pytest.raises(services.InvalidInput):
        services.add_attachment(
            item,
            actor=clerk,
            kind="other",
            name="大.png",
            content=b"\x89PNG\r\n\x1a\n" + b"0" * (10 * 1024 * 1024),
        )

    assert pdf.content_type == "application/pdf" and len(pdf.sha256) == 64
