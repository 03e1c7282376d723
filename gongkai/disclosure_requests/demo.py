"""Demo data: 博野县 and three bodies, staff personas, and two years of requests (through the real services).

Idempotent: agencies and people are created once; each demo request carries a fixed submission key
and its whole story is skipped when that key already exists.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies.models import Agency, AgencyKind, Membership, Role
from gongkai.core.fees import quote_fee
from gongkai.core.identity import is_social_credit_code, resident_id_check_char
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import DisclosureRequest

DEMO_PASSWORD = "gongkai-demo-2026"
LAST_DEMO_DAY = date(2026, 11, 27)

AGENCIES = [
    # code, name, short name, kind, parent
    ("boye", "博野县人民政府", "博", AgencyKind.COUNTY_GOVERNMENT, None),
    ("boye-xiaodian", "博野县小店镇人民政府", "小", AgencyKind.TOWNSHIP, "boye"),
    ("boye-office", "博野县人民政府办公室", "博政办", AgencyKind.COUNTY_DEPARTMENT, "boye"),
    ("boye-zrzy", "博野县自然资源和规划局", "博自然资源", AgencyKind.COUNTY_DEPARTMENT, "boye"),
]

STAFF = [
    # username, full name, agency, role
    ("xd_clerk", "刘经办", "boye-xiaodian", Role.CLERK),
    ("xd_reviewer", "陈审核", "boye-xiaodian", Role.REVIEWER),
    ("xd_head", "王主任", "boye-xiaodian", Role.HEAD),
    ("xd_admin", "赵管理", "boye-xiaodian", Role.ADMIN),
    ("boye_supervisor", "孙督查", "boye", Role.REVIEWER),
    ("office_clerk", "周经办", "boye-office", Role.CLERK),
    ("office_head", "吴主任", "boye-office", Role.HEAD),
    ("zr_clerk", "郑经办", "boye-zrzy", Role.CLERK),
    ("zr_head", "冯科长", "boye-zrzy", Role.HEAD),
]

PEOPLE = [
    ("张建国", "1306371968031", "13803120001"),
    ("李秀英", "1306371975112", "13903120002"),
    ("王志强", "1306371982060", "13503120003"),
    ("刘桂兰", "1306371959091", "13703120004"),
    ("陈晓明", "1306371990042", "15803120005"),
    ("杨丽娟", "1306371987121", "18603120006"),
]
ORGANISATIONS = [
    ("commercial", "博野县恒泰建材有限公司", "91130637MA0HT0001"),
    ("research", "河北农业大学农村发展研究所", "12130000MB0NY0002"),
    ("public_welfare", "保定市绿野环保志愿者协会", "51130600MJ0LY0003"),
    ("legal_service", "河北正明律师事务所", "31130000MD0QM0004"),
    ("other_org", "小店镇东街村股份经济合作社", "N2130637MF0DJ0005"),
]

DESCRIPTIONS = [
    "2025年小店镇农村道路建设项目的立项批复文件",
    "小店镇2024年度财政预算执行情况",
    "东街村宅基地使用审核结果",
    "小店镇农田水利工程建设运营情况",
    "2025年小店镇社会救助资金发放名单",
    "小店镇土地征收补偿标准及安置方案",
    "小店镇筹资筹劳项目明细",
    "镇政府与某公司签订的垃圾清运合同",
    "小店镇2025年农村土地承包经营权流转情况",
    "小店镇中心小学改扩建工程招标文件",
]

# How each demo case ends (cycled); "open:*" cases stay open at the end of the demo.
STORIES = [
    "granted",
    "granted",
    "partially_granted",
    "withheld.third_party_rights",
    "granted",
    "unable.not_held",
    "withheld.process_info",
    "not_processed.repeat",
    "granted",
    "abandoned_correction",
    "unable.needs_creation",
    "withdrawn",
    "granted",
    "consulted_granted",
    "extended_granted",
    "not_processed.petition_complaint",
    "fee_paid_granted",
    "fee_lapsed",
    "withheld.internal_affairs",
    "granted",
    "not_processed.publication",
    "unable.unclear_after_correction",
    "withheld.administrative_inquiry",
    "granted",
]
OPEN_STORIES = [
    "open:in_progress",
    "open:awaiting_correction",
    "open:in_consultation",
    "open:awaiting_fee",
    "open:extended",
    "open:pending_confirmation",
    "open:in_progress",
    "open:in_progress",
]

REASONS = {
    "withheld": (
        "《中华人民共和国政府信息公开条例》第十五条",
        "所申请信息涉及第三方商业秘密，经书面征求意见第三方不同意公开。",
    ),
    "partially_granted": (
        "《中华人民共和国政府信息公开条例》第三十七条",
        "其中涉及个人身份信息的部分不予公开，其余部分予以公开。",
    ),
    "unable": (
        "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
        "经检索，本机关未制作或获取该信息。",
    ),
    "not_processed": ("《中华人民共和国政府信息公开条例》第三十九条", "申请内容不属于政府信息公开申请。"),
}


def _resident_id(prefix13: str, n: int) -> str:
    first17 = f"{prefix13}{n:04d}"[:17]
    return first17 + resident_id_check_char(first17)


def _credit_code(first17: str) -> str:
    for ch in "0123456789ABCDEFGHJKLMNPQRTUWXY":
        if is_social_credit_code(first17 + ch):
            return first17 + ch
    raise ValueError(first17)


def _applicant(i: int) -> services.ApplicantData:
    if i % 4 == 3:
        kind, name, code = ORGANISATIONS[(i // 4) % len(ORGANISATIONS)]
        return services.ApplicantData(
            kind=kind,
            name=name,
            credit_code=_credit_code(code),
            contact_person="联系人",
            phone="0312-8812345",
        )
    name, prefix, phone = PEOPLE[i % len(PEOPLE)]
    return services.ApplicantData(
        kind="natural_person",
        name=name,
        id_number=_resident_id(prefix, 1000 + i % len(PEOPLE)),
        phone=phone,
        address="河北省保定市博野县小店镇",
    )


def _weekday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def _setup_agencies_and_staff(stdout: TextIO) -> dict[str, Any]:
    agencies: dict[str, Agency] = {}
    for code, name, short, kind, parent in AGENCIES:
        agency, _ = Agency.objects.get_or_create(
            code=code,
            defaults={"name": name, "short_name": short, "kind": kind, "parent": agencies.get(parent or "")},
        )
        agencies[code] = agency
    users: dict[str, Any] = {}
    user_model = get_user_model()
    for username, full_name, code, role in STAFF:
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": full_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.ADMIN
            user.save()
        Membership.objects.get_or_create(user=user, agency=agencies[code], role=role)
        users[username] = user
    stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：\n")
    for username, full_name, code, role in STAFF:
        stdout.write(f"  {username:16} {full_name}  {agencies[code].name} · {Role(role).label}\n")
    return {"agencies": agencies, "users": users}


def _story(
    key: str, story: str, i: int, agency: Agency, received_on: date, clerk: Any, head: Any, today: date
) -> None:
    if DisclosureRequest.objects.filter(submission_key=key).exists():
        return
    pending = story == "open:pending_confirmation"
    registration = services.register_request(
        agency=agency,
        actor=clerk,
        channel="online" if pending or i % 5 == 1 else ("post" if i % 5 == 2 else "in_person"),
        submitted_on=received_on,
        signed_on=received_on if i % 5 == 2 and not pending else None,
        confirmed_on=None if pending else received_on,
        applicant=_applicant(i),
        description=DESCRIPTIONS[i % len(DESCRIPTIONS)],
        information_form="paper" if i % 2 else "email",
        delivery_way="post" if i % 2 else "email",
        submission_key=key,
        today=today,
    )
    item = registration.disclosure_request
    if pending:
        return
    day = received_on

    def step(n: int) -> date:
        nonlocal day
        day = min(_weekday(day + timedelta(days=n)), today)
        return day

    if story in ("abandoned_correction", "open:awaiting_correction", "unable.unclear_after_correction"):
        services.request_correction(
            item,
            actor=clerk,
            on=step(2),
            items="请写明所需信息的文件名称、文号或者时间范围。",
            period_working_days=10,
            today=today,
        )
        if story == "open:awaiting_correction":
            return
        if story == "abandoned_correction":
            services.mark_abandoned(item, actor=clerk, on=step(20), today=today)
            return
        services.receive_correction(item, actor=clerk, on=step(5), today=today)
    if story in ("consulted_granted", "open:in_consultation", "withheld.third_party_rights"):
        consultation = services.start_consultation(
            item,
            actor=clerk,
            on=step(3),
            party_kind="third_party",
            party_name="博野县恒泰建材有限公司",
            today=today,
        )
        if story == "open:in_consultation":
            return
        answer = "objection" if story.startswith("withheld") else "consent"
        services.record_consultation_answer(
            consultation, actor=clerk, on=step(9), answer=answer, answer_text="书面回复", today=today
        )
    if story in ("extended_granted", "open:extended"):
        services.extend_deadline(
            item, actor=head, on=step(20), working_days=15, reason="需调取归档材料并核对", today=today
        )
        if story == "open:extended":
            return
    if story in ("fee_paid_granted", "fee_lapsed", "open:awaiting_fee"):
        quote = quote_fee("per_volume", pages=80)
        services.issue_fee_notice(item, actor=clerk, on=step(4), quote=quote, today=today)
        if story == "open:awaiting_fee":
            return
        if story == "fee_lapsed":
            services.lapse_fee(item, actor=clerk, on=step(35), today=today)
            return
        services.record_fee_payment(item, actor=clerk, on=step(7), today=today)
    if story.startswith("open:"):
        return
    if story == "withdrawn":
        services.withdraw(
            item, actor=clerk, on=step(3), reason="申请人来电表示已通过其他途径获取，申请撤回。", today=today
        )
    else:
        outcome = (
            "granted" if story in ("consulted_granted", "extended_granted", "fee_paid_granted") else story
        )
        family = outcome.split(".")[0]
        basis, reasons = REASONS.get(outcome if outcome == "partially_granted" else family, ("", ""))
        if outcome == "unable.unclear_after_correction":
            basis, reasons = (
                "《中华人民共和国政府信息公开条例》第三十条",
                "补正后申请内容仍不明确，无法确定所需信息。",
            )
        if outcome == "not_processed.repeat":
            basis, reasons = (
                "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
                "申请人曾就同一信息提出申请，本机关已作出答复。",
            )
        services.record_reply(
            item, actor=head, on=step(8), outcome=outcome, legal_basis=basis, reasons=reasons, today=today
        )
    # Most closed cases of earlier months are archived.
    if received_on < date(2026, 9, 1) and i % 3 != 0:
        services.archive(item, actor=clerk, on=step(5))


def _received_dates(count: int, first: date, last: date) -> list[date]:
    span = (last - first).days
    return [_weekday(first + timedelta(days=round(span * k / max(count - 1, 1)))) for k in range(count)]


@transaction.atomic
def load(stdout: TextIO, today: date | None = None) -> None:
    """Create the demo county, its staff and about 70 requests (safe to run again)."""
    today = today or max(LAST_DEMO_DAY, date.today())
    setup = _setup_agencies_and_staff(stdout)
    agencies, users = setup["agencies"], setup["users"]
    plans = [
        ("boye-xiaodian", "xd_clerk", "xd_head", 48),
        ("boye-zrzy", "zr_clerk", "zr_head", 14),
        ("boye-office", "office_clerk", "office_head", 8),
    ]
    created_before = DisclosureRequest.objects.count()
    for code, clerk, head, count in plans:
        closed_dates = _received_dates(count, date(2025, 1, 6), date(2026, 10, 12))
        for i, received_on in enumerate(closed_dates):
            story = STORIES[i % len(STORIES)]
            # Cases received in the last weeks of 2025 stay open over New Year (结转), then close in 2026.
            _story(
                f"demo-{code}-{i}", story, i, agencies[code], received_on, users[clerk], users[head], today
            )
        for j, story in enumerate(OPEN_STORIES[: max(2, count // 6)]):
            received_on = _weekday(date(2026, 11, 2) + timedelta(days=3 * j))
            _story(
                f"demo-{code}-open-{j}",
                story,
                100 + j,
                agencies[code],
                received_on,
                users[clerk],
                users[head],
                today,
            )
    made = DisclosureRequest.objects.count() - created_before
    stdout.write(f"演示申请：新建{made}件，共{DisclosureRequest.objects.count()}件。\n")
