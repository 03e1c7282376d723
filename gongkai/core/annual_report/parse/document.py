"""A format-neutral document (paragraphs and table grids in reading order) and how to read a report from it.

Every reader (text, Markdown, HTML, DOCX, PDF) produces a `Doc`; `report_from_doc` does the rest, so all
formats share one interpretation:

- sections are found by their normalised headings (spec §3.9; aliases in the format JSON), also when a
  heading sits inside a longer line (flattened text: 「…止。 一、总体情况 我镇…」);
- tables T2/T3/T4 are recognised by their labels, wherever they are and however they were split; a table
  that lost its cell borders (crawler text) is read from the section's text (glued digits, see glued.py);
- the edition (spec §3.8), year, issuing body, statistics period and publication date are read from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from gongkai.core.annual_report.format import Edition, edition_for_year, normalize_label, sections
from gongkai.core.annual_report.model import AnnualReport, ReportError
from gongkai.core.annual_report.parse import meta, tables
from gongkai.core.annual_report.parse.tables import Tok

Grid = list[list[str | None]]


@dataclass
class Table:
    """A rectangular grid. A merged cell's text sits at its top-left position; positions it covers are None.
    A cell printed empty is "" (the report prints it empty), never None."""

    rows: Grid


@dataclass
class Doc:
    """Paragraph strings and tables in reading order."""

    parts: list[str | Table] = field(default_factory=list)


NOT_A_REPORT = "这不是政府信息公开工作年度报告：找不到表三（收到和处理政府信息公开申请情况）。"

# -- headings -------------------------------------------------------------------------------------------

_NUMERALS = "一二三四五六"
_PUNCT_CLASS = {
    "、": "[、,，.．]",
    ",": "[、,，]",
    "，": "[、,，]",
    "(": "[(（]",
    ")": "[)）]",
    "（": "[(（]",
    "）": "[)）]",
}


def _heading_pattern(label: str) -> str:
    key = normalize_label(label)
    chars = [_PUNCT_CLASS.get(ch, re.escape(ch)) for ch in key]
    return r"\s*".join(chars)


@cache
def _heading_regex() -> tuple[re.Pattern[str], tuple[str, ...]]:
    entries: list[tuple[int, str, str]] = []
    for s in sections():
        for label in dict.fromkeys((s.label, *s.aliases)):
            entries.append((len(label), s.id, _heading_pattern(label)))
    entries.sort(key=lambda e: -e[0])
    regex = re.compile("|".join(f"({p})" for _, _, p in entries))
    return regex, tuple(sid for _, sid, _ in entries)


# A short paragraph that starts like a heading and names the section's subject (headings vary in practice).
_LOOSE_HEADING = re.compile(r"^\s*([一二三四五六])\s*[、.．,，]\s*(\S.{0,40})$")
_LOOSE_WORDS = {
    "一": ("总体情况", "概述", "概况", "总体"),
    "二": ("主动公开",),
    "三": ("收到和处理", "依申请公开"),
    "四": ("行政复议", "行政诉讼"),
    "五": ("问题", "改进"),
    "六": ("其他需要报告", "其他事项"),
}


@cache
def _section_by_number() -> dict[str, str]:
    return {s.number: s.id for s in sections()}


def _loose_heading(text: str) -> str | None:
    m = _LOOSE_HEADING.match(text)
    if not m or text.rstrip().endswith(("。", "；", ";")):
        return None
    words = _LOOSE_WORDS.get(m.group(1), ())
    if any(w in m.group(2) for w in words):
        return _section_by_number().get(m.group(1))
    return None


def split_headings(text: str) -> list[tuple[str | None, str]]:
    """Split a line at section headings: [(section id or None, text)], the heading pieces carrying their id."""
    loose = _loose_heading(text)
    if loose is not None:
        return [(loose, text.strip())]
    regex, ids = _heading_regex()
    out: list[tuple[str | None, str]] = []
    pos = 0
    for m in regex.finditer(text):
        before = text[pos : m.start()]
        if before.strip():
            out.append((None, before.strip()))
        out.append((ids[(m.lastindex or 1) - 1], m.group(0).strip()))
        pos = m.end()
    rest = text[pos:]
    if rest.strip():
        out.append((None, rest.strip()))
    return out


# -- chrome and crawler metadata -------------------------------------------------------------------------

_META = re.compile(
    r"^\s*(标题|发布时间|发布日期|成文日期|生成日期|文号|发文字号|发布机构|发文机关|栏目|原文链接|本地目录|来源|信息来源|索引号|主题分类)\s*[:：]\s*(.*)$"
)
_CHROME_LINE = re.compile(
    r"^\s*(?:=+[^=]*=+|页面链接与图片详见.*|【?打印本页】?|【?关闭窗口】?|附件下载|分享到[:：]?.*)\s*$"
)
_CHROME_PREFIX = re.compile(r"^\s*当前位置\s*[:：].*?-->\s*")
_CHROME_SUFFIX = re.compile(r"\s*(?:附件下载|【打印本页】|【关闭窗口】|打印本页\s*关闭窗口)\s*$")


@dataclass
class _Item:
    kind: str  # "heading" | "para" | "table"
    text: str = ""
    section: str = ""
    table: Table | None = None


@dataclass
class _Meta:
    title: str | None = None
    published: str | None = None
    source: str | None = None


def _linearize(doc: Doc, info: _Meta) -> list[_Item]:
    items: list[_Item] = []
    seen_heading = False
    for part in doc.parts:
        if isinstance(part, Table):
            items.append(_Item("table", table=part))
            continue
        text = _CHROME_PREFIX.sub("", part)
        if not seen_heading:
            m = _META.match(text)
            if m:
                name, value = m.group(1), m.group(2).strip()
                if name == "标题" and value and info.title is None:
                    info.title = value
                elif name in ("发布时间", "发布日期", "成文日期") and value and info.published is None:
                    info.published = value
                continue
        if _CHROME_LINE.match(text):
            continue
        text = _CHROME_SUFFIX.sub("", text)
        for section_id, piece in split_headings(text):
            if section_id is not None:
                items.append(_Item("heading", piece, section_id))
                seen_heading = True
            else:
                items.append(_Item("para", piece))
    return items


# -- glued tables in text ----------------------------------------------------------------------------------

_MARKERS = {
    "proactive_disclosure": re.compile(r"第\s*二\s*十\s*条\s*第|信\s*息\s*内\s*容"),
    "applications": re.compile(
        r"[(（]?\s*本列数据的勾稽关系|申\s*请\s*人\s*情\s*况|一\s*[、.,，]\s*本\s*年\s*新\s*收"
    ),
    "review_litigation": re.compile(r"行\s*政\s*复\s*议\s*行\s*政\s*诉\s*讼|结\s*果\s*维\s*持"),
}
_TABLE_OF_SECTION = {"proactive_disclosure": "T2", "applications": "T3", "review_litigation": "T4"}


def _classify(table: Table) -> set[str]:
    text = tables.norm("".join(c for row in table.rows[:60] for c in row if c))
    kinds: set[str] = set()
    if "本年新收" in text or "勾稽关系" in text or "申请人情况" in text:
        kinds.add("T3")
    if "第二十条第" in text or ("信息内容" in text and "数量" in text) or "本年制发件数" in text:
        kinds.add("T2")
    if "行政复议" in text and ("结果维持" in text or "行政诉讼" in text) and "本年新收" not in text:
        kinds.add("T4")
    return kinds


def _glued_table(paras: list[str], section_id: str) -> tuple[list[str], Table | None]:
    """Split a table section's text into narrative and a table whose cells lost their borders."""
    marker = _MARKERS.get(section_id)
    if marker is None:
        return paras, None
    for i, p in enumerate(paras):
        m = marker.search(p)
        if m:
            narrative = [*paras[:i], p[: m.start()].strip()]
            body = " ".join([p[m.start() :], *paras[i + 1 :]])
            return [x for x in narrative if x], Table([[body]])
    return paras, None


# -- the report ---------------------------------------------------------------------------------------------


def report_from_doc(doc: Doc) -> AnnualReport:
    """Read a report from a Doc; raise ReportError (one line of Chinese) when it is not a readable report."""
    info = _Meta()
    items = _linearize(doc, info)
    known = {s.id for s in sections()}

    preamble: list[str] = []
    section_paras: dict[str, list[str]] = {}
    order: list[str] = []
    tables_by_kind: dict[str, list[Table]] = {"T2": [], "T3": [], "T4": []}
    current: str | None = None
    last_kinds: set[str] = set()
    for item in items:
        if item.kind == "heading":
            current = item.section
            if current not in section_paras:
                section_paras[current] = []
                order.append(current)
            last_kinds = set()
        elif item.kind == "para":
            (section_paras[current] if current else preamble).append(item.text)
            last_kinds = set()
        elif item.table is not None:
            kinds = _classify(item.table)
            if not kinds and last_kinds:
                kinds = last_kinds  # a table continued after a page break
            elif not kinds and current in _TABLE_OF_SECTION:
                kinds = {_TABLE_OF_SECTION[current]}
            for kind in kinds:
                tables_by_kind[kind].append(item.table)
            last_kinds = kinds

    # Tables printed as text (crawler output): take them from the section's paragraphs.
    for section_id, kind in _TABLE_OF_SECTION.items():
        if not tables_by_kind[kind] and section_id in section_paras:
            narrative, table = _glued_table(section_paras[section_id], section_id)
            if table is not None:
                section_paras[section_id] = narrative
                tables_by_kind[kind].append(table)

    report = AnnualReport()
    _read_front(report, preamble, info)
    _read_end(report, section_paras, order, info)
    report.section_order = [s for s in order if s in known]
    report.sections = {s: "\n".join(section_paras[s]) for s in report.section_order}
    full_text = "\n".join([report.preamble, *report.sections.values()])
    _read_period_and_year(report, full_text)
    if report.agency:
        report.agency = meta.expand_place(report.agency, full_text)
    else:
        report.agency = meta.agency_from_text(full_text)
    _read_tables(report, tables_by_kind, bool(order) or report.title is not None)
    return report


def _read_front(report: AnnualReport, preamble: list[str], info: _Meta) -> None:
    title_at = next((i for i, p in enumerate(preamble) if meta.is_title(p)), None)
    if title_at is not None:
        report.title = preamble[title_at].strip()
        preamble = preamble[title_at + 1 :]
    elif info.title:
        report.title = info.title.strip()
    # Date lines right under the title (「发布日期：…」 was taken as metadata already).
    report.preamble = "\n".join(preamble)
    if report.title:
        report.agency, report.year = meta.parse_title(report.title)
    if info.published:
        report.published_on = meta.first_date(info.published)


def _read_end(
    report: AnnualReport, section_paras: dict[str, list[str]], order: list[str], info: _Meta
) -> None:
    """The signature and date under the last section (「{agency}」, 「2024年1月20日」) are not its text."""
    if not order:
        return
    paras = section_paras[order[-1]]
    date_at = next((i for i in range(len(paras) - 1, -1, -1) if meta.date_line(paras[i])), None)
    if date_at is not None and date_at >= len(paras) - 4:
        report.published_on = meta.date_line(paras[date_at])
        del paras[date_at:]  # anything after the date is page chrome
        if paras and _is_signature(paras[-1], report.agency):
            signature = paras.pop().strip()
            report.agency = report.agency or signature
    elif paras and report.agency and paras[-1].strip() == report.agency:
        paras.pop()


def _is_signature(text: str, agency: str | None) -> bool:
    text = text.strip()
    if agency and text == agency:
        return True
    return 0 < len(text) <= 40 and not re.search(r"[。，,；;：:！？!?]", text) and meta.looks_like_body(text)


def _read_period_and_year(report: AnnualReport, full_text: str) -> None:
    found = meta.period(report.preamble) or meta.period(full_text)
    if found:
        report.period_start, report.period_end = found
    if report.year is None:
        if report.period_start is not None:
            report.year = report.period_start.year
        else:
            report.year = meta.year_from_text(report.preamble) or meta.year_from_text(full_text)


def _read_tables(report: AnnualReport, found: dict[str, list[Table]], looks_like_report: bool) -> None:
    t3_toks = tables.stream((t.rows for t in found["T3"]), tables.t3_labels())
    t3 = tables.read_t3(t3_toks, report.year)
    if t3 is None:
        # spec §3.8 step 3: no T3 matrix means a pre-2019 report — if it is a report at all.
        if looks_like_report and report.year is not None and report.year < 2019:
            report.edition = "pre2019"
            return
        raise ReportError(NOT_A_REPORT)
    uncertain = list(t3.uncertain)
    t2_toks = tables.stream((t.rows for t in found["T2"]), tables.t2_labels())
    t2_edition = tables.t2_edition(t2_toks)
    report.edition = _edition(t2_edition, t3.edition, report.year)
    if t2_toks:
        report.t2, t2_uncertain = tables.read_t2(t2_toks, t2_edition or report.edition)
        uncertain.extend(t2_uncertain)
    report.t3 = t3.table
    report.t3_group_values = t3.group_values
    t4_toks: list[Tok] = tables.stream((t.rows for t in found["T4"]), tables.LabelSet(_NO_LABELS, ()))
    t4 = tables.read_t4(t4_toks) if t4_toks else None
    if t4 is not None:
        report.t4, t4_uncertain = t4
        uncertain.extend(t4_uncertain)
    report.uncertain = uncertain


_NO_LABELS = re.compile(r"(?!x)x")


def _edition(t2: Edition | None, t3: Edition, year: int | None) -> Edition:
    """spec §3.8 step 4: when T2 and T3 disagree, the report year breaks the tie (the validator's S-003)."""
    if t2 is None or t2 == t3:
        return t3
    if year is not None:
        expected = edition_for_year(year)
        if expected in (t2, t3):
            return expected
    return t2
