"""The parties of a deal typed by name: the mission's own businesses, and the near names that a
typo at the desk should be offered instead of becoming a party outside the mission."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from misidagang.directory.models import Business
from misidagang.missions.models import Mission

NEAR = 0.85  # similarity of two names (legal form and punctuation aside) that we call "near"
LEGAL = re.compile(r"\b(pt|cv|ud|fa|pd|tbk|koperasi|kop|persero|perum)\b\.?")


def participant_names(mission: Mission) -> dict[str, Business]:
    """Lower-cased display names (and bare names) of the mission's businesses."""
    names: dict[str, Business] = {}
    for p in mission.participants.select_related("business"):
        names.setdefault(p.business.name.lower(), p.business)
        names[p.business.display_name.lower()] = p.business
    return names


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", LEGAL.sub(" ", name.lower())).split())


def near_names(names: dict[str, Business], text: str, *, limit: int = 3) -> list[Business]:
    """The mission's businesses whose name is close to `text` (a missing or swapped letter, the
    legal form left out), closest first. Empty when `text` is a participant's name."""
    if text.strip().lower() in names:
        return []
    key = _key(text)
    if not key:
        return []
    scored: dict[int, tuple[float, Business]] = {}
    for business in names.values():
        other = _key(business.name)
        ratio = SequenceMatcher(None, key, other).ratio()
        if ratio >= NEAR or (len(key) >= 6 and (key in other or other in key)):
            best = scored.get(business.pk)
            if best is None or ratio > best[0]:
                scored[business.pk] = (ratio, business)
    ranked = sorted(scored.values(), key=lambda rb: (-rb[0], rb[1].name))
    return [b for _, b in ranked[:limit]]
