"""Rupiah in templates: `Rp306.548.050.000` style (lokal-id), and the short form `Rp2,3 M`."""

from __future__ import annotations

from typing import Any

from django import template
from lokal import format_rupiah, format_rupiah_short, terbilang

register = template.Library()


def _as_int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@register.filter
def rupiah(value: object) -> str:
    """Rp 306.548.050.000: the announcement style, with a space after Rp."""
    amount = _as_int(value)
    if amount is None:
        return ""
    return format_rupiah(amount).replace("Rp", "Rp\u00a0", 1)


@register.filter
def rupiah_short(value: object) -> str:
    amount = _as_int(value)
    if amount is None:
        return ""
    return format_rupiah_short(amount).replace("Rp", "Rp\u00a0", 1)


@register.filter
def rupiah_words(value: object) -> str:
    amount = _as_int(value)
    return terbilang(amount, currency=True) if amount is not None else ""


@register.filter
def angka(value: object) -> str:
    """65000 → 65.000: whole numbers with Indonesian thousand separators."""
    amount = _as_int(value)
    return "" if amount is None else f"{amount:,}".replace(",", ".")
