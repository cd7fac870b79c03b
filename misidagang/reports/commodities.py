"""Ledger value per commodity: deals are grouped by HS heading (4 digits), so "Gula" and
"Gula kristal putih" (both HS 170199) make one row, named in Indonesian from the matching
engine's catalogue. Deals without an HS code are grouped by their commodity text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from misidagang.engines.matching.catalogue import catalogue


def indonesian_name(code: str) -> str:
    """The catalogue's Indonesian name for an HS code, or "" (its English descriptions are
    not used: a report in Bahasa Indonesia then falls back to the words of the deals)."""
    cat = catalogue()
    return cat.name(code) if code in cat.names else ""


def _label(codes: set[str], names: dict[str, int]) -> str:
    """The most specific name all codes share (the 6-digit code when they agree, then the
    heading), else the commodity text with the most value."""
    heading = next(iter(codes))[:4]
    candidates = [next(iter(codes))] if len(codes) == 1 else []
    for code in [*candidates, heading]:
        name = indonesian_name(code)
        if name:
            return name
    return _most_common(names)


def _most_common(names: dict[str, int]) -> str:
    text, _value = max(names.items(), key=lambda kv: (kv[1], kv[0].lower()))
    return text


def _empty(heading: str) -> dict[str, Any]:
    return {"hs": heading, "codes": set(), "names": defaultdict(int), "total": 0, "n": 0, "re": 0}


def group_by_heading(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of {hs, commodity, total, n, realised} (one per distinct hs × commodity) →
    [{commodity, hs, deals, total_idr, realised_idr}], biggest value first. `hs` is the
    4-digit heading ("" for deals without a code)."""
    groups: dict[str, dict[str, Any]] = {}
    for r in rows:
        code = "".join(ch for ch in (r["hs"] or "") if ch.isdigit())
        text = " ".join((r["commodity"] or "").split())
        key = code[:4] if code else "text:" + text.lower()
        g = groups.setdefault(
            key,
            {
                "hs": code[:4],
                "codes": set(),
                "names": defaultdict(int),
                "total": 0,
                "n": 0,
                "re": 0,
            },
        )
        if code:
            g["codes"].add(code)
        g["names"][text or "—"] += int(r["total"] or 0)
        g["total"] += int(r["total"] or 0)
        g["re"] += int(r["realised"] or 0)
        g["n"] += int(r["n"] or 0)
    out = [
        {
            "commodity": _label(g["codes"], g["names"]) if g["codes"] else _most_common(g["names"]),
            "hs": g["hs"],
            "deals": g["n"],
            "total_idr": g["total"],
            "realised_idr": g["re"],
        }
        for g in groups.values()
    ]
    return sorted(out, key=lambda c: (-c["total_idr"], c["commodity"].lower()))
