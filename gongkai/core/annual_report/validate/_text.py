"""Rules on metadata and narrative text (spec §4.6 M-001…M-012) and W-008 (table versus narrative)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from gongkai.core.annual_report.format import sections
from gongkai.core.annual_report.model import AnnualReport, t2_ref, t3_ref, t4_ref
from gongkai.core.annual_report.validate._agency import foreign_markers, own_kind_marker
from gongkai.core.annual_report.validate._base import (
    Context,
    Hit,
    rule,
    section_label,
    section_ref,
)
from gongkai.core.annual_report.validate._tables import APPLICANT_COLUMNS
from gongkai.core.body_kinds import BODY_KIND_LABELS, DEPARTMENT_KINDS, GOVERNMENT_KINDS

_CJK = r"[\u4e00-\u9fff]"


def _sections_with_text(ctx: Context) -> Iterator[tuple[str | None, str]]:
    """(section id or None for the preamble, text) in printed order."""
    if ctx.report.preamble.strip():
        yield None, ctx.report.preamble
    for sid in ctx.report.section_order or list(ctx.report.sections):
        text = ctx.report.sections.get(sid, "")
        if text.strip():
            yield sid, text


def _where(sid: str | None) -> str:
    return f"第{_number(sid)}部分「{section_label(sid)}」" if sid else "报告开头"


def _number(sid: str) -> str:
    return next((s.number for s in sections() if s.id == sid), "")


def _ref(sid: str | None) -> str | None:
    return section_ref(sid) if sid else None


_CLAUSE_END = "，,。；;！？!?\n"


def _excerpt(text: str, start: int, end: int, pad: int = 12) -> str:
    """The clause around text[start:end], at most `pad` characters either side, cut at punctuation."""
    left = start
    while left > max(0, start - pad) and text[left - 1] not in _CLAUSE_END:
        left -= 1
    right = end
    while right < min(len(text), end + pad) and text[right] not in _CLAUSE_END:
        right += 1
    return text[left:right].strip()


# -- M-001 period ----------------------------------------------------------------------------------------

_PERIOD = re.compile(
    r"统计(?:期限|时限|时间|期间|区间|周期|时段)?(?:为|是|从|自|:|：)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"\s*(?:起)?\s*(?:至|到|—|－|-|～|~)\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)


def stated_period(report: AnnualReport) -> tuple[date, date] | None:
    """The statistics period the report states (parser field, else the 「统计期限从…至…」 sentence)."""
    if report.period_start and report.period_end:
        return report.period_start, report.period_end
    m = _PERIOD.search(report.text)
    if not m:
        return None
    y1, mo1, d1, y2, mo2, d2 = m.groups()
    try:
        return date(int(y1), int(mo1), int(d1)), date(int(y2 or y1), int(mo2), int(d2))
    except ValueError:
        return None


@rule("M-001")
def statistics_period(ctx: Context) -> Iterator[Hit]:
    """Spec §3.1/§4.6 M-001: the stated statistics period is 1 Jan – 31 Dec of the report year (条例第四十九条: 上一年度)."""
    year = ctx.report.year
    period = stated_period(ctx.report)
    if year is None or period is None:
        return
    start, end = period
    if (start, end) != (date(year, 1, 1), date(year, 12, 31)):
        yield Hit(
            None,
            f"报告写的统计期限是 {start:%Y年%m月%d日} 至 {end:%Y年%m月%d日}，但{year}年度年报的统计期限应为"
            f" {year}年1月1日 至 {year}年12月31日。请改正统计期限或核对年份。",
        )


# -- M-002 deadline --------------------------------------------------------------------------------------


def publication_deadline(kind: str, year: int, township_deadline: tuple[int, int]) -> date:
    """条例第四十九条: departments by 31 Jan, a county-level-or-above government's own report by 31 Mar (of Y+1);
    townships: the locally configured date (the Regulation names none, spec §3.1 [U])."""
    if kind == "township":
        month, day = township_deadline
        return date(year + 1, month, day)
    if kind in DEPARTMENT_KINDS:
        return date(year + 1, 1, 31)
    return date(year + 1, 3, 31)


@rule("M-002")
def published_in_time(ctx: Context) -> Iterator[Hit]:
    """Spec §3.1/§4.6 M-002: publication date ≤ the deadline of 条例第四十九条 (townships: configured date).
    Compliance mode raises it to an error."""
    rep, kind = ctx.report, ctx.body_kind
    if rep.published_on is None or rep.year is None or kind is None:
        return
    deadline = publication_deadline(kind, rep.year, ctx.options.township_deadline)
    if rep.published_on <= deadline:
        return
    basis = "本地规定的期限" if kind == "township" else "条例第四十九条规定的期限"
    late = (rep.published_on - deadline).days
    yield Hit(
        None,
        f"本报告 {rep.published_on:%Y年%m月%d日} 发布，晚于{BODY_KIND_LABELS[kind]}{basis} "
        f"{deadline:%Y年%m月%d日}（晚 {late} 天）。请按时公布年报；如发布日期写错，请改正。",
        "error" if ctx.options.compliance_mode else None,
    )


# -- M-003 year consistency ------------------------------------------------------------------------------

_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
_TITLE_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年(?:度)?[^。]{0,40}?政府信息公开工作年度报告")
_FEE_YEAR = re.compile(r"(20\d{2})\s*年(?:度)?[^。；]{0,40}?信息处理费")


@rule("M-003")
def year_consistent(ctx: Context) -> Iterator[Hit]:
    """Spec §4.6 M-003: the same year in title, statistics period, narrative and section 六."""
    rep = ctx.report
    if rep.year is None:
        return
    stated: list[tuple[str, int]] = []
    title_source = rep.title or rep.preamble[:200]
    if m := _TITLE_YEAR.search(title_source):
        stated.append(("标题", int(m.group(1))))
    if period := stated_period(rep):
        stated.append(("统计期限", period[0].year))
    if m := _FEE_YEAR.search(rep.section_text("other_matters")):
        stated.append(("第六部分信息处理费说明", int(m.group(1))))
    wrong = [(where, y) for where, y in stated if y != rep.year]
    if wrong:
        listed = "，".join(f"{where}写的是 {y} 年" for where, y in wrong)
        yield Hit(
            None,
            f"这是{rep.year}年度的年报，但{listed}。请统一年份，检查是否沿用了往年的文字。",
        )
        return
    overview = rep.section_text("overview")
    years = [int(y) for y in _YEAR.findall(overview)]
    if years and rep.year not in years and rep.year - 1 in years:
        yield Hit(
            section_ref("overview"),
            f"这是{rep.year}年度的年报，但第一部分「总体情况」只提到了 {rep.year - 1} 年，没有提到 {rep.year} 年。"
            f"请检查是否沿用了上一年度的文字。",
        )


# -- M-004 copy-paste --------------------------------------------------------------------------------------

_SELF_PHRASE = re.compile(r"(?:我|本)(街道|镇|乡|局|委|厅|署)(?![\u4e00-\u9fff]{0,1}(?:级|属|辖))")
# An organisation named by kind alone, e.g. 「调整局政务公开领导小组」: the kind character is not part of a
# longer name (县政府办公室, 市财政局…) because what precedes it is punctuation, 我/本/全 or a verb.
_ORG_PHRASE = re.compile(
    r"(?:^|(?<=[，。；、：\s（(“\"我本全由了])|(?<=调整|成立|健全|完善|设立|组建|加强|充实|明确))"
    r"(街道|镇|乡|局|委|厅|署)(?:党组|党委)?(?:政务公开|政府信息公开|信息公开)(?:工作)?(?:领导小组|办公室|工作专班|专班)"
)
_TOWN_BODY = re.compile(r"(镇|乡)(?:人民政府|政府|党委)")
_NAME_BEFORE = re.compile(_CJK + r"{2,6}$")
_NOT_A_NAME = re.compile(r"[各全本我该乡镇城村集等和及与对向在为是了的个各省市县区]")


def _other_towns(text: str, agency: str) -> Iterator[tuple[int, int, str]]:
    for m in _TOWN_BODY.finditer(text):
        before = _NAME_BEFORE.search(text, max(0, m.start() - 6), m.start())
        if before is None:
            continue
        name = re.split(r"[省市县区]", before.group(0))[-1]
        if len(name) < 2 or _NOT_A_NAME.search(name) or name in agency:
            continue
        yield before.start(), m.end(), name + m.group(1)


@rule("M-004")
def copied_from_another_body(ctx: Context) -> Iterator[Hit]:
    """Spec §4.6/§4.7 M-004: names of other agencies or places, or the wrong kind of body named as one's own
    (CASS 2017: cross-regional plagiarism). Seed: a 镇 report 「及时调整局政务公开领导小组」."""
    own = own_kind_marker(ctx.report.agency, ctx.narrative)
    foreign = foreign_markers(own) if own else frozenset()
    agency = re.sub(r"\s+", "", ctx.report.agency or "")
    for sid, text in _sections_with_text(ctx):
        found: list[str] = []
        if foreign:
            for m in _SELF_PHRASE.finditer(text):
                if m.group(1) in foreign:
                    found.append(f"「{_excerpt(text, m.start(), m.end())}」（自称「{m.group(0)}」）")
            for m in _ORG_PHRASE.finditer(text):
                if m.group(1) in foreign:
                    found.append(f"「{_excerpt(text, m.start(), m.end())}」（本机关不是「{m.group(1)}」）")
        if own in ("镇", "乡", "街道") and agency:
            for start, end, name in _other_towns(text, agency):
                found.append(f"「{_excerpt(text, start, end)}」（提到了其他乡镇「{name}」）")
        if not found:
            continue
        who = ctx.report.agency or f"本{own}"
        yield Hit(
            _ref(sid),
            f"{_where(sid)}出现了不像{who}自己的表述：{'；'.join(dict.fromkeys(found))}。"
            f"这通常是照抄其他机关年报留下的，请改成本机关的实际情况。",
        )


# -- M-005 placeholders ------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])[XＸ]{2,}(?![A-Za-z])|[×＊*]{2,}|某某|【\s*】|\[\s*\]|此处填写|编写说明|（\s*）年|\(\s*\)年"
)


@rule("M-005")
def placeholders_left(ctx: Context) -> Iterator[Hit]:
    """Spec §4.6 M-005: placeholders left in the text (XX, ××, 某某, 【】, 「此处填写」, 「编写说明」)."""
    for sid, text in _sections_with_text(ctx):
        hits = [_excerpt(text, m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
        if hits:
            shown = "；".join(f"「{h}」" for h in dict.fromkeys(hits))
            yield Hit(_ref(sid), f"{_where(sid)}留有模板占位符或填写说明：{shown}。请填上实际内容后再发布。")


# -- M-006 similarity with last year -------------------------------------------------------------------------


def similarity(a: str, b: str) -> float:
    """Share of matching characters (difflib ratio, whitespace ignored), 0..1.

    difflib measures "how much of the text is the same" the way CASS's "90% identical" reads; a
    character-shingle Jaccard index drops much faster under scattered edits (changed years and counts),
    which is exactly what boilerplate carried over keeps. It is quadratic only in the worst case and
    runs only when a previous report is supplied.
    """
    a, b = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    if not a or not b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.5:
        return matcher.real_quick_ratio()
    return matcher.ratio()


@rule("M-006")
def same_as_last_year(ctx: Context) -> Iterator[Hit]:
    """Spec §4.6/§4.7 M-006: sections 一 and 五 ≥ 90% similar to PREV (2021 format 要求（四）: 内容雷同 leads to accountability)."""
    prev = ctx.options.previous
    year = ctx.report.year
    if prev is None or (year is not None and prev.year is not None and prev.year != year - 1):
        return
    for sid in ("overview", "problems_improvements"):
        now, before = ctx.report.section_text(sid), prev.section_text(sid)
        if len(now.strip()) < 20 or len(before.strip()) < 20:
            continue
        ratio = similarity(now, before)
        if ratio >= ctx.options.similarity_threshold:
            yield Hit(
                section_ref(sid),
                f"{_where(sid)}与上一年度年报的同一部分 {ratio:.0%} 相同。年报应写本年度的实际工作，"
                f"内容雷同会被通报问责，请按本年度情况重写。",
            )


# -- M-007 problems and improvements ---------------------------------------------------------------------------

_MEASURES = re.compile(
    r"措施|将|加强|完善|建立|健全|推进|整改|提升|提高|落实|开展|制定|优化|培训|规范|改进|强化"
)


@rule("M-007")
def problems_section_concrete(ctx: Context) -> Iterator[Hit]:
    """Spec §4.6 M-007: section 五 empty, generic, or without a concrete improvement (条例第五十条第（四）项)."""
    if "problems_improvements" not in ctx.report.sections:
        return  # missing entirely: S-001
    text = re.sub(r"\s+", "", ctx.report.section_text("problems_improvements"))
    if len(text) < ctx.options.min_problems_chars:
        yield Hit(
            section_ref("problems_improvements"),
            f"第五部分「存在的主要问题及改进情况」只有 {len(text)} 个字，过于简单。"
            f"请写明本年度存在的具体问题和下一步的具体改进措施（做什么、何时完成）。",
        )
    elif not _MEASURES.search(text):
        yield Hit(
            section_ref("problems_improvements"),
            "第五部分「存在的主要问题及改进情况」没有写改进措施。请写明针对每个问题的具体改进措施。",
        )


# -- M-008 fee statement -----------------------------------------------------------------------------------------


@rule("M-008")
def other_matters_mentions_fees(ctx: Context) -> Iterator[Hit]:
    """Spec §3.7/§4.6 M-008: section 六 reports 信息处理费 under 国办函〔2020〕109号 (2021 edition)."""
    if ctx.edition != "2021" or "other_matters" not in ctx.report.sections:
        return
    if "处理费" in ctx.report.section_text("other_matters"):
        return
    yield Hit(
        section_ref("other_matters"),
        "第六部分「其他需要报告的事项」没有说明信息处理费的收取情况。请按《政府信息公开信息处理费管理办法》"
        "写明本年度发出收费通知和实际收费的情况（未收取的也要写明）。",
    )


# -- M-009 narrative numbers ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Claim:
    """A number the narrative states, the table value it corresponds to, and where that value lives."""

    phrase: str
    stated: int
    table: int
    cell: str
    what: str


def _t3_total(rep: AnnualReport, row: str) -> int | None:
    cols = rep.t3.get(row)
    if not cols:
        return None
    total = cols.get("total")
    if isinstance(total, int):
        return total
    parts = [cols.get(c) for c in APPLICANT_COLUMNS]
    printed = [p for p in parts if isinstance(p, int)]
    return sum(printed) if printed else None


def _rows_total(rep: AnnualReport, rows: list[str]) -> int | None:
    values = [_t3_total(rep, r) for r in rows]
    printed = [v for v in values if v is not None]
    return sum(printed) if printed else None


_OUTCOME = r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理"
_OUTCOME_WORD = re.compile(_OUTCOME)
_OUTCOME_CLAIM = re.compile(
    r"(?<!不)((?:"
    + _OUTCOME
    + r")(?:(?:及|和|与|、)(?:"
    + _OUTCOME
    + r"))*)(?:的)?(?:申请)?(?:共|合计|共计)?(\d+)件"
)
_RECEIVED = re.compile(
    r"(?:共|累计|全年)?(?:新)?(?:收到|受理|接收|接到)(?:各类|公民、法人或者其他组织的|公民、法人和其他组织)?"
    r"(?:政府信息公开|信息公开|依申请公开)?(?:申请)(?:共|合计|共计)?(\d+)件"
)
_PROCESSED = re.compile(
    r"(?:答复|办结|办理完毕|完成答复)(?:了)?(?:政府信息公开|信息公开|依申请公开)?申请(?:共|合计)?(\d+)件"
)
_CARRIED_OVER = re.compile(r"上(?:一)?年(?:度)?结转(?:的)?(?:申请)?(\d+)件")
_CARRIED_FORWARD = re.compile(
    r"(\d+)件(?:申请)?[^。；，,]{0,20}?(?:结转|顺延)(?:到|至)下(?:一)?年度|结转(?:到|至)?下(?:一)?年度(?:继续办理)?(?:的)?(?:申请)?(\d+)件"
)
_REVIEW = re.compile(r"行政复议(?:案件)?(?:共|合计)?(\d+)(?:件|起)")
_LITIGATION = re.compile(r"(?<!复议)(?:行政)?诉讼(?:案件)?(?:共|合计)?(\d+)(?:件|起)")
_ISSUE_VERBS = r"(?:主动公开|制发|印发|出台|制定|发布)(?:了)?"
_RULES_CLAIM = re.compile(_ISSUE_VERBS + r"(?:政府)?规章(?:共)?(\d+)件")
_NORMATIVE_CLAIM = re.compile(
    _ISSUE_VERBS + r"(?:政府)?(?:规章\d+件[，、,]?)?(?<!部门)(?:行政)?规范性文件(?:共)?(\d+)件"
)

_OUTCOME_ROWS = {
    "予以公开": ("granted",),
    "部分公开": ("partially_granted",),
    "不予公开": ("withheld",),
    "无法提供": ("unable",),
    "不予处理": ("not_processed",),
    "其他处理": ("other",),
}


def _rows_of(rep: AnnualReport, key: str) -> list[str]:
    """The T3 data rows behind an outcome word (group headers expand to their sub-rows)."""
    rows: list[str] = []
    data = [r for r in rep.layout.t3_data_rows]
    for target in _OUTCOME_ROWS[key]:
        rows += [r.id for r in data if r.id == target or r.parent == target]
    return rows


def _narrative_claims(ctx: Context) -> Iterator[_Claim]:
    rep = ctx.report
    text = ctx.narrative
    simple: list[tuple[re.Pattern[str], int | None, str, str]] = [
        (_RECEIVED, _t3_total(rep, "new_received"), t3_ref("new_received", "total"), "本年新收申请"),
        (_PROCESSED, _t3_total(rep, "total_processed"), t3_ref("total_processed", "total"), "办理结果总计"),
        (_CARRIED_OVER, _t3_total(rep, "carried_over"), t3_ref("carried_over", "total"), "上年结转"),
        (
            _CARRIED_FORWARD,
            _t3_total(rep, "carried_forward"),
            t3_ref("carried_forward", "total"),
            "结转下年度",
        ),
        (_REVIEW, _int(rep.t4.get("review.total")), t4_ref("review.total"), "表四行政复议总计"),
        (
            _LITIGATION,
            _sum_opt(rep.t4.get("litigation_direct.total"), rep.t4.get("litigation_after_review.total")),
            t4_ref("litigation_direct.total"),
            "表四行政诉讼总计（直接起诉与复议后起诉）",
        ),
    ]
    if rep.edition in ("2021", "2019"):
        issued = "issued" if rep.edition == "2021" else "new_published"
        column = "本年制发件数" if rep.edition == "2021" else "本年新公开数量"
        for pattern, row, what in (
            (_RULES_CLAIM, "rules", "规章"),
            (_NORMATIVE_CLAIM, "normative_documents", "规范性文件"),
        ):
            value = _int(rep.t2.get("art20_1", {}).get(row, {}).get(issued))
            simple.append((pattern, value, t2_ref("art20_1", row, issued), f"表二{what}「{column}」"))
    for pattern, table, cell, what in simple:
        if table is None or "件" not in text:
            continue
        for m in pattern.finditer(text):
            number = next(g for g in m.groups() if g is not None)
            yield _Claim(m.group(0), int(number), table, cell, what)
    if not rep.t3 or not _OUTCOME_WORD.search(text):
        return
    for m in _OUTCOME_CLAIM.finditer(text):
        keys = list(dict.fromkeys(re.findall(_OUTCOME, m.group(1))))
        rows = [r for k in keys for r in _rows_of(rep, k)]
        table = _rows_total(rep, rows)
        if table is None:
            table = 0 if rows else None
        if table is None:
            continue
        first = rows[0] if rows else "total_processed"
        yield _Claim(
            m.group(0), int(m.group(2)), table, t3_ref(first, "total"), "表三「" + "」加「".join(keys) + "」"
        )


def _int(v: object) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _sum_opt(*values: object) -> int | None:
    printed = [v for v in (_int(x) for x in values) if v is not None]
    return sum(printed) if printed else None


@rule("M-009")
def narrative_numbers_match_tables(ctx: Context) -> Iterator[Hit]:
    """Spec §4.6 M-009: numbers in the narrative (「共收到申请X件」「予以公开X件」「主动公开规范性文件X件」) agree with the tables."""
    if not ctx.has_national_tables:
        return
    seen: set[tuple[str, int]] = set()
    for claim in _narrative_claims(ctx):
        if claim.stated == claim.table or (claim.cell, claim.stated) in seen:
            continue
        seen.add((claim.cell, claim.stated))
        yield Hit(
            claim.cell,
            f"正文写「{claim.phrase}」，但表格中{claim.what}是 {claim.table} 件（差 {abs(claim.stated - claim.table)}）。"
            f"请核对正文和表格，使两者一致。",
        )


# -- M-010 Art. 50(4) -------------------------------------------------------------------------------------------

_ART50_TOPICS = {
    "工作考核": re.compile(r"考核"),
    "社会评议": re.compile(r"评议|测评|评估"),
    "责任追究": re.compile(r"责任追究|问责"),
}


@rule("M-010")
def government_reports_assessment(ctx: Context) -> Iterator[Hit]:
    """Spec §4.6 M-010: a people's government's report covers 工作考核、社会评议和责任追究结果 (条例第五十条第（四）项).

    Lenient by default (any one topic suffices, as the JSON formula `mentions([...])` reads); the option
    `require_all_art50_topics` asks for all three.
    """
    if ctx.body_kind not in GOVERNMENT_KINDS:
        return
    text = ctx.narrative
    missing = [name for name, pattern in _ART50_TOPICS.items() if not pattern.search(text)]
    if not missing or (not ctx.options.require_all_art50_topics and len(missing) < len(_ART50_TOPICS)):
        return
    yield Hit(
        section_ref("problems_improvements"),
        f"人民政府的年报应当报告工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项），"
        f"本报告没有写{'、'.join(missing)}的内容。请在第一部分「监督保障」或第五部分补充。",
    )


# -- M-011 outdated legal basis ------------------------------------------------------------------------------------

_OLD_REG = re.compile(
    r"国务院令第\s*492\s*号|2007年\s*(?:4月5日)?(?:公布|颁布)的《?中华人民共和国政府信息公开条例"
)
_OLD_ARTICLES = re.compile(
    r"(?:条例》?)?第三十[一二]条[^。；]{0,30}年度报告|年度报告[^。；]{0,30}(?:条例》?)?第三十[一二]条"
)
_TRIAL_FORMAT = re.compile(r"国办公开办函〔2019〕60号|年度报告格式（试行）|年度报告格式\(试行\)")


@rule("M-011")
def outdated_legal_basis(ctx: Context) -> Iterator[Hit]:
    """Spec §4.6 M-011: 国务院令第492号 (the 2007 Regulation) cited as current; 「条例第三十一/三十二条」 for the report
    (now 第四十九、五十条); the 2019 trial format for a year ≥ 2021."""
    text = ctx.narrative
    found: list[str] = []
    if not any(key in text for key in ("492", "第三十", "2019", "试行")):
        return
    for m in _OLD_REG.finditer(text):
        found.append(f"「{_excerpt(text, m.start(), m.end())}」（2007年旧条例已被国务院令第711号修订）")
    for m in _OLD_ARTICLES.finditer(text):
        found.append(f"「{_excerpt(text, m.start(), m.end(), 0)}」（年报依据现为条例第四十九、五十条）")
    year = ctx.report.year
    if year is not None and year >= 2021:
        for m in _TRIAL_FORMAT.finditer(text):
            found.append(
                f"「{_excerpt(text, m.start(), m.end())}」（{year}年度应使用国办公开办函〔2021〕30号格式）"
            )
    if found:
        yield Hit(None, f"报告引用了过时的依据：{'；'.join(dict.fromkeys(found))}。请改为现行规定。")


# -- M-012 channels --------------------------------------------------------------------------------------------------

_NEW_MEDIA = r"微信|公众号|公众平台|微博|抖音|快手|头条号|新媒体|客户端|APP|App"
_EXCLUSIVE_CHANNEL = re.compile(
    r"(?:均|全部|都|仅|只|一律|全都)(?:是)?(?:通过|在|由|以|依托|借助|利用)[^。；！？]{0,20}?(?:"
    + _NEW_MEDIA
    + r")"
)
_SENTENCE = re.compile(r"[^。；！？]+")
_MEDIA_WORD = re.compile(_NEW_MEDIA)
_PORTAL = re.compile(
    r"门户网站|政府网站|网站|信息公开平台|政务公开平台|公开专栏|信息公开专栏|政务公开专栏|公报"
)
_SUBPART = re.compile(r"[（(][一二三四五六七八九十][）)]")


@rule("M-012")
def proactive_disclosure_on_portal(ctx: Context) -> Iterator[Hit]:
    """Spec §4.6 M-012: proactive disclosure stated to go only through WeChat or other new media, with no
    portal platform (条例第二十三、二十四条: 政府网站 / 政府信息公开平台)."""
    for sid, text in _sections_with_text(ctx):
        if sid not in (None, "overview", "proactive_disclosure"):
            continue
        if not _MEDIA_WORD.search(text):
            continue
        for m in _SENTENCE.finditer(text):
            sentence = m.group(0)
            if ("公开" not in sentence and "发布" not in sentence) or not _EXCLUSIVE_CHANNEL.search(sentence):
                continue
            # The rest of the same sub-part （一）… may still name the portal.
            nxt = _SUBPART.search(text, m.end())
            rest = text[m.start() : nxt.start() if nxt else len(text)]
            if _PORTAL.search(rest):
                continue
            yield Hit(
                _ref(sid),
                f"{_where(sid)}写道「{sentence.strip()}」：主动公开只通过微信等新媒体，没有使用政府网站的政府信息公开平台。"
                f"条例第二十四条要求通过政府门户网站的信息公开平台集中发布，请补充网站公开情况或改正表述。",
            )
            return


# -- W-008 table versus narrative ------------------------------------------------------------------------------------

_NONE_RECEIVED = re.compile(
    r"(?:未|没有|无)(?:收到|受理|接到|接收)(?:过)?(?:任何)?(?:政府信息公开|信息公开|依申请公开)?(?:的)?申请|"
    r"(?:收到|受理)(?:政府信息公开|信息公开|依申请公开)?申请(?:数)?(?:为)?(?:0|零)件"
)


@rule("W-008")
def table_and_narrative_agree_on_activity(ctx: Context) -> Iterator[Hit]:
    """Spec §4.3 W-008: T3 all 0 while the text reports applications, or the text says none were received
    while T3 shows some (条例第五十条第（二）项)."""
    rep = ctx.report
    if not ctx.has_national_tables or not rep.t3:
        return
    values = [v for cols in rep.t3.values() for v in cols.values() if isinstance(v, int)]
    if not values:
        return
    all_zero = not any(values)
    text = ctx.narrative
    received = _t3_total(rep, "new_received") or 0
    if all_zero:
        for claim in _RECEIVED.finditer(text):
            if int(claim.group(1)) > 0:
                yield Hit(
                    t3_ref("new_received", "total"),
                    f"表三全部为 0，但正文写「{claim.group(0)}」。请核对：有申请就应当填入表三。",
                )
                return
    elif received > 0 and (none := _NONE_RECEIVED.search(text)):
        yield Hit(
            t3_ref("new_received", "total"),
            f"正文写「{_excerpt(text, none.start(), none.end(), 4)}」，但表三本年新收申请为 {received} 件。请核对正文和表格。",
        )
