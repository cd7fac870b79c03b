"""Reading a businesses sheet as a trade office writes it: plain Python, data in and data out.

No Django here. The Django side (`importing.py`) gives it the file's bytes, an optional column
mapping and the side's regencies, and gets back rows of normalised values with their issues.
An issue is a code with parameters (`Issue("nib_digits", field="nib")`); the Django side turns
codes into translated messages (`messages.py`), so this module stays free of gettext.

- `read_cells(data, name, limit)`: the cells row by row, streaming (openpyxl read_only for
  Excel, the csv module otherwise); stops with `SheetError("too_many_rows")` as soon as the
  sheet has more than `limit` rows, without reading the rest.
- `find_header(rows)`: the header row among the first rows (title rows above it are skipped)
  and each column's field, by Indonesian and English header synonyms.
- `normalise_row(cells, columns, regencies)`: one row's values (NIB, phones, regency code,
  offers and needs) and its issues.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

from lokal import parse_phone

# The business fields a column can fill, by their API names.
FIELDS = (
    "name",
    "legal_form",
    "nib",
    "scale",
    "kbli_codes",
    "regency",
    "address",
    "contact_person",
    "phone",
    "email",
    "website",
    "offers",
    "needs",
    "capacity",
    "description",
)
IGNORE = ""  # a column mapped to nothing (row numbers, remarks)

# Exact headers (normalised: lower case, letters and digits, single spaces).
SYNONYMS: dict[str, str] = {
    "nama": "name",
    "nama perusahaan": "name",
    "nama perusahaan usaha": "name",
    "nama usaha": "name",
    "nama ukm": "name",
    "nama umkm": "name",
    "nama pelaku usaha": "name",
    "perusahaan": "name",
    "company": "name",
    "company name": "name",
    "business": "name",
    "business name": "name",
    "name": "name",
    "bentuk usaha": "legal_form",
    "badan usaha": "legal_form",
    "legal form": "legal_form",
    "nib": "nib",
    "no nib": "nib",
    "nomor induk berusaha": "nib",
    "skala": "scale",
    "skala usaha": "scale",
    "scale": "scale",
    "kbli": "kbli_codes",
    "kode kbli": "kbli_codes",
    "kabupaten kota": "regency",
    "kab kota": "regency",
    "kabupaten": "regency",
    "kota": "regency",
    "asal": "regency",
    "daerah": "regency",
    "regency": "regency",
    "city": "regency",
    "regency city": "regency",
    "alamat": "address",
    "address": "address",
    "nama pemilik pic": "contact_person",
    "nama pemilik": "contact_person",
    "pemilik": "contact_person",
    "pic": "contact_person",
    "narahubung": "contact_person",
    "kontak": "contact_person",
    "contact": "contact_person",
    "contact person": "contact_person",
    "owner": "contact_person",
    "no hp wa": "phone",
    "no hp": "phone",
    "hp": "phone",
    "wa": "phone",
    "whatsapp": "phone",
    "telepon": "phone",
    "telp": "phone",
    "no telp": "phone",
    "phone": "phone",
    "mobile": "phone",
    "e mail": "email",
    "email": "email",
    "surel": "email",
    "website": "website",
    "situs web": "website",
    "produk yang dijual": "offers",
    "produk": "offers",
    "produk unggulan": "offers",
    "penawaran": "offers",
    "komoditas": "offers",
    "products": "offers",
    "offers": "offers",
    "kebutuhan": "needs",
    "produk yang dibutuhkan": "needs",
    "kebutuhan produk": "needs",
    "needs": "needs",
    "kapasitas bulan": "capacity",
    "kapasitas": "capacity",
    "kapasitas produksi": "capacity",
    "capacity": "capacity",
    "capacity month": "capacity",
    "deskripsi": "description",
    "keterangan usaha": "description",
    "description": "description",
}
# Words that decide a header not listed above, first match wins (owner before company name:
# "Nama Pemilik Usaha" is a person).
KEYWORDS: list[tuple[tuple[str, ...], str]] = [
    (("pemilik", "pic", "narahubung", "owner", "contact", "kontak"), "contact_person"),
    (("nib",), "nib"),
    (("kbli",), "kbli_codes"),
    (("mail", "surel"), "email"),
    (("hp", "wa", "whatsapp", "telp", "telepon", "phone", "ponsel"), "phone"),
    (("kabupaten", "kab", "kota", "asal", "daerah", "regency", "city"), "regency"),
    (("alamat", "address"), "address"),
    (("kapasitas", "capacity"), "capacity"),
    (("kebutuhan", "dibutuhkan", "dibeli", "need", "needs", "buy"), "needs"),
    (
        ("produk", "dijual", "penawaran", "komoditas", "offer", "offers", "product", "sell"),
        "offers",
    ),
    (("skala", "scale"), "scale"),
    (("bentuk", "legal"), "legal_form"),
    (("perusahaan", "usaha", "umkm", "ukm", "company", "business"), "name"),
]
HEADER_SCAN = 20  # rows looked at for the header
MAX_CELLS = 60  # columns read per row

LIMITS = {
    "name": 200,
    "contact_person": 120,
    "address": 300,
    "email": 254,
    "website": 200,
    "kbli_codes": 200,
    "description": 5000,
    "listing": 300,
}
BIG = 9_223_372_036_854_775_807  # PostgreSQL bigint
LEGAL_PREFIX = re.compile(r"^\s*(pt|cv|ud|koperasi|kop)\b\.?\s*", re.IGNORECASE)
LEGAL_FORMS = {
    "pt": "PT",
    "cv": "CV",
    "ud": "UD",
    "koperasi": "KOPERASI",
    "kop": "KOPERASI",
    "perorangan": "PERORANGAN",
    "individual": "PERORANGAN",
}
SCALES = {
    "mikro": "mikro",
    "micro": "mikro",
    "kecil": "kecil",
    "small": "kecil",
    "menengah": "menengah",
    "medium": "menengah",
    "besar": "besar",
    "large": "besar",
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
SPLIT = re.compile(r"[;\n]|,(?!\d)")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SheetError(Exception):
    """The file as a whole cannot be used; `code` and `params` name why."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Issue:
    code: str
    field: str = ""
    params: Mapping[str, Any] = _field(default_factory=dict)
    warning: bool = False


@dataclass
class Row:
    number: int  # as Excel shows it
    cells: list[str]
    values: dict[str, Any] = _field(default_factory=dict)
    issues: list[Issue] = _field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if not i.warning]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.warning]


@dataclass(frozen=True)
class Regency:
    code: str
    name: str  # "Kabupaten Blitar", "Kota Blitar"
    kind: str  # kabupaten / kota


# --- cells --------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as people typed it: 1234567890123.0 → "1234567890123", 2.5 → "2,5"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return str(value).strip()


def read_cells(data: bytes, name: str, limit: int) -> Iterator[tuple[int, list[str]]]:
    """(row number as Excel shows it, cells) for every row that has a value; raises
    SheetError("too_many_rows") as soon as the sheet has more than `limit` rows."""
    if name.lower().endswith((".xlsx", ".xlsm")):
        yield from _read_xlsx(data, limit)
    else:
        yield from _read_csv(data, limit)


def _read_xlsx(data: bytes, limit: int) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    if _xlsx_rows(data, limit + HEADER_SCAN) > limit + HEADER_SCAN:
        raise SheetError("too_many_rows", limit=limit)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.active
        declared = sheet.max_row or 0  # the sheet's own dimension, when written
    except Exception:  # openpyxl raises many kinds for a damaged or renamed file
        raise SheetError("unreadable_excel") from None
    if declared > limit + HEADER_SCAN:
        book.close()
        raise SheetError("too_many_rows", limit=limit)
    try:
        count = 0
        for number, values in enumerate(
            sheet.iter_rows(max_col=MAX_CELLS, values_only=True), start=1
        ):
            cells = [cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            count += 1
            if count > limit + 1:
                raise SheetError("too_many_rows", limit=limit)
            yield number, cells
    except SheetError:
        raise
    except Exception:
        raise SheetError("unreadable_excel") from None
    finally:
        book.close()


def _xlsx_rows(data: bytes, enough: int) -> int:
    """The active sheet's rows counted in its XML, streaming, before openpyxl opens it (without
    a <dimension> even its read-only mode parses the whole sheet just to size it); stops once
    past `enough`. 0 when the parts cannot be found (the rows are then counted while read)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
        ids = re.findall(rb"<(?:\w+:)?sheet\b[^>]*?\bid=\"([^\"]+)\"", book)
        active = re.search(rb'activeTab="(\d+)"', book)
        wanted = ids[int(active.group(1)) if active else 0]
        target = b""
        for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
            if re.search(rb'\bId="' + re.escape(wanted) + rb'"', tag):
                found = re.search(rb'\bTarget="([^"]+)"', tag)
                target = found.group(1) if found else b""
        name = target.decode()
        path = name.lstrip("/") if name.startswith("/") else f"xl/{name}"
        source = archive.open(path)
    except Exception:  # a speed-up, never a requirement
        return 0
    count, tail = 0, b""
    with source:
        while chunk := source.read(1 << 20):
            part = tail + chunk
            count += part.count(b"<row ") + part.count(b"<row>")
            tail = part[-5:]
            count -= tail.count(b"<row ") + tail.count(b"<row>")
            if count > enough:
                return count
        count += tail.count(b"<row ") + tail.count(b"<row>")
    return count


def _read_csv(data: bytes, limit: int) -> Iterator[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # Excel's "CSV" on many Windows machines
        except UnicodeDecodeError:
            raise SheetError("unreadable_file") from None
    sample = "\n".join(text.splitlines()[:HEADER_SCAN])
    delimiter = max(";,\t", key=sample.count)
    count = 0
    try:
        for number, values in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            cells = [v.strip() for v in values[:MAX_CELLS]]
            if not any(cells):
                continue
            count += 1
            if count > limit + 1:
                raise SheetError("too_many_rows", limit=limit)
            yield number, cells
    except csv.Error:
        raise SheetError("unreadable_file") from None


# --- header -------------------------------------------------------------------------------


def header_key(text: str) -> str:
    """'No. HP / WA' → 'no hp wa'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def guess_field(header: str) -> str:
    key = header_key(header)
    if not key:
        return IGNORE
    if key in SYNONYMS:
        return SYNONYMS[key]
    words = set(key.split())
    for keywords, name in KEYWORDS:
        if words & set(keywords):
            return name
    return IGNORE


def find_header(
    rows: Iterable[tuple[int, list[str]]], remembered: Mapping[str, str] | None = None
) -> tuple[int, list[str], list[str]]:
    """(row number, headers, field per column) of the header: the row among the first ones
    with the most recognised headers (at least two, one of them the business's name).
    `remembered` maps header keys to fields the organiser chose before."""
    remembered = remembered or {}
    best: tuple[int, int, list[str], list[str]] | None = None
    for index, (number, cells) in enumerate(rows):
        if index >= HEADER_SCAN:
            break
        fields = [remembered.get(header_key(c), guess_field(c)) if c else IGNORE for c in cells]
        known = [f for f in fields if f]
        score = len(set(known))
        if "name" in known and score >= 2 and (best is None or score > best[0]):
            best = (score, number, cells, fields)
    if best is None:
        raise SheetError("no_header")
    _score, number, cells, fields = best
    return number, cells, dedupe(fields)


def dedupe(fields: list[str]) -> list[str]:
    """A field filled by two columns keeps the first (a second "Nama" is usually the owner's)."""
    seen: set[str] = set()
    out = []
    for f in fields:
        if f and f in seen and f not in ("offers", "needs"):
            out.append(IGNORE)
        else:
            seen.add(f)
            out.append(f)
    return out


# --- values -------------------------------------------------------------------------------


def nib(text: str) -> tuple[str, Issue | None]:
    """'1234 5678 90123', "'1234567890123", 1234567890123.0 → '1234567890123'."""
    raw = text.strip().lstrip("'’`").strip()
    if not raw:
        return "", None
    if re.fullmatch(r"\d+([.,]\d+)?[eE]\+?\d+", raw):
        return "", Issue("nib_scientific", "nib", {"value": raw})
    digits = re.sub(r"[\s.\-]", "", raw)
    if not re.fullmatch(r"\d{13}", digits):
        return "", Issue("nib_digits", "nib", {"value": raw[:40]})
    return digits, None


def phone(text: str) -> tuple[str, str, Issue | None]:
    """(national number, WhatsApp number or '', issue) by lokal-id's rules."""
    raw = text.strip().lstrip("'")
    if not raw:
        return "", "", None
    first = re.split(r"\s*(?:/|;|,| atau )\s*", raw)[0]  # "0812… / 0813…": the first one
    info = parse_phone(first)
    if not info.valid:
        return "", "", Issue("phone_invalid", "phone", {"value": raw[:40]})
    national = info.national or first
    whatsapp = info.whatsapp if info.type == "mobile" and info.whatsapp else ""
    if len(national) > 20:
        return "", "", Issue("phone_invalid", "phone", {"value": raw[:40]})
    return national, whatsapp or "", None


def regency_words(text: str) -> tuple[str, str]:
    """('kabupaten'|'kota'|'', the name's key): 'Kab. Bondowoso' → ('kabupaten', 'bondowoso')."""
    key = header_key(text)
    kind = ""
    for prefix, k in (("kabupaten ", "kabupaten"), ("kab ", "kabupaten"), ("kota ", "kota")):
        if key.startswith(prefix):
            kind, key = k, key[len(prefix) :]
            break
    return kind, key.replace(" ", "")


def regency(text: str, regencies: Iterable[Regency]) -> tuple[str, Issue | None]:
    """The Kemendagri code of a regency named as people write it, among the side's province's
    regencies; ambiguous ('Blitar': kabupaten and kota) or unknown names are issues."""
    if not text.strip():
        return "", Issue("regency_missing", "regency")
    kind, key = regency_words(text)
    found = []
    for r in regencies:
        r_kind, r_key = regency_words(r.name)
        if r_key == key and (not kind or kind == (r_kind or r.kind)):
            found.append(r)
    if len(found) == 1:
        return found[0].code, None
    if found:
        return "", Issue(
            "regency_ambiguous",
            "regency",
            {"value": text[:80], "choices": ", ".join(r.name for r in found)},
        )
    return "", Issue("regency_unknown", "regency", {"value": text[:80]})


def quantity(text: str) -> tuple[int | None, str, Issue | None]:
    """'2 ton' → (2, 'ton'); '1.500 kg/bulan' → (1500, 'kg'); '' → (None, '')."""
    raw = text.strip()
    if not raw:
        return None, "", None
    match = re.match(r"^([\d.,\s]+)\s*([^\d/]*)", raw)
    if not match:
        return None, "", Issue("capacity_invalid", "capacity", {"value": raw[:40]})
    number = match.group(1).replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", number):
        number = number.replace(".", "")
    number = number.replace(",", ".")
    try:
        value = round(float(number))
    except ValueError:
        return None, "", Issue("capacity_invalid", "capacity", {"value": raw[:40]})
    if value < 0 or value > BIG:
        return None, "", Issue("capacity_invalid", "capacity", {"value": raw[:40]})
    unit = " ".join(match.group(2).split())[:30]
    return value, unit, None


def listings(text: str) -> list[str]:
    """'Kopi arabika; kopi robusta, gula aren' → three products."""
    out: list[str] = []
    for part in SPLIT.split(text):
        part = " ".join(part.split()).strip(" .-•")
        if part and part.lower() not in (p.lower() for p in out):
            out.append(part)
    return out


def _text(row: Row, name: str, text: str, limit: int) -> str:
    if CONTROL.search(text):
        row.issues.append(Issue("control_chars", name))
        return ""
    text = " ".join(text.split()) if name != "description" else text.strip()
    if len(text) > limit:
        row.issues.append(Issue("too_long", name, {"limit": limit}))
        return ""
    return text


def normalise_row(
    number: int, cells: list[str], columns: list[str], regencies: Iterable[Regency]
) -> Row:
    """One row of the sheet as business values (and its issues)."""
    row = Row(number=number, cells=cells)
    raw: dict[str, str] = {}
    for f, value in zip(columns, cells, strict=False):
        if f and value:
            raw[f] = f"{raw[f]}; {value}" if f in raw else value
    v = row.values
    name = _text(row, "name", raw.get("name", ""), LIMITS["name"])
    legal = LEGAL_FORMS.get(header_key(raw.get("legal_form", "")).split(" ")[0], "")
    prefix = LEGAL_PREFIX.match(name)
    if prefix:
        legal = legal or LEGAL_FORMS[prefix.group(1).lower()]
        name = name[prefix.end() :].strip()
    if not name and "name" not in {i.field for i in row.issues}:
        row.issues.append(Issue("required", "name"))
    v["name"] = name
    v["legal_form"] = legal  # "" when the sheet does not say (a new business: perorangan)
    scale_text = header_key(raw.get("scale", ""))
    if scale_text and scale_text.split(" ")[0] not in SCALES:
        row.issues.append(Issue("scale_unknown", "scale", {"value": raw["scale"][:40]}))
    v["scale"] = SCALES.get(scale_text.split(" ")[0] if scale_text else "", "")
    v["nib"], issue = nib(raw.get("nib", ""))
    if issue:
        row.issues.append(issue)
    kbli = _text(row, "kbli_codes", raw.get("kbli_codes", ""), LIMITS["kbli_codes"])
    codes = [c for c in re.split(r"[,;/\s]+", kbli) if c]
    if any(not re.fullmatch(r"\d{2,5}", c) for c in codes):
        row.issues.append(Issue("kbli_invalid", "kbli_codes", {"value": kbli[:40]}))
        codes = []
    v["kbli_codes"] = ", ".join(codes)
    v["regency"], issue = regency(raw.get("regency", ""), regencies)
    if issue:
        row.issues.append(issue)
    for f in ("address", "contact_person", "website", "description"):
        v[f] = _text(row, f, raw.get(f, ""), LIMITS[f])
    v["phone"], v["whatsapp"], issue = phone(raw.get("phone", ""))
    if issue:
        row.issues.append(issue)
    email = _text(row, "email", raw.get("email", ""), LIMITS["email"]).lower()
    email = email.split(";")[0].split(" ")[0].strip()
    if email and not EMAIL.match(email):
        row.issues.append(Issue("email_invalid", "email", {"value": email[:80]}))
        email = ""
    v["email"] = email
    for kind in ("offers", "needs"):
        text = _text(row, kind, raw.get(kind, ""), 5000)
        items = listings(text)
        if any(len(t) > LIMITS["listing"] for t in items):
            row.issues.append(Issue("too_long", kind, {"limit": LIMITS["listing"]}))
            items = []
        v[kind] = items
    v["capacity"], v["unit"], issue = quantity(raw.get("capacity", ""))
    if issue:
        row.issues.append(issue)
    if not row.errors and not v["email"] and not v["whatsapp"]:
        row.issues.append(Issue("not_invitable", "email", warning=True))
    if not row.errors and not v["offers"] and not v["needs"]:
        row.issues.append(Issue("no_listings", "offers", warning=True))
    return row
