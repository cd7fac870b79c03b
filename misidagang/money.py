"""Rupiah, both ways: the one parser for every amount field and the one place that writes
amounts for people (templates, the live stream, charts and exports call these).

Reading:
"12.000.000", "Rp 12 jt", "1,5 M", "1.5 M" and "750 jt" are read with lokal-id; garbled input
("1.5.5 M", "750 jt 3"), negatives, approximations ("sekitar 1 M") and amounts beyond what the
database holds are refused with a translated message."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from lokal import format_rupiah, format_rupiah_short, parse_rupiah, terbilang

from misidagang.errors import Refused

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


class AmountError(Refused):
    """An amount that cannot be read exactly; `code` is one of MESSAGES."""

    def __init__(self, code: str) -> None:
        super().__init__(MESSAGES[code], code=code)


UNITS = {
    None: 1,
    "rb": 10**3,
    "ribu": 10**3,
    "k": 10**3,
    "jt": 10**6,
    "juta": 10**6,
    "m": 10**9,
    "miliar": 10**9,
    "milyar": 10**9,
    "t": 10**12,
    "triliun": 10**12,
}


def parse_idr(text: str) -> int:
    """The exact whole-Rupiah amount in `text`, or AmountError.

    Figures ("12.000.000", "1,5 M", "750 jt") are read exactly here, in decimal arithmetic;
    amounts in words ("sejuta setengah") go to lokal-id."""
    raw = (text or "").strip()
    low = raw.lower()
    if raw.startswith(("-", "−")):
        raise AmountError("negative")
    if re.search(r"sekitar|kurang lebih|lebih dari|\d\s*an\b|jtan|\+", low):
        raise AmountError("approximate")
    match = AMOUNT_RE.fullmatch(low)
    if match:
        number, unit = match.group(2), match.group(6)
        if "," in number:  # Indonesian: dots group thousands, the comma is the decimal mark
            value = Decimal(number.replace(".", "").replace(",", "."))
        elif re.fullmatch(r"\d+\.\d{1,2}", number):  # "1.5 M"; "12.50" alone is ambiguous
            if not unit:
                raise AmountError("invalid")
            value = Decimal(number)
        else:
            value = Decimal(number.replace(".", ""))
        amount = value * UNITS[unit]
        if amount != amount.to_integral_value():
            raise AmountError("invalid")
        result = int(amount)
    elif re.search(r"\d", low):
        raise AmountError("invalid")
    else:
        try:
            parsed = parse_rupiah(raw)
        except (ArithmeticError, ValueError, OverflowError):
            raise AmountError("invalid") from None
        if parsed is None or parsed.amount is None or parsed.amount != int(parsed.amount):
            raise AmountError("invalid")
        if parsed.approximate:
            raise AmountError("approximate")
        result = int(parsed.amount)
    if result > MAX_IDR:
        raise AmountError("too_big")
    return result


# --- writing --------------------------------------------------------------------------------


def rupiah(amount: int, *, nbsp: bool = True) -> str:
    """Rp 306.548.050.000: the announcement style (a no-break space after Rp unless asked not)."""
    text = format_rupiah(amount)
    return text.replace("Rp", "Rp\u00a0", 1) if nbsp else text


def rupiah_short(amount: int, *, nbsp: bool = True) -> str:
    """Rp 2,3 M: the short form for tickers, charts and cards."""
    text = format_rupiah_short(amount)
    return text.replace("Rp", "Rp\u00a0", 1) if nbsp else text


def rupiah_words(amount: int) -> str:
    """The amount in words (terbilang), as on contracts."""
    return str(terbilang(amount, currency=True))


def thousands(amount: int) -> str:
    """65000 → 65.000: a whole number with Indonesian thousand separators."""
    return f"{amount:,}".replace(",", ".")
