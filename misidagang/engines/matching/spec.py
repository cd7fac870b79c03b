"""The matching JSON contract: validation into plain, typed records.

Unknown fields are ignored; anything invalid raises MatchingInputError naming the field,
e.g. ``participants[2].offers[0].hs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CERTIFICATIONS = ("halal", "sni", "bpom", "pirt", "organik")
MAX_TOP_K = 1000


class MatchingInputError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass
class Item:
    owner: int  # participant index
    index: int  # position in the participant's offers or needs
    text: str
    hs: str | None
    quantity: float | None
    unit: str | None
    certifications: frozenset[str]


@dataclass
class Participant:
    id: str
    name: str
    province: str | None
    offers: list[Item] = field(default_factory=list)
    needs: list[Item] = field(default_factory=list)


@dataclass
class Exclusion:
    buyer: str
    need: int
    seller: str
    offer: int | None


@dataclass
class Spec:
    top_k: int
    cross_province_only: bool
    participants: list[Participant]
    exclude: list[Exclusion]


def _cert(value: str) -> str:
    v = value.strip().lower()
    return "organik" if v in ("organic", "organik") else v


def _item(raw, where: str, owner: int, index: int) -> Item:
    if not isinstance(raw, dict):
        raise MatchingInputError(where, "must be an object")
    text = raw.get("text")
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise MatchingInputError(f"{where}.text", "must be a string")
    hs = raw.get("hs")
    if hs is not None:
        if isinstance(hs, int) and not isinstance(hs, bool):
            hs = str(hs)
        if not isinstance(hs, str):
            raise MatchingInputError(f"{where}.hs", "must be a string of 2-8 digits or null")
        digits = re.sub(r"[\s.]", "", hs)
        if digits == "":
            hs = None
        elif not digits.isdigit() or not 2 <= len(digits) <= 8:
            raise MatchingInputError(f"{where}.hs", f"must be 2-8 digits, got {hs!r}")
        else:
            hs = digits
    if not text.strip() and hs is None:
        raise MatchingInputError(f"{where}.text", "text or hs is required")
    quantity = raw.get("quantity")
    if quantity is not None:
        if isinstance(quantity, bool) or not isinstance(quantity, (int, float)):
            raise MatchingInputError(f"{where}.quantity", "must be a number or null")
        if quantity < 0 or quantity != quantity:
            raise MatchingInputError(f"{where}.quantity", "must not be negative")
        quantity = float(quantity)
    unit = raw.get("unit")
    if unit is not None and not isinstance(unit, str):
        raise MatchingInputError(f"{where}.unit", "must be a string or null")
    certs = raw.get("certifications") or []
    if not isinstance(certs, list) or not all(isinstance(c, str) for c in certs):
        raise MatchingInputError(f"{where}.certifications", "must be a list of strings")
    return Item(owner, index, text, hs, quantity, unit, frozenset(_cert(c) for c in certs))


def _int(value, where: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MatchingInputError(where, "must be an integer")
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise MatchingInputError(where, f"must be {bound}")
    return value


def validate(doc) -> Spec:
    """Check a matching input document and return it as a Spec."""
    if not isinstance(doc, dict):
        raise MatchingInputError("$", "the document must be a JSON object")
    top_k = _int(doc.get("top_k", 10), "top_k", 1, MAX_TOP_K)
    cross = doc.get("cross_province_only", False)
    if not isinstance(cross, bool):
        raise MatchingInputError("cross_province_only", "must be true or false")
    raw_participants = doc.get("participants")
    if not isinstance(raw_participants, list):
        raise MatchingInputError("participants", "must be a list")
    participants: list[Participant] = []
    seen: set[str] = set()
    for p, raw in enumerate(raw_participants):
        where = f"participants[{p}]"
        if not isinstance(raw, dict):
            raise MatchingInputError(where, "must be an object")
        pid = raw.get("id")
        if isinstance(pid, int) and not isinstance(pid, bool):
            pid = str(pid)
        if not isinstance(pid, str) or not pid.strip():
            raise MatchingInputError(f"{where}.id", "must be a non-empty string")
        if pid in seen:
            raise MatchingInputError(f"{where}.id", f"duplicate id {pid!r}")
        seen.add(pid)
        name = raw.get("name") or ""
        if not isinstance(name, str):
            raise MatchingInputError(f"{where}.name", "must be a string")
        province = raw.get("province")
        if isinstance(province, int) and not isinstance(province, bool):
            province = str(province)
        if province is not None and not isinstance(province, str):
            raise MatchingInputError(f"{where}.province", "must be a string or null")
        part = Participant(pid, name, province.strip() or None if province else None)
        for kind in ("offers", "needs"):
            items = raw.get(kind) or []
            if not isinstance(items, list):
                raise MatchingInputError(f"{where}.{kind}", "must be a list")
            for i, item in enumerate(items):
                getattr(part, kind).append(_item(item, f"{where}.{kind}[{i}]", p, i))
        participants.append(part)
    exclude = _exclusions(doc.get("exclude") or [])
    return Spec(top_k, cross, participants, exclude)


def _exclusions(raw) -> list[Exclusion]:
    if not isinstance(raw, list):
        raise MatchingInputError("exclude", "must be a list")
    out = []
    for e, item in enumerate(raw):
        where = f"exclude[{e}]"
        if not isinstance(item, dict):
            raise MatchingInputError(where, "must be an object")
        for key in ("buyer", "seller"):
            if not isinstance(item.get(key), str) or not item[key]:
                raise MatchingInputError(f"{where}.{key}", "must be a participant id")
        need = _int(item.get("need"), f"{where}.need", 0)
        offer = item.get("offer")
        if offer is not None:
            offer = _int(offer, f"{where}.offer", 0)
        out.append(Exclusion(item["buyer"], need, item["seller"], offer))
    return out
