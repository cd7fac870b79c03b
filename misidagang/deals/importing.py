"""Reading a deals file (CSV or Excel) into rows of `deal_record` arguments; every row is
checked by the ledger itself inside one transaction, and nothing is kept if any row is bad."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from misidagang.accounts.models import User
from misidagang.deals import services
from misidagang.deals.forms import parse_amount, participant_names
from misidagang.deals.models import Source
from misidagang.directory.models import Business
from misidagang.missions.models import Mission

COLUMNS = (
    "seller",
    "buyer",
    "direction",
    "hs",
    "commodity",
    "quantity",
    "unit",
    "value",
    "stage",
    "financing",
    "guarantee",
    "notes",
    "key",
)
YES = {"1", "ya", "y", "yes", "true", "x"}


def read_rows(path: Path) -> list[dict[str, str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        values = [
            ["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)
        ]
    else:
        text = path.read_bytes().decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        values = list(csv.reader(io.StringIO(text), dialect))
    if not values:
        return []
    header = [h.strip().lower() for h in values[0]]
    return [
        dict(zip(header, (v.strip() for v in row), strict=False))
        for row in values[1:]
        if any(v.strip() for v in row)
    ]


class _Rollback(Exception):
    pass


def _party(text: str, names: dict[str, Business]) -> tuple[Business | None, str]:
    if text.isdigit() and len(text) == 13:
        found = Business.objects.filter(nib=text).first()
        if found:
            return found, ""
    return (names[text.lower()], "") if text.lower() in names else (None, text)


def _kwargs(row: dict[str, str], names: dict[str, Business]) -> dict[str, Any]:
    seller, seller_name = _party(row.get("seller", ""), names)
    buyer, buyer_name = _party(row.get("buyer", ""), names)
    value = parse_amount(row.get("value", ""))
    if value is None:
        raise services.DealError({"value": [_("Nilai tidak terbaca: %s") % row.get("value", "")]})
    quantity = row.get("quantity", "").replace(",", ".") or None
    return {
        "seller": seller,
        "seller_name": seller_name,
        "buyer": buyer,
        "buyer_name": buyer_name,
        "direction": row.get("direction", "").lower(),
        "hs": row.get("hs", ""),
        "commodity": row.get("commodity", ""),
        "quantity": quantity,
        "unit": row.get("unit", ""),
        "value_idr": value,
        "stage": row.get("stage", "").lower() or "komitmen",
        "wants_financing": row.get("financing", "").lower() in YES,
        "wants_guarantee": row.get("guarantee", "").lower() in YES,
        "notes": row.get("notes", ""),
    }


def import_deals(
    *, mission: Mission, actor: User | None, rows: list[dict[str, str]], file_digest: str
) -> tuple[int, int, list[tuple[int, str]]]:
    """(created, already there, errors as (row number, message)). Row 1 is the header.
    All or nothing: one bad row and no row is kept. The same file imported twice adds
    nothing (each row's idempotency key is the file's digest and its row number)."""
    names = participant_names(mission)
    errors: list[tuple[int, str]] = []
    created = existing = 0
    try:
        with transaction.atomic():
            for number, row in enumerate(rows, start=2):
                key = row.get("key") or f"import:{file_digest[:16]}:{number}"
                try:
                    with transaction.atomic():
                        _deal, made = services.deal_record(
                            mission=mission,
                            actor=actor,
                            source=Source.IMPORT,
                            idempotency_key=key,
                            **_kwargs(row, names),
                        )
                except services.DealError as exc:
                    detail = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
                    text = "; ".join(
                        f"{f}: {' '.join(m)}" if f else " ".join(m) for f, m in detail.items()
                    )
                    errors.append((number, text))
                    continue
                created, existing = created + made, existing + (not made)
            if errors:
                raise _Rollback
    except _Rollback:
        return 0, 0, errors
    return created, existing, errors


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
