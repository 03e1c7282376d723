"""Read an annual report from a PDF's text layer (pdfplumber; why: docs/decisions/0002-pdf-engine.md).

The PDF is turned into the format-neutral `Doc` (paragraphs and table grids in reading order) that
`report_from_doc` reads, so PDF, Word and HTML reports share one interpretation. What is specific to PDF
is handled here:

- ruled tables are found from their drawn lines; merged cells come back as the text at the top-left and
  None at the covered positions;
- a table that runs over a page break is joined into one grid, and a row-spanning label cut by the break
  (「（四）无」 | 「法提供」) is put back together;
- lines are re-joined into paragraphs (indent, short last line, vertical gap), labels wrapped over 2–3
  lines inside a cell are joined, page headers/footers and page numbers (「- 3 -」, 「— 3 —」, 「第 3 页」) are dropped;
- a PDF without a text layer is refused as a scan: gongkai does no OCR.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from gongkai.core.annual_report.format import layout, normalize_label
from gongkai.core.annual_report.model import AnnualReport, ReportError
from gongkai.core.annual_report.parse.document import Doc, Table, report_from_doc

# Refuse before parsing: a report PDF is a few MB; 100 MB is a scanned book or an attack.
MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PAGES = 300
# Less text than this outside page numbers and running heads: a scan with a printed page number at most.
MIN_TEXT_CHARS = 20

Grid = list[list[str | None]]

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－−~\s]*\d{1,4}[-—–－−~\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


@dataclass
class _Table:
    rows: Grid
    x0: float
    x1: float
    top: float
    bottom: float
    page: int


@dataclass
class _Page:
    number: int
    height: float
    items: list[_Line | _Table] = field(default_factory=list)
    has_images: bool = False
    char_count: int = 0
    body_chars: int = 0


def parse_pdf(data: bytes) -> AnnualReport:
    """Parse a report PDF; raise ReportError (Chinese message) for scans, encrypted or broken files."""
    doc, scan_pages = pdf_to_doc_with_pages(data)
    try:
        return report_from_doc(doc)
    except ReportError as exc:
        if scan_pages:
            pages = "、".join(str(p) for p in scan_pages[:10])
            raise ReportError(f"{exc.message}（第 {pages} 页只有图片、没有文字，可能是扫描件）") from exc
        raise


def pdf_to_doc(data: bytes) -> Doc:
    """Return the PDF's paragraphs and tables in reading order."""
    return pdf_to_doc_with_pages(data)[0]


def pdf_to_doc_with_pages(data: bytes) -> tuple[Doc, list[int]]:
    """Return the Doc and the numbers of pages that hold images but no text."""
    pages = _read_pages(data)
    _drop_running_heads(pages)
    for page in pages:
        page.body_chars = sum(
            len(i.text) if isinstance(i, _Line) else sum(len(c or "") for row in i.rows for c in row)
            for i in page.items
        )
    if sum(p.body_chars for p in pages) < MIN_TEXT_CHARS:
        images = sum(1 for p in pages if p.has_images)
        detail = (
            f"共 {len(pages)} 页，{images} 页是图片" if images else f"共 {len(pages)} 页，没有可提取的文字"
        )
        raise ReportError(
            f"扫描件，无文字层：{detail}。gongkai 不做文字识别（OCR），请提供 Word 原件或可复制文字的 PDF。"
        )
    items = [item for p in pages for item in p.items]
    if _undecodable(items):
        raise ReportError("PDF 的文字层无法解码（字体缺少 Unicode 映射，提取出的是乱码），请提供 Word 原件。")
    parts = _assemble(items)
    scan_pages = [p.number for p in pages if p.body_chars == 0 and p.has_images]
    return Doc(parts), scan_pages


# -- reading pages ------------------------------------------------------------------------------------------


def _read_pages(data: bytes) -> list[_Page]:
    if len(data) > MAX_PDF_BYTES:
        raise ReportError(
            f"PDF 文件过大（{len(data) // (1024 * 1024)} MB，上限 {MAX_PDF_BYTES // (1024 * 1024)} MB）。"
        )
    if b"%PDF-" not in data[:1024]:
        raise ReportError("不是 PDF 文件（文件开头没有 %PDF 标记）。")
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[_Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ReportError(
                    f"PDF 页数过多（{len(pdf.pages)} 页，上限 {MAX_PAGES} 页），不像是一份年度报告。"
                )
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_read_page(page, number))
                page.close()
    except ReportError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ReportError("PDF 已加密（需要密码才能打开），无法读取文字：请提供未加密的版本。") from exc
    except Exception as exc:
        # pdfminer raises a wide range of exceptions on damaged files (PSEOF, KeyError, struct.error …);
        # the parser's contract is one documented error type.
        if _is_encryption_error(exc):
            raise ReportError("PDF 已加密（需要密码才能打开），无法读取文字：请提供未加密的版本。") from exc
        raise ReportError(f"PDF 文件已损坏或格式不正确，无法读取（{type(exc).__name__}）。") from exc
    if not pages:
        raise ReportError("PDF 中没有任何页面。")
    return pages


def _is_encryption_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        name = type(seen).__name__
        if "Password" in name or "Encryption" in name:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _read_page(page: Any, number: int) -> _Page:
    result = _Page(number, float(page.height), has_images=bool(page.images))
    result.char_count = sum(1 for c in page.chars if not c["text"].isspace())
    if result.char_count == 0:
        return result
    tables: list[_Table] = []
    found_tables = page.find_tables()
    height = float(page.height)
    if any(t.bbox[1] < height * 0.2 or t.bbox[3] > height * 0.8 for t in found_tables):
        # A cell cut by a page break may have no border at the cut (WeasyPrint draws none), so the
        # cell is not closed and its text is lost. Close every table at its own top and bottom.
        edges = sorted({y for t in found_tables for y in (t.bbox[1], t.bbox[3])})
        found_tables = page.find_tables({"explicit_horizontal_lines": edges})
    for found in found_tables:
        rows = found.extract()
        if not _is_real_table(rows):
            continue
        x0, top, x1, bottom = found.bbox
        grid = [[None if c is None else _join_cell_lines(c) for c in row] for row in rows]
        tables.append(_Table(grid, x0, x1, top, bottom, number))

    def outside_tables(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(t.x0 <= cx <= t.x1 and t.top <= cy <= t.bottom for t in tables)

    text_page = page.filter(outside_tables) if tables else page
    lines: list[_Line] = []
    for line in text_page.extract_text_lines(keep_blank_chars=True, return_chars=True):
        text = _clean(line["text"])
        if not text:
            continue
        sizes = [c["size"] for c in line["chars"] if not c["text"].isspace()] or [0.0]
        lines.append(
            _Line(text, line["x0"], line["x1"], line["top"], line["bottom"], statistics.median(sizes), number)
        )
    result.items = sorted([*lines, *tables], key=lambda item: item.top)
    return result


def _is_real_table(rows: list[list[str | None]]) -> bool:
    # A framed paragraph (a text box with a border) comes back as a one-column "table".
    return bool(rows) and any(sum(1 for c in row if c is not None) >= 2 for row in rows)


def _clean(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u3000", " ").strip()


def join_text_lines(lines: list[str]) -> str:
    """Join wrapped lines of one paragraph or cell: Chinese needs no separator, Latin words need a space."""
    out = ""
    for raw in lines:
        line = _clean(raw)
        if not line:
            continue
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(line[0]):
            out += " "
        out += line
    return out


def _join_cell_lines(text: str) -> str:
    return join_text_lines(text.split("\n"))


# -- page furniture -------------------------------------------------------------------------------------------


def _drop_running_heads(pages: list[_Page]) -> None:
    """Remove page numbers and running heads/feet (lines repeated in the page margins)."""
    margin_texts: dict[str, int] = {}
    for page in pages:
        for item in page.items:
            if isinstance(item, _Line) and _in_margin(item, page.height):
                key = re.sub(r"\d+", "#", item.text)
                margin_texts[key] = margin_texts.get(key, 0) + 1
    repeated = {k for k, n in margin_texts.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2)}
    for page in pages:
        kept: list[_Line | _Table] = []
        for item in page.items:
            if isinstance(item, _Line) and _in_margin(item, page.height):
                key = re.sub(r"\d+", "#", item.text)
                if _PAGE_NUMBER.match(item.text) or key in repeated:
                    continue
            kept.append(item)
        page.items = kept


def _in_margin(line: _Line, height: float) -> bool:
    return line.top < height * 0.1 or line.bottom > height * 0.88


def _undecodable(items: list[_Line | _Table]) -> bool:
    text = "".join(i.text for i in items if isinstance(i, _Line))
    return len(text) > 0 and text.count("(cid:") * 7 > len(text) / 2


# -- paragraphs and tables ----------------------------------------------------------------------------------


def _assemble(items: list[_Line | _Table]) -> list[str | Table]:
    geometry = _Geometry.measure(items)
    parts: list[str | Table] = []
    paragraph: list[_Line] = []
    previous_table: _Table | None = None
    grid: Grid | None = None

    def flush_paragraph() -> None:
        if paragraph:
            parts.append(join_text_lines([ln.text for ln in paragraph]))
            paragraph.clear()

    def flush_table() -> None:
        nonlocal grid, previous_table
        if grid is not None:
            parts.append(Table(grid))
        grid = None
        previous_table = None

    for item in items:
        if isinstance(item, _Table):
            flush_paragraph()
            if grid is not None and previous_table is not None and item.page == previous_table.page + 1:
                # Nothing but page furniture between the two: one table cut by the page break.
                _continue_grid(grid, item.rows)
            else:
                flush_table()
                grid = [list(r) for r in item.rows]
            previous_table = item
            continue
        if grid is not None and previous_table is not None and _overflows_cell(grid, previous_table, item):
            continue
        flush_table()
        if paragraph and geometry.starts_paragraph(paragraph[-1], item):
            flush_paragraph()
        paragraph.append(item)
    flush_paragraph()
    flush_table()
    return parts


@dataclass
class _Geometry:
    """Where a new paragraph starts, from the page geometry of the whole document."""

    left: float
    right: float
    body_size: float
    line_gap: float
    uses_indent: bool

    @classmethod
    def measure(cls, items: list[_Line | _Table]) -> _Geometry:
        lines = [i for i in items if isinstance(i, _Line)]
        tables = [i for i in items if isinstance(i, _Table)]
        sizes = [round(ln.size) for ln in lines if ln.size > 0]
        body_size = float(statistics.mode(sizes)) if sizes else 12.0
        body = [ln for ln in lines if abs(ln.size - body_size) < 1.5] or lines
        left = min([ln.x0 for ln in body] + [t.x0 for t in tables])
        if tables:
            right = max(t.x1 for t in tables)
        else:
            ends = sorted(ln.x1 for ln in body)
            right = ends[int(len(ends) * 0.9)] if ends else left + 400
        gaps = [
            b.top - a.bottom
            for a, b in itertools.pairwise(items)
            if isinstance(a, _Line)
            and isinstance(b, _Line)
            and a.page == b.page
            and abs(a.size - body_size) < 1.5
            and abs(b.size - body_size) < 1.5
        ]
        line_gap = statistics.median(gaps) if gaps else body_size * 0.5
        # Paragraphs marked by a first-line indent of about two characters (公文 style)?
        indented = sum(1 for ln in body if left + 1.5 * ln.size <= ln.x0 <= left + 2.6 * ln.size)
        return cls(left, right, body_size, max(line_gap, 0.0), indented >= 1)

    def _large(self, line: _Line) -> bool:
        return line.size > self.body_size + 1.5

    def _indented(self, line: _Line) -> bool:
        return line.x0 > self.left + 0.8 * max(line.size, 1.0)

    def starts_paragraph(self, previous: _Line, line: _Line) -> bool:
        size = max(line.size, 1.0)
        short = previous.x1 < self.right - 3.0 * size and not _ASCII_WORD.match(line.text[0])
        if line.page != previous.page:
            # A page break inside a paragraph: only an indent (or a short last line) starts a new one.
            return self._indented(line) or (not self.uses_indent and short)
        if self._large(line) != self._large(previous):
            return True
        if self._large(line):
            # A title set in a larger size over two or three lines is one paragraph.
            return line.top - previous.bottom > 1.2 * size
        if line.top - previous.bottom > self.line_gap + 0.15 * size:
            return True
        if self._indented(line):
            return True
        # Without first-line indents, a line ending well before the margin ends its paragraph. (With
        # indents that test misfires: a number or a bracket that cannot be split leaves a line short.)
        return not self.uses_indent and short


def _continue_grid(grid: Grid, rows: Grid) -> None:
    """Append the rows of a table's continuation on the next page, mending cells cut by the break."""
    if not rows:
        return
    width = max(len(grid[0]), len(rows[0]))
    for row in grid:
        row.extend([None] * (width - len(row)))
    rows = [list(r) + [None] * (width - len(r)) for r in rows]
    # Header rows repeated on the new page (Word's 「标题行重复」) are not data.
    repeated = 0
    while repeated < min(len(rows) - 1, len(grid), 4) and rows[repeated] == grid[repeated]:
        repeated += 1
    rows = rows[repeated:]
    first = rows[0]
    for j, text in enumerate(first):
        if text is None:
            continue
        anchor = _spanning_anchor(grid, j)
        if anchor is None:
            continue
        ai, previous = anchor
        if text == "":
            # The lower part of a row-spanning cell (e.g. 「三、本年度办理结果」) drawn again on the new page.
            if not _looks_numeric(previous):
                first[j] = None
            continue
        if _is_label_fragment(previous, text):
            grid[ai][j] = previous + text
            first[j] = None
    grid.extend(rows)


def _overflows_cell(grid: Grid, table: _Table, line: _Line) -> bool:
    """Attach a line printed just below a table to the label cell it spills out of; True if it did.

    WeasyPrint prints a row-spanning label cut by a page break past the table's bottom edge
    (「（五）不」 in the table, 「予处」「理」 below it); put the text back when it continues a known label.
    """
    if line.page != table.page or line.top - table.bottom > 3 * max(line.size, 1.0):
        return False
    for column in range(len(grid[0]) if grid else 0):
        anchor = _spanning_anchor(grid, column)
        if anchor is None or not grid[anchor[0]][column]:
            continue
        row, text = anchor
        joined = normalize_label(text + line.text)
        if normalize_label(text) in _known_labels() or _looks_numeric(text):
            continue
        if any(label.startswith(joined) for label in _known_labels()):
            grid[row][column] = text + line.text
            table.bottom = line.bottom
            return True
    return False


def _spanning_anchor(grid: Grid, column: int) -> tuple[int, str] | None:
    """The text cell whose span reaches the bottom of `grid` in `column` (None below it), if any."""
    for i in range(len(grid) - 1, -1, -1):
        value = grid[i][column]
        if value is not None:
            return (i, value) if value else None
    return None


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.,+\-\s]+", text))


def _is_label_fragment(previous: str, text: str) -> bool:
    """Whether `previous` + `text` is one label cut by a page break (「（四）无」+「法提供」)."""
    if _looks_numeric(text) or _looks_numeric(previous):
        return False
    labels = _known_labels()
    return normalize_label(previous) not in labels and normalize_label(previous + text) in labels


_LABELS: set[str] = set()


def _known_labels() -> set[str]:
    if not _LABELS:
        for edition in ("2021", "2019"):
            lay = layout(edition)
            for row in lay.t3_rows:
                _LABELS.update(row.match_keys)
            for block in lay.t2_blocks:
                _LABELS.add(block.match_key)
                for r in block.rows:
                    _LABELS.update(r.match_keys)
                for c in block.columns:
                    _LABELS.update(c.match_keys)
            for c in (*lay.t3_columns, *lay.t4_columns):
                _LABELS.update(c.match_keys)
            _LABELS.update(normalize_label(label) for _, label in lay.t4_groups)
    return _LABELS
