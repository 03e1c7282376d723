"""Hypothesis strategies for random VALID annual reports of both editions.

A drawn report satisfies every arithmetic rule of spec §4 (T3-001…T3-003, T3-005, T4-001, V-001, V-002),
uses the layout its year requires (S-003) and has all six sections in order (S-001, S-002). Its text never
contains anything a parser could take for a heading, a table row, the title, the signature or the date:
paragraphs are built from a fixed vocabulary, never start with a numbered label, never contain `|`, and
end with 「。」.

    from tests.core.annual_report.strategies import reports
    @given(reports())            # either edition
    @given(reports("2019"))      # 2019 trial format, years 2019–2020
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from gongkai.core.annual_report.format import Edition, layout, sections
from gongkai.core.annual_report.model import AnnualReport, CellValue, T2Table, T3Table, T4Table

AGENCIES = (
    "博野县小店镇人民政府",
    "保定市生态环境局",
    "杭州市西湖区人民政府",
    "成都市武侯区玉林街道办事处",
    "平潭综合实验区财政金融局",
    "上海市浦东新区人民政府",
    "临县公安局",
    "南京市鼓楼区宁海路街道办事处",
    "深圳市南山区粤海街道办事处",
    "淮安市人民政府",
    "广州市天河区石牌街道办事处",
    "遵义市播州区鸭溪镇人民政府",
)

# Words that occur in real narratives but are not, and do not contain, a heading, a table label or a
# Chinese numeral that could be followed by 「、」 (e.g. 统一 + 、 would read as 「一、」).
WORDS = (
    "我们",
    "本机关",
    "政务公开",
    "持续",
    "推进",
    "加强",
    "完善",
    "制度",
    "建设",
    "培训",
    "落实",
    "规范",
    "门户网站",
    "平台",
    "群众",
    "服务",
    "质量",
    "发布",
    "及时",
    "准确",
    "全面",
    "监督",
    "保障",
    "要求",
    "专栏",
    "解读",
    "回应",
    "关切",
    "提升",
    "水平",
    "答复",
    "渠道",
    "便民",
    "数据开放",
    "标准化",
    "基层",
    "“一网通办”",
    "（含政务新媒体）",
    "政策文件",
    "会议",
    "机制",
    "考核",
    "第三方评估",
    "工作人员",
    "档案",
    "意识",
)
UNITS = ("件", "条", "次", "个", "项", "人次", "%")
JOINERS = ("", "", "", "，", "、", "；")

SMALL = st.integers(min_value=0, max_value=9)
COUNT = st.one_of(st.just(0), SMALL, st.integers(min_value=0, max_value=5000))


@st.composite
def _token(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 5)) == 0:
        return f"{draw(st.integers(1, 99999))}{draw(st.sampled_from(UNITS))}"
    return draw(st.sampled_from(WORDS))


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    """One paragraph: words (and counts with units) joined by Chinese punctuation, ending in 「。」."""
    tokens = draw(st.lists(_token(), min_size=2, max_size=10))
    joiners = draw(st.lists(st.sampled_from(JOINERS), min_size=len(tokens) - 1, max_size=len(tokens) - 1))
    text = tokens[0] + "".join(j + t for j, t in zip(joiners, tokens[1:], strict=True))
    # A paragraph starting with a digit or 「（」 could read as a numbered row label (「1.属于…」,
    # 「（一）予以公开」); start with a word.
    if text[0].isdigit() or text[0] == "（":
        text = "我们" + text
    return text + "。"


def section_text(min_paragraphs: int, max_paragraphs: int) -> st.SearchStrategy[str]:
    return st.lists(paragraph(), min_size=min_paragraphs, max_size=max_paragraphs).map("\n".join)


@st.composite
def decimal_wan_yuan(draw: st.DrawFn) -> Decimal:
    """A 万元 amount with at most 6 decimal places (one yuan = 0.0001 万元; 6 places reach 0.01 元)."""
    places = draw(st.integers(0, 6))
    units = draw(st.one_of(st.just(0), st.integers(0, 10**9)))
    return Decimal(units).scaleb(-places)


@st.composite
def procurement_amount(draw: st.DrawFn) -> str:
    """The 2019 采购总金额 as printed: units vary (元, 万元, none), so the model keeps the text."""
    number = draw(st.integers(0, 10**8))
    # Two decimals for 元 amounts printed with 角分; built from integers, never through float.
    number_text = f"{number // 100}.{number % 100:02d}" if draw(st.booleans()) else str(number)
    return number_text + draw(st.sampled_from(("", "元", "万元")))


@st.composite
def t2_table(draw: st.DrawFn, edition: Edition) -> T2Table:
    t2: T2Table = {}
    for block in layout(edition).t2_blocks:
        t2[block.id] = {}
        for row in block.rows:
            cells: dict[str, CellValue] = {}
            for column in block.columns:
                if column.kind == "decimal":
                    cells[column.id] = draw(decimal_wan_yuan())
                elif column.kind == "text":
                    cells[column.id] = draw(procurement_amount())
                elif column.kind == "signed_integer":
                    cells[column.id] = draw(st.integers(-500, 500))
                else:
                    cells[column.id] = draw(COUNT)
            t2[block.id][row.id] = cells
    return t2


@st.composite
def t3_table(draw: st.DrawFn, edition: Edition) -> T3Table:
    """A T3 whose identities all hold: row totals (T3-001), 勾稽 per column (T3-002), 总计 = leaves (T3-003)."""
    lay = layout(edition)
    applicant_columns = [c.id for c in lay.t3_columns if c.id != "total"]
    leaves = [r.id for r in lay.outcome_leaves if r.id != "total_processed"]
    # Many real tables are mostly zeros; draw sparse tables often.
    sparse = draw(st.booleans())
    value = st.one_of(st.just(0), st.just(0), SMALL) if sparse else COUNT
    t3: T3Table = {r.id: {} for r in lay.t3_data_rows}
    for column in applicant_columns:
        counts = draw(st.lists(value, min_size=len(leaves), max_size=len(leaves)))
        for leaf, count in zip(leaves, counts, strict=True):
            t3[leaf][column] = count
        processed = sum(counts)
        t3["total_processed"][column] = processed
        carried_forward = draw(value)
        # T3-002: new + carried_over = processed + carried_forward, so carried_over ≤ the right side.
        carried_over = draw(st.integers(0, processed + carried_forward))
        t3["carried_forward"][column] = carried_forward
        t3["carried_over"][column] = carried_over
        t3["new_received"][column] = processed + carried_forward - carried_over
    for row_cells in t3.values():
        row_cells["total"] = sum(v or 0 for k, v in row_cells.items() if k != "total")
    # Keep the printed column order (natural_person … other_org, total), as a parser builds it.
    order = [c.id for c in lay.t3_columns]
    return {r: {c: cells[c] for c in order} for r, cells in t3.items()}


@st.composite
def t4_table(draw: st.DrawFn, edition: Edition) -> T4Table:
    """A T4 whose group totals hold (T4-001)."""
    t4: T4Table = {}
    for column in layout(edition).t4_columns:
        group, part = column.id.split(".", 1)
        if part == "total":
            t4[column.id] = sum(v or 0 for k, v in t4.items() if k.startswith(group + "."))
        else:
            t4[column.id] = draw(st.one_of(st.just(0), SMALL))
    return t4


@st.composite
def reports(draw: st.DrawFn, edition: Edition | None = None) -> AnnualReport:
    """A random valid report; `edition` "2021" or "2019" (any of the two when None)."""
    editions: tuple[Edition, ...] = ("2021", "2019")
    chosen: Edition = edition if edition is not None else draw(st.sampled_from(editions))
    year = draw(st.integers(2019, 2020) if chosen == "2019" else st.integers(2021, 2030))
    agency = draw(st.sampled_from(AGENCIES))
    # Reg. 49: published by 31 January (departments) or 31 March (governments) of the next year.
    published_on = date(year + 1, 1, 1) + timedelta(days=draw(st.integers(0, 89)))
    states_period = draw(st.booleans())
    preamble_parts = draw(st.lists(paragraph(), max_size=2))
    if states_period:
        preamble_parts.append(f"本报告中所列数据的统计期限从{year}年1月1日起至{year}年12月31日止。")
    order = [s.id for s in sections()]
    with_tables = {"proactive_disclosure", "applications", "review_litigation"}
    texts = {sid: draw(section_text(0, 1) if sid in with_tables else section_text(1, 3)) for sid in order}
    return AnnualReport(
        edition=chosen,
        year=year,
        agency=agency,
        published_on=published_on,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        period_start=date(year, 1, 1) if states_period else None,
        period_end=date(year, 12, 31) if states_period else None,
        t2=draw(t2_table(chosen)),
        t3=draw(t3_table(chosen)),
        t4=draw(t4_table(chosen)),
        sections=texts,
        section_order=order,
        preamble="\n".join(preamble_parts),
        t3_group_values={},
        uncertain=[],
    )
