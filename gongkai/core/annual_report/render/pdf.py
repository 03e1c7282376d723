"""The report as a PDF: the HTML rendering (render/html.py) laid out by WeasyPrint on a 公文 page.

A4 with the GB/T 9704-2012 margins and 「— 1 —」 page numbers (gongkai.core.officedoc.OFFICIAL_PAGE_CSS),
Noto CJK fonts embedded (lang="zh-CN" and explicit font stacks; see platform-notes). The tables are the
HTML renderer's, so their merged header cells are the national layout.

Choices made so that `parse_pdf(render_pdf(r)) == r` reads the text back exactly:
- captions are not printed (the section heading right above names the table);
- the header rows are not repeated on a table's next page, and are kept together with the first data row
  (a header cut by a page break leaves its cells unclosed, and the text would fall out of the table);
- every paragraph, heading and signature line starts indented or aligned away from the left margin,
  and paragraphs are separated by a little vertical space, so the reader can find where each begins.
"""

from __future__ import annotations

from html import escape

from gongkai.core import officedoc
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.render._document import title_of
from gongkai.core.annual_report.render.html import render_html

REPORT_CSS = f"""
.gongkai-report caption {{ display: none; }}
.gongkai-report thead {{ display: table-row-group; break-inside: avoid; }}
.gongkai-report thead tr {{ break-after: avoid; }}
.gongkai-report h2 {{ break-after: avoid; }}
.gongkai-report p {{ margin: 0 0 4pt 0; }}
.gongkai-report h2 {{ margin: 6pt 0 3pt 0; }}
.gongkai-report table {{ font-size: {officedoc.SIZE_WUHAO}pt; }}
.gongkai-report th, .gongkai-report td {{ padding: 1mm 0.8mm; }}
.gongkai-report th[scope=row] {{ text-align: left; }}
.gongkai-report th.vertical {{ width: 1.2em; padding: 1mm 0.5mm; }}
.gongkai-report p.signature, .gongkai-report p.date {{ text-align: right; text-indent: 0; margin: 0; }}
.gongkai-report p.signature {{ margin-top: 1.5em; padding-right: 2em; }}
.gongkai-report p.date {{ padding-right: 4em; }}
"""


def render_pdf(report: AnnualReport) -> bytes:
    """Return the report as PDF bytes (A4, CJK fonts embedded)."""
    html = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title_of(report), quote=False)}</title>\n"
        f'<meta name="author" content="{escape(report.agency or "", quote=True)}">\n'
        '<meta name="generator" content="gongkai">\n'
        f"</head>\n<body>\n{render_html(report, full_document=False)}</body>\n</html>\n"
    )
    return officedoc.html_to_pdf(html, extra_css=REPORT_CSS)
