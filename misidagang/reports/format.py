"""Rupiah for charts and tables outside templates (lokal-id). No Django."""

from __future__ import annotations

from lokal import format_rupiah, format_rupiah_short


def short(amount: int) -> str:
    return format_rupiah_short(amount) if amount else "Rp0"


def full(amount: int) -> str:
    return format_rupiah(amount)
