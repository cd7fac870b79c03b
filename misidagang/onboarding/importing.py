"""Importing businesses and participants from a sheet, in pretix's modelimport shape: map the
columns, validate every row, and write nothing unless every row is good.

`import_preview(...)` reads and checks (no write); `import_commit(...)` runs the same checks and,
when every row is good, writes the whole file in one transaction through `business_save` and
`participant_save`. Both are plain functions of bytes and ids, so a background task can call
them as they are. The web page, `misidagang importbusinesses` and the API all call them."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from misidagang.accounts.models import User
from misidagang.directory.models import Business, LegalForm, Listing, Province, Regency, Scale
from misidagang.directory.models import name_key as business_name_key
from misidagang.directory.services import business_save
from misidagang.errors import Refused
from misidagang.missions.models import Mission, Participant
from misidagang.missions.services import participant_save
from misidagang.onboarding import sheet
from misidagang.onboarding.messages import FIELD_LABELS, file_message, issue_message
from misidagang.onboarding.models import ColumnChoice

MAX_BYTES = 20 * 1024 * 1024
CHUNK = 500
# Sheet values → Business fields (what a row may change).
BUSINESS_FIELDS = (
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
    "description",
)


class FileError(Refused):
    """The file as a whole cannot be imported: a translated message."""


class ImportRefused(Refused):
    """Some rows are bad; nothing was written. `preview` holds every row's messages."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        errors: dict[str, list[str]] = {}
        for r in preview.rows:
            for f, message in r.errors:
                errors.setdefault(f or "__all__", []).append(message)
        super().__init__(errors)
        self.summary = _("%(n)d baris perlu diperbaiki; belum ada yang diimpor.") % {
            "n": preview.bad_rows
        }


@dataclass
class RowResult:
    number: int
    cells: list[str]
    values: dict[str, Any]
    action: str = ""  # created / updated / unchanged; "" for a bad row
    match: str = ""  # nib / name: how an existing business was found
    business: Business | None = None
    changed: list[str] = field(default_factory=list)
    new_listings: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    hs: dict[str, str] = field(default_factory=dict)  # text → inferred HS code
    join: bool = False  # becomes a participant of the mission
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field, message)
    warnings: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Preview:
    header_row: int
    headers: list[str]
    columns: list[str]
    rows: list[RowResult]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def bad_rows(self) -> int:
        return sum(1 for r in self.rows if r.errors)

    @property
    def ok(self) -> bool:
        return self.bad_rows == 0

    def summary(self) -> dict[str, Any]:
        """What the CLI prints with --json and the API answers."""

        def listed(attr: str) -> list[dict[str, Any]]:
            return [
                {"row": r.number, "field": f, "message": m}
                for r in self.rows
                for f, m in getattr(r, attr)
            ]

        return {
            "rows": len(self.rows),
            "created": self.count("created"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "errors": listed("errors"),
            "warnings": listed("warnings"),
        }


def owner_key(user: Any) -> str:
    """Column choices are remembered per organisation, else per user."""
    if getattr(user, "organisation_id", None):
        return f"org:{user.organisation_id}"
    return f"user:{getattr(user, 'pk', 0)}"


def remembered_columns(user: Any) -> dict[str, str]:
    if user is None:
        return {}
    return dict(ColumnChoice.objects.filter(owner=owner_key(user)).values_list("header", "field"))


def remember_columns(user: Any, headers: Sequence[str], columns: Sequence[str]) -> None:
    """Keep the organiser's choices that differ from the guess, for the organisation's next
    sheets."""
    owner = owner_key(user)
    for header, chosen in zip(headers, columns, strict=False):
        key = sheet.header_key(header)[:200]
        if not key:
            continue
        if chosen == sheet.guess_field(header):
            ColumnChoice.objects.filter(owner=owner, header=key).delete()
        else:
            ColumnChoice.objects.update_or_create(
                owner=owner, header=key, defaults={"field": chosen}
            )


def side_province(mission: Mission, side: str) -> str:
    return str(
        mission.delegation_province_id
        if side == Participant.Side.DELEGATION
        else mission.host_province_id
    )


def _regencies(province: str) -> list[sheet.Regency]:
    return [
        sheet.Regency(code=c, name=n, kind=k)
        for c, n, k in Regency.objects.filter(province_id=province).values_list(
            "code", "name", "kind"
        )
    ]


def _check_columns(columns: Sequence[str] | None) -> list[str] | None:
    if columns is None:
        return None
    bad = [c for c in columns if c and c not in sheet.FIELDS]
    if bad:
        raise FileError(_("Kolom tujuan tidak dikenal: %(names)s.") % {"names": ", ".join(bad)})
    return list(columns)


def read_sheet(
    data: bytes,
    name: str,
    province: str,
    *,
    columns: Sequence[str] | None = None,
    remembered: Mapping[str, str] | None = None,
) -> tuple[int, list[str], list[str], list[sheet.Row]]:
    """(header row, headers, columns, rows) of a sheet, or FileError. Streaming: a sheet longer
    than IMPORT_MAX_ROWS is refused as soon as its size is known."""
    if len(data) > MAX_BYTES:
        raise FileError(file_message(sheet.SheetError("too_big", mb=MAX_BYTES // (1024 * 1024))))
    limit = settings.IMPORT_MAX_ROWS
    regencies = _regencies(province)
    try:
        cells = sheet.read_cells(data, name, limit)
        head = list(islice(cells, sheet.HEADER_SCAN))
        header_row, headers, guessed = sheet.find_header(head, remembered)
        chosen = _check_columns(columns)
        if chosen is not None:
            chosen = (chosen + [""] * len(headers))[: len(headers)]
        use = chosen if chosen is not None else guessed
        rows = [
            sheet.normalise_row(number, values, use, regencies)
            for number, values in [*head, *cells]
            if number > header_row
        ]
    except sheet.SheetError as exc:
        raise FileError(file_message(exc)) from None
    if not rows:
        raise FileError(file_message(sheet.SheetError("empty")))
    return header_row, headers, use, rows


def _existing(rows: list[sheet.Row]) -> tuple[dict[str, Business], dict[tuple[str, str], Business]]:
    nibs = sorted({r.values["nib"] for r in rows if r.values.get("nib")})
    keys = sorted({business_name_key(r.values["name"]) for r in rows if r.values.get("name")})
    by_nib: dict[str, Business] = {}
    by_name: dict[tuple[str, str], Business] = {}
    for start in range(0, len(nibs), CHUNK):
        for b in Business.objects.filter(nib__in=nibs[start : start + CHUNK]).order_by("pk"):
            by_nib.setdefault(b.nib, b)
    for start in range(0, len(keys), CHUNK):
        found = Business.objects.filter(name_key__in=keys[start : start + CHUNK]).order_by("pk")
        for b in found:
            by_name.setdefault((str(b.regency_id), b.name_key), b)
    return by_nib, by_name


def _listing_texts(ids: list[int]) -> dict[int, set[tuple[str, str]]]:
    out: dict[int, set[tuple[str, str]]] = {}
    for start in range(0, len(ids), CHUNK):
        for bid, kind, text in Listing.objects.filter(
            business_id__in=ids[start : start + CHUNK]
        ).values_list("business_id", "kind", "text"):
            out.setdefault(bid, set()).add((kind, text.lower()))
    return out


def _classify(texts: set[str]) -> dict[str, str]:
    """HS codes for product texts, by the matching engine's classifier ('' when unsure)."""
    if not texts:
        return {}
    from misidagang.engines.matching import classify

    ordered = sorted(texts)
    found = classify(ordered, top_k=1)
    return {t: (hits[0]["hs"] if hits else "") for t, hits in zip(ordered, found, strict=True)}


def import_preview(
    *,
    mission: Mission,
    side: str,
    data: bytes,
    name: str,
    columns: Sequence[str] | None = None,
    actor: Any = None,
) -> Preview:
    """Every row's outcome (created / updated / unchanged) or its errors; writes nothing."""
    if side not in Participant.Side.values:
        raise FileError(_("Pihak harus delegasi atau tuan rumah."))
    province = side_province(mission, side)
    header_row, headers, used, rows = read_sheet(
        data, name, province, columns=columns, remembered=remembered_columns(actor)
    )
    names = dict(Regency.objects.filter(province_id=province).values_list("code", "name"))
    for row in rows:
        row.values["regency_name"] = names.get(row.values.get("regency", ""), "")
    by_nib, by_name = _existing(rows)
    ids = {b.pk for b in by_nib.values()} | {b.pk for b in by_name.values()}
    listings = _listing_texts(sorted(ids))
    sides = dict(
        Participant.objects.filter(mission=mission, business_id__in=ids).values_list(
            "business_id", "side"
        )
    )
    side_labels = dict(Participant.Side.choices)
    seen_nib: dict[str, int] = {}
    seen_name: dict[tuple[str, str], int] = {}
    results: list[RowResult] = []
    for row in rows:
        v = row.values
        result = RowResult(number=row.number, cells=row.cells, values=v)
        results.append(result)
        for issue in row.issues:
            target = result.warnings if issue.warning else result.errors
            target.append((issue.field, issue_message(row.number, issue)))
        key = (v.get("regency", ""), business_name_key(v.get("name", "")))
        if v.get("nib"):
            if v["nib"] in seen_nib:
                result.errors.append(("nib", _duplicate(row.number, "nib", seen_nib[v["nib"]])))
            seen_nib.setdefault(v["nib"], row.number)
        if key[0] and key[1]:
            if key in seen_name and not v.get("nib"):
                result.errors.append(("name", _duplicate(row.number, "name", seen_name[key])))
            seen_name.setdefault(key, row.number)
        if result.errors:
            continue
        business = by_nib.get(v["nib"]) if v.get("nib") else None
        result.match = "nib" if business else ""
        if business is None:
            candidate = by_name.get(key)
            if candidate is not None and (not candidate.nib or not v.get("nib")):
                business, result.match = candidate, "name"
        result.business = business
        if business is not None and sides.get(business.pk, side) != side:
            result.errors.append(
                (
                    "name",
                    issue_message(
                        row.number,
                        sheet.Issue(
                            "other_side", "name", {"side": side_labels[sides[business.pk]]}
                        ),
                    ),
                )
            )
            continue
        have = listings.get(business.pk, set()) if business else set()
        wanted = [("offer", t) for t in v["offers"]] + [("need", t) for t in v["needs"]]
        result.new_listings = [(k, t) for k, t in wanted if (k, t.lower()) not in have]
        result.join = business is None or business.pk not in sides
        if business is None:
            result.action = "created"
            continue
        result.changed = [
            f
            for f in BUSINESS_FIELDS
            if v.get(f)
            and v[f] != (business.regency_id if f == "regency" else getattr(business, f))
        ]
        changes = result.changed or result.new_listings or result.join
        result.action = "updated" if changes else "unchanged"
    texts = {t for r in results if not r.errors for _k, t in r.new_listings}
    hs = _classify(texts)
    for r in results:
        r.hs = {t: hs.get(t, "") for _k, t in r.new_listings}
    return Preview(header_row=header_row, headers=headers, columns=used, rows=results)


def _duplicate(number: int, field_name: str, first: int) -> str:
    code = "duplicate_nib" if field_name == "nib" else "duplicate_name"
    return issue_message(number, sheet.Issue(code, field_name, {"row": first}))


def import_commit(
    *,
    mission: Mission,
    side: str,
    data: bytes,
    name: str,
    actor: User | None,
    columns: Sequence[str] | None = None,
) -> Preview:
    """Check every row, then write them all in one transaction; ImportRefused (nothing
    written) when any row is bad. Importing the same file again changes nothing."""
    preview = import_preview(
        mission=mission, side=side, data=data, name=name, columns=columns, actor=actor
    )
    if not preview.ok:
        raise ImportRefused(preview)
    province = Province.objects.get(pk=side_province(mission, side))
    regencies = {r.pk: r for r in Regency.objects.filter(province=province)}
    with transaction.atomic():
        for r in preview.rows:
            if r.action == "unchanged":
                continue
            v = r.values
            fields = BUSINESS_FIELDS if r.business is None else r.changed
            values: dict[str, Any] = {f: v[f] for f in fields if f != "regency"}
            if "regency" in fields:
                values["regency"], values["province"] = regencies[v["regency"]], province
            if "phone" in fields:
                values["whatsapp"] = v["whatsapp"]
            if r.business is None:
                values["legal_form"] = v["legal_form"] or LegalForm.PERORANGAN
                values["scale"] = v["scale"] or Scale.MIKRO
            listings = [
                {
                    "id": None,
                    "kind": kind,
                    "text": text,
                    "hs": r.hs.get(text, ""),
                    **(
                        {"capacity_per_month": v["capacity"], "unit": v["unit"]}
                        if kind == "offer" and v["capacity"] is not None
                        else {}
                    ),
                }
                for kind, text in r.new_listings
            ]
            business = r.business
            if values or listings or business is None:
                business = business_save(
                    actor=actor, business=business, listings=listings, **values
                )
            if r.join:
                participant_save(
                    actor=actor,  # type: ignore[arg-type]
                    mission=mission,
                    business=business,
                    side=side,
                    # Both: what a sheet lists is what is known today; a business that adds a
                    # need on its profile later should get partners for it.
                    role=Participant.Role.BOTH,
                    status=Participant.Status.REGISTERED,
                )
            r.business = business
    return preview


def annotated_workbook(preview: Preview) -> bytes:
    """The sheet's rows with a column of messages, to fix and upload again."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    out = book.active
    out.title = _("Periksa")[:31]
    out.append([*preview.headers, _("Pesan impor")])
    for cell in out[1]:
        cell.font = Font(bold=True)
    red = PatternFill("solid", fgColor="FDE2E1")
    for r in preview.rows:
        messages = [m for _f, m in r.errors] + [m for _f, m in r.warnings]
        cells = (r.cells + [""] * len(preview.headers))[: len(preview.headers)]
        out.append([*cells, " ".join(messages)])
        if r.errors:
            out.cell(row=out.max_row, column=len(cells) + 1).fill = red
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def column_choices() -> list[tuple[str, str]]:
    return [(f, str(FIELD_LABELS[f])) for f in ("", *sheet.FIELDS)]
