"""The annual report as data: both editions, ids exactly as in annual-report-format.json.

A cell value is an `int` (counts), a `Decimal` (the 第二十条第（八）项 amount, in 万元), a `str`
(the 2019 procurement amount, kept as printed) or `None` — the report prints the cell empty.
The JSON form (`to_dict` / `from_dict`) is the contract of `gongkai report parse --json`,
documented in docs/report-json.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from gongkai.core.annual_report.format import EDITIONS, Edition, Layout, layout, sections

CellValue = int | Decimal | str | None
T2Table = dict[str, dict[str, dict[str, CellValue]]]  # block id -> row id -> column id -> value
T3Table = dict[str, dict[str, int | None]]  # row id -> column id -> value
T4Table = dict[str, int | None]  # column id ("review.upheld") -> value


class ReportError(ValueError):
    """The documented error of every parser: the input is not a readable annual report.

    `message` is one line in Chinese for the user (the CLI prints it and exits 2).
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class AnnualReport:
    """One 政府信息公开工作年度报告."""

    edition: Edition | None = None
    year: int | None = None
    agency: str | None = None
    published_on: date | None = None
    title: str | None = None
    # Stated statistics period (M-001), if the text states one.
    period_start: date | None = None
    period_end: date | None = None
    t2: T2Table = field(default_factory=dict)
    t3: T3Table = field(default_factory=dict)
    t4: T4Table = field(default_factory=dict)
    # Narrative: section id (format.sections()) -> text below its heading, without the heading.
    sections: dict[str, str] = field(default_factory=dict)
    # Section ids in the order the report prints them (S-002); equals list(sections) for rendered reports.
    section_order: list[str] = field(default_factory=list)
    # Text before section 一 (title block, preamble).
    preamble: str = ""
    # Values printed on T3 group-header rows (（三）（四）（五）（六）), which the official layout leaves blank (T3-004).
    t3_group_values: T3Table = field(default_factory=dict)
    # Cells whose value the parser could not read with certainty (e.g. glued digits with several splits).
    uncertain: list[str] = field(default_factory=list)

    @property
    def layout(self) -> Layout:
        return layout(self.edition or "2021")

    @property
    def text(self) -> str:
        """All narrative text, preamble first, in printed order."""
        return "\n".join([self.preamble, *(self.sections.get(s, "") for s in self.section_order)])

    def section_text(self, section_id: str) -> str:
        return self.sections.get(section_id, "")

    @classmethod
    def blank(cls, edition: Edition = "2021", value: int | None = 0) -> AnnualReport:
        """Return a report with every cell of the edition's tables set to `value` (0 or None)."""
        lay = layout(edition)
        t2: T2Table = {}
        for b in lay.t2_blocks:
            t2[b.id] = {}
            for r in b.rows:
                t2[b.id][r.id] = {}
                for c in b.columns:
                    v: CellValue = value
                    if value is not None and c.kind == "decimal":
                        v = Decimal(value)
                    elif value is not None and c.kind == "text":
                        v = str(value)
                    t2[b.id][r.id][c.id] = v
        t3 = {r.id: {c.id: value for c in lay.t3_columns} for r in lay.t3_data_rows}
        t4 = {c.id: value for c in lay.t4_columns}
        return cls(edition=edition, t2=t2, t3=t3, t4=t4)

    # -- JSON contract ---------------------------------------------------------------------------------

    def to_dict(self, findings: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Return the report in the JSON schema of docs/report-json.md."""
        return {
            "edition": self.edition,
            "year": self.year,
            "agency": self.agency,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "title": self.title,
            "period": (
                [self.period_start.isoformat(), self.period_end.isoformat()]
                if self.period_start and self.period_end
                else None
            ),
            "T2": {
                b: {r: {c: _json_value(v) for c, v in cols.items()} for r, cols in rows.items()}
                for b, rows in self.t2.items()
            },
            "T3": {r: dict(cols) for r, cols in self.t3.items()},
            "T3_group_values": {r: dict(cols) for r, cols in self.t3_group_values.items()},
            "T4": dict(self.t4),
            "sections": {s: self.sections[s] for s in self.section_order if s in self.sections},
            "section_order": list(self.section_order),
            "preamble": self.preamble,
            "findings": findings if findings is not None else [],
            "uncertain": list(self.uncertain),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnnualReport:
        """Build a report from its JSON form; raise ReportError when the shape is wrong."""
        try:
            edition = data.get("edition")
            if edition is not None and edition not in EDITIONS:
                raise ReportError(f"未知的年报格式版本：{edition}")
            lay = layout(edition or "2021")
            kinds = {(b.id, c.id): c.kind for b in lay.t2_blocks for c in b.columns}
            t2: T2Table = {
                b: {
                    r: {c: _from_json_value(v, kinds.get((b, c), "integer")) for c, v in cols.items()}
                    for r, cols in rows.items()
                }
                for b, rows in (data.get("T2") or {}).items()
            }
            period = data.get("period")
            known = {s.id for s in sections()}
            sec = {k: str(v) for k, v in (data.get("sections") or {}).items() if k in known}
            order = [s for s in (data.get("section_order") or list(sec)) if s in known]
            return cls(
                edition=edition,
                year=int(data["year"]) if data.get("year") is not None else None,
                agency=data.get("agency"),
                published_on=date.fromisoformat(data["published_on"]) if data.get("published_on") else None,
                title=data.get("title"),
                period_start=date.fromisoformat(period[0]) if period else None,
                period_end=date.fromisoformat(period[1]) if period else None,
                t2=t2,
                t3={
                    r: {c: _int_or_none(v) for c, v in cols.items()}
                    for r, cols in (data.get("T3") or {}).items()
                },
                t4={c: _int_or_none(v) for c, v in (data.get("T4") or {}).items()},
                sections=sec,
                section_order=order,
                preamble=str(data.get("preamble") or ""),
                t3_group_values={
                    r: {c: _int_or_none(v) for c, v in cols.items()}
                    for r, cols in (data.get("T3_group_values") or {}).items()
                },
                uncertain=[str(u) for u in data.get("uncertain") or []],
            )
        except ReportError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise ReportError(f"JSON 内容不是 gongkai 年报格式：{exc}") from exc


def _json_value(v: CellValue) -> int | str | None:
    if isinstance(v, Decimal):
        return format(v, "f")
    return v


def _from_json_value(v: Any, kind: str) -> CellValue:
    if v is None:
        return None
    if kind == "decimal":
        return Decimal(str(v))
    if kind == "text":
        return str(v)
    return _int_or_none(v)


def _int_or_none(v: Any) -> int | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int):
        raise ValueError(f"不是整数：{v!r}")
    return v


def t2_ref(block: str, row: str, column: str) -> str:
    return f"T2.{block}[{row}][{column}]"


def t3_ref(row: str, column: str) -> str:
    return f"T3[{row}][{column}]"


def t4_ref(column: str) -> str:
    return f"T4[{column}]"
