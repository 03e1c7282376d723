"""HTML: semantic, accessible, self-contained; the tables exactly in the national layout with merged headers.

Every table has a <caption>; header cells are <th> with `scope` (col/colgroup in the header rows,
row/rowgroup for row labels) and an `id`; every data cell lists the ids of all its row and column
headers in `headers`, so a screen reader announces e.g. 「三、本年度办理结果 （三）不予公开 1.属于国家秘密
申请人情况 自然人」 for a cell. Data cells also carry `data-cell` (the cell reference the validator uses,
`T3[granted][total]`) so pages can mark the cells a finding concerns.

The full document declares lang="zh-CN" (without it renderers pick Japanese glyph forms) and an explicit
CJK font stack; it loads nothing from outside, so it works on an isolated government network.
"""

from __future__ import annotations

from html import escape

from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.render._document import Part, parts, title_of
from gongkai.core.annual_report.render._grid import Cell, Grid

STYLESHEET = """\
.gongkai-report{font-family:"FangSong","仿宋_GB2312","Noto Serif CJK SC",serif;line-height:1.8;\
max-width:60em;margin:0 auto;padding:1em;color:#000;background:#fff}
.gongkai-report h1{text-align:center;font-size:1.6em;font-family:"方正小标宋简体","SimSun","宋体",\
"Noto Serif CJK SC",serif;margin:.6em 0}
.gongkai-report h2{font-size:1.15em;font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif;margin:1em 0 .4em}
.gongkai-report p{text-indent:2em;margin:.3em 0}
.gongkai-report p.signature,.gongkai-report p.date{text-align:right;text-indent:0}
.gongkai-report table{border-collapse:collapse;width:100%;margin:.6em 0 1em;font-size:.9em}
.gongkai-report caption{font-weight:bold;padding:.3em 0}
.gongkai-report th,.gongkai-report td{border:1px solid #000;padding:.2em .4em;text-align:center;\
vertical-align:middle}
.gongkai-report th{font-weight:normal}
.gongkai-report td,.gongkai-report th[scope=col]{min-width:2.6em}
.gongkai-report thead th,.gongkai-report th[scope=colgroup]{font-weight:bold}
.gongkai-report th[scope=row]{text-align:left}
.gongkai-report th.note{font-size:.85em;font-weight:normal}
.gongkai-report th.vertical{writing-mode:vertical-rl;letter-spacing:.3em;width:1.6em}
.gongkai-report th[scope=rowgroup]:not(.vertical){min-width:4.5em}
@page{size:A4;margin:2.5cm 2cm}
"""


def render_html(report: AnnualReport, *, full_document: bool = True, id_prefix: str = "") -> str:
    """Return the report as HTML: a complete page, or (full_document=False) an <article> to embed.

    `id_prefix` keeps element ids unique when several reports share a page.
    """
    article = _article(report, id_prefix)
    if not full_document:
        return article
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(title_of(report))}</title>\n"
        f"<style>\n{STYLESHEET}</style>\n</head>\n<body>\n{article}</body>\n</html>\n"
    )


def _article(report: AnnualReport, prefix: str) -> str:
    out = ['<article class="gongkai-report">\n']
    open_section = False
    for part in parts(report, prefix):
        if open_section and part.kind in ("heading", "signature", "date"):
            out.append("</section>\n")
            open_section = False
        if part.kind == "heading":
            heading_id = f"{prefix}section-{part.section_id}"
            out.append(f'<section aria-labelledby="{_attr(heading_id)}">\n')
            out.append(f'<h2 id="{_attr(heading_id)}">{_text(part.text)}</h2>\n')
            open_section = True
        else:
            out.append(_part(part, report))
    if open_section:
        out.append("</section>\n")
    out.append("</article>\n")
    return "".join(out)


def _part(part: Part, report: AnnualReport) -> str:
    if part.kind == "title":
        return f"<h1>{_text(part.text)}</h1>\n"
    if part.kind == "table" and part.grid is not None:
        return table(part.grid)
    if part.kind == "signature":
        return f'<p class="signature">{_text(part.text)}</p>\n'
    if part.kind == "date" and report.published_on is not None:
        iso = report.published_on.isoformat()
        return f'<p class="date"><time datetime="{iso}">{_text(part.text)}</time></p>\n'
    return f"<p>{_text(part.text)}</p>\n"


def table(grid: Grid) -> str:
    """Return one national table as <table> with <caption>, <thead> and <tbody> groups."""
    out = [f'<table id="{_attr(grid.id)}">\n<caption>{_text(grid.caption)}</caption>\n']
    if grid.head:
        out.append("<thead>\n")
        out.extend(_row(row.cells) for row in grid.head)
        out.append("</thead>\n")
    for body in grid.bodies:
        out.append("<tbody>\n")
        out.extend(_row(row.cells) for row in body)
        out.append("</tbody>\n")
    out.append("</table>\n")
    return "".join(out)


def _row(cells: tuple[Cell, ...]) -> str:
    return "<tr>" + "".join(_cell(c) for c in cells) + "</tr>\n"


def _cell(cell: Cell) -> str:
    tag = "th" if cell.header else "td"
    attrs: list[tuple[str, str]] = []
    if cell.id:
        attrs.append(("id", cell.id))
    if cell.scope:
        attrs.append(("scope", cell.scope))
    if cell.rowspan > 1:
        attrs.append(("rowspan", str(cell.rowspan)))
    if cell.colspan > 1:
        attrs.append(("colspan", str(cell.colspan)))
    if cell.headers:
        attrs.append(("headers", " ".join(cell.headers)))
    if cell.css:
        attrs.append(("class", cell.css))
    if cell.ref:
        attrs.append(("data-cell", cell.ref))
    rendered = "".join(f' {name}="{_attr(value)}"' for name, value in attrs)
    return f"<{tag}{rendered}>{_text(cell.text)}</{tag}>"


def _text(text: str) -> str:
    return escape(text, quote=False)


def _attr(text: str) -> str:
    return escape(text, quote=True)
