"""The national annual-report layout, loaded from data/annual-report-format.json (the 2021 format,
国办公开办函〔2021〕30号) plus the 2019 trial format (国办公开办函〔2019〕60号) as plain data.

Everything that knows a label, an id or the order of rows/columns reads it from here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

Edition = Literal["2021", "2019", "pre2019"]
ColumnKind = Literal["integer", "decimal", "signed_integer", "text"]
EDITIONS: tuple[Edition, ...] = ("2021", "2019", "pre2019")

_WS = re.compile(r"\s+")


def normalize_label(text: str) -> str:
    """Return the match key of a label (spec §3.9): NFKC, curly quotes to ", no whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("“", '"').replace("”", '"').replace("\u3000", "")
    return _WS.sub("", text)


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: ColumnKind = "integer"
    variants: tuple[str, ...] = ()

    @property
    def match_keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(normalize_label(x) for x in (self.label, *self.variants)))


@dataclass(frozen=True)
class Row:
    id: str
    label: str
    parent: str | None = None
    has_cells: bool = True
    variants: tuple[str, ...] = ()

    @property
    def match_keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(normalize_label(x) for x in (self.label, *self.variants)))


@dataclass(frozen=True)
class Block:
    """One block of table 二, e.g. 第二十条第（一）项."""

    id: str
    label: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def match_key(self) -> str:
        return normalize_label(self.label)


@dataclass(frozen=True)
class Section:
    id: str
    number: str
    label: str
    aliases: tuple[str, ...]

    @property
    def match_keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(normalize_label(x) for x in (self.label, *self.aliases)))


@dataclass(frozen=True)
class Layout:
    """The tables of one edition."""

    edition: Edition
    t2_blocks: tuple[Block, ...]
    t3_rows: tuple[Row, ...]
    t3_columns: tuple[Column, ...]
    t4_columns: tuple[Column, ...]
    t4_groups: tuple[tuple[str, str], ...] = field(default=())  # (group id, label)

    @property
    def t3_data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.t3_rows if r.has_cells)

    @property
    def outcome_leaves(self) -> tuple[Row, ...]:
        """The rows an application's outcome can be counted in (21 in 2021; 19 in 2019)."""
        skip = {"new_received", "carried_over", "total_processed", "carried_forward"}
        return tuple(r for r in self.t3_data_rows if r.id not in skip)

    def block(self, block_id: str) -> Block:
        for b in self.t2_blocks:
            if b.id == block_id:
                return b
        raise KeyError(block_id)


@cache
def format_spec() -> dict[str, Any]:
    """The raw format JSON (a copy of shared/spec/annual-report-format.json)."""
    text = (
        resources.files("gongkai.core.annual_report")
        .joinpath("data/annual-report-format.json")
        .read_text("utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


def _column(c: dict[str, Any]) -> Column:
    kind: ColumnKind = "decimal" if c.get("type") == "decimal" else "integer"
    return Column(c["id"], c["label"], kind, tuple(c.get("label_variants_seen", ())))


def _row(r: dict[str, Any]) -> Row:
    return Row(
        r["id"],
        r["label"],
        r.get("parent"),
        bool(r.get("has_cells", True)),
        tuple(r.get("label_variants_seen", ())),
    )


@cache
def sections() -> tuple[Section, ...]:
    """The six sections 一…六 in their prescribed order."""
    return tuple(
        Section(s["id"], s["number"], s["label"], tuple(s.get("aliases", ())))
        for s in format_spec()["sections"]
    )


T2_2019_BLOCKS: tuple[Block, ...] = (
    # 2019 trial format (国办公开办函〔2019〕60号), table 二. Ids are ours (docs/report-json.md).
    Block(
        "art20_1",
        "第二十条第（一）项",
        (
            Column("new_made", "本年新制作数量"),
            Column("new_published", "本年新公开数量"),
            Column("total_published", "对外公开总数量"),
        ),
        (Row("rules", "规章"), Row("normative_documents", "规范性文件")),
    ),
    Block(
        "art20_5",
        "第二十条第（五）项",
        (
            Column("previous_items", "上一年项目数量"),
            Column("change", "本年增/减", "signed_integer"),
            Column("decisions", "处理决定数量"),
        ),
        (Row("administrative_licensing", "行政许可"), Row("other_services", "其他对外管理服务事项")),
    ),
    Block(
        "art20_6",
        "第二十条第（六）项",
        (
            Column("previous_items", "上一年项目数量"),
            Column("change", "本年增/减", "signed_integer"),
            Column("decisions", "处理决定数量"),
        ),
        (Row("administrative_penalty", "行政处罚"), Row("administrative_coercion", "行政强制")),
    ),
    Block(
        "art20_8",
        "第二十条第（八）项",
        (Column("previous_items", "上一年项目数量"), Column("change", "本年增/减", "signed_integer")),
        (Row("administrative_fees", "行政事业性收费"),),
    ),
    Block(
        "art20_9",
        "第二十条第（九）项",
        # The amount is kept as printed (units vary between 元 and 万元 in 2019/2020 reports).
        (Column("procurement_items", "采购项目数量"), Column("procurement_amount", "采购总金额", "text")),
        (Row("centralized_procurement", "政府集中采购"),),
    ),
)


@cache
def layout(edition: Edition) -> Layout:
    """The table layout of an edition ("pre2019" reports have no national tables: empty layout)."""
    spec = format_spec()["tables"]
    t3_columns = tuple(_column(c) for c in spec["T3"]["data_columns"])
    t4_columns = tuple(_column(c) for c in spec["T4"]["data_columns"])
    groups = (
        ("review", "行政复议"),
        ("litigation_direct", "未经复议直接起诉"),
        ("litigation_after_review", "复议后起诉"),
    )
    rows_2021 = tuple(_row(r) for r in spec["T3"]["rows"])
    if edition == "2021":
        blocks = tuple(
            Block(
                b["id"],
                b["label"],
                tuple(_column(c) for c in b["columns"]),
                tuple(_row(r) for r in b["rows"]),
            )
            for b in spec["T2"]["blocks"]
        )
        return Layout("2021", blocks, rows_2021, t3_columns, t4_columns, groups)
    if edition == "2019":
        # 2019 trial: （六）其他处理 is a single row with cells (spec §3.8 [U]); otherwise as 2021.
        rows = tuple(
            Row(r.id, r.label, r.parent, True, r.variants) if r.id == "other" else r
            for r in rows_2021
            if not r.id.startswith("other.")
        )
        return Layout("2019", T2_2019_BLOCKS, rows, t3_columns, t4_columns, groups)
    return Layout("pre2019", (), (), (), ())


def edition_for_year(year: int) -> Edition:
    """The edition a report for `year` must use (spec §3.8; rule S-003)."""
    if year >= 2021:
        return "2021"
    if year >= 2019:
        return "2019"
    return "pre2019"
