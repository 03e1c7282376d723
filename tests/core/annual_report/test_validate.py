"""The validator's table, structure and cross-year rules (spec §4.1–§4.5), on reports built in code."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.core.annual_report.format import format_spec, sections
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.validate import (
    RULES,
    FeeSummary,
    Finding,
    ValidationOptions,
    fee_summary_from_text,
    infer_body_kind,
    validate,
)
from tests.conftest import FIXTURES, REPORTS
from tests.core.annual_report.strategies import reports

CLEAN_SECTIONS = {
    "overview": (
        "2023年，我镇认真贯彻《中华人民共和国政府信息公开条例》，通过政府门户网站政府信息公开平台主动公开政府信息。"
        "全年开展政务公开工作考核一次，组织社会评议一次，未发生责任追究情况。"
    ),
    "proactive_disclosure": "",
    "applications": "",
    "review_litigation": "",
    "problems_improvements": (
        "存在的问题是业务人员对条例理解不够深入，答复文书不够规范。下一步将于2024年6月前组织全体经办人员培训，"
        "完善答复文书模板，加强对依申请公开办理过程的监督检查。"
    ),
    "other_matters": "2023年本机关未收取政府信息公开信息处理费，未发出收费通知。",
}


def clean_report(edition: str = "2021", year: int = 2023) -> AnnualReport:
    """A report that passes every rule: all tables 0, six sections in order, a plain township narrative."""
    report = AnnualReport.blank(edition)  # type: ignore[arg-type]
    report.year = year
    report.agency = "博野县小店镇人民政府"
    report.published_on = date(year + 1, 1, 20)
    report.period_start, report.period_end = date(year, 1, 1), date(year, 12, 31)
    report.title = f"博野县小店镇人民政府{year}年政府信息公开工作年度报告"
    for s in sections():
        report.sections[s.id] = CLEAN_SECTIONS[s.id].replace("2023", str(year)).replace("2024", str(year + 1))
        report.section_order.append(s.id)
    return report


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def set_row(report: AnnualReport, row: str, values: list[int]) -> None:
    """Set the six applicant columns of a T3 row and its 总计 (their sum)."""
    cols = ["natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org"]
    report.t3[row] = dict(zip(cols, values, strict=True)) | {"total": sum(values)}


# -- registry and API ----------------------------------------------------------------------------------------


def test_every_rule_of_the_format_json_is_implemented_with_its_severity() -> None:
    spec_rules = {r["id"]: r["severity"] for r in format_spec()["rules"]}

    implemented = {rid: r.severity for rid, r in RULES.items()}

    assert implemented == spec_rules


def test_every_rule_of_spec_section_4_is_implemented() -> None:
    spec = (FIXTURES.parent / "spec" / "regulation-spec.md").read_text("utf-8")
    section4 = spec[spec.index("## 4. Validation rules") : spec.index("## 5. Fees")]

    ids = set(re.findall(r"^\| ([A-Z]\d?-\d{3}) \|", section4, flags=re.M))

    assert ids and ids <= set(RULES)


def test_every_rule_function_cites_the_spec_in_its_docstring() -> None:
    for rule in RULES.values():
        assert "Spec §" in rule.doc or "spec §" in rule.doc, rule.id


def test_a_clean_report_has_no_findings() -> None:
    assert validate(clean_report()) == []


def test_a_clean_2019_edition_report_has_no_findings() -> None:
    assert validate(clean_report("2019", 2020)) == []


def test_finding_to_dict_has_the_json_contract_shape() -> None:
    finding = Finding("T3-001", "error", "T3[granted][total]", "表三……")

    assert finding.to_dict() == {
        "rule": "T3-001",
        "severity": "error",
        "cell": "T3[granted][total]",
        "message": "表三……",
    }


def test_findings_are_sorted_errors_first() -> None:
    report = clean_report()
    report.sections["other_matters"] = "无。"  # M-008 warning
    report.t3["granted"]["total"] = 5  # T3-001 error

    severities = [f.severity for f in validate(report)]

    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert severities[0] == "error"


# -- 4.1 structure -------------------------------------------------------------------------------------------


def test_s001_names_each_missing_section() -> None:
    report = clean_report()
    del report.sections["problems_improvements"]
    report.section_order.remove("problems_improvements")

    found = only(validate(report), "S-001")

    assert [f.cell for f in found] == ["section:problems_improvements"]
    assert "五、存在的主要问题及改进情况" in found[0].message


def test_s002_flags_a_section_printed_out_of_order() -> None:
    report = clean_report()
    report.section_order = [
        "overview",
        "proactive_disclosure",
        "review_litigation",
        "applications",
        "problems_improvements",
        "other_matters",
    ]

    found = only(validate(report), "S-002")

    assert [f.cell for f in found] == ["section:applications"]
    assert found[0].severity == "error"


def test_s003_a_2023_report_in_the_2019_layout_is_an_error() -> None:
    report = clean_report("2019", 2020)
    report.year = 2023

    found = only(validate(report), "S-003")

    assert len(found) == 1 and found[0].severity == "error"
    assert "2023年度" in found[0].message and "2019年试行格式" in found[0].message


def test_s003_accepts_the_2019_layout_for_2020() -> None:
    assert only(validate(clean_report("2019", 2020)), "S-003") == []


def test_s004_flags_a_missing_t3_row_and_a_missing_column() -> None:
    report = clean_report()
    del report.t3["withheld.process_info"]
    del report.t3["granted"]["research"]

    cells = [f.cell for f in only(validate(report), "S-004")]

    assert cells == ["T3[granted][research]", "T3[withheld.process_info][total]"]


def test_s005_flags_a_missing_t2_cell() -> None:
    report = clean_report()
    del report.t2["art20_6"]["administrative_coercion"]["decisions"]

    assert [f.cell for f in only(validate(report), "S-005")] == [
        "T2.art20_6[administrative_coercion][decisions]"
    ]


def test_s006_flags_each_missing_t4_cell() -> None:
    report = clean_report()
    del report.t4["review.pending"]
    del report.t4["litigation_after_review.total"]

    assert [f.cell for f in only(validate(report), "S-006")] == [
        "T4[review.pending]",
        "T4[litigation_after_review.total]",
    ]


# -- 4.2 cells -----------------------------------------------------------------------------------------------


def test_v001_negative_and_non_integer_counts_are_errors() -> None:
    report = clean_report()
    report.t3["granted"]["natural_person"] = -1
    report.t4["review.upheld"] = Decimal("1.5")  # type: ignore[assignment]

    found = only(validate(report), "V-001")

    assert {f.cell for f in found} == {"T3[granted][natural_person]", "T4[review.upheld]"}
    assert all(f.severity == "error" for f in found)


def test_v001_allows_a_negative_change_in_the_2019_layout() -> None:
    report = clean_report("2019", 2020)
    report.t2["art20_5"]["administrative_licensing"]["change"] = -3

    assert only(validate(report), "V-001") == []


def test_v002_negative_fee_amount_is_an_error() -> None:
    report = clean_report()
    report.t2["art20_8"]["administrative_fees"]["fee_amount"] = Decimal("-0.5")

    found = only(validate(report), "V-002")

    assert [f.cell for f in found] == ["T2.art20_8[administrative_fees][fee_amount]"]


def test_w001_groups_blank_cells_per_table_and_arithmetic_reads_them_as_zero() -> None:
    report = clean_report()
    set_row(report, "new_received", [3, 0, 0, 0, 0, 0])
    set_row(report, "granted", [3, 0, 0, 0, 0, 0])
    set_row(report, "total_processed", [3, 0, 0, 0, 0, 0])
    report.t3["granted"]["commercial"] = None
    report.t3["carried_over"]["research"] = None

    findings = validate(report)

    w001 = only(findings, "W-001")
    assert len(w001) == 1 and w001[0].severity == "warning"
    assert "2 个单元格" in w001[0].message
    assert not [f for f in findings if f.severity == "error"]


def test_w001_reports_an_entirely_blank_table() -> None:
    report = clean_report()
    report.t4 = dict.fromkeys(report.t4)

    found = only(validate(report), "W-001")

    assert len(found) == 1 and "全部空白" in found[0].message


def test_w002_flags_sub_yuan_precision_in_wan_yuan() -> None:
    report = clean_report()
    report.agency = "平潭综合实验区管理委员会"
    report.t2["art20_8"]["administrative_fees"]["fee_amount"] = Decimal("24252.311082")

    found = only(validate(report), "W-002")

    assert len(found) == 1 and "6 位小数" in found[0].message


def test_w002_accepts_four_decimals() -> None:
    report = clean_report()
    report.t2["art20_8"]["administrative_fees"]["fee_amount"] = Decimal("12.3456")

    assert only(validate(report), "W-002") == []


def test_w002_flags_a_township_above_the_configured_ceiling() -> None:
    report = clean_report()
    report.t2["art20_8"]["administrative_fees"]["fee_amount"] = Decimal("1500")

    assert len(only(validate(report), "W-002")) == 1
    assert only(validate(report, ValidationOptions(township_fee_ceiling_wan=Decimal(2000))), "W-002") == []


# -- 4.3 T3 arithmetic ---------------------------------------------------------------------------------------


def test_t3_001_row_total_mismatch_names_the_numbers() -> None:
    report = clean_report()
    set_row(report, "new_received", [80, 1, 0, 0, 0, 0])
    set_row(report, "granted", [80, 1, 0, 0, 0, 0])
    set_row(report, "total_processed", [80, 1, 0, 0, 0, 0])
    report.t3["granted"]["total"] = 82

    found = only(validate(report), "T3-001")

    assert [f.cell for f in found] == ["T3[granted][total]"]
    assert "82" in found[0].message and "81" in found[0].message and "差 1" in found[0].message


def test_t3_002_one_finding_per_unbalanced_column() -> None:
    report = clean_report()
    set_row(report, "new_received", [80, 0, 0, 0, 0, 0])
    set_row(report, "granted", [75, 0, 0, 0, 0, 0])
    set_row(report, "total_processed", [75, 0, 0, 0, 0, 0])
    set_row(report, "carried_forward", [6, 0, 0, 0, 0, 0])

    found = only(validate(report), "T3-002")

    assert [f.cell for f in found] == ["T3[total_processed][natural_person]", "T3[total_processed][total]"]
    assert "自然人列 80 + 0 ≠ 75 + 6（差 1）" in found[0].message


def test_t3_003_total_processed_must_equal_the_sum_of_outcomes() -> None:
    report = clean_report()
    set_row(report, "new_received", [10, 0, 0, 0, 0, 0])
    set_row(report, "granted", [4, 0, 0, 0, 0, 0])
    set_row(report, "unable.not_held", [5, 0, 0, 0, 0, 0])
    set_row(report, "total_processed", [10, 0, 0, 0, 0, 0])

    found = only(validate(report), "T3-003")

    assert [f.cell for f in found] == ["T3[total_processed][natural_person]", "T3[total_processed][total]"]
    assert "10" in found[0].message and "9" in found[0].message


def test_t3_003_skips_a_column_whose_outcomes_are_all_blank() -> None:
    report = clean_report()
    set_row(report, "new_received", [10, 0, 0, 0, 0, 0])
    set_row(report, "granted", [10, 0, 0, 0, 0, 0])
    set_row(report, "total_processed", [10, 0, 0, 0, 0, 0])
    for row in report.layout.outcome_leaves:
        report.t3[row.id]["total"] = None

    assert only(validate(report), "T3-003") == []


def test_t3_004_printed_group_subtotal_must_equal_its_sub_rows() -> None:
    report = clean_report()
    set_row(report, "new_received", [3, 0, 0, 0, 0, 0])
    set_row(report, "withheld.state_secret", [1, 0, 0, 0, 0, 0])
    set_row(report, "withheld.process_info", [2, 0, 0, 0, 0, 0])
    set_row(report, "total_processed", [3, 0, 0, 0, 0, 0])
    report.t3_group_values["withheld"] = {"natural_person": 4, "total": 3}

    found = only(validate(report), "T3-004")

    assert [f.cell for f in found] == ["T3[withheld][natural_person]"]


def test_t3_005_carrying_forward_more_than_on_hand() -> None:
    report = clean_report()
    set_row(report, "new_received", [2, 0, 0, 0, 0, 0])
    set_row(report, "carried_forward", [5, 0, 0, 0, 0, 0])

    found = only(validate(report), "T3-005")

    assert [f.cell for f in found] == ["T3[carried_forward][natural_person]", "T3[carried_forward][total]"]


def test_x001_carried_over_must_equal_last_years_carried_forward() -> None:
    previous = clean_report(year=2022)
    set_row(previous, "new_received", [3, 0, 0, 0, 0, 0])
    set_row(previous, "carried_forward", [3, 0, 0, 0, 0, 0])
    report = clean_report()
    set_row(report, "carried_over", [2, 0, 0, 0, 0, 0])
    set_row(report, "granted", [2, 0, 0, 0, 0, 0])
    set_row(report, "total_processed", [2, 0, 0, 0, 0, 0])

    found = only(validate(report, ValidationOptions(previous=previous)), "X-001")

    assert [f.cell for f in found] == ["T3[carried_over][natural_person]", "T3[carried_over][total]"]
    assert all(f.severity == "error" for f in found)
    assert only(validate(report), "X-001") == []  # no previous report: not checked


def test_x001_is_a_warning_when_the_previous_report_used_another_edition() -> None:
    previous = clean_report("2019", 2020)
    set_row(previous, "new_received", [1, 0, 0, 0, 0, 0])
    set_row(previous, "carried_forward", [1, 0, 0, 0, 0, 0])
    report = clean_report(year=2021)

    found = only(validate(report, ValidationOptions(previous=previous)), "X-001")

    assert found and all(f.severity == "warning" for f in found)


def test_x001_says_so_when_the_previous_report_is_not_last_year() -> None:
    report = clean_report()

    found = only(validate(report, ValidationOptions(previous=clean_report(year=2020))), "X-001")

    assert len(found) == 1 and found[0].severity == "info" and "2020" in found[0].message


def test_w003_fee_unpaid_without_fee_notices_in_section_six() -> None:
    report = clean_report()
    report.sections["other_matters"] = "2023年本机关未收取信息处理费。"
    set_row(report, "new_received", [2, 0, 0, 0, 0, 0])
    set_row(report, "other.fee_unpaid", [2, 0, 0, 0, 0, 0])
    set_row(report, "total_processed", [2, 0, 0, 0, 0, 0])

    found = only(validate(report), "W-003")

    assert [f.cell for f in found] == ["T3[other.fee_unpaid][total]"]
    notified = FeeSummary(notices_issued_count=2)
    assert only(validate(report, ValidationOptions(fee_notices=notified)), "W-003") == []


def test_w004_collected_more_than_notified() -> None:
    report = clean_report()
    report.sections["other_matters"] = "本年度发出收费通知3件，金额共计300元，实际收取信息处理费500元。"

    found = only(validate(report), "W-004")

    assert len(found) == 1 and "500" in found[0].message and "300" in found[0].message


def test_fee_summary_reads_section_six() -> None:
    summary = fee_summary_from_text("本年度发出收费通知3件，金额共计1.2万元，实际收取信息处理费300元。")

    assert summary == FeeSummary(3, Decimal("12000.0"), Decimal(300))
    assert fee_summary_from_text("2023年未收取政府信息公开信息处理费。").collected_yuan == 0


def test_w007_large_share_of_other_processing() -> None:
    report = clean_report()
    set_row(report, "new_received", [10, 0, 0, 0, 0, 0])
    set_row(report, "granted", [7, 0, 0, 0, 0, 0])
    set_row(report, "other.other", [3, 0, 0, 0, 0, 0])
    set_row(report, "total_processed", [10, 0, 0, 0, 0, 0])

    found = only(validate(report), "W-007")

    assert len(found) == 1 and "30%" in found[0].message
    relaxed = ValidationOptions(other_share_threshold=Decimal("0.3"))
    assert only(validate(report, relaxed), "W-007") == []


# -- 4.4 T4 --------------------------------------------------------------------------------------------------


def test_t4_001_group_total_mismatch() -> None:
    report = clean_report()
    report.t4.update({"review.upheld": 2, "review.corrected": 1, "review.total": 4})

    found = only(validate(report), "T4-001")

    assert [f.cell for f in found] == ["T4[review.total]"]
    assert "2 + 1 + 0 + 0 = 3" in found[0].message


def test_w009_is_an_info_from_2024_only() -> None:
    report = clean_report(year=2024)
    report.t4.update({"litigation_direct.upheld": 1, "litigation_direct.total": 1})
    earlier = clean_report(year=2023)
    earlier.t4.update({"litigation_direct.upheld": 1, "litigation_direct.total": 1})

    found = only(validate(report), "W-009")

    assert len(found) == 1 and found[0].severity == "info"
    assert only(validate(earlier), "W-009") == []


# -- 4.5 T2 --------------------------------------------------------------------------------------------------


def test_w005_stock_and_flow_of_normative_documents() -> None:
    previous = clean_report(year=2022)
    previous.t2["art20_1"]["normative_documents"]["in_force"] = 10
    report = clean_report()
    report.t2["art20_1"]["normative_documents"].update({"issued": 3, "repealed": 1, "in_force": 11})

    found = only(validate(report, ValidationOptions(previous=previous)), "W-005")

    assert [f.cell for f in found] == ["T2.art20_1[normative_documents][in_force]"]
    assert "10 + 3 − 1 = 12" in found[0].message


def test_w006_township_reporting_rules_but_only_when_the_kind_is_known() -> None:
    report = clean_report()
    report.t2["art20_1"]["rules"]["issued"] = 1
    report.t2["art20_1"]["rules"]["in_force"] = 1
    unknown = clean_report()
    unknown.agency = "保定市生态环境局"  # 市: level not inferable
    unknown.t2["art20_1"]["rules"]["issued"] = 1

    assert [f.cell for f in only(validate(report), "W-006")] == [
        "T2.art20_1[rules][issued]",
        "T2.art20_1[rules][in_force]",
    ]
    assert only(validate(unknown), "W-006") == []
    assert len(only(validate(unknown, ValidationOptions(body_kind="county_department")), "W-006")) == 1


@pytest.mark.parametrize(
    ("agency", "kind"),
    [
        ("博野县小店镇人民政府", "township"),
        ("成都市武侯区玉林街道办事处", "township"),
        ("杭州市西湖区人民政府", "county_government"),
        ("博野县人民政府办公室", "county_department"),
        ("河北省人民政府", "provincial_government"),
        ("淮安市人民政府", None),  # 地级市 or 县级市: not inferable from the name
        ("上海市人民政府办公厅", None),
        ("平潭综合实验区管理委员会", None),
        (None, None),
    ],
)
def test_body_kind_is_inferred_only_from_unambiguous_names(agency: str | None, kind: str | None) -> None:
    assert infer_body_kind(agency) == kind


def test_uncertain_cells_are_mentioned_in_arithmetic_messages() -> None:
    report = clean_report()
    set_row(report, "new_received", [80, 1, 0, 0, 0, 0])
    report.t3["new_received"]["total"] = 18
    report.uncertain = ["T3[new_received][total]"]

    found = only(validate(report), "T3-001")

    assert "粘连" in found[0].message


def test_expected_fixture_values_pass_the_arithmetic_rules(expected_reports: dict[str, object]) -> None:
    # The published tables of the real reports (expected.json) satisfy every T3/T4 identity.
    for name in ("xiaodian-2023.txt", "pingtan-2021.txt", "huaian-2024.pdf", "shanghai-2019.html"):
        data = json.loads(json.dumps(expected_reports[name]))
        data["T2"] = {}
        report = AnnualReport.from_dict(data)

        errors = [f for f in validate(report) if f.rule.startswith(("T3-", "T4-", "V-"))]

        assert errors == [], name


def test_fixture_paths_exist() -> None:
    assert (REPORTS / "xiaodian-2023.txt").is_file()


def test_w003_is_satisfied_by_a_section_six_that_reports_collected_fees() -> None:
    report = clean_report()
    report.sections["other_matters"] = "2023年，全年收取政府信息公开信息处理费 3940 元。"
    set_row(report, "new_received", [2, 0, 0, 0, 0, 0])
    set_row(report, "other.fee_unpaid", [2, 0, 0, 0, 0, 0])
    set_row(report, "total_processed", [2, 0, 0, 0, 0, 0])

    assert only(validate(report), "W-003") == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_random_valid_reports_have_no_errors_and_every_finding_is_well_formed(report: AnnualReport) -> None:
    # strategies.reports() draws reports that satisfy every arithmetic and structure rule; the validator
    # must agree, and whatever it reports must carry a known rule, a severity and a Chinese message.
    findings = validate(report)

    assert [f for f in findings if f.severity == "error"] == []
    for f in findings:
        assert f.rule in RULES and f.severity in ("error", "warning", "info")
        assert re.search(r"[\u4e00-\u9fff]", f.message)
        assert f.cell is None or re.fullmatch(
            r"T2\.\w+\[\w+\]\[\w+\]|T3\[[\w.]+\]\[\w+\]|T4\[[\w.]+\]|section:\w+", f.cell
        )


@settings(max_examples=100, deadline=None)
@given(reports())
def test_breaking_one_cell_is_caught(report: AnnualReport) -> None:
    report.t3["granted"]["natural_person"] = (report.t3["granted"]["natural_person"] or 0) + 1

    rules = set(rules_of(validate(report)))

    assert {"T3-001", "T3-003"} <= rules
