"""Demo annual reports for 博野县 (runs after gongkai.disclosure_requests.demo, which creates the bodies and staff).

- a few reconsideration / litigation cases in 2025–2026, linked to demo requests;
- the 2023 report of 小店镇 imported from the bundled seed (its real text, with the usual defects);
- 2025 reports generated from the records, submitted, cleared by the county and published for every body;
- 2026 drafts in different states: 小店镇 submitted, 自然资源和规划局 returned with comments, 县政府办公室 a draft;
- 博野县人民政府's own report (no body above it in the demo): 2025 cleared by its own 负责人 (县政务公开办) and
  published before 31 March (条例第四十九条), 2026 a draft. The demo adds that 负责人, `boye_head`.

Everything goes through the real services. Idempotent: whatever exists already is left alone.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.annual_reports import services
from gongkai.annual_reports.models import AnnualReportDraft, RemedyCase, ReportPublication, ReportStatus

SEED_FILE = "xiaodian-2023.txt"

BODIES = [
    # agency code, clerk, head
    ("boye-xiaodian", "xd_clerk", "xd_head"),
    ("boye-zrzy", "zr_clerk", "zr_head"),
    ("boye-office", "office_clerk", "office_head"),
]
SUPERVISOR = "boye_supervisor"
# The county government itself: drafted by the supervisor's office (孙督查, 审核人), cleared and published by
# the head of 县政务公开办, who holds the 负责人 role in 博野县人民政府 (条例第四十九条).
TOP_BODY = "boye"
TOP_HEAD = ("boye_head", "钱主任")

# (agency, kind, forum, case number, received, decided, result, refusal?, linked outcome prefix)
CASES = [
    (
        "boye-xiaodian",
        "review",
        "博野县人民政府",
        "博政复〔2025〕7号",
        date(2025, 4, 8),
        date(2025, 6, 3),
        "upheld",
        True,
        "withheld",
    ),
    (
        "boye-xiaodian",
        "litigation_after_review",
        "保定市莲池区人民法院",
        "（2025）冀0606行初118号",
        date(2025, 8, 12),
        date(2026, 3, 16),
        "corrected",
        True,
        "withheld",
    ),
    (
        "boye-xiaodian",
        "review",
        "博野县人民政府",
        "博政复〔2026〕4号",
        date(2026, 5, 11),
        None,
        "",
        False,
        "unable",
    ),
    (
        "boye-zrzy",
        "litigation_direct",
        "博野县人民法院",
        "（2025）冀0637行初21号",
        date(2025, 10, 20),
        date(2026, 2, 9),
        "other",
        False,
        "not_processed",
    ),
    (
        "boye-zrzy",
        "review",
        "博野县人民政府",
        "博政复〔2026〕11号",
        date(2026, 4, 14),
        date(2026, 6, 2),
        "corrected",
        True,
        "withheld",
    ),
    (
        "boye-office",
        "review",
        "保定市人民政府",
        "保政复〔2026〕52号",
        date(2026, 7, 6),
        date(2026, 8, 25),
        "upheld",
        False,
        "",
    ),
]

# Hand-written parts of sections 一 and 五, different each year (M-006: a report must not repeat last year's).
FILLED = {
    2025: {
        "（三）": "（三）政府信息管理。落实公开属性源头认定制度，公文在拟制时明确公开属性；"
        "对拟公开信息严格进行保密审查，全年未发生泄密事件。",
        "（四）": "（四）平台建设。依托县政府门户网站政府信息公开专栏集中发布政府信息，"
        "按照统一目录维护栏目内容，及时清理过期信息。",
        "（五）": "（五）监督保障。明确分管负责同志和专职工作人员，组织业务培训2次；"
        "将政府信息公开工作纳入年度目标考核，全年未发生责任追究情况。",
        "problems": "（一）上年度问题整改情况。针对上年度栏目更新不及时的问题，建立了每月自查制度。\n"
        "（二）存在的主要问题及改进措施。一是政策解读形式较为单一；二是依申请公开答复文书格式还需统一。"
        "下一步将加强业务培训，完善答复文书模板，于2026年6月底前完成栏目梳理。",
    },
    2026: {
        "（三）": "（三）政府信息管理。对照新版主动公开基本目录逐项梳理公开事项，"
        "完成历史文件清理，涉及个人信息的内容在发布前进行技术处理。",
        "（四）": "（四）平台建设。政府信息公开专栏完成适老化改造，新增依申请公开网上办理入口，"
        "门户网站与政务新媒体同步发布重要政策。",
        "（五）": "（五）监督保障。开展政务公开专题培训3次，邀请群众代表对公开工作开展社会评议；"
        "年度考核中政务公开指标单列，本年度未发生问责情况。",
        "problems": "（一）上年度问题整改情况。已统一依申请公开答复文书模板，政策解读增加图解和问答形式。\n"
        "（二）存在的主要问题及改进措施。部分申请办理时间接近法定期限，征求第三方意见耗时较长。"
        "下一步将建立临期预警机制，规范征求意见流程，于2027年3月底前完成。",
    },
}


def _user(username: str) -> Any:
    return get_user_model().objects.filter(username=username).first()


def _cases(agencies: dict[str, Agency], stdout: TextIO) -> None:
    from gongkai.disclosure_requests.models import DisclosureRequest

    made = 0
    reviews: dict[str, RemedyCase] = {}
    for code, kind, forum, number, received_on, decided_on, result, refusal, outcome in CASES:
        agency = agencies[code]
        clerk, head = (
            _user(dict((b[0], b[1]) for b in BODIES)[code]),
            _user(dict((b[0], b[2]) for b in BODIES)[code]),
        )
        existing = RemedyCase.objects.filter(agency=agency, kind=kind, case_number=number).first()
        if existing is not None:
            if kind == "review":
                reviews[code] = existing
            continue
        linked = None
        if outcome:
            linked = (
                DisclosureRequest.objects.filter(
                    agency=agency, outcome__startswith=outcome, replied_on__lt=received_on
                )
                .order_by("-replied_on")
                .first()
            )
        case = services.register_case(
            agency,
            actor=clerk,
            kind=kind,
            forum=forum,
            case_number=number,
            received_on=received_on,
            today=received_on,
            disclosure_request=linked,
            review_case=reviews.get(code) if kind == "litigation_after_review" else None,
            is_refusal=refusal,
        )
        if kind == "review":
            reviews[code] = case
        if decided_on is not None:
            services.record_case_decision(
                case, actor=head, decided_on=decided_on, result=result, today=decided_on
            )
        made += 1
    stdout.write(f"演示复议、诉讼案件：新建{made}件，共{RemedyCase.objects.count()}件。\n")


def fill_prompts(
    draft: AnnualReportDraft, actor: Any, today: date, *, keep_problems_prompt: bool = False
) -> AnnualReportDraft:
    """Replace the first draft's 「此处填写」 lines with the year's demo wording."""
    filled = FILLED.get(draft.year, FILLED[2026])
    report = services.report_of(draft)
    lines = []
    for line in report.sections["overview"].split("\n"):
        key = line[:3]
        lines.append(filled[key] if "此处填写" in line and key in filled else line)
    other = report.sections["other_matters"].split("\n")[0] + "\n无其他需要报告的事项。"
    texts = {"overview": "\n".join(lines), "other_matters": other}
    if not keep_problems_prompt:
        texts["problems_improvements"] = filled["problems"]
    return services.save_draft(draft, actor=actor, today=today, sections_text=texts, note="填写文字")


def _import_seed(agency: Agency, stdout: TextIO) -> None:
    if ReportPublication.objects.filter(agency=agency, year=2023).exists():
        return
    data = resources.files("gongkai.annual_reports").joinpath(f"demo/{SEED_FILE}").read_bytes()
    publication = services.import_past_report(
        agency, data, SEED_FILE, actor=None, today=date(2026, 1, 5), year=2023
    )
    stdout.write(f"导入往年报告：{agency.name}2023年度（核对发现 {len(publication.findings)} 个问题）。\n")


def _publish_2025(agency: Agency, clerk: Any, head: Any, supervisor: Any, stdout: TextIO) -> None:
    if AnnualReportDraft.objects.filter(agency=agency, year=2025).exists():
        return
    draft = services.generate_draft(agency, 2025, actor=clerk, today=date(2026, 1, 8))
    draft = fill_prompts(draft, clerk, date(2026, 1, 12))
    services.submit_report(draft, actor=head, today=date(2026, 1, 14))
    services.clear_report(draft, actor=supervisor, today=date(2026, 1, 20), comment="经审核，同意公布。")
    publication = services.publish_report(draft, actor=head, today=date(2026, 1, 26))
    stdout.write(f"公布年报：{agency.name}2025年度（第{publication.version}版）。\n")


def _draft_2026(agency: Agency, clerk: Any, head: Any, supervisor: Any, state: str, today: date) -> None:
    if AnnualReportDraft.objects.filter(agency=agency, year=2026).exists():
        return
    draft = services.generate_draft(agency, 2026, actor=clerk, today=today)
    if state == ReportStatus.DRAFT:
        return
    draft = fill_prompts(draft, clerk, today)
    services.submit_report(draft, actor=head, today=today)
    if state == ReportStatus.RETURNED:
        services.return_report(
            draft,
            actor=supervisor,
            comment="第五部分的整改措施请写明责任人和完成时限；第一部分请补充政策解读情况。",
            today=today,
        )


def _top_head(agency: Agency) -> Any:
    """The demo's 负责人 of the county government (created once, with the other demo accounts' password)."""
    from gongkai.disclosure_requests.demo import DEMO_PASSWORD

    username, full_name = TOP_HEAD
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": full_name}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, agency=agency, role=Role.HEAD)
    return user


def _top_body(agency: Agency, writer: Any, stdout: TextIO, today: date) -> None:
    """2025 published (cleared by the body's own 负责人, by 31 Mar), 2026 a draft."""
    head = _top_head(agency)
    if not AnnualReportDraft.objects.filter(agency=agency, year=2025).exists():
        draft = services.generate_draft(agency, 2025, actor=writer, today=date(2026, 2, 24))
        draft = fill_prompts(draft, writer, date(2026, 3, 2))
        services.submit_report(draft, actor=head, today=date(2026, 3, 10))
        services.clear_report(draft, actor=head, today=date(2026, 3, 12), comment="经审定，同意公布。")
        publication = services.publish_report(draft, actor=head, today=date(2026, 3, 20))
        stdout.write(
            f"公布年报：{agency.name}2025年度（第{publication.version}版，本机关负责人审定，"
            f"期限{publication.due_on}）。\n"
        )
    if not AnnualReportDraft.objects.filter(agency=agency, year=2026).exists():
        services.generate_draft(agency, 2026, actor=writer, today=today)


@transaction.atomic
def load(stdout: TextIO, today: date | None = None) -> None:
    """Create the demo cases and reports (safe to run again)."""
    from gongkai.disclosure_requests.demo import LAST_DEMO_DAY

    today = today or LAST_DEMO_DAY
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[b[0] for b in BODIES])}
    if len(agencies) != len(BODIES) or _user(SUPERVISOR) is None:
        stdout.write("演示年报：请先载入依申请公开演示数据（博野县及其下属机关）。\n")
        return
    supervisor = _user(SUPERVISOR)
    _cases(agencies, stdout)
    _import_seed(agencies["boye-xiaodian"], stdout)
    states = {
        "boye-xiaodian": ReportStatus.SUBMITTED,
        "boye-zrzy": ReportStatus.RETURNED,
        "boye-office": ReportStatus.DRAFT,
    }
    for code, clerk_name, head_name in BODIES:
        clerk, head = _user(clerk_name), _user(head_name)
        _publish_2025(agencies[code], clerk, head, supervisor, stdout)
        _draft_2026(agencies[code], clerk, head, supervisor, states[code], today)
    top = Agency.objects.filter(code=TOP_BODY).first()
    if top is not None:
        _top_body(top, supervisor, stdout, today)
    summary = ", ".join(
        f"{d.agency.name}{d.year}：{d.get_status_display()}"
        for d in AnnualReportDraft.objects.filter(year=2026).select_related("agency")
    )
    stdout.write(f"演示年报草稿：{summary}\n")
