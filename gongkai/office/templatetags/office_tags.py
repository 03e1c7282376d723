"""Template helpers for the back-office: one-time form tokens and small display filters."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from gongkai.office import formtokens

register = template.Library()


@register.simple_tag(takes_context=True)
def form_token(context: Any) -> str:
    """A hidden one-time token field (see gongkai.office.formtokens)."""
    return format_html(
        '<input type="hidden" name="form_token" value="{}">', formtokens.issue(context["request"])
    )


@register.filter
def cn_date(value: Any) -> str:
    """2026年11月28日 (no leading zeros), or an em dash for no date."""
    if not value:
        return "—"
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
