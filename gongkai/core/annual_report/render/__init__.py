"""Renderers of the annual report: plain text (the seed's `|` layout), Markdown, HTML, JSON, DOCX, PDF.

All text formats follow one canonical layout (see `_document`), which the parsers read back exactly:
`parse(render(report, fmt)) == report` for txt, md, html and json (tests/core/annual_report/test_roundtrip.py).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.render.html import render_html
from gongkai.core.annual_report.render.json import render_json
from gongkai.core.annual_report.render.markdown import render_markdown
from gongkai.core.annual_report.render.text import render_text

TEXT_FORMATS = ("md", "html", "txt", "json")
BINARY_FORMATS = ("docx", "pdf")
FORMATS = TEXT_FORMATS + BINARY_FORMATS


class UnsupportedFormatError(ValueError):
    """The requested output format is unknown or its renderer is not available here."""


def render(report: AnnualReport, fmt: str) -> str | bytes:
    """Render `report` as `fmt` (md, html, txt, json: str; docx, pdf: bytes)."""
    key = fmt.lower().lstrip(".")
    if key == "markdown":
        key = "md"
    if key == "text":
        key = "txt"
    if key == "md":
        return render_markdown(report)
    if key == "html":
        return render_html(report)
    if key == "txt":
        return render_text(report)
    if key == "json":
        return render_json(report)
    if key in BINARY_FORMATS:
        return _binary(report, key)
    raise UnsupportedFormatError(f"不支持的输出格式「{fmt}」，可选：{'、'.join(FORMATS)}")


def _binary(report: AnnualReport, key: str) -> bytes:
    # DOCX/PDF pull in python-docx / WeasyPrint, which take a second to import: load them only when asked,
    # so the CLI stays fast for the text formats.
    module_name = f"gongkai.core.annual_report.render.{key}"
    function_name = f"render_{key}"
    try:
        module: Any = import_module(module_name)
        function = getattr(module, function_name)
    except (ImportError, AttributeError) as exc:
        raise UnsupportedFormatError(
            f"无法输出 {key.upper()} 格式：{key.upper()} 渲染模块不可用（{exc}），请检查安装是否完整"
        ) from exc
    result = function(report)
    if not isinstance(result, bytes):
        raise TypeError(f"{function_name} 应返回 bytes")
    return result


__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "TEXT_FORMATS",
    "UnsupportedFormatError",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
]
