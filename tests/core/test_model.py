from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.core.annual_report.format import layout, normalize_label
from gongkai.core.annual_report.model import AnnualReport, ReportError


def test_the_2021_layout_has_the_statutory_cell_counts() -> None:
    lay = layout("2021")

    assert len(lay.t3_data_rows) == 25  # S-004: 21 leaves + 总计 + 新收 + 上年结转 + 结转下年度
    assert len(lay.t3_columns) == 7
    assert len(lay.outcome_leaves) == 21
    assert sum(len(b.rows) * len(b.columns) for b in lay.t2_blocks) == 10  # S-005
    assert len(lay.t4_columns) == 15  # S-006


def test_the_2019_layout_has_a_single_other_row_and_a_procurement_block() -> None:
    lay = layout("2019")

    assert "other" in {r.id for r in lay.t3_data_rows}
    assert not any(r.id.startswith("other.") for r in lay.t3_rows)
    assert lay.block("art20_9").rows[0].label == "政府集中采购"


def test_labels_normalise_as_the_spec_says() -> None:
    assert normalize_label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == (
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"
    )
    assert normalize_label("3.危及“三安全一稳定”") == '3.危及"三安全一稳定"'
    assert normalize_label("商业\n 企业") == "商业企业"


def test_json_form_round_trips_and_keeps_the_fee_amount_as_a_decimal_string() -> None:
    report = AnnualReport.blank("2021")
    report.t2["art20_8"]["administrative_fees"]["fee_amount"] = Decimal("24252.311082")
    report.t3["granted"]["total"] = None

    data = report.to_dict()

    assert data["T2"]["art20_8"]["administrative_fees"]["fee_amount"] == "24252.311082"
    assert data["T3"]["granted"]["total"] is None
    assert AnnualReport.from_dict(data) == report


def test_from_dict_refuses_a_wrong_shape_with_a_chinese_message() -> None:
    with pytest.raises(ReportError, match="不是整数"):
        AnnualReport.from_dict({"edition": "2021", "T3": {"granted": {"total": "五"}}})
