"""Rupiah in templates: filters only; the formatting itself is in misidagang.money."""

from __future__ import annotations

from typing import Any

from django import template

from misidagang import money

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
    """Rp 306.548.050.000: the announcement style."""
    amount = _as_int(value)
    return "" if amount is None else money.rupiah(amount)


@register.filter
def rupiah_short(value: object) -> str:
    amount = _as_int(value)
    return "" if amount is None else money.rupiah_short(amount)


@register.filter
def rupiah_words(value: object) -> str:
    amount = _as_int(value)
    return "" if amount is None else money.rupiah_words(amount)


@register.filter
def angka(value: object) -> str:
    """65000 → 65.000."""
    amount = _as_int(value)
    return "" if amount is None else money.thousands(amount)
