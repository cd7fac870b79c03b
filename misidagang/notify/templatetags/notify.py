"""Filters for notification templates: times in the zone being written in (the mission's)."""

from __future__ import annotations

from datetime import datetime

from django import template

from misidagang.notify import render

register = template.Library()


@register.filter
def clock(moment: datetime | str) -> str:
    """'08.00 WIB'."""
    if not isinstance(moment, datetime):
        return ""
    return render.clock(moment)


@register.filter
def day(moment: datetime | str) -> str:
    """'Kamis, 10 Desember 2026'."""
    if not isinstance(moment, datetime):
        return ""
    return render.day(moment)
