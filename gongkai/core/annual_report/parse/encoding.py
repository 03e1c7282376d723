"""Decode the bytes of a text/HTML/Markdown report.

UTF-8 (with or without BOM), UTF-16 with BOM, and the GB family. Pages that declare gb2312 or gbk often
contain characters outside those sets (镕, 堃, 喆 …); decoders that take the declaration literally drop or
garble them (platform-notes: lxml silently drops them), so every GB declaration is read as gb18030, its
superset, and so is any text that is not valid UTF-8.
"""

from __future__ import annotations

import codecs
import contextlib
import re

from gongkai.core.annual_report.model import ReportError

_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "gb_2312-80", "csgb2312", "hz-gb-2312"}
# Control characters that never occur in a text report (tab, newlines and form feed are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def declared_charset(data: bytes) -> str | None:
    m = _DECLARED.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def decode(data: bytes) -> str:
    """Return the text; ReportError when the bytes are not text in a supported encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_strict(data[3:], "utf-8"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_strict(data, "utf-16"))
    declared = declared_charset(data)
    candidates: list[str] = []
    if declared in _GB:
        candidates.append("gb18030")
    elif declared:
        with contextlib.suppress(LookupError):
            candidates.append(codecs.lookup(declared).name)
    candidates += ["utf-8", "gb18030"]
    for encoding in dict.fromkeys(candidates):
        text = _strict(data, encoding)
        if text is not None:
            return _checked(text)
    raise ReportError("无法识别文件编码：请将文件另存为 UTF-8 编码后再试。")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _checked(text: str | None) -> str:
    if text is None:
        raise ReportError("无法识别文件编码：请将文件另存为 UTF-8 编码后再试。")
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise ReportError("这不是文本文件（含有大量控制字符，可能是二进制文件）。")
    return text
