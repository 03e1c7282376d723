"""parse(render(report, F)) == report for every text format F and both editions (issue #2, item 7)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.annual_report.format import Edition
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.parse import parse_bytes
from gongkai.core.annual_report.render import render
from tests.conftest import REPORTS
from tests.core.annual_report.strategies import reports

FORMATS = ("txt", "md", "html", "json")
EDITIONS: tuple[Edition, ...] = ("2021", "2019")


def _round_trip(report: AnnualReport, fmt: str) -> AnnualReport:
    out = render(report, fmt)
    assert isinstance(out, str)
    return parse_bytes(out.encode("utf-8"), f"report.{fmt}")


def _assert_same(parsed: AnnualReport, report: AnnualReport) -> None:
    # Compare field by field first, so a failure names the field that differs.
    for field in dataclasses.fields(AnnualReport):
        assert getattr(parsed, field.name) == getattr(report, field.name), field.name
    assert parsed == report


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_random_valid_report_survives_rendering_and_parsing(fmt: str, edition: Edition) -> None:
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(reports(edition))
    def round_trip(report: AnnualReport) -> None:
        _assert_same(_round_trip(report, fmt), report)

    round_trip()


@st.composite
def _with_printed_empty_cells(draw: st.DrawFn, edition: Edition) -> AnnualReport:
    """A valid report in which a few cells are printed empty (W-001), e.g. shanghai-2019.html's 总计 cells."""
    report = draw(reports(edition))
    refs: list[tuple[str, ...]] = [("t4", c) for c in report.t4]
    refs += [("t3", r, c) for r, cells in report.t3.items() for c in cells]
    refs += [("t2", b, r, c) for b, rows in report.t2.items() for r, cells in rows.items() for c in cells]
    for ref in draw(st.lists(st.sampled_from(refs), min_size=1, max_size=6, unique=True)):
        if ref[0] == "t2":
            report.t2[ref[1]][ref[2]][ref[3]] = None
        elif ref[0] == "t3":
            report.t3[ref[1]][ref[2]] = None
        else:
            report.t4[ref[1]] = None
    return report


@st.composite
def _with_group_values(draw: st.DrawFn, edition: Edition) -> AnnualReport:
    """A valid report that also prints values on group headers （三）…（六） (T3-004 holds)."""
    report = draw(reports(edition))
    groups = ["withheld", "unable", "not_processed"] + (["other"] if edition == "2021" else [])
    for group in draw(st.lists(st.sampled_from(groups), min_size=1, unique=True)):
        leaves = [cells for row, cells in report.t3.items() if row.startswith(group + ".")]
        report.t3_group_values[group] = {
            c: sum(cells[c] or 0 for cells in leaves) for c in report.t3["granted"]
        }
    return report


@st.composite
def _with_markup_characters(draw: st.DrawFn, edition: Edition) -> AnnualReport:
    report = draw(reports(edition))
    line = draw(st.sampled_from(("我们<b>&amp;加强。", "我们 5 > 3 & 2 < 4。", "我们“<script>”。")))
    report.sections["overview"] += "\n" + line
    return report


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("fmt", ("txt", "md", "html"))
@pytest.mark.parametrize("variant", (_with_printed_empty_cells, _with_group_values, _with_markup_characters))
def test_empty_cells_group_values_and_markup_characters_survive(
    fmt: str, edition: Edition, variant: Callable[[Edition], st.SearchStrategy[AnnualReport]]
) -> None:
    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(variant(edition))
    def round_trip(report: AnnualReport) -> None:
        _assert_same(_round_trip(report, fmt), report)

    round_trip()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_seed_is_a_fixed_point_of_render_then_parse(fmt: str) -> None:
    # The seed has no title line of its own; every rendering prints one, so the title is set on the first
    # pass and must not change after that.
    seed = parse_bytes((REPORTS / "xiaodian-2023.txt").read_bytes(), "xiaodian-2023.txt")
    once = _round_trip(seed, fmt)

    twice = _round_trip(once, fmt)

    _assert_same(twice, once)
    assert dataclasses.replace(once, title=seed.title) == seed
