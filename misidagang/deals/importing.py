"""Reading a deals file (CSV or Excel) into rows of `deal_record` arguments; every row is
checked by the ledger itself inside one transaction, and nothing is kept if any row is bad.

The web upload page and `misidagang importdeals` both call `import_file`. Column headers may be
Indonesian (Penjual, Pembeli, Nilai, …) or English (seller, buyer, value, …); amounts are read
with `money.parse_idr`, the one Rupiah parser."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from misidagang.accounts.models import User
from misidagang.deals import services
from misidagang.deals.models import Source
from misidagang.deals.parties import participant_names
from misidagang.directory.models import Business
from misidagang.errors import Refused
from misidagang.missions.models import Mission
from misidagang.money import AmountError, parse_idr

# Canonical column → (Indonesian header for the template and messages, other accepted headers).
COLUMNS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "seller": (gettext_lazy("Penjual"), ("penjual", "seller")),
    "buyer": (gettext_lazy("Pembeli"), ("pembeli", "buyer")),
    "direction": (gettext_lazy("Arah"), ("arah", "direction")),
    "hs": (gettext_lazy("HS"), ("hs", "kode hs", "hs code")),
    "commodity": (gettext_lazy("Komoditas"), ("komoditas", "commodity")),
    "quantity": (gettext_lazy("Jumlah"), ("jumlah", "quantity")),
    "unit": (gettext_lazy("Satuan"), ("satuan", "unit")),
    "value": (gettext_lazy("Nilai"), ("nilai", "nilai (rp)", "value", "value (idr)")),
    "stage": (gettext_lazy("Tahap"), ("tahap", "stage")),
    "financing": (gettext_lazy("Pembiayaan"), ("pembiayaan", "financing")),
    "guarantee": (gettext_lazy("Penjaminan"), ("penjaminan", "guarantee")),
    "notes": (gettext_lazy("Catatan"), ("catatan", "notes")),
    "key": (gettext_lazy("Kunci"), ("kunci", "key")),
}
REQUIRED = ("seller", "buyer", "commodity", "value")
HEADERS = {alias: name for name, (_label, aliases) in COLUMNS.items() for alias in aliases}
# The ledger's field names (in its errors) → the file's column.
FIELD_COLUMN = {"value_idr": "value", "seller_name": "seller", "buyer_name": "buyer"}
YES = {"1", "ya", "y", "yes", "true", "x"}
WORDS = {
    "sell": "jual",
    "buy": "beli",
    "investment": "investasi",
    "commitment": "komitmen",
    "contract": "kontrak",
    "realisation": "realisasi",
    "realization": "realisasi",
}
MAX_ROWS = 5000


class FileError(Refused):
    """The file as a whole cannot be read (not its rows): a translated message."""


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    existing: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)


def expected_columns() -> str:
    return ", ".join(str(label) for label, _aliases in COLUMNS.values())


def _cell(value: Any) -> str:
    """An Excel cell as people would have typed it: 1500000000, 2,5."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    return str(value)


def read_table(data: bytes, name: str) -> list[list[str]]:
    """The file's cells, row by row (Excel by its name, otherwise CSV with , ; or tab)."""
    if name.lower().endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            return [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        except Exception:  # openpyxl raises many kinds for a damaged or renamed file
            raise FileError(_("Berkas Excel tidak terbaca. Simpan ulang sebagai .xlsx.")) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileError(
            _("Berkas tidak terbaca. Unggah berkas Excel (.xlsx) atau CSV (UTF-8).")
        ) from None
    # The separator is the one the header line uses most ("1,5 M" has commas, headers do not).
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def read_rows(values: list[list[str]]) -> list[dict[str, str]]:
    """Rows keyed by canonical column; FileError when headers are missing or unknown."""
    if not values or not any(v.strip() for v in values[0]):
        raise FileError(
            _("Baris pertama harus berisi judul kolom: %(columns)s.")
            % {"columns": expected_columns()}
        )
    header = [h.strip().lower() for h in values[0]]
    unknown = [h for h in header if h and h not in HEADERS]
    if unknown:
        raise FileError(
            _("Kolom tidak dikenal: %(unknown)s. Kolom yang dipakai: %(columns)s.")
            % {"unknown": ", ".join(unknown), "columns": expected_columns()}
        )
    names = [HEADERS.get(h, "") for h in header]
    missing = [str(COLUMNS[c][0]) for c in REQUIRED if c not in names]
    if missing:
        raise FileError(
            _("Kolom wajib tidak ada: %(missing)s. Kolom yang dipakai: %(columns)s.")
            % {"missing": ", ".join(missing), "columns": expected_columns()}
        )
    rows = [
        {n: v.strip() for n, v in zip(names, row, strict=False) if n}
        for row in values[1:]
        if any(v.strip() for v in row)
    ]
    if len(rows) > MAX_ROWS:
        raise FileError(_("Paling banyak %(n)d baris per berkas.") % {"n": MAX_ROWS})
    return rows


class _Rollback(Exception):
    pass


def _party(text: str, names: dict[str, Business]) -> tuple[Business | None, str]:
    if text.isdigit() and len(text) == 13:
        found = Business.objects.filter(nib=text).first()
        if found:
            return found, ""
    return (names[text.lower()], "") if text.lower() in names else (None, text)


def _word(text: str) -> str:
    low = text.strip().lower()
    return WORDS.get(low, low)


def _kwargs(row: dict[str, str], names: dict[str, Business]) -> dict[str, Any]:
    seller, seller_name = _party(row.get("seller", ""), names)
    buyer, buyer_name = _party(row.get("buyer", ""), names)
    try:
        value = parse_idr(row.get("value", ""))
    except AmountError as exc:
        raise services.DealError({"value": [str(exc.message)]}) from None
    quantity = row.get("quantity", "").replace(".", "").replace(",", ".") or None
    return {
        "seller": seller,
        "seller_name": seller_name,
        "buyer": buyer,
        "buyer_name": buyer_name,
        "direction": _word(row.get("direction", "")),
        "hs": row.get("hs", "").replace(".", ""),
        "commodity": row.get("commodity", ""),
        "quantity": quantity,
        "unit": row.get("unit", ""),
        "value_idr": value,
        "stage": _word(row.get("stage", "")) or "komitmen",
        "wants_financing": row.get("financing", "").lower() in YES,
        "wants_guarantee": row.get("guarantee", "").lower() in YES,
        "notes": row.get("notes", ""),
    }


def _messages(number: int, exc: services.DealError) -> list[str]:
    """'Baris 4, kolom Nilai: …' for each of the ledger's complaints about a row."""
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    out = []
    for name, errors in detail.items():
        column = FIELD_COLUMN.get(name, name)
        for error in errors:
            if column in COLUMNS:
                out.append(
                    _("Baris %(row)d, kolom %(column)s: %(message)s")
                    % {"row": number, "column": COLUMNS[column][0], "message": error}
                )
            else:
                out.append(_("Baris %(row)d: %(message)s") % {"row": number, "message": error})
    return out


def import_deals(
    *, mission: Mission, actor: User | None, rows: list[dict[str, str]], file_digest: str
) -> ImportResult:
    """Row 1 is the header, so the first deal is row 2. All or nothing: one bad row and no row
    is kept. The same file imported twice adds nothing (each row's idempotency key is the
    file's digest and its row number, or its Kunci column)."""
    names = participant_names(mission)
    result = ImportResult(rows=len(rows))
    if not rows:
        result.errors.append((2, _("Berkas tidak berisi baris transaksi.")))
        return result
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
                    result.errors += [(number, m) for m in _messages(number, exc)]
                    continue
                result.created += made
                result.existing += not made
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.created = result.existing = 0
    return result


def import_file(*, mission: Mission, actor: User | None, data: bytes, name: str) -> ImportResult:
    """Read and import one uploaded file; a file that cannot be read is one error at row 1."""
    try:
        rows = read_rows(read_table(data, name))
    except FileError as exc:
        return ImportResult(errors=[(1, " ".join(exc.messages))])
    return import_deals(
        mission=mission, actor=actor, rows=rows, file_digest=hashlib.sha256(data).hexdigest()
    )


def template_workbook() -> bytes:
    """An empty .xlsx with the header row (Indonesian column names)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Transaksi")[:31]
    sheet.append([str(label) for label, _aliases in COLUMNS.values()])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
