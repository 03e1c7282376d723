"""Automatic screening for personal data and classification marks before publication.

条例第十七条：行政机关应当建立健全政府信息公开审查机制，依照《中华人民共和国保守国家秘密法》以及其他法律、
法规和国家有关规定对拟公开的政府信息进行审查. 条例第十五条: personal privacy is not disclosed without consent.

`screen_text` finds, in one pass of one compiled regular expression followed by a check of each candidate:

- resident identity numbers (公民身份号码, GB 11643) with a valid check character (`resident_id`), and 18-character
  look-alikes whose birth date is real but whose check character is wrong (`resident_id_suspect`: a mistyped number is
  still somebody's number);
- mobile numbers (11 digits, 1[3-9]…, also written 138-1234-5678 or +86…), landlines with an area code
  (0312-8351234, (0312)8351234), bank card numbers (16–19 digits passing Luhn, with a card-like first digit),
  e-mail addresses, unified social credit codes (GB 32100, valid check character), licence plates (new-energy included);
- classification marks (绝密★, 机密★1年, 秘密★…) and internal-use marks (内部资料, 内部使用, 不宜公开).

Ordinary numbers, dates (2026年1月1日, 20260101, 2026-01-01), document numbers (小政发〔2026〕12号), amounts and page
numbers are not reported. Each finding carries its offsets in the screened text and some context for the reviewer.
The screener only finds; a person decides (the reviewer acknowledges or fixes every finding).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from gongkai.core.identity import is_social_credit_code, luhn_ok, resident_id_problem

CONTEXT_CHARS = 20

KIND_LABELS: dict[str, str] = {
    "resident_id": "身份证号码",
    "resident_id_suspect": "疑似身份证号码（校验位不符）",
    "mobile": "手机号码",
    "landline": "固定电话号码",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "social_credit_code": "统一社会信用代码",
    "licence_plate": "机动车号牌",
    "classification_mark": "密级标志",
    "internal_mark": "内部事项标注",
    "unreadable": "无法读取的附件",
}


class ScreeningError(Exception):
    """A file that cannot be screened; `message` is one line in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ScreeningFinding:
    kind: str
    text: str
    start: int
    end: int
    context: str

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# Fullwidth digits and Latin letters are common in Chinese documents; map them one-to-one to ASCII so offsets stay valid.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ－＠．",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-@.",
)
_HAS_FULLWIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ－＠．]")

# Province abbreviations used on plates (GA 36), plus 使/领 for embassy and consulate plates.
_PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_PLATE_LETTER = "A-HJ-NP-Z"  # plates never use I or O

_PATTERN = re.compile(
    "|".join(
        (
            # 密级标志 (GB/T 9704-2012 §7.2.3 and the 保密法): 绝密★长期, 机密★1年, 秘密★10年, also with ☆/＊/「★」.
            r"(?P<classification>(?:绝密|机密|秘密)\s*[「『【\[]?[★☆＊*][」』】\]]?(?:\s*(?:长期|[0-9一二三四五六七八九十]+\s*(?:年|个月|月)))?)",
            r"(?P<internal>内部资料|内部使用|不宜公开)",
            r"(?P<email>(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})",
            rf"(?P<plate>(?<![A-Za-z0-9])[{_PLATE_PROVINCES}][{_PLATE_LETTER}][·•・ ]?[{_PLATE_LETTER}0-9]{{5,6}}(?![A-Za-z0-9]))",
            # Landlines need an area code with a separator or brackets: a bare 0312835xxxx is handled as a token below.
            r"(?P<landline>(?<![0-9])(?:[(（]0[1-9][0-9]{1,2}[)）]\s?|0[1-9][0-9]{1,2}[-－—\s])[2-8][0-9]{6,7}(?:(?:-|转)[0-9]{1,5})?(?![0-9]))",
            r"(?P<spaced_mobile>(?<![0-9])1[3-9][0-9][ \-][0-9]{4}[ \-][0-9]{4}(?![0-9]))",
            r"(?P<spaced_card>(?<![0-9])[3-69][0-9]{3}(?:[ \-][0-9]{4}){3}(?:[ \-]?[0-9]{1,3})?(?![0-9]))",
            # Any run of 11–19 letters/digits containing a digit: classified in Python (id, code, mobile, card).
            r"(?P<token>(?<![A-Za-z0-9])(?=[A-Za-z]*[0-9])(?:\+?86[ \-]?)?[0-9A-Za-z]{11,19}(?![A-Za-z0-9]))",
        )
    )
)


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return " ".join(f"{before}【{text[start:end]}】{after}".split())


def _in_decimal(text: str, start: int, end: int) -> bool:
    # 13812345678.50元 is an amount, not a phone number.
    before = text[start - 2 : start] if start >= 2 else ""
    after = text[end : end + 2]
    return (len(before) == 2 and before[1] in ".．" and before[0].isdigit()) or (
        len(after) == 2 and after[0] in ".．" and after[1].isdigit()
    )


def _has_birth_date(value: str) -> bool:
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100


def _area_code_ok(digits: str) -> bool:
    # Area codes: 010 and 02x are three digits, every other code is four digits starting 03–09.
    return digits.startswith("010") or digits.startswith("02") or digits[1] in "3456789"


def _classify_token(token: str) -> str | None:
    value = token.upper()
    if value.startswith(("+86", "86")) and len(value.lstrip("+")) > 11:
        rest = re.sub(r"^\+?86[ \-]?", "", value)
        return "mobile" if re.fullmatch(r"1[3-9][0-9]{9}", rest) else None
    if len(value) == 18:
        if resident_id_problem(value) is None:
            return "resident_id"
        if (
            value[:17].isdigit()
            and value[17] in "0123456789X"
            and value[0] in "12345678"
            and _has_birth_date(value)
        ):
            return "resident_id_suspect"
        if not value.isdigit() and is_social_credit_code(value):
            return "social_credit_code"
        if value.isdigit() and is_social_credit_code(value):
            return "social_credit_code"
    if not value.isdigit():
        return None
    if len(value) == 11 and re.fullmatch(r"1[3-9][0-9]{9}", value):
        return "mobile"
    if len(value) in (11, 12) and value[0] == "0" and _area_code_ok(value):
        local = value[3:] if value.startswith(("010", "02")) else value[4:]
        if local[:1] in "2345678" and len(local) in (7, 8):
            return "landline"
    if 16 <= len(value) <= 19 and value[0] in "345689" and luhn_ok(value):
        return "bank_card"
    return None


def screen_text(text: str, allowed: Iterable[str] = ()) -> list[ScreeningFinding]:
    """Return the findings in `text`, in order. Values in `allowed` (e.g. the agency's own public
    telephone number or social credit code) are not reported."""
    allow = {a.strip().upper() for a in allowed if a.strip()}
    scan = text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text
    findings: list[ScreeningFinding] = []
    for m in _PATTERN.finditer(scan):
        group = m.lastgroup
        start, end = m.span()
        value = m.group()
        kind: str | None
        if group == "classification":
            kind = "classification_mark"
        elif group == "internal":
            kind = "internal_mark"
        elif group == "email":
            kind = "email"
        elif group == "plate":
            # A plate has at least three digits; this keeps 京ICP备… and letter-only words out.
            kind = "licence_plate" if sum(c.isdigit() for c in value) >= 3 else None
        elif group == "landline":
            kind = "landline"
        elif group == "spaced_mobile":
            kind = "mobile"
        elif group == "spaced_card":
            digits = re.sub(r"[ \-]", "", value)
            kind = "bank_card" if 16 <= len(digits) <= 19 and luhn_ok(digits) else None
        else:
            kind = None if _in_decimal(scan, start, end) else _classify_token(value)
            # An index number (索引号) starts with the agency's social credit code followed by "/2026-00012": public.
            if kind == "social_credit_code" and scan[end : end + 1] in ("/", "-"):
                kind = None
        if kind is None:
            continue
        if value.strip().upper() in allow or re.sub(r"[\s\-()（）]", "", value).upper() in allow:
            continue
        findings.append(ScreeningFinding(kind, text[start:end], start, end, _context(text, start, end)))
    return findings


def join_broken_lines(text: str) -> tuple[str, list[int]]:
    """Remove line breaks (PDF text breaks lines anywhere, even inside a number); return the joined text and,
    for each of its characters, the offset in `text`."""
    kept = [i for i, ch in enumerate(text) if ch not in "\r\n"]
    return "".join(text[i] for i in kept), kept


def screen_extracted(text: str, allowed: Iterable[str] = ()) -> list[ScreeningFinding]:
    """Screen text extracted from a layout format: as is, and with line breaks removed (numbers split across lines)."""
    allowed = tuple(allowed)
    findings = screen_text(text, allowed)
    if "\n" not in text:
        return findings
    joined, offsets = join_broken_lines(text)
    seen = [(f.start, f.end) for f in findings]
    for f in screen_text(joined, allowed):
        start, end = offsets[f.start], offsets[f.end - 1] + 1
        if any(s < end and start < e for s, e in seen):
            continue
        findings.append(ScreeningFinding(f.kind, text[start:end], start, end, f.context))
    return sorted(findings, key=lambda f: f.start)


def extract_text(path: Path, data: bytes | None = None) -> str:
    """Return the text of a .txt/.md/.csv/.html, .docx or .pdf file (read `path`, or `data` named by `path`).

    Raises ScreeningError with a Chinese message when the file cannot be read."""
    suffix = path.suffix.lower()
    try:
        if data is None:
            data = path.read_bytes()
    except OSError as exc:
        raise ScreeningError(f"无法读取文件“{path.name}”：{exc.strerror or exc}") from exc
    if suffix == ".docx":
        return _docx_text(path, data)
    if suffix == ".pdf":
        return _pdf_text(path, data)
    if suffix in (".doc", ".wps", ".xls", ".et", ".ppt"):
        raise ScreeningError(
            f"无法自动筛查“{path.name}”：旧版 Office/WPS 格式不受支持，请另存为 DOCX 或 PDF 后再上传。"
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise ScreeningError(f"无法自动筛查“{path.name}”：不是可识别的文本、DOCX 或 PDF 文件。")


def _docx_text(path: Path, data: bytes) -> str:
    import io
    import zipfile

    try:
        import docx
        from docx.oxml.ns import qn
    except ImportError as exc:  # pragma: no cover - python-docx is a runtime dependency
        raise ScreeningError("缺少 python-docx，无法读取 DOCX 文件。") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ScreeningError(f"无法自动筛查“{path.name}”：文件已损坏或不是 DOCX 文件。") from exc
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    lines: list[str] = []
    for part in parts:
        # Every paragraph in document order, including table cells (personal data hides in 公示 tables).
        for p in part.iter(qn("w:p")):
            lines.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return "\n".join(lines)


def _pdf_text(path: Path, data: bytes) -> str:
    import io

    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - pdfplumber is a runtime dependency
        raise ScreeningError("缺少 pdfplumber，无法读取 PDF 文件。") from exc
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise ScreeningError(f"无法自动筛查“{path.name}”：PDF 文件已损坏或已加密。") from exc
    text = "\n".join(pages)
    if not text.strip() and pages:
        raise ScreeningError(
            f"无法自动筛查“{path.name}”：PDF 中没有可提取的文字（可能是扫描件），请人工审查。"
        )
    return text


def screen_file(path: Path, data: bytes | None = None, allowed: Iterable[str] = ()) -> list[ScreeningFinding]:
    """Screen a text, DOCX or PDF file; offsets refer to the extracted text."""
    text = extract_text(path, data)
    if path.suffix.lower() == ".pdf":
        return screen_extracted(text, allowed)
    return screen_text(text, allowed)
