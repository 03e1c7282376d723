"""The data-driven first draft of sections 一, 五 and 六 (and the preamble), written from the records.

Only what the records prove is stated as fact; everything a person must supply is left as a 「此处填写」
prompt, which the validator flags (M-005) until it is replaced — a first draft must never publish invented
work. Sentences are phrased so that the validator's narrative checks (M-009) read exactly the table numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from gongkai.agencies.models import Agency
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.validate import FeeSummary

_GOVERNMENT_KINDS = {"township", "county_government", "city_government", "provincial_government"}


@dataclass(frozen=True)
class RequestFigures:
    """Working figures of the year's requests that the tables do not show (for sections 一 and 五)."""

    extended: int = 0
    overdue: int = 0


def _t3(report: AnnualReport, row: str) -> int:
    value = report.t3.get(row, {}).get("total")
    return value if isinstance(value, int) else 0


def _t3_group(report: AnnualReport, group: str) -> int:
    return sum(_t3(report, r.id) for r in report.layout.t3_data_rows if r.parent == group)


def _t4(report: AnnualReport, column: str) -> int:
    value = report.t4.get(column)
    return value if isinstance(value, int) else 0


def _t2(report: AnnualReport, block: str, row: str, column: str) -> int:
    value = report.t2.get(block, {}).get(row, {}).get(column)
    return value if isinstance(value, int) else 0


def yuan(amount: Decimal | None) -> str:
    return f"{(amount or Decimal(0)).quantize(Decimal('0.01'))}"


def preamble(agency: Agency, year: int) -> str:
    # 条例第四十九条、第五十条 and 国办公开办函〔2021〕30号 are the current basis (M-011 flags the 2007 articles).
    return (
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第四十九条、第五十条和"
        f"《国务院办公厅政府信息公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
        f"（国办公开办函〔2021〕30号）的要求，由{agency.name}编制。"
        f"全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
        f"行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    )


def overview(
    agency: Agency, year: int, report: AnnualReport, proactive_count: int | None, figures: RequestFigures
) -> str:
    """Section 一: sub-parts as the 2021 format lists them, the first two written from the records."""
    issued_rules = _t2(report, "art20_1", "normative_documents", "issued")
    if proactive_count is None:
        proactive = (
            f"（一）主动公开。{year}年，本机关通过政府门户网站政府信息公开专栏主动公开政府信息（此处填写：条数），"
            f"制发行政规范性文件{issued_rules}件。"
        )
    else:
        proactive = (
            f"（一）主动公开。{year}年，本机关通过政府门户网站政府信息公开专栏主动公开政府信息{proactive_count}条，"
            f"其中制发行政规范性文件{issued_rules}件。"
        )
    outcomes = [
        ("予以公开", _t3(report, "granted")),
        ("部分公开", _t3(report, "partially_granted")),
        ("不予公开", _t3_group(report, "withheld")),
        ("无法提供", _t3_group(report, "unable")),
        ("不予处理", _t3_group(report, "not_processed")),
        ("其他处理", _t3_group(report, "other")),
    ]
    shown = "、".join(f"{label}{n}件" for label, n in outcomes if n)
    applications = (
        f"（二）依申请公开。全年新收到政府信息公开申请{_t3(report, 'new_received')}件，"
        f"上年结转申请{_t3(report, 'carried_over')}件；办结政府信息公开申请{_t3(report, 'total_processed')}件"
        + (f"，其中{shown}" if shown else "")
        + f"；结转下年度继续办理{_t3(report, 'carried_forward')}件。"
    )
    if figures.extended or figures.overdue:
        applications += f"本年度延长答复期限{figures.extended}件，超过法定期限答复{figures.overdue}件。"
    review_total = _t4(report, "review.total")
    litigation_total = _t4(report, "litigation_direct.total") + _t4(report, "litigation_after_review.total")
    applications += f"因政府信息公开工作被申请行政复议{review_total}件，被提起行政诉讼{litigation_total}件。"
    management = "（三）政府信息管理。此处填写：公开属性源头认定、保密审查、政策解读等情况。"
    platform = "（四）平台建设。此处填写：政府信息公开专栏、政务新媒体等平台的建设和维护情况。"
    if _kind(agency) in _GOVERNMENT_KINDS:
        oversight = (
            "（五）监督保障。此处填写：机构和人员保障、培训情况；人民政府还应写明工作考核、社会评议和"
            "责任追究结果情况（《条例》第五十条第（四）项）。"
        )
    else:
        oversight = "（五）监督保障。此处填写：机构和人员保障、培训和监督检查情况。"
    return "\n".join([proactive, applications, management, platform, oversight])


def problems(year: int, previous: AnnualReport | None, figures: RequestFigures) -> str:
    """Section 五: a prompt that asks for last year's problems to be answered (shown beside it in the editor)."""
    lines = []
    if previous is not None and previous.section_text("problems_improvements").strip():
        lines.append(
            f"（一）上年度问题整改情况。此处填写：对照{year - 1}年度报告第五部分所列问题，逐项说明整改措施和效果。"
        )
    else:
        lines.append("（一）上年度问题整改情况。此处填写：上年度存在问题的整改措施和效果。")
    facts = []
    if figures.overdue:
        facts.append(f"本年度有{figures.overdue}件申请超过法定期限答复")
    if figures.extended:
        facts.append(f"{figures.extended}件申请延长了答复期限")
    prompt = "此处填写：本年度存在的主要问题，以及针对每个问题的具体改进措施和完成时间。"
    lines.append("（二）存在的主要问题及改进措施。" + ("；".join(facts) + "。" if facts else "") + prompt)
    return "\n".join(lines)


def fee_statement(year: int, fees: FeeSummary) -> str:
    """Section 六's information-processing fee statement (国办函〔2020〕109号), from the fee notices."""
    basis = f"{year}年度，本机关依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
    count = fees.notices_issued_count or 0
    if count == 0:
        return basis + "，未发出信息处理费收费通知，未收取信息处理费。"
    collected = fees.collected_yuan or Decimal(0)
    text = basis + f"，共发出信息处理费收费通知{count}件，通知金额合计{yuan(fees.notices_total_yuan)}元，"
    if collected:
        return text + f"实际收取信息处理费{yuan(collected)}元。"
    return text + "未收取信息处理费。"


def other_matters(year: int, fees: FeeSummary) -> str:
    return fee_statement(year, fees) + "\n此处填写：其他需要报告的事项（如无，写明“无其他需要报告的事项”）。"


def _kind(agency: Agency) -> str:
    return str(agency.kind)


def first_draft(
    agency: Agency,
    year: int,
    report: AnnualReport,
    *,
    proactive_count: int | None,
    figures: RequestFigures,
    fees: FeeSummary,
    previous: AnnualReport | None,
) -> dict[str, Any]:
    """Texts of the first draft: preamble, title and sections 一–六 (二–四 carry only their tables)."""
    return {
        "title": f"{agency.name}{year}年政府信息公开工作年度报告",
        "preamble": preamble(agency, year),
        "sections": {
            "overview": overview(agency, year, report, proactive_count, figures),
            "proactive_disclosure": "",
            "applications": "",
            "review_litigation": "",
            "problems_improvements": problems(year, previous, figures),
            "other_matters": other_matters(year, fees),
        },
    }


def statistics_period(year: int) -> tuple[date, date]:
    # Spec §3.1: the statistics period is 1 Jan – 31 Dec of the report year (M-001).
    return date(year, 1, 1), date(year, 12, 31)
