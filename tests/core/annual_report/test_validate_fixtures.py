"""The validator on the real published reports, read by the real parsers (../shared/fixtures/reports)."""

from __future__ import annotations

from gongkai.core.annual_report.parse import parse_file
from gongkai.core.annual_report.validate import validate
from tests.conftest import REPORTS


def summary(name: str) -> list[tuple[str, str, str | None]]:
    return [(f.rule, f.severity, f.cell) for f in validate(parse_file(REPORTS / name))]


def test_the_seed_has_exactly_the_two_known_warnings() -> None:
    assert summary("xiaodian-2023.txt") == [
        ("M-004", "warning", "section:overview"),
        ("M-012", "warning", "section:overview"),
    ]


def test_shanghai_2019_empty_cells_and_narrative_mismatches() -> None:
    found = summary("shanghai-2019.html")

    assert [f for f in found if f[1] == "error"] == []
    assert ("W-001", "warning", "T3[new_received][research]") in found
    assert ("W-001", "warning", "T4[review.corrected]") in found
    assert sorted(f[2] or "" for f in found if f[0] == "M-009") == [
        "T3[granted][total]",
        "T3[unable.not_held][total]",
    ]


def test_pingtan_2021_has_no_errors() -> None:
    found = summary("pingtan-2021.txt")

    assert [f for f in found if f[1] == "error"] == []
    # 24252.311082 万元 has 6 decimals: spec §4.2 W-002 asks a human to confirm the unit.
    assert ("W-002", "warning", "T2.art20_8[administrative_fees][fee_amount]") in found


def test_huaian_2024_has_no_errors_and_the_2024_litigation_reminder() -> None:
    found = summary("huaian-2024.pdf")

    assert [f for f in found if f[1] == "error"] == []
    assert ("W-009", "info", "T4[litigation_direct.total]") in found
