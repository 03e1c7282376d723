"""Demo data for proactive disclosure at 博野县小店镇人民政府 (called by `manage.py load_demo`; idempotent).

Everything goes through the real services, so the demo shows real events, index numbers and due dates.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.agencies.models import Agency, AgencyKind, Membership
from gongkai.core.identity import resident_id_check_char
from gongkai.disclosure_requests.demo import DEMO_PASSWORD
from gongkai.publications import newmedia, registers, services
from gongkai.publications.models import CatalogueSettings, Measure, NormativeKind, Publication, ReviewDecision

TOWN_CODE = "boye-xiaodian"

# (title, category, made_on, days until published, summary)
ITEMS: tuple[tuple[str, str, date, int, str], ...] = (
    (
        "小店镇人民政府机构职能及联系方式",
        "art20_02",
        date(2025, 1, 6),
        3,
        "镇政府内设机构、职能、办公地址、办公时间和联系电话。",
    ),
    (
        "小店镇2025年部门预算",
        "art20_07",
        date(2025, 2, 10),
        10,
        "2025年镇级一般公共预算收支及“三公”经费预算。",
    ),
    ("小店镇2024年部门决算", "art20_07", date(2025, 8, 20), 12, "2024年镇级财政决算及“三公”经费决算说明。"),
    (
        "关于印发《小店镇村级事务管理办法》的通知",
        "art20_01",
        date(2025, 3, 3),
        5,
        "规范村级重大事项决策、财务公开和民主监督。",
    ),
    (
        "小店镇2025年国民经济和社会发展统计公报",
        "art20_04",
        date(2025, 4, 8),
        15,
        "2025年一季度全镇农业、工业和社会事业主要统计数据。",
    ),
    (
        "小店镇行政许可和公共服务事项清单",
        "art20_05",
        date(2025, 3, 17),
        4,
        "镇政府办理的公共服务事项的依据、条件、程序。",
    ),
    (
        "小店镇2025年防汛应急预案",
        "art20_12",
        date(2025, 5, 20),
        6,
        "汛期组织指挥、预警响应、转移避险和物资保障安排。",
    ),
    (
        "小店镇2025年秸秆禁烧和安全生产检查情况",
        "art20_13",
        date(2025, 10, 9),
        25,
        "秋收期间秸秆禁烧巡查和企业安全生产检查结果。",
    ),
    (
        "2025年小店镇高标准农田建设项目公示",
        "art21_t2",
        date(2025, 4, 14),
        7,
        "高标准农田项目建设地点、规模、投资和工期。",
    ),
    (
        "小店镇2025年耕地地力保护补贴发放情况",
        "art21_t1",
        date(2025, 6, 9),
        9,
        "各村耕地地力保护补贴面积、标准和发放金额。",
    ),
    (
        "小店镇2025年农村土地承包经营权流转情况",
        "art21_t3",
        date(2025, 7, 7),
        8,
        "全镇土地流转面积、涉及农户和流转用途。",
    ),
    (
        "小店镇2025年第二季度宅基地使用审核情况",
        "art21_t4",
        date(2025, 7, 1),
        5,
        "第二季度农村宅基地申请、审核和批准情况。",
    ),
    (
        "小店镇2025年“一事一议”筹资筹劳情况",
        "art21_t7",
        date(2025, 9, 15),
        10,
        "各村一事一议项目筹资筹劳方案和使用情况。",
    ),
    (
        "小店镇2025年12月城乡居民最低生活保障对象公示",
        "art21_t8",
        date(2025, 12, 15),
        6,
        "新增和退出低保对象的村别、人数和保障金额（已脱敏）。",
    ),
    (
        "小店镇2026年部门预算",
        "art20_07",
        date(2026, 2, 9),
        14,
        "2026年镇级一般公共预算收支及“三公”经费预算。",
    ),
    (
        "小店镇2026年春季农田水利工程建设计划",
        "art21_t2",
        date(2026, 3, 2),
        6,
        "春季农田水利工程项目、资金和工期安排。",
    ),
    (
        "小店镇2026年第一季度宅基地使用审核情况",
        "art21_t4",
        date(2026, 4, 1),
        5,
        "第一季度农村宅基地申请、审核和批准情况。",
    ),
    (
        "小店镇2026年防汛应急预案",
        "art20_12",
        date(2026, 5, 18),
        5,
        "2026年汛期组织指挥、预警响应和转移避险安排。",
    ),
    (
        "小店镇2026年公益性岗位招聘公告",
        "art20_11",
        date(2026, 6, 8),
        3,
        "公益性岗位的数量、条件、报名方式和时间。",
    ),
    (
        "小店镇2026年临时救助实施情况（上半年）",
        "art21_t8",
        date(2026, 7, 6),
        22,
        "上半年临时救助人次、金额和救助类别统计。",
    ),
    (
        "小店镇2026年农村土地承包经营权流转情况",
        "art21_t3",
        date(2026, 9, 7),
        10,
        "全镇土地流转面积、涉及农户和流转用途。",
    ),
)


def _user(username: str, agency: Agency, role: str, created: list[str]) -> Any:
    user, is_new = get_user_model().objects.get_or_create(username=username)
    if is_new:
        user.set_password(DEMO_PASSWORD)
        user.save()
        created.append(username)
    Membership.objects.get_or_create(user=user, agency=agency, role=role)
    return user


def _docx(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@transaction.atomic
def load(stdout: TextIO) -> None:
    """Load the demo catalogue, review cases, registers and new-media log (skipped if already there)."""
    county, _ = Agency.objects.get_or_create(
        code="boye", defaults={"name": "博野县人民政府", "kind": AgencyKind.COUNTY_GOVERNMENT}
    )
    town, _ = Agency.objects.get_or_create(
        code=TOWN_CODE,
        defaults={
            "name": "博野县小店镇人民政府",
            "short_name": "小",
            "kind": AgencyKind.TOWNSHIP,
            "parent": county,
        },
    )
    if Publication.objects.filter(agency=town).exists():
        stdout.write("主动公开演示数据：已存在，跳过。\n")
        return
    created: list[str] = []
    # The same personas as the request demo (one login per person across the back-office).
    clerk = _user("xd_clerk", town, "clerk", created)
    reviewer = _user("xd_reviewer", town, "reviewer", created)
    head = _user("xd_head", town, "head", created)
    CatalogueSettings.objects.get_or_create(
        agency=town,
        defaults={"index_prefix": "111306370000000000", "public_values": "0312-8351234"},
    )

    published: list[Publication] = []
    for title, category, made_on, days, summary in ITEMS:
        body = f"{summary}\n咨询电话：0312-8351234（镇党政办公室，工作日 8:30—17:30）。"
        item = services.create_draft(
            town, clerk, title=title, made_on=made_on, category=category, summary=summary, body=body
        )
        services.submit_for_review(item, clerk)
        services.decide_review(
            item, reviewer, decision=ReviewDecision.PUBLISH, basis="不涉及国家秘密、工作秘密和个人隐私。"
        )
        services.approve(item, head)
        services.publish(item, clerk, made_on + timedelta(days=days))
        services.record_channel(
            item,
            clerk,
            channel="wechat",
            published_on=made_on + timedelta(days=days),
            note="“博野小店”微信公众号",
        )
        published.append(item)
    budget_2025 = next(p for p in published if p.title == "小店镇2025年部门预算")
    flood_2025 = next(p for p in published if p.title == "小店镇2025年防汛应急预案")
    flood_2026 = next(p for p in published if p.title == "小店镇2026年防汛应急预案")
    services.change_validity(
        flood_2025, head, validity="repealed", changed_on=flood_2026.made_on, repealed_by=flood_2026
    )
    services.change_validity(budget_2025, head, validity="expired", changed_on=date(2026, 1, 1))

    # The case the review gate exists for: a 公示 whose DOCX attachment still carries an ID number.
    leaked_id = "13063719780315204" + resident_id_check_char("13063719780315204")
    leaky = services.create_draft(
        town,
        clerk,
        title="小店镇2026年11月临时救助对象公示",
        made_on=date(2026, 11, 20),
        category="art21_t8",
        summary="11月临时救助对象的村别、救助事由和金额。",
        body="根据《社会救助暂行办法》，现将11月临时救助对象公示如下，详见附件。",
    )
    services.add_attachment(
        leaky,
        clerk,
        ContentFile(
            _docx(
                "小店镇2026年11月临时救助对象名单",
                f"1. 东小店村 王某某 身份证号：{leaked_id} 因病救助 2000元",
                "2. 西小店村 李某某 因灾救助 1500元",
            )
        ),
        "临时救助对象名单.docx",
    )
    services.submit_for_review(leaky, clerk)
    services.create_draft(
        town,
        clerk,
        title="小店镇2026年冬季清洁取暖工作方案",
        made_on=date(2026, 11, 2),
        category="art20_13",
        summary="冬季清洁取暖改造范围、补贴标准和安全检查安排。",
    )

    # Registers for table 二 (2025 full year, 2026 to October).
    document = registers.record_normative_document(
        town,
        clerk,
        kind=NormativeKind.NORMATIVE_DOCUMENT,
        title="小店镇村级事务管理办法",
        document_number="小政发〔2023〕5号",
        issued_on=date(2023, 4, 3),
    )
    registers.record_normative_document(
        town,
        clerk,
        kind=NormativeKind.NORMATIVE_DOCUMENT,
        title="小店镇村级事务管理办法（2025年修订）",
        document_number="小政发〔2025〕8号",
        issued_on=date(2025, 3, 3),
        publication=next(p for p in published if p.category == "art20_01"),
    )
    registers.repeal_normative_document(
        document, clerk, repealed_on=date(2025, 3, 3), repealed_by="小政发〔2025〕8号"
    )
    registers.record_normative_document(
        town,
        clerk,
        kind=NormativeKind.NORMATIVE_DOCUMENT,
        title="小店镇农村人居环境整治长效管护办法",
        document_number="小政发〔2026〕3号",
        issued_on=date(2026, 4, 7),
    )
    for year, months in ((2025, range(1, 13)), (2026, range(1, 11))):
        for month in months:
            registers.record_monthly_tally(
                town, clerk, year=year, month=month, measure=Measure.LICENSING, value=(month * 3) % 7 + 2
            )
            registers.record_monthly_tally(
                town,
                clerk,
                year=year,
                month=month,
                measure=Measure.PENALTY,
                value=1 if month in (4, 9) else 0,
            )
            registers.record_monthly_tally(
                town, clerk, year=year, month=month, measure=Measure.COERCION, value=0
            )
            registers.record_monthly_tally(
                town,
                clerk,
                year=year,
                month=month,
                measure=Measure.FEES,
                value=Decimal("0.0850") if month % 3 == 0 else Decimal("0"),
            )

    for offset, item in enumerate(published[-8:]):
        newmedia.record_post(
            town,
            clerk,
            platform="wechat",
            account="博野小店",
            title=item.title,
            posted_on=item.published_on or item.made_on,
            publication=item,
        )
        if offset % 2 == 0:
            newmedia.record_post(
                town,
                clerk,
                platform="wechat",
                account="博野小店",
                title=f"【转载】{item.get_category_display()[:12]}政策解读",
                posted_on=(item.published_on or item.made_on) + timedelta(days=1),
                is_original=False,
            )

    stdout.write(
        f"主动公开演示数据：{len(published)} 条已发布，2 条草稿（其中 1 条附件含身份证号，待保密审查），"
        f"2025–2026 年登记台账和政务新媒体记录。\n"
    )
    if created:
        stdout.write(f"演示账号（密码 {DEMO_PASSWORD}）：{'、'.join(created)}\n")
