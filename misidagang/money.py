"""Rupiah as people type it, read exactly: the one parser for every amount field.

"12.000.000", "Rp 12 jt", "1,5 M", "1.5 M" and "750 jt" are read with lokal-id; garbled input
("1.5.5 M", "750 jt 3"), negatives, approximations ("sekitar 1 M") and amounts beyond what the
database holds are refused with a translated message."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from lokal import parse_rupiah

MAX_IDR = 9 * 10**18  # below the BIGINT limit

# One number the Indonesian way (12.000.000 / 1,5) or with a decimal point before a unit
# (1.5 M), optionally "Rp" before and a unit after: nothing else.
AMOUNT_RE = re.compile(
    r"(rp\.?\s*)?((\d{1,3}(\.\d{3})+|\d+)(,\d+)?|\d+\.\d{1,2})"
    r"\s*(rb|ribu|k|jt|juta|m|miliar|milyar|t|triliun)?"
)

MESSAGES = {
    "invalid": _("Nilai rupiah tidak terbaca. Contoh: 12.000.000, 750 jt atau 1,5 M."),
    "negative": _("Nilai tidak boleh negatif."),
    "approximate": _("Tulis nilai yang pasti, bukan perkiraan."),
    "too_big": _("Nilai terlalu besar."),
}


class AmountError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(str(MESSAGES[code]))
        self.code = code
        self.message = MESSAGES[code]


def parse_idr(text: str) -> int:
    """The exact whole-Rupiah amount in `text`, or AmountError."""
    raw = (text or "").strip()
    if raw.startswith("-") or raw.startswith("−"):
        raise AmountError("negative")
    if re.fullmatch(r"\d+", raw):
        amount = int(raw)
    else:
        if not AMOUNT_RE.fullmatch(raw.lower()):
            if re.search(r"sekitar|kurang lebih|lebih|an\b|\+", raw.lower()):
                raise AmountError("approximate")
            raise AmountError("invalid")
        try:
            parsed = parse_rupiah(raw)
        except (ArithmeticError, ValueError, OverflowError):
            raise AmountError("too_big") from None
        if parsed is None or parsed.amount is None or parsed.amount != int(parsed.amount):
            raise AmountError("invalid")
        if parsed.approximate:
            raise AmountError("approximate")
        amount = int(parsed.amount)
    if amount > MAX_IDR:
        raise AmountError("too_big")
    return amount
