"""The demo: East Java's real mission history and one full mission ready to run.

Deterministic: the same seed gives the same businesses, numbers and users every time."""

from __future__ import annotations

import json
import random
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time
from importlib import resources
from typing import Any

from django.db import transaction

from misidagang.accounts.models import Role, User
from misidagang.directory.models import Business, LegalForm, Listing, Regency, Scale
from misidagang.directory.regions import load_regions
from misidagang.missions.demo_data import (
    DELEGATION_SECTORS,
    HOST_SECTORS,
    MOBILE_PREFIXES,
    NAME_FIRST,
    NAME_LAST,
    PEOPLE,
)
from misidagang.missions.models import Mission, Organisation, Participant
from misidagang.missions.zones import zone_for_province

DEMO_MISSION = "Misi Dagang Jawa Timur – Sumatera Selatan"
# One login per role the product has: the delegation's business and a host-side buyer (so "the
# other party confirms the deal" can be shown), the bank and the Jamkrida officer.
DEMO_USERS = ("organiser", "clerk", "business", "buyer", "partner", "jamkrida", "viewer")
DEMO_DAY = date(2026, 12, 10)  # the fixed day of the deterministic demo (tests); `demo` uses today
N_DELEGATION, N_HOST = 46, 115

ORGANISATIONS = [
    ("Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur", "agency", "35"),
    ("Pemerintah Provinsi Jawa Timur", "government", "35"),
    ("Bank Jatim", "bank", "35"),
    ("Jamkrida Jatim", "jamkrida", "35"),
    ("Kadin Jawa Timur", "association", "35"),
    ("Dinas Perindustrian dan Perdagangan Provinsi Sumatera Selatan", "agency", "16"),
    ("Pemerintah Provinsi Sumatera Selatan", "government", "16"),
    ("Bank Sumsel Babel", "bank", "16"),
    ("Jamkrida Sumsel", "jamkrida", "16"),
    ("Kadin Sumatera Selatan", "association", "16"),
]


def history() -> list[dict]:
    text = resources.files("misidagang.missions").joinpath("data/jatim_history.json").read_text()
    return json.loads(text)["missions"]


def _history_start(row: dict) -> datetime:
    parts = [int(p) for p in row["date"].split("-")] + [1, 1]
    zone = zoneinfo.ZoneInfo(zone_for_province(row["province"]))
    return datetime(parts[0], parts[1], parts[2], 9, 0, tzinfo=zone)


def load_history() -> int:
    """One historical mission per reported mission (idempotent on date + city)."""
    created = 0
    for row in history():
        start = _history_start(row)
        zone = zone_for_province(row["province"])
        mission, made = Mission.objects.get_or_create(
            is_historical=True,
            host_city=row["city"],
            starts_at=start,
            defaults={
                "name": f"Misi Dagang Jawa Timur – {row['city']}",
                "delegation_province_id": "35",
                "host_province_id": row["province"],
                "ends_at": start.replace(hour=17),
                "timezone": zone,
                "status": Mission.Status.CLOSED,
                "date_precision": row["precision"],
                "reported_total_idr": row["total_idr"],
                "reported_sell_idr": row["sell_idr"],
                "reported_buy_idr": row["buy_idr"],
                "reported_invest_idr": row["invest_idr"],
                "reported_transactions": row["transactions"],
                "reported_delegation": row["delegation_businesses"],
                "reported_host": row["host_businesses"],
                "led_by": row["led_by"],
                "top_commodities": "; ".join(row["commodities"]),
                "source_urls": row["sources"],
                "notes": row["notes"],
            },
        )
        created += made
    return created


@dataclass
class DemoResult:
    mission: Mission
    passwords: dict[str, str]
    created: bool


def _phone(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7, 10**8)}"


def _listing(rng: random.Random, kind: str, item: tuple) -> Listing:
    text, hs, unit, lo, hi, certs = item
    monthly = rng.randrange(lo, hi + 1)
    monthly = int(round(monthly, -len(str(monthly)) + 2)) or monthly
    price = {"ton": 12_000_000, "kg": 25_000, "unit": 4_500_000, "set": 650_000}.get(unit)
    return Listing(
        kind=kind,
        text=text,
        hs=hs if rng.random() < 0.8 else "",  # some UMKM do not know their HS code
        quantity=monthly,
        unit=unit,
        capacity_per_month=monthly if kind == Listing.Kind.OFFER else None,
        min_order=max(1, monthly // 10) if kind == Listing.Kind.OFFER else None,
        price_min_idr=price if price and kind == Listing.Kind.OFFER else None,
        price_max_idr=int(price * 1.25) if price and kind == Listing.Kind.OFFER else None,
        certifications=list(certs),
    )


def _businesses(rng: random.Random, sectors: list, count: int, province: str, side: str):
    used: set[str] = set()
    regencies = {r.code: r for r in Regency.objects.filter(province_id=province)}
    out = []
    for i in range(count):
        word, codes, offers, needs = sectors[i % len(sectors)]
        while True:
            name = f"{rng.choice(NAME_FIRST)} {word} {rng.choice(NAME_LAST)}"
            if name not in used:
                used.add(name)
                break
        scale = rng.choices(
            [Scale.MIKRO, Scale.KECIL, Scale.MENENGAH, Scale.BESAR], weights=[3, 4, 2, 1]
        )[0]
        form = {
            Scale.MIKRO: LegalForm.UD,
            Scale.KECIL: LegalForm.CV,
            Scale.MENENGAH: LegalForm.PT,
            Scale.BESAR: LegalForm.PT,
        }[scale]
        if word in ("Tani", "Patin", "Kopi") and rng.random() < 0.4:
            form = LegalForm.KOPERASI
        regency = regencies[rng.choice(codes)]
        person = rng.choice(PEOPLE)
        slug = "".join(ch for ch in name.lower() if ch.isalnum())
        business = Business(
            name=name,
            legal_form=form,
            nib=str(rng.randrange(10**12, 10**13)),
            scale=scale,
            kbli_codes="",
            province_id=province,
            regency=regency,
            address=f"Jl. {rng.choice(NAME_FIRST)} {rng.choice(NAME_LAST)} "
            f"No. {rng.randrange(1, 200)}, {regency.name}",
            contact_person=person,
            phone=_phone(rng),
            email=f"{slug[:20]}@example.id",
            description="",
        )
        business.normalise_phone()
        chosen_offers = [o for o in offers if rng.random() < 0.85] or offers[:1]
        chosen_needs = [n for n in needs if rng.random() < 0.75]
        if side == Participant.Side.HOST and not offers:
            chosen_needs = rng.sample(needs, k=min(len(needs), rng.randrange(2, 4)))
        role = (
            Participant.Role.BOTH
            if chosen_offers and chosen_needs
            else Participant.Role.SELLER
            if chosen_offers
            else Participant.Role.BUYER
        )
        listings = [_listing(rng, Listing.Kind.OFFER, o) for o in chosen_offers]
        listings += [_listing(rng, Listing.Kind.NEED, n) for n in chosen_needs]
        business.description = {
            Participant.Role.SELLER: "Produsen dan pemasok",
            Participant.Role.BUYER: "Pembeli dan distributor",
            Participant.Role.BOTH: "Produsen, pemasok dan pembeli",
        }[role] + f" di {regency.name}."
        out.append((business, listings, role))
    return out


@transaction.atomic
def load_demo(seed: int = 2026, day: date | None = None) -> DemoResult:
    """Load the history and the demo mission, held on `day` (default DEMO_DAY) from 08.00 to
    19.00 WIB; a mission held today is running. Running it again changes nothing."""
    load_regions()
    load_history()
    passwords = {u: f"demo-{u}" for u in DEMO_USERS}
    existing = Mission.objects.filter(name=DEMO_MISSION, is_historical=False).first()
    if existing:
        return DemoResult(existing, passwords, False)

    rng = random.Random(seed)
    orgs = {
        name: Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "province_id": prov}
        )[0]
        for name, kind, prov in ORGANISATIONS
    }
    wib = zoneinfo.ZoneInfo("Asia/Jakarta")
    mission = Mission.objects.create(
        name=DEMO_MISSION,
        theme="Sinergi perdagangan antardaerah Jawa Timur dan Sumatera Selatan",
        delegation_province_id="35",
        host_province_id="16",
        host_regency_id="16.71",
        host_city="Palembang",
        venue="Hotel Wyndham Opi, Jakabaring, Palembang",
        starts_at=datetime.combine(day or DEMO_DAY, time(8, 0), tzinfo=wib),
        ends_at=datetime.combine(day or DEMO_DAY, time(19, 0), tzinfo=wib),
        timezone="Asia/Jakarta",
        target_idr=1_000_000_000_000,
        status=Mission.Status.RUNNING
        if day is not None and day == datetime.now(wib).date()
        else Mission.Status.REGISTRATION,
    )
    sides = [
        (
            Participant.Side.DELEGATION,
            _businesses(rng, DELEGATION_SECTORS, N_DELEGATION, "35", "delegation"),
            ["Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur"] * 6
            + ["Bank Jatim", "Kadin Jawa Timur"],
        ),
        (
            Participant.Side.HOST,
            _businesses(rng, HOST_SECTORS, N_HOST, "16", "host"),
            ["Dinas Perindustrian dan Perdagangan Provinsi Sumatera Selatan"] * 6
            + ["Bank Sumsel Babel", "Kadin Sumatera Selatan"],
        ),
    ]
    first: dict[str, Business] = {}
    for side, rows, facilitators in sides:
        for business, listings, role in rows:
            business.save()
            for listing in listings:
                listing.business = business
            Listing.objects.bulk_create(listings)
            Participant.objects.create(
                mission=mission,
                business=business,
                side=side,
                role=role,
                facilitator=orgs[rng.choice(facilitators)],
                status=rng.choices(
                    [
                        Participant.Status.CONFIRMED,
                        Participant.Status.REGISTERED,
                        Participant.Status.INVITED,
                    ],
                    weights=[7, 2, 1],
                )[0],
            )
            first.setdefault(side, business)
    # A directory keeps its untidy entries: the same trader registered twice.
    twin = Business.objects.filter(province_id="16").order_by("pk").first()
    if twin:
        Business.objects.create(
            name=twin.name.upper(),
            legal_form=LegalForm.PERORANGAN,
            nib="",
            scale=twin.scale,
            province_id=twin.province_id,
            regency_id=twin.regency_id,
            description="Didaftarkan ulang lewat formulir kertas.",
        )
    _demo_users(
        mission,
        passwords,
        first.get(Participant.Side.DELEGATION),
        first.get(Participant.Side.HOST),
        orgs["Bank Jatim"],
        orgs["Jamkrida Jatim"],
    )
    return DemoResult(mission, passwords, True)


def _demo_users(
    mission: Mission,
    passwords: dict[str, str],
    business: Business | None,
    buyer: Business | None,
    bank: Organisation,
    jamkrida: Organisation,
) -> None:
    specs: dict[str, dict[str, Any]] = {
        "organiser": dict(
            role=Role.ORGANISER,
            program_wide=True,
            is_staff=True,
            first_name="Ratna",
            last_name="Disperindag",
        ),
        "clerk": dict(role=Role.CLERK, first_name="Dimas", last_name="Petugas"),
        "business": dict(
            role=Role.BUSINESS, business=business, first_name="Pemilik", last_name="Usaha"
        ),
        "buyer": dict(role=Role.BUSINESS, business=buyer, first_name="Pembeli", last_name="Sumsel"),
        "partner": dict(
            role=Role.PARTNER, organisation=bank, first_name="Analis", last_name="Bank Jatim"
        ),
        "jamkrida": dict(
            role=Role.PARTNER,
            organisation=jamkrida,
            first_name="Penjamin",
            last_name="Jamkrida Jatim",
        ),
        "viewer": dict(role=Role.VIEWER, first_name="Pemantau"),
    }
    for username, fields in specs.items():
        user, _ = User.objects.get_or_create(username=username, defaults=fields)
        user.set_password(passwords[username])
        user.email = f"{username}@example.id"
        user.save()
    organiser = User.objects.get(username="organiser")
    # Django admin for staff: the program-wide organiser manages the program's data there.
    from django.contrib.auth.models import Permission

    organiser.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=[
                "directory",
                "missions",
                "matching",
                "meetings",
                "deals",
                "agreements",
                "reports",
            ]
        )
    )
    mission.organisers.add(organiser)
    mission.clerks.add(User.objects.get(username="clerk"))
