"""Rules on the three tables: structure (S-003…S-006), cell values (V-, W-001/W-002), T3 and T4
arithmetic, cross-year checks and plausibility (spec §4.1–§4.5)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from gongkai.core.annual_report.format import edition_for_year, sections
from gongkai.core.annual_report.model import AnnualReport, t2_ref, t3_ref, t4_ref
from gongkai.core.annual_report.validate import _labels as L
from gongkai.core.annual_report.validate._base import Context, Hit, rule, section_label, section_ref
from gongkai.core.annual_report.validate._fees import fee_summary_from_text

APPLICANT_COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "public_welfare",
    "legal_service",
    "other_org",
)
T4_GROUPS = ("review", "litigation_direct", "litigation_after_review")
T4_PARTS = ("upheld", "corrected", "other", "pending")
T3_GROUPS = ("withheld", "unable", "not_processed", "other")
MAX_LISTED = 8


def _sum(values: Sequence[int | None]) -> int | None:
    """Sum of printed values; None when nothing is printed (an all-blank identity is W-001's business)."""
    printed = [v for v in values if type(v) is int]  # type() excludes bool
    return sum(printed) if printed else None


def _int(value: object) -> int | None:
    return value if type(value) is int else None


def _diff(a: int, b: int) -> str:
    return f"差 {abs(a - b)}"


_NO_CELLS: dict[str, int | None] = {}


def _t3(report: AnnualReport, row: str, col: str) -> int | None:
    v = report.t3.get(row, _NO_CELLS).get(col)
    return v if type(v) is int else None


# -- 4.1 structure ---------------------------------------------------------------------------------------


@rule("S-001")
def all_sections_present(ctx: Context) -> Iterator[Hit]:
    """Spec §4.1 S-001; 条例第五十条 lists the content (五项), the 2021 format prints it as six sections."""
    if ctx.edition == "pre2019":
        return  # pre-2019 reports are free-form (2007 条例第三十二条); nothing to hold them to
    found = set(ctx.report.section_order) | set(ctx.report.sections)
    for s in sections():
        if s.id not in found:
            yield Hit(
                section_ref(s.id),
                f"未找到第{s.number}部分「{s.label}」。条例第五十条规定了年报必须包含的内容，"
                f"请按统一格式补上这一部分（没有内容也要写明「无」）。",
            )


@rule("S-002")
def sections_in_order(ctx: Context) -> Iterator[Hit]:
    """Spec §4.1 S-002: sections 一→六 in the prescribed order (国办公开办函〔2021〕30号 format)."""
    order = {s.id: (i, s.number) for i, s in enumerate(sections())}
    seen: set[str] = set()
    last: tuple[int, str] | None = None
    for sid in ctx.report.section_order:
        if sid not in order:
            continue
        if sid in seen:
            yield Hit(section_ref(sid), f"「{section_label(sid)}」出现了两次，请删除重复的部分。")
            continue
        seen.add(sid)
        here = order[sid]
        if last is not None and here[0] < last[0]:
            yield Hit(
                section_ref(sid),
                f"第{here[1]}部分「{section_label(sid)}」排在第{last[1]}部分之后，顺序不对。"
                f"请按一至六的顺序排列各部分。",
            )
        else:
            last = here


_EDITION_NAMES = {"2021": "2021年统一格式", "2019": "2019年试行格式", "pre2019": "2019年以前的自由格式"}


@rule("S-003")
def edition_matches_year(ctx: Context) -> Iterator[Hit]:
    """Spec §3.8/§4.1 S-003: year ≥ 2021 ⇒ 国办公开办函〔2021〕30号 layout; 2019–2020 ⇒ 2019 trial (〔2019〕60号)."""
    year, edition = ctx.report.year, ctx.edition
    if edition is None:
        yield Hit(
            None,
            "无法识别年报表格属于哪一版统一格式（2021年版或2019年试行版）。请按国办公开办函〔2021〕30号的格式填报表格。",
        )
        return
    if year is None:
        return
    required = edition_for_year(year)
    acceptable = {"2019", "2021"} if required == "2019" else {required}
    if edition not in acceptable:
        yield Hit(
            None,
            f"{year}年度的年报应使用{_EDITION_NAMES[required]}，但本报告的表格是{_EDITION_NAMES[edition]}。"
            f"请按国办公开办函〔2021〕30号规定的表格重新填报。",
        )


@rule("S-004")
def t3_complete(ctx: Context) -> Iterator[Hit]:
    """Spec §4.1 S-004: T3 has all data rows (25 in 2021) and all 7 columns (条例第五十条第（二）项)."""
    if not ctx.has_national_tables:
        return
    lay = ctx.layout
    if not ctx.report.t3:
        yield Hit(
            section_ref("applications"),
            "未找到表三「收到和处理政府信息公开申请情况」。请按统一格式填报该表。",
        )
        return
    for row in lay.t3_data_rows:
        cols = ctx.report.t3.get(row.id)
        if cols is None:
            yield Hit(
                t3_ref(row.id, "total"),
                f"表三缺少「{L.t3_row(lay, row.id)}」这一行。请按统一格式补齐（没有数据填 0）。",
            )
            continue
        missing = [c.id for c in lay.t3_columns if c.id not in cols]
        if missing:
            names = "、".join(L.t3_column(lay, c) for c in missing)
            yield Hit(
                t3_ref(row.id, missing[0]),
                f"表三「{L.t3_row(lay, row.id)}」行缺少{names}列。表三应有 7 列，请补齐（没有数据填 0）。",
            )


@rule("S-005")
def t2_complete(ctx: Context) -> Iterator[Hit]:
    """Spec §4.1 S-005: T2 has all blocks and cells (2021: 4 blocks, 10 cells; 条例第二十条第（一）（五）（六）（八）项)."""
    if not ctx.has_national_tables:
        return
    lay = ctx.layout
    if not ctx.report.t2:
        yield Hit(
            section_ref("proactive_disclosure"), "未找到表二「主动公开政府信息情况」。请按统一格式填报该表。"
        )
        return
    for block in lay.t2_blocks:
        rows = ctx.report.t2.get(block.id)
        if rows is None:
            yield Hit(
                t2_ref(block.id, block.rows[0].id, block.columns[0].id),
                f"表二缺少「{block.label}」部分。请按统一格式补齐（没有数据填 0）。",
            )
            continue
        for r in block.rows:
            for c in block.columns:
                if c.id not in rows.get(r.id, {}):
                    yield Hit(
                        t2_ref(block.id, r.id, c.id),
                        f"表二缺少{L.t2_cell(lay, block.id, r.id, c.id)}单元格。请补齐（没有数据填 0）。",
                    )


@rule("S-006")
def t4_complete(ctx: Context) -> Iterator[Hit]:
    """Spec §4.1 S-006: T4 has 15 cells in 3 groups (条例第五十条第（三）项)."""
    if not ctx.has_national_tables:
        return
    lay = ctx.layout
    if not ctx.report.t4:
        yield Hit(
            section_ref("review_litigation"),
            "未找到表四「政府信息公开行政复议、行政诉讼情况」。请按统一格式填报该表（15 个数）。",
        )
        return
    missing = [c.id for c in lay.t4_columns if c.id not in ctx.report.t4]
    for col in missing:
        yield Hit(
            t4_ref(col),
            f"表四缺少「{L.t4_cell(lay, col)}」单元格。表四应有 15 个数，请补齐（没有数据填 0）。",
        )


# -- 4.2 cell values -------------------------------------------------------------------------------------


def _count_cells(ctx: Context) -> Iterator[tuple[str, object, bool, str, str, str]]:
    """(table, value, may_be_negative, a, b, c) of every count cell present; names are built only on failure."""
    lay, rep = ctx.layout, ctx.report
    for block in lay.t2_blocks:
        for r in block.rows:
            cols = rep.t2.get(block.id, {}).get(r.id, {})
            for c in block.columns:
                if c.kind not in ("decimal", "text") and c.id in cols:
                    yield "T2", cols[c.id], c.kind == "signed_integer", block.id, r.id, c.id
    for row_id, t3cols in rep.t3.items():
        for col_id, v in t3cols.items():
            yield "T3", v, False, row_id, col_id, ""
    for row_id, groupcols in rep.t3_group_values.items():
        for col_id, v in groupcols.items():
            yield "T3", v, False, row_id, col_id, ""
    for col_id, v in rep.t4.items():
        yield "T4", v, False, col_id, "", ""


def _count_cell_name(ctx: Context, table: str, a: str, b: str, c: str) -> tuple[str, str]:
    lay = ctx.layout
    if table == "T2":
        return t2_ref(a, b, c), f"表二{L.t2_cell(lay, a, b, c)}"
    if table == "T3":
        return t3_ref(a, b), f"表三「{L.t3_row(lay, a)}」{L.t3_column(lay, b)}列"
    return t4_ref(a), f"表四「{L.t4_cell(lay, a)}」"


@rule("V-001")
def counts_are_non_negative_integers(ctx: Context) -> Iterator[Hit]:
    """Spec §4.2 V-001: every count cell (T2 except （八）, T3, T4) is an integer ≥ 0 (counted in 件)."""
    if not ctx.has_national_tables:
        return
    for table, v, signed, a, b, c in _count_cells(ctx):
        if v is None:
            continue  # blank: W-001
        value = _int(v)
        if value is None:
            ref, name = _count_cell_name(ctx, table, a, b, c)
            yield Hit(ref, f"{name}填的是「{v}」，不是整数。件数只能填 0 或正整数，请改正。")
        elif value < 0 and not signed:
            ref, name = _count_cell_name(ctx, table, a, b, c)
            yield Hit(ref, f"{name}是负数 {value}。件数不能为负，请核对后改正。")


def _fee_amount(ctx: Context) -> tuple[str, object] | None:
    if ctx.edition != "2021":
        return None
    cols = ctx.report.t2.get("art20_8", {}).get("administrative_fees", {})
    if "fee_amount" not in cols:
        return None
    return t2_ref("art20_8", "administrative_fees", "fee_amount"), cols["fee_amount"]


@rule("V-002")
def fee_amount_is_non_negative_decimal(ctx: Context) -> Iterator[Hit]:
    """Spec §4.2 V-002: T2 第二十条第（八）项 本年收费金额 is a decimal ≥ 0 in 万元 (条例第二十条第（八）项)."""
    found = _fee_amount(ctx)
    if found is None or found[1] is None:
        return
    ref, v = found
    if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
        yield Hit(
            ref, f"表二第二十条第（八）项「本年收费金额」填的是「{v}」，不是数字。请填写以万元为单位的金额。"
        )
    elif not Decimal(v).is_finite():
        yield Hit(
            ref,
            f"表二第二十条第（八）项「本年收费金额」填的是「{v}」，不是有效金额。请填写以万元为单位的金额。",
        )
    elif v < 0:
        yield Hit(ref, f"表二第二十条第（八）项「本年收费金额」是负数 {v}。收费金额不能为负，请核对。")


def _blank_cells(ctx: Context) -> dict[str, list[tuple[str, str]]]:
    lay, rep = ctx.layout, ctx.report
    out: dict[str, list[tuple[str, str]]] = {"T2": [], "T3": [], "T4": []}
    for block in lay.t2_blocks:
        for r in block.rows:
            for c in block.columns:
                cols = rep.t2.get(block.id, {}).get(r.id, {})
                if c.id in cols and cols[c.id] is None:
                    out["T2"].append((t2_ref(block.id, r.id, c.id), L.t2_cell(lay, block.id, r.id, c.id)))
    for row in lay.t3_data_rows:
        for c in lay.t3_columns:
            t3cols = rep.t3.get(row.id, {})
            if c.id in t3cols and t3cols[c.id] is None:
                out["T3"].append(
                    (t3_ref(row.id, c.id), f"「{L.t3_row(lay, row.id)}」{L.t3_column(lay, c.id)}列")
                )
    for c in lay.t4_columns:
        if c.id in rep.t4 and rep.t4[c.id] is None:
            out["T4"].append((t4_ref(c.id), f"「{L.t4_cell(lay, c.id)}」"))
    return out


_TABLE_NAMES = {"T2": "表二", "T3": "表三", "T4": "表四"}


@rule("W-001")
def blank_cells(ctx: Context) -> Iterator[Hit]:
    """Spec §4.2 W-001: blank / 「-」「—」「/」「无」 cells; read as 0 for arithmetic only if the table is otherwise numeric."""
    if not ctx.has_national_tables:
        return
    totals = {
        "T2": sum(len(r) for b in ctx.report.t2.values() for r in b.values()),
        "T3": sum(len(r) for r in ctx.report.t3.values()),
        "T4": len(ctx.report.t4),
    }
    for table, cells in _blank_cells(ctx).items():
        if not cells:
            continue
        name = _TABLE_NAMES[table]
        listed = "、".join(n for _, n in cells[:MAX_LISTED]) + ("等" if len(cells) > MAX_LISTED else "")
        if len(cells) == totals[table]:
            yield Hit(
                cells[0][0],
                f"{name}的 {len(cells)} 个单元格全部空白，等于没有填报。请逐格填写数字（没有发生的填 0）。",
            )
        else:
            yield Hit(
                cells[0][0],
                f"{name}有 {len(cells)} 个单元格空白或只填了「-」「/」「无」：{listed}。"
                f"核对计算时暂按 0 处理；统一格式要求每格填数字，没有发生的请填 0。",
            )


@rule("W-002")
def fee_amount_unit(ctx: Context) -> Iterator[Hit]:
    """Spec §4.2 W-002: more than 4 decimals in 万元 = sub-yuan precision, probably entered in 元; townships above a ceiling."""
    found = _fee_amount(ctx)
    if found is None:
        return
    ref, v = found
    if not isinstance(v, Decimal) or not v.is_finite():
        return
    exponent = v.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if decimals > ctx.options.fee_max_decimals:
        yield Hit(
            ref,
            f"表二第二十条第（八）项「本年收费金额」{v} 有 {decimals} 位小数，按万元计已精确到一元以下。"
            f"该栏单位是万元（一般保留四位小数，即到元），请核对单位换算，确认没有把以元为单位的数字填进来。",
        )
    ceiling = ctx.options.township_fee_ceiling_wan
    if ctx.body_kind == "township" and v > ceiling:
        yield Hit(
            ref,
            f"乡镇的行政事业性收费金额 {v} 万元超过了 {ceiling} 万元，明显偏大。该栏单位是万元，请确认是否按「元」填写了。",
        )


# -- 4.3 T3 arithmetic -----------------------------------------------------------------------------------


def _t3_present(ctx: Context) -> bool:
    return ctx.has_national_tables and bool(ctx.report.t3)


@rule("T3-001")
def t3_row_totals(ctx: Context) -> Iterator[Hit]:
    """Spec §4.3 T3-001: in every data row 总计 = 自然人 + the five 法人或其他组织 columns."""
    if not _t3_present(ctx):
        return
    lay = ctx.layout
    for row in lay.t3_data_rows:
        total = _t3(ctx.report, row.id, "total")
        parts = [_t3(ctx.report, row.id, c) for c in APPLICANT_COLUMNS]
        expected = _sum(parts)
        if total is None or expected is None or total == expected:
            continue
        terms = " + ".join(L.show(p) if p is not None else "0" for p in parts)
        ref = t3_ref(row.id, "total")
        yield Hit(
            ref,
            f"表三「{L.t3_row(lay, row.id)}」行：总计 {total} ≠ 各类申请人之和 {terms} = {expected}"
            f"（{_diff(total, expected)}）。请核对该行各列数字或总计。"
            + ctx.cell_note(ref, *(t3_ref(row.id, c) for c in APPLICANT_COLUMNS)),
        )


@rule("T3-002")
def t3_balance(ctx: Context) -> Iterator[Hit]:
    """Spec §4.3 T3-002 (the table's own 勾稽 note): 第一项 + 第二项 = 第三项（七）总计 + 第四项, per column."""
    if not _t3_present(ctx):
        return
    lay, rep = ctx.layout, ctx.report
    for c in lay.t3_columns:
        new, over = _t3(rep, "new_received", c.id), _t3(rep, "carried_over", c.id)
        done, fwd = _t3(rep, "total_processed", c.id), _t3(rep, "carried_forward", c.id)
        left, right = _sum([new, over]), _sum([done, fwd])
        if left is None or right is None or left == right:
            continue
        refs = [
            t3_ref(r, c.id) for r in ("new_received", "carried_over", "total_processed", "carried_forward")
        ]
        yield Hit(
            t3_ref("total_processed", c.id),
            f"表三第一项加第二项应等于第三项加第四项：{L.t3_column(lay, c.id)}列 "
            f"{new or 0} + {over or 0} ≠ {done or 0} + {fwd or 0}（{_diff(left, right)}）。"
            f"请核对本年新收、上年结转、办理结果总计和结转下年度的数字。" + ctx.cell_note(*refs),
        )


@rule("T3-003")
def t3_outcomes_sum(ctx: Context) -> Iterator[Hit]:
    """Spec §4.3 T3-003: （七）总计 = the sum of all outcome leaves （一）（二）（三）1–8（四）1–3（五）1–5（六）."""
    if not _t3_present(ctx):
        return
    lay, rep = ctx.layout, ctx.report
    leaves = lay.outcome_leaves
    for c in lay.t3_columns:
        total = _t3(rep, "total_processed", c.id)
        expected = _sum([_t3(rep, r.id, c.id) for r in leaves])
        if total is None or expected is None or total == expected:
            continue
        ref = t3_ref("total_processed", c.id)
        yield Hit(
            ref,
            f"表三{L.t3_column(lay, c.id)}列：「（七）总计」{total} ≠ 各项办理结果之和 {expected}"
            f"（{_diff(total, expected)}）。（七）总计应等于（一）至（六）所有小项相加，请逐项核对。"
            + ctx.cell_note(ref, *(t3_ref(r.id, c.id) for r in leaves)),
        )


@rule("T3-004")
def t3_group_subtotals(ctx: Context) -> Iterator[Hit]:
    """Spec §4.3 T3-004: a value printed on a group header （三）（四）（五）（六） equals the sum of its sub-rows."""
    if not _t3_present(ctx):
        return
    lay, rep = ctx.layout, ctx.report
    for group in T3_GROUPS:
        printed = rep.t3_group_values.get(group)
        if not printed:
            continue
        children = [r.id for r in lay.t3_data_rows if r.parent == group]
        if not children:
            continue
        for col_id, v in printed.items():
            value = _int(v)
            expected = _sum([_t3(rep, r, col_id) for r in children])
            if value is None or expected is None or value == expected:
                continue
            yield Hit(
                t3_ref(group, col_id),
                f"表三「{L.t3_row(lay, group)}」行{L.t3_column(lay, col_id)}列填了小计 {value}，"
                f"但其下各小项之和是 {expected}（{_diff(value, expected)}）。统一格式该行不填数；"
                f"如要保留小计，请改成各小项之和。",
            )


@rule("T3-005")
def t3_carry_forward_bounded(ctx: Context) -> Iterator[Hit]:
    """Spec §4.3 T3-005: 结转下年度 ≤ 本年新收 + 上年结转 (cannot carry forward more than was on hand)."""
    if not _t3_present(ctx):
        return
    lay, rep = ctx.layout, ctx.report
    for c in lay.t3_columns:
        fwd = _t3(rep, "carried_forward", c.id)
        on_hand = _sum([_t3(rep, "new_received", c.id), _t3(rep, "carried_over", c.id)])
        if fwd is None or fwd <= (on_hand or 0):
            continue
        yield Hit(
            t3_ref("carried_forward", c.id),
            f"表三{L.t3_column(lay, c.id)}列：结转下年度 {fwd} 件，比本年新收与上年结转合计 {on_hand or 0} 件还多。"
            f"结转的申请只能来自手上未办结的申请，请核对。",
        )


def _previous_usable(ctx: Context) -> AnnualReport | None:
    prev = ctx.options.previous
    if prev is None:
        return None
    year = ctx.report.year
    if year is not None and prev.year is not None and prev.year != year - 1:
        return None
    return prev


_CORRECTION = re.compile(
    r"结转[^。；]{0,30}(?:更正|修正|调整|核减|核增|差异|不一致)|(?:更正|修正|调整)[^。；]{0,30}结转"
)


@rule("X-001")
def carried_over_matches_previous(ctx: Context) -> Iterator[Hit]:
    """Spec §4.3 X-001: 上年结转 (Y) = PREV 结转下年度继续办理 (Y-1), per column; warning if PREV used another
    edition or the text explains a correction."""
    prev = ctx.options.previous
    if prev is None or not _t3_present(ctx):
        return
    year = ctx.report.year
    if year is not None and prev.year is not None and prev.year != year - 1:
        yield Hit(
            None,
            f"提供的上一年度年报是 {prev.year} 年度的，不是 {year - 1} 年度，跨年度核对（X-001、W-005、M-006）未进行。",
            "info",
        )
        return
    lay = ctx.layout
    downgrade = prev.edition != ctx.edition or bool(_CORRECTION.search(ctx.narrative))
    for c in lay.t3_columns:
        now = _t3(ctx.report, "carried_over", c.id)
        before = _int(prev.t3.get("carried_forward", {}).get(c.id))
        if now is None or before is None or now == before:
            continue
        yield Hit(
            t3_ref("carried_over", c.id),
            f"表三{L.t3_column(lay, c.id)}列：本年「上年结转」{now} 件，但上一年度年报「结转下年度继续办理」是 "
            f"{before} 件（{_diff(now, before)}）。两者应当相等；如有更正，请在正文中说明原因。",
            "warning" if downgrade else None,
        )


@rule("W-003")
def fee_unpaid_needs_fee_notices(ctx: Context) -> Iterator[Hit]:
    """Spec §3.7/§4.3 W-003: T3 （六）2 逾期未缴费 > 0 means fee notices were issued; section 六 should report them
    (《政府信息公开信息处理费管理办法》国办函〔2020〕109号)."""
    if ctx.edition != "2021":
        return
    unpaid = _t3(ctx.report, "other.fee_unpaid", "total")
    if unpaid is None:
        unpaid = _sum([_t3(ctx.report, "other.fee_unpaid", c) for c in APPLICANT_COLUMNS])
    if not unpaid:
        return
    fees = ctx.options.fee_notices or fee_summary_from_text(ctx.report.section_text("other_matters"))
    # Fees actually collected presuppose notices, so a section 六 that reports collections has said so.
    if fees.notices_issued_count or (fees.notices_issued_count is None and fees.collected_yuan):
        return
    said = "报告没有发出收费通知" if fees.notices_issued_count == 0 else "第六部分没有报告发出收费通知的情况"
    yield Hit(
        t3_ref("other.fee_unpaid", "total"),
        f"表三（六）2「逾期未缴纳费用」有 {unpaid} 件，说明本年发出过信息处理费收费通知，但{said}。"
        f"请在第六部分写明收费通知件数、通知金额和实际收取金额。",
    )


@rule("W-004")
def fees_collected_not_above_notified(ctx: Context) -> Iterator[Hit]:
    """Spec §3.7/§4.3 W-004: fees collected ≤ fees notified (payments straddling the year end can explain a gap)."""
    fees = ctx.options.fee_notices or fee_summary_from_text(ctx.report.section_text("other_matters"))
    if fees.collected_yuan is None or fees.notices_total_yuan is None:
        return
    if fees.collected_yuan <= fees.notices_total_yuan:
        return
    yield Hit(
        section_ref("other_matters"),
        f"实际收取的信息处理费 {fees.collected_yuan} 元，多于收费通知的总金额 {fees.notices_total_yuan} 元。"
        f"除非有上年发出通知、本年才缴费的情况（请在第六部分说明），否则数字有误。",
    )


def _row_total(ctx: Context, row_id: str) -> int | None:
    total = _t3(ctx.report, row_id, "total")
    if total is not None:
        return total
    return _sum([_t3(ctx.report, row_id, c) for c in APPLICANT_COLUMNS])


@rule("W-007")
def other_processing_share(ctx: Context) -> Iterator[Hit]:
    """Spec §3.6/§4.3 W-007: 其他处理 above the configured share of （七）总计 (2019 template: 「极少数特殊情况」)."""
    if not _t3_present(ctx):
        return
    rows = [r.id for r in ctx.layout.t3_data_rows if r.id == "other" or r.parent == "other"]
    if not rows:
        return
    other = _sum([_row_total(ctx, r) for r in rows])
    total = _row_total(ctx, "total_processed")
    if not other or not total or total <= 0:
        return
    share = Decimal(other) / Decimal(total)
    if share <= ctx.options.other_share_threshold:
        return
    yield Hit(
        t3_ref(rows[-1], "total"),
        f"「（六）其他处理」共 {other} 件，占办理结果总计 {total} 件的 {share:.0%}，"
        f"超过 {ctx.options.other_share_threshold:.0%}。其他处理只用于极少数特殊情况，"
        f"请核对这些申请能否归入（一）至（五）的具体情形。",
    )


# -- 4.4 T4 ----------------------------------------------------------------------------------------------


@rule("T4-001")
def t4_group_totals(ctx: Context) -> Iterator[Hit]:
    """Spec §4.4 T4-001: each group's 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (条例第五十条第（三）项)."""
    if not ctx.has_national_tables or not ctx.report.t4:
        return
    t4 = ctx.report.t4
    for g in T4_GROUPS:
        total = _int(t4.get(f"{g}.total"))
        parts = [_int(t4.get(f"{g}.{p}")) for p in T4_PARTS]
        expected = _sum(parts)
        if total is None or expected is None or total == expected:
            continue
        terms = " + ".join(str(p or 0) for p in parts)
        ref = t4_ref(f"{g}.total")
        yield Hit(
            ref,
            f"表四「{L.t4_group(g)}」：总计 {total} ≠ 结果维持、结果纠正、其他结果、尚未审结之和 {terms} = {expected}"
            f"（{_diff(total, expected)}）。请核对。"
            + ctx.cell_note(ref, *(t4_ref(f"{g}.{p}") for p in T4_PARTS)),
        )


@rule("W-009")
def direct_litigation_reminder(ctx: Context) -> Iterator[Hit]:
    """Spec §4.4 W-009 (info): from 2024 a refusal to disclose goes to reconsideration first (行政复议法 2023 第二十三条第一款第（四）项)."""
    year = ctx.report.year
    total = _int(ctx.report.t4.get("litigation_direct.total"))
    if year is None or year < 2024 or not total:
        return
    yield Hit(
        t4_ref("litigation_direct.total"),
        f"表四「未经复议直接起诉」有 {total} 件。提示：自2024年1月1日起，对不予公开决定不服的，"
        f"依行政复议法第二十三条应先申请行政复议；其他政府信息公开争议仍可直接起诉，数字本身不一定有误。",
    )


# -- 4.5 T2 ----------------------------------------------------------------------------------------------

_STOCK = {"2021": ("issued", "repealed", "in_force"), "2019": ("new_published", None, "total_published")}


@rule("W-005")
def t2_stock_and_flow(ctx: Context) -> Iterator[Hit]:
    """Spec §4.5 W-005: 现行有效件数(Y) = 现行有效件数(Y-1) + 本年制发 − 本年废止 (rules and normative documents)."""
    prev = _previous_usable(ctx)
    ids = _STOCK.get(ctx.edition or "")
    if prev is None or ids is None or prev.edition != ctx.edition:
        return
    issued_id, repealed_id, stock_id = ids
    lay = ctx.layout
    for row in ("rules", "normative_documents"):
        cols = ctx.report.t2.get("art20_1", {}).get(row, {})
        stock = _int(cols.get(stock_id))
        before = _int(prev.t2.get("art20_1", {}).get(row, {}).get(stock_id))
        issued = _int(cols.get(issued_id))
        repealed = _int(cols.get(repealed_id)) if repealed_id else 0
        if stock is None or before is None or issued is None or repealed is None:
            continue
        expected = before + issued - repealed
        if stock == expected:
            continue
        name = L.t2_cell(lay, "art20_1", row, stock_id)
        flow = f"{before} + {issued}" + (f" − {repealed}" if repealed_id else "")
        yield Hit(
            t2_ref("art20_1", row, stock_id),
            f"表二{name}为 {stock}，但按上一年度 {before} 件加本年制发、减本年废止应为 {flow} = {expected}"
            f"（{_diff(stock, expected)}）。如因修改、清理或重新归类造成差异，请在正文说明；否则请核对。",
        )


@rule("W-006")
def rules_only_by_rule_making_bodies(ctx: Context) -> Iterator[Hit]:
    """Spec §4.5 W-006: only provincial and 设区的市 governments make 规章 (立法法第九十三条 [U]); a township or
    county body reporting 规章 ≠ 0 is suspicious."""
    if ctx.body_kind not in ("township", "county_department", "county_government"):
        return
    if not ctx.has_national_tables:
        return
    lay = ctx.layout
    block = ctx.report.t2.get("art20_1", {})
    for col_id, v in block.get("rules", {}).items():
        value = _int(v)
        if not value:
            continue
        yield Hit(
            t2_ref("art20_1", "rules", col_id),
            f"表二{L.t2_cell(lay, 'art20_1', 'rules', col_id)}填了 {value}。乡镇和县级机关没有规章制定权"
            f"（只有省级和设区的市级人民政府制定规章），这里通常应为 0；本机关的文件请填在「行政规范性文件」行。",
        )
