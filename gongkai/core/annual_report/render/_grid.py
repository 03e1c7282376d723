"""The national tables as grids of cells with their merges — the one place that knows their shape.

Every renderer draws the same grid: HTML keeps the merges (rowspan/colspan) and associates each data cell
with its headers; the text layout prints each row's cells in reading order, as the seed does when a
published table is copied to text; Markdown spreads the merges over the covered grid positions.

Shapes follow the national format (国办公开办函〔2021〕30号; 2019 trial: 国办公开办函〔2019〕60号):
- T2: one table, four blocks (five in 2019); each block is a full-width label row, a header row that
  starts with 「信息内容」, then its rows.
- T3: the note cell 「（本列数据的勾稽关系为：…）」 over three label columns and three header rows;
  「申请人情况」 over all seven data columns, 「法人或其他组织」 over five; row labels in three levels
  (「三、本年度办理结果」 runs down the left of its rows; group labels （三）…（六） run down their leaves).
- T4: 「行政复议」 over five columns, 「行政诉讼」 over ten, split into 「未经复议直接起诉」 and
  「复议后起诉」; one data row of fifteen cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from gongkai.core.annual_report.format import Block, Row, format_spec
from gongkai.core.annual_report.model import AnnualReport, CellValue, t2_ref, t3_ref, t4_ref

Scope = Literal["col", "colgroup", "row", "rowgroup", ""]


@dataclass(frozen=True)
class Cell:
    """One printed cell. `header` cells are <th>; `id`/`headers` tie data cells to their headers."""

    text: str
    header: bool = False
    scope: Scope = ""
    rowspan: int = 1
    colspan: int = 1
    id: str = ""
    headers: tuple[str, ...] = ()
    ref: str = ""  # the cell reference of a data cell (T3[granted][total]), for tools that mark findings
    css: str = ""


@dataclass(frozen=True)
class GridRow:
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Grid:
    """A table: caption, header rows (<thead>) and one or more bodies (<tbody>) of rows."""

    id: str
    caption: str
    width: int
    head: tuple[GridRow, ...] = ()
    bodies: tuple[tuple[GridRow, ...], ...] = field(default=())

    @property
    def rows(self) -> tuple[GridRow, ...]:
        return self.head + tuple(r for body in self.bodies for r in body)


def format_value(value: CellValue) -> str:
    """Print a cell value: integers as digits, the 万元 amount exactly (never through float), None empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _spans(count: int, width: int) -> list[int]:
    """Spread `count` columns over `width` grid columns, the last taking the remainder (as printed tables do)."""
    if count <= 0:
        return []
    base = width // count
    spans = [base] * count
    spans[-1] += width - base * count
    return spans


def _tables() -> dict[str, str]:
    tables = format_spec()["tables"]
    return {
        "T2": str(tables["T2"]["title"]),
        "T3": str(tables["T3"]["title"]),
        "T4": str(tables["T4"]["title"]),
        "T3_note": str(tables["T3"]["header_note"]["label"]),
        "T2_header": str(tables["T2"]["header_cell"]["label"]),
    }


def _group_label(group_id: str) -> str:
    for table in ("T3", "T4"):
        for group in format_spec()["tables"][table]["column_header_groups"]:
            if group["id"] == group_id:
                return str(group["label"])
    raise KeyError(group_id)


# -- T2 ---------------------------------------------------------------------------------------------------


def t2_grid(report: AnnualReport, prefix: str = "") -> Grid:
    lay = report.layout
    width = max(len(b.columns) for b in lay.t2_blocks)
    bodies = tuple(_t2_block(report, b, width, prefix) for b in lay.t2_blocks)
    return Grid(f"{prefix}t2", _tables()["T2"], width + 1, (), bodies)


def _t2_block(report: AnnualReport, block: Block, width: int, prefix: str) -> tuple[GridRow, ...]:
    base = f"{prefix}t2-{block.id}"
    spans = _spans(len(block.columns), width)
    label_row = GridRow((Cell(block.label, True, "colgroup", colspan=width + 1, id=base),))
    header_row = GridRow(
        (
            Cell(_tables()["T2_header"], True, "col", id=f"{base}-head", headers=(base,)),
            *(
                Cell(c.label, True, "col", colspan=s, id=f"{base}-c-{c.id}", headers=(base,))
                for c, s in zip(block.columns, spans, strict=True)
            ),
        )
    )
    values = report.t2.get(block.id, {})
    rows = [label_row, header_row]
    for r in block.rows:
        row_id = f"{base}-r-{r.id}"
        cells = [Cell(r.label, True, "row", id=row_id, headers=(base, f"{base}-head"))]
        for c, s in zip(block.columns, spans, strict=True):
            cells.append(
                Cell(
                    format_value(values.get(r.id, {}).get(c.id)),
                    colspan=s,
                    headers=(base, row_id, f"{base}-c-{c.id}"),
                    ref=t2_ref(block.id, r.id, c.id),
                )
            )
        rows.append(GridRow(tuple(cells)))
    return tuple(rows)


# -- T3 ---------------------------------------------------------------------------------------------------

_T3_LABEL_COLUMNS = 3  # 「三、本年度办理结果」 | （三）不予公开 | 1.属于国家秘密


def t3_grid(report: AnnualReport, prefix: str = "") -> Grid:
    lay = report.layout
    base = f"{prefix}t3"
    columns = lay.t3_columns
    group_of = _t3_column_parent_map()
    applicants = f"{base}-g-applicant_info"
    organisations = f"{base}-g-legal_person_or_org"
    org_columns = [c for c in columns if group_of.get(c.id) == "legal_person_or_org"]
    note = Cell(
        _tables()["T3_note"],
        True,
        "colgroup",
        rowspan=3,
        colspan=_T3_LABEL_COLUMNS,
        id=f"{base}-note",
        css="note",
    )
    first = [
        note,
        Cell(_group_label("applicant_info"), True, "colgroup", colspan=len(columns), id=applicants),
    ]
    second: list[Cell] = []
    third: list[Cell] = []
    org_done = False
    for c in columns:
        cid = f"{base}-c-{c.id}"
        if group_of.get(c.id) == "legal_person_or_org":
            if not org_done:
                second.append(
                    Cell(
                        _group_label("legal_person_or_org"),
                        True,
                        "colgroup",
                        colspan=len(org_columns),
                        id=organisations,
                        headers=(applicants,),
                    )
                )
                org_done = True
            third.append(Cell(c.label, True, "col", id=cid, headers=(applicants, organisations)))
        else:
            second.append(Cell(c.label, True, "col", rowspan=2, id=cid, headers=(applicants,)))
    head = (GridRow(tuple(first)), GridRow(tuple(second)), GridRow(tuple(third)))

    def column_headers(column_id: str) -> tuple[str, ...]:
        if group_of.get(column_id) == "legal_person_or_org":
            return (applicants, organisations, f"{base}-c-{column_id}")
        return (applicants, f"{base}-c-{column_id}")

    children: dict[str | None, list[Row]] = {}
    for r in lay.t3_rows:
        children.setdefault(r.parent, []).append(r)

    def values(row: Row, source: dict[str, dict[str, int | None]]) -> list[Cell]:
        row_values = source.get(row.id, {})
        return [
            Cell(
                format_value(row_values.get(c.id)),
                headers=(*ancestors[row.id], f"{base}-r-{row.id}", *column_headers(c.id)),
                ref=t3_ref(row.id, c.id),
            )
            for c in columns
        ]

    ancestors: dict[str, tuple[str, ...]] = {}

    def lay_out(row: Row, depth: int, above: tuple[str, ...]) -> list[list[Cell]]:
        """Rows of `row`'s subtree; a label starting at grid column `depth` spans to the data columns."""
        ancestors[row.id] = above
        rid = f"{base}-r-{row.id}"
        label_headers = above
        if row.has_cells:
            label = Cell(
                row.label, True, "row", colspan=_T3_LABEL_COLUMNS - depth, id=rid, headers=label_headers
            )
            return [[label, *values(row, report.t3)]]
        kids = children.get(row.id, [])
        if row.id in report.t3_group_values:
            # T3-004: the report prints values on a group header, which the national layout leaves blank.
            # Give the header its own row; its sub-rows then start in the same label column.
            label = Cell(
                row.label, True, "row", colspan=_T3_LABEL_COLUMNS - depth, id=rid, headers=label_headers
            )
            rows = [[label, *values(row, report.t3_group_values)]]
            for kid in kids:
                rows.extend(lay_out(kid, depth, (*above, rid)))
            return rows
        rows = []
        for kid in kids:
            rows.extend(lay_out(kid, depth + 1, (*above, rid)))
        if not rows:
            return [[Cell(row.label, True, "row", colspan=_T3_LABEL_COLUMNS - depth, id=rid)]]
        css = "vertical" if depth == 0 else ""
        group = Cell(row.label, True, "rowgroup", rowspan=len(rows), id=rid, headers=label_headers, css=css)
        rows[0].insert(0, group)
        return rows

    body: list[GridRow] = []
    for top in children.get(None, []):
        body.extend(GridRow(tuple(cells)) for cells in lay_out(top, 0, ()))
    return Grid(base, _tables()["T3"], _T3_LABEL_COLUMNS + len(columns), head, (tuple(body),))


def _t3_column_parent_map() -> dict[str, str | None]:
    return {c["id"]: c.get("parent") for c in format_spec()["tables"]["T3"]["data_columns"]}


# -- T4 ---------------------------------------------------------------------------------------------------


def t4_grid(report: AnnualReport, prefix: str = "") -> Grid:
    lay = report.layout
    base = f"{prefix}t4"
    groups = (
        lay.t4_groups
    )  # (("review", "行政复议"), ("litigation_direct", …), ("litigation_after_review", …))
    by_group: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for c in lay.t4_columns:
        by_group.setdefault(c.id.split(".", 1)[0], []).append(c.id)
        labels[c.id] = c.label
    review_id, review_label = groups[0]
    litigation = f"{base}-g-litigation"
    litigation_width = sum(len(by_group[g]) for g, _ in groups[1:])

    def gid(group: str) -> str:
        return f"{base}-g-{group}"

    first = (
        Cell(review_label, True, "colgroup", colspan=len(by_group[review_id]), id=gid(review_id)),
        Cell(_group_label("litigation"), True, "colgroup", colspan=litigation_width, id=litigation),
    )
    second: list[Cell] = [
        Cell(labels[c], True, "col", rowspan=2, id=f"{base}-c-{c}", headers=(gid(review_id),))
        for c in by_group[review_id]
    ]
    third: list[Cell] = []
    for group, label in groups[1:]:
        second.append(
            Cell(label, True, "colgroup", colspan=len(by_group[group]), id=gid(group), headers=(litigation,))
        )
        third.extend(
            Cell(labels[c], True, "col", id=f"{base}-c-{c}", headers=(litigation, gid(group)))
            for c in by_group[group]
        )
    data: list[Cell] = []
    for c in lay.t4_columns:
        group = c.id.split(".", 1)[0]
        outer = (gid(group),) if group == review_id else (litigation, gid(group))
        data.append(
            Cell(format_value(report.t4.get(c.id)), headers=(*outer, f"{base}-c-{c.id}"), ref=t4_ref(c.id))
        )
    head = (GridRow(first), GridRow(tuple(second)), GridRow(tuple(third)))
    return Grid(base, _tables()["T4"], len(lay.t4_columns), head, ((GridRow(tuple(data)),),))


# -- placement ----------------------------------------------------------------------------------------------


def placed(grid: Grid) -> list[list[tuple[Cell, bool] | None]]:
    """Spread the grid's merges: each position holds (cell, is_origin), or None where no cell was printed."""
    rows = grid.rows
    matrix: list[list[tuple[Cell, bool] | None]] = [[None] * grid.width for _ in rows]
    for y, row in enumerate(rows):
        x = 0
        for cell in row.cells:
            while x < grid.width and matrix[y][x] is not None:
                x += 1
            for dy in range(cell.rowspan):
                for dx in range(cell.colspan):
                    if y + dy < len(rows) and x + dx < grid.width:
                        matrix[y + dy][x + dx] = (cell, dy == 0 and dx == 0)
            x += cell.colspan
    return matrix
