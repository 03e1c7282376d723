"""Read the three national tables (T2, T3, T4) from table grids or flattened text.

Every source (HTML/DOCX/PDF grids, the seed's `|` text, crawler text with glued cells) is reduced to one
token stream per table: labels (row and block labels of the format, matched after normalisation, spec §3.9),
values (numbers, printed-empty cells) and other text. Rows are then found by their labels in the order the
format prescribes, so it does not matter how the labels were spread over cells, lines or rows, whether a
side label such as 「三、本年度办理结果」 spans rows, or whether numbering reads 「1、」 instead of 「1.」.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Literal

from gongkai.core.annual_report.format import Block, Edition, layout, normalize_label
from gongkai.core.annual_report.model import (
    CellValue,
    ReportError,
    T2Table,
    T3Table,
    T4Table,
    t2_ref,
    t3_ref,
    t4_ref,
)
from gongkai.core.annual_report.parse import glued

Kind = Literal["label", "value", "text"]


@dataclass(frozen=True)
class Tok:
    kind: Kind
    key: str  # label id, or the normalised text of a value/text token
    row: int  # running row number in the stream (values belong to the label on their row)
    raw: str = ""  # a value cell's text as printed (kept for text columns)


# A printed-empty cell: nothing, or a placeholder (W-001 reports them; the value is None).
PLACEHOLDERS = frozenset({"", "-", "--", "—", "——", "–", "/", "无", "\\", "―", "/-"})
_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNIT = r"(?:万元|元|件|个|项|条|次)?"
_VALUE_CELL = re.compile(rf"{_NUMBER}{_UNIT}")
_GAP_VALUE = re.compile(r"(?P<num>[+-]?\d+(?:\.\d+)?(?:万元|元)?)|(?P<ph>——|—|/)")
_DIGITS_GAP = re.compile(r"(?<=\d)\s+(?=[\d+-])")
_SPACE = re.compile(r"\s+")
_NUMBERING = re.compile(r"^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+[,.]|\d+[.,])")


_QUOTES = str.maketrans({"“": None, "”": None, '"': None, "‘": None, "’": None, "'": None, "、": ","})


def norm(text: str) -> str:
    """Normalise cell text (spec §3.9) but keep a cell boundary where whitespace separated two numbers.

    Quotes are dropped and 「、」 becomes 「,」 (labels are printed with either), so 「3.危及“三安全一稳定”」
    and 「1、申请人…，行政机关…」 compare equal to the format's labels.
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _DIGITS_GAP.sub("|", text)
    return _SPACE.sub("", text)


def is_value_cell(text: str) -> bool:
    return text in PLACEHOLDERS or _VALUE_CELL.fullmatch(text) is not None


# -- label patterns -----------------------------------------------------------------------------------


def _numbering_pattern(prefix: str) -> str:
    if prefix.startswith("("):
        return r"\(" + re.escape(prefix[1:-1]) + r"\)"
    return re.escape(prefix[:-1]) + r"[,.]?"


def _core_pattern(core: str, others: Iterable[str]) -> str:
    """The label's core text; only a distinctive prefix is required, so a label wrapped or cut inside a
    cell (「1.申请人无正当理由逾期」 … 「不补正、…」) is still recognised."""
    others = [o for o in others if o != core]
    length = min(len(core), 4)
    while length < len(core) and any(o.startswith(core[:length]) for o in others):
        length += 1
    head, tail = core[:length], core[length:]
    # A trailing parenthetical (「（区分处理的，…）」) is often left out.
    pattern = re.escape(head)
    if tail:
        pattern += "(?:" + re.escape(tail) + ")?"
    return pattern


def _split_label(label: str) -> tuple[str, str]:
    key = norm(label)
    m = _NUMBERING.match(key)
    if not m:
        return "", key
    return m.group(1), key[m.end() :]


@dataclass(frozen=True)
class LabelSet:
    regex: re.Pattern[str]
    keys: tuple[str, ...]  # group index - 1 -> label id

    def segment(self, text: str, row: int, out: list[Tok]) -> None:
        """Append the tokens of a normalised text run (labels, values, placeholders, other text)."""
        pos = 0
        for m in self.regex.finditer(text):
            if m.start() > pos:
                _gap(text[pos : m.start()], row, out)
            out.append(Tok("label", self.keys[(m.lastindex or 1) - 1], row))
            pos = m.end()
        if pos < len(text):
            _gap(text[pos:], row, out)


def _gap(text: str, row: int, out: list[Tok]) -> None:
    pos = 0
    for m in _GAP_VALUE.finditer(text):
        if m.start() > pos:
            _text(text[pos : m.start()], row, out)
        value = m.group(0)
        out.append(Tok("value", value, row, value))
        pos = m.end()
    if pos < len(text):
        _text(text[pos:], row, out)


def _text(text: str, row: int, out: list[Tok]) -> None:
    text = text.strip("|")
    if text:
        out.append(Tok("text", text, row))


def _label_set(entries: Sequence[tuple[str, str, bool]]) -> LabelSet:
    """entries: (label id, printed label, numbering required)."""
    split = [(key, *_split_label(label), required) for key, label, required in entries]
    patterns: list[tuple[int, str, str]] = []
    for key, prefix, core, required in split:
        pattern = _core_pattern(core, [c for k, _, c, _ in split if k != key])
        if prefix:
            numbering = _numbering_pattern(prefix)
            # A two-character core such as 「其他」 also names a column: only the numbered form is a row.
            pattern = f"{numbering}{pattern}" if required or len(core) <= 2 else f"(?:{numbering})?{pattern}"
        patterns.append((len(core), key, pattern))
    # Longest labels first: 「行政规范性文件」 before 「规范性文件」.
    patterns.sort(key=lambda p: -p[0])
    regex = re.compile("|".join(f"({p})" for _, _, p in patterns))
    return LabelSet(regex, tuple(k for _, k, _ in patterns))


@cache
def t3_labels() -> LabelSet:
    rows = {r.id: r for ed in ("2021", "2019") for r in layout(ed).t3_rows}
    return _label_set([(r.id, label, False) for r in rows.values() for label in (r.label, *r.variants)])


@cache
def t2_labels() -> LabelSet:
    entries: list[tuple[str, str, bool]] = []
    seen: set[str] = set()
    for ed in ("2021", "2019"):
        for b in layout(ed).t2_blocks:
            if f"block:{b.id}" not in seen:
                entries.append((f"block:{b.id}", b.label, False))
                seen.add(f"block:{b.id}")
            for r in b.rows:
                key = f"row:{r.id}:{normalize_label(r.label)}"
                if key not in seen:
                    entries.append((key, r.label, False))
                    seen.add(key)
            for c in b.columns:
                for label in (c.label, *c.variants):
                    key = f"col:{ed}:{normalize_label(label)}"
                    if key not in seen:
                        entries.append((key, label, False))
                        seen.add(key)
    entries.append(("header", "信息内容", False))
    return _label_set(entries)


# -- token streams --------------------------------------------------------------------------------------


def stream(grids: Iterable[Sequence[Sequence[str | None]]], labels: LabelSet) -> list[Tok]:
    """Tokens of the grids in reading order; adjacent text cells are joined so split labels match."""
    out: list[Tok] = []
    row_no = 0
    for grid in grids:
        for row in grid:
            run: list[str] = []
            for cell in row:
                if cell is None:
                    continue
                n = norm(cell)
                if is_value_cell(n):
                    if run:
                        labels.segment("".join(run), row_no, out)
                        run = []
                    out.append(Tok("value", n, row_no, cell.strip()))
                else:
                    run.append(n)
            if run:
                labels.segment("".join(run), row_no, out)
            row_no += 1
    return out


def _collect(toks: Sequence[Tok], at: int, extra_text: bool = False) -> list[Tok]:
    """Values printed for the label at `at`: those on its row; if none, those on the next rows up to the
    next label (a PDF may print a wrapped label's numbers on the following line)."""
    row = toks[at].row
    same: list[Tok] = []
    later: list[Tok] = []
    for t in toks[at + 1 :]:
        if t.kind == "label":
            break
        if t.kind == "text" and not extra_text:
            continue
        (same if t.row == row else later).append(t)
    return same or later


def _trim(vals: list[Tok], width: int) -> tuple[list[Tok], bool]:
    """Drop surplus printed-empty cells (layout artefacts); report whether the row was still too long."""
    vals = list(vals)
    while len(vals) > width and vals[-1].key in PLACEHOLDERS:
        vals.pop()
    while len(vals) > width and vals[0].key in PLACEHOLDERS:
        vals.pop(0)
    if len(vals) > width:
        return vals[:width], True
    return vals, False


def _chunks(vals: Sequence[Tok]) -> list[str] | None:
    """The glued digit runs of a short row, or None if the row is not a run of bare digits."""
    pieces: list[str] = []
    for v in vals:
        pieces.extend(p for p in v.key.split("|") if p)
    if pieces and all(p.isascii() and p.isdigit() for p in pieces):
        return pieces
    return None


def to_int(text: str) -> int | None:
    """A count cell: digits (thousands separators and a unit allowed); None when printed empty."""
    if text in PLACEHOLDERS:
        return None
    m = re.fullmatch(rf"({_NUMBER}){_UNIT}", text)
    if not m:
        raise ValueError(text)
    number = m.group(1).replace(",", "")
    if "." in number:
        d = Decimal(number)
        if d != d.to_integral_value():
            raise ValueError(text)
        return int(d)
    return int(number)


def to_value(tok: Tok, kind: str) -> CellValue:
    text = tok.key
    if text in PLACEHOLDERS:
        return None
    if kind == "text":
        return tok.raw or text
    if kind == "decimal":
        m = re.fullmatch(rf"({_NUMBER}){_UNIT}", text)
        if not m:
            raise ValueError(text)
        try:
            return Decimal(m.group(1).replace(",", ""))
        except InvalidOperation as exc:
            raise ValueError(text) from exc
    return to_int(text)


# -- T3 ---------------------------------------------------------------------------------------------------


@dataclass
class T3Result:
    edition: Edition
    table: T3Table
    group_values: T3Table
    uncertain: list[str] = field(default_factory=list)


def read_t3(toks: Sequence[Tok], year: int | None) -> T3Result | None:
    """Read T3; None when there is no T3 (no 「本年新收」 row); ReportError when it is cut off."""
    keys = [t.key for t in toks if t.kind == "label"]
    if "new_received" not in keys:
        return None
    start = next(i for i, t in enumerate(toks) if t.kind == "label" and t.key == "new_received")
    # spec §3.8 step 2: the 2021 edition splits （六）其他处理 into three sub-rows.
    edition: Edition
    if any(k.startswith("other.") for k in keys):
        edition = "2021"
    elif "other" in keys:
        edition = "2019"
    else:
        edition = "2019" if year in (2019, 2020) else "2021"
    lay = layout(edition)
    columns = [c.id for c in lay.t3_columns]
    width = len(columns)
    table: T3Table = {}
    group_values: T3Table = {}
    uncertain: list[str] = []
    fixed: dict[str, list[int | None]] = {}
    glued_rows: dict[str, list[str]] = {}
    last_found = ""
    pos = start
    for row in lay.t3_rows:
        at = next(
            (i for i in range(pos, len(toks)) if toks[i].kind == "label" and toks[i].key == row.id), None
        )
        if at is None:
            continue
        pos = at + 1
        vals = _collect(toks, at)
        if not row.has_cells:
            if any(v.key not in PLACEHOLDERS for v in vals):
                values, unsure = _row_values(vals, width)
                if values is not None:
                    group_values[row.id] = dict(zip(columns, values, strict=True))
                    uncertain.extend(t3_ref(row.id, columns[i]) for i in sorted(unsure))
            continue
        last_found = row.id
        if not vals and row.id == lay.t3_data_rows[-1].id:
            raise ReportError(
                f"表格不完整：表三（收到和处理政府信息公开申请情况）的「{row.label}」一行没有数值。"
            )
        if len(vals) < width and (chunks := _chunks(vals)) is not None:
            glued_rows[row.id] = chunks
            continue
        values, unsure = _row_values(vals, width)
        if values is None:
            values = [None] * width
            unsure = set(range(width))
        fixed[row.id] = values
        table[row.id] = dict(zip(columns, values, strict=True))
        uncertain.extend(t3_ref(row.id, columns[i]) for i in sorted(unsure))
    if last_found != lay.t3_data_rows[-1].id:
        after = _label_of(lay.t3_rows, last_found) if last_found else "表头"
        raise ReportError(
            f"表格不完整：表三（收到和处理政府信息公开申请情况）在「{after}」之后中断，缺少后面的行。"
        )
    if glued_rows:
        leaves = [r.id for r in lay.outcome_leaves]
        solution = glued.solve_t3(fixed, glued_rows, leaves, width)
        for row_id in glued_rows:
            cut = solution.values.get(row_id)
            values_: list[int | None] = list(cut) if cut is not None else [None] * width
            table[row_id] = dict(zip(columns, values_, strict=True))
            unsure = solution.uncertain.get(row_id, set()) if cut is not None else set(range(width))
            uncertain.extend(t3_ref(row_id, columns[i]) for i in sorted(unsure))
    # Keep the format's row order (the validator and renderers iterate it).
    ordered = {r.id: table[r.id] for r in lay.t3_data_rows if r.id in table}
    return T3Result(edition, ordered, group_values, uncertain)


def _label_of(rows: Iterable[object], row_id: str) -> str:
    for r in rows:
        if getattr(r, "id", None) == row_id:
            return str(getattr(r, "label", row_id))
    return row_id


def _row_values(vals: list[Tok], width: int) -> tuple[list[int | None] | None, set[int]]:
    """Integer values of a row; the set holds positions that are not certain."""
    unsure: set[int] = set()
    if len(vals) < width:
        chunks = _chunks(vals)
        if chunks is not None:
            cut, unsure = glued.solve_plain(chunks, width)
            if cut is None:
                return None, set(range(width))
            return list(cut), unsure
        unsure = set(range(len(vals), width))
    vals, too_long = _trim(vals, width)
    if too_long:
        unsure = set(range(width))
    out: list[int | None] = []
    for i in range(width):
        if i >= len(vals):
            out.append(None)
            continue
        try:
            out.append(to_int(vals[i].key))
        except (ValueError, ArithmeticError):
            out.append(None)
            unsure.add(i)
    return out, unsure


# -- T4 ---------------------------------------------------------------------------------------------------


def read_t4(toks: Sequence[Tok]) -> tuple[T4Table, list[str]] | None:
    """Read T4's one data row of 15 cells: the values after the last header text."""
    columns = [c.id for c in layout("2021").t4_columns]
    width = len(columns)
    last_text = max((i for i, t in enumerate(toks) if t.kind != "value"), default=-1)
    if last_text < 0:
        return None
    vals = [t for t in toks[last_text + 1 :] if t.kind == "value"]
    if not vals:
        raise ReportError("表格不完整：表四（行政复议、行政诉讼情况）只有表头，没有数值。")
    uncertain: list[str] = []
    if len(vals) < width:
        chunks = _chunks(vals)
        if chunks is None:
            raise ReportError(
                f"表格不完整：表四（行政复议、行政诉讼情况）只有 {len(vals)} 个数值，应为 {width} 个。"
            )
        cut, unsure = glued.solve_t4(chunks, width)
        if cut is None:
            raise ReportError(
                f"表格不完整：表四（行政复议、行政诉讼情况）的数字「{''.join(chunks)}」无法拆成 {width} 个单元格。"
            )
        uncertain = [t4_ref(columns[i]) for i in sorted(unsure)]
        return dict(zip(columns, cut, strict=True)), uncertain
    vals, too_long = _trim(vals, width)
    table: T4Table = {}
    for i, c in enumerate(columns):
        try:
            table[c] = to_int(vals[i].key)
        except (ValueError, ArithmeticError):
            table[c] = None
            uncertain.append(t4_ref(c))
    if too_long:
        uncertain = [t4_ref(c) for c in columns]
    return table, uncertain


# -- T2 ---------------------------------------------------------------------------------------------------


def t2_edition(toks: Sequence[Tok]) -> Edition | None:
    """spec §3.8 step 1: the T2 column labels (and 第二十条第（九）项 / 采购总金额) tell the edition."""
    keys = {t.key for t in toks if t.kind == "label"}
    old = any(k.startswith("col:2019:") for k in keys) or "block:art20_9" in keys
    new = any(k.startswith("col:2021:") for k in keys)
    if "col:2019:采购总金额" in keys or "block:art20_9" in keys:
        return "2019"
    if new and not old:
        return "2021"
    if old and not new:
        return "2019"
    rows = {k.split(":")[2] for k in keys if k.startswith("row:")}
    if "规范性文件" in rows and "行政规范性文件" not in rows:
        return "2019"
    if "行政规范性文件" in rows:
        return "2021"
    return None


def read_t2(toks: Sequence[Tok], edition: Edition) -> tuple[T2Table, list[str]]:
    lay = layout(edition)
    table: T2Table = {}
    uncertain: list[str] = []
    pos = 0
    for block in lay.t2_blocks:
        at = _find(toks, pos, f"block:{block.id}")
        if at is not None:
            pos = at + 1
        for row in block.rows:
            at = _find(toks, pos, f"row:{row.id}:")
            if at is None:
                continue
            pos = at + 1
            values, unsure = _t2_row(toks, at, block)
            table.setdefault(block.id, {})[row.id] = {
                c.id: v for c, v in zip(block.columns, values, strict=True)
            }
            uncertain.extend(t2_ref(block.id, row.id, block.columns[i].id) for i in sorted(unsure))
    return table, uncertain


def _find(toks: Sequence[Tok], pos: int, prefix: str) -> int | None:
    """The next label whose key starts with `prefix` (row keys carry the printed label after the id)."""
    for i in range(pos, len(toks)):
        t = toks[i]
        if t.kind == "label" and t.key.startswith(prefix):
            return i
    return None


def _t2_row(toks: Sequence[Tok], at: int, block: Block) -> tuple[list[CellValue], set[int]]:
    columns = block.columns
    width = len(columns)
    has_text = any(c.kind == "text" for c in columns)
    vals = _collect(toks, at, extra_text=has_text)
    unsure: set[int] = set()
    if len(vals) < width and (chunks := _chunks(vals)) is not None:
        cut, unsure = glued.solve_plain(chunks, width, key=_t2_key(block))
        if cut is not None:
            return list(cut), unsure
        return [None] * width, set(range(width))
    vals, too_long = _trim(vals, width)
    if too_long:
        unsure = set(range(width))
    out: list[CellValue] = []
    for i, c in enumerate(columns):
        if i >= len(vals):
            out.append(None)
            unsure.add(i)
            continue
        try:
            out.append(to_value(vals[i], c.kind))
        except (ValueError, ArithmeticError):
            out.append(None)
            unsure.add(i)
    return out, unsure


def _t2_key(block: Block) -> Callable[[glued.Cut], tuple[int, tuple[int, ...]]]:
    """Plausibility of a cut of a glued T2 row (no identities exist, so this only orders the guesses)."""
    ids = [c.id for c in block.columns]

    def key(cut: glued.Cut) -> tuple[int, tuple[int, ...]]:
        score, tiebreak = glued.plausibility(cut)
        if ids == ["issued", "repealed", "in_force"]:
            issued, repealed, in_force = cut
            # 现行有效件数 is a stock that normally exceeds one year's flow.
            score += 5 if in_force < issued else 0
            score += 3 if repealed > issued else 0
        return score, tiebreak

    return key
