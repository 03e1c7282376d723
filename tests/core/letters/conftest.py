from __future__ import annotations

from datetime import date

import pytest

from gongkai.core.fees import quote_fee
from gongkai.core.letters import LetterContext


@pytest.fixture
def full_context() -> LetterContext:
    """A case with every field filled, as the back-office would pass it."""
    return LetterContext(
        agency_name="博野县小店镇人民政府",
        applicant_name="张三",
        agency_short_name="小",
        office_address="博野县小店镇政府路1号",
        office_phone="0312-8888888",
        contact_person="李四",
        review_body="博野县人民政府",
        applicant_address="博野县城关镇幸福街2号",
        applicant_phone="13800000000",
        registration_number="小店依申〔2026〕12号",
        tracking_code="K7Q2-M9XD",
        received_on=date(2026, 11, 3),
        channel="post",
        description="2025年小店镇农村道路建设项目的招标文件",
        requested_form="纸质复印件，邮寄",
        issued_on=date(2026, 11, 28),
        doc_number="小政信公〔2026〕第12号",
        due_on=date(2026, 12, 1),
        extended_due_on=date(2026, 12, 29),
        extension_working_days=20,
        extension_reason="所需信息涉及多个年度的档案，需要调取核对",
        correction_items="1.请说明所需信息的年度。\n2.请提供身份证明复印件。",
        correction_deadline_on=date(2026, 11, 20),
        correction_notice_on=date(2026, 11, 5),
        corrected_received_on=date(2026, 11, 18),
        third_party_name="博野县某建筑工程有限公司",
        third_party_address="博野县工业园区8号",
        third_party_reply_by_on=date(2026, 12, 21),
        reasons="该信息涉及投标人的商业秘密",
        legal_basis="《中华人民共和国政府信息公开条例》第十五条",
        provision_form="纸质复印件随本答复书一并邮寄",
        where_to_obtain="博野县人民政府门户网站“政府信息公开”专栏",
        withheld_part="投标报价明细",
        responsible_agency="博野县交通运输局",
        responsible_agency_contact="0312-7777777",
        previous_reply="2026年3月2日 小政信公〔2026〕第5号",
        proper_channel="博野县信访局（0312-6666666）",
        withdrawn_on=date(2026, 11, 10),
        fee_quote=quote_fee("per_volume", pages=120),
        fee_payment_method="通过非税收入缴款码缴纳",
        served_document_title="政府信息公开申请答复书",
        served_doc_number="小政信公〔2026〕第12号",
        service_address="博野县城关镇幸福街2号",
        delivery_method="邮寄送达",
        served_by="王五",
        served_on=date(2026, 11, 29),
    )
