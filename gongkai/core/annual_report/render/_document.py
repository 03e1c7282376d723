"""The canonical order of a rendered report, shared by every format (the parsers read exactly this).

1. the title: the report's own title, else 「{agency}{year}年政府信息公开工作年度报告」 with what is known;
2. the preamble paragraphs;
3. for each section (the report's order, else 一…六): its canonical heading, its paragraphs, and for
   二/三/四 the national table of the report's edition;
4. after the last section, the issuing body and the date 「{YYYY}年{M}月{D}日」 (each only when known).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from gongkai.core.annual_report.format import sections
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.render._grid import Grid, t2_grid, t3_grid, t4_grid

PartKind = Literal["title", "paragraph", "heading", "table", "signature", "date"]

TITLE_SUFFIX = "政府信息公开工作年度报告"


@dataclass(frozen=True)
class Part:
    kind: PartKind
    text: str = ""
    grid: Grid | None = None
    section_id: str = ""


def title_of(report: AnnualReport) -> str:
    if report.title:
        return report.title
    year = f"{report.year}年" if report.year is not None else ""
    return f"{report.agency or ''}{year}{TITLE_SUFFIX}"


def date_text(on: date) -> str:
    """The date as reports print it under the signature: 2024年1月31日 (no leading zeros)."""
    return f"{on.year}年{on.month}月{on.day}日"


def paragraphs(text: str) -> list[str]:
    return text.split("\n") if text else []


def parts(report: AnnualReport, prefix: str = "") -> list[Part]:
    """The report as an ordered list of parts; each renderer only decides how a part looks."""
    known = {s.id: s for s in sections()}
    order = [s for s in report.section_order if s in known] or [s.id for s in sections()]
    tables = {
        "proactive_disclosure": t2_grid,
        "applications": t3_grid,
        "review_litigation": t4_grid,
    }
    # pre-2019 reports have no national tables (spec §3.8): their sections are printed as text only.
    has_tables = bool(report.layout.t3_rows)
    out = [Part("title", title_of(report))]
    out.extend(Part("paragraph", p) for p in paragraphs(report.preamble))
    for section_id in order:
        out.append(Part("heading", known[section_id].label, section_id=section_id))
        out.extend(
            Part("paragraph", p, section_id=section_id)
            for p in paragraphs(report.sections.get(section_id, ""))
        )
        if has_tables and section_id in tables:
            out.append(Part("table", grid=tables[section_id](report, prefix), section_id=section_id))
    if report.agency:
        out.append(Part("signature", report.agency))
    if report.published_on:
        out.append(Part("date", date_text(report.published_on)))
    return out
