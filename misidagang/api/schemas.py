from __future__ import annotations

from datetime import datetime

from ninja import Schema


class ProvinceOut(Schema):
    code: str
    name: str


class SideCounts(Schema):
    delegation: int
    host: int


class MissionOut(Schema):
    id: int
    name: str
    theme: str
    delegation_province: ProvinceOut
    host_province: ProvinceOut
    host_city: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    status: str
    is_historical: bool
    target_idr: int | None
    participants: SideCounts


class ListingOut(Schema):
    id: int
    text: str
    hs: str
    quantity: int | None
    unit: str
    capacity_per_month: int | None
    min_order: int | None
    price_min_idr: int | None
    price_max_idr: int | None
    certifications: list[str]


class ParticipantOut(Schema):
    id: int
    business_id: int
    name: str
    province: str
    regency: str
    side: str
    role: str
    status: str
    facilitator: str | None
    offers: list[ListingOut]
    needs: list[ListingOut]


class ParticipantIn(Schema):
    business_id: int
    side: str
    role: str = "both"
    status: str = "registered"
    facilitator_id: int | None = None


class ParticipantPatch(Schema):
    status: str


class ContactOut(Schema):
    contact_person: str
    phone: str
    whatsapp: str
    email: str
    address: str


class BusinessOut(Schema):
    id: int
    name: str
    display_name: str
    legal_form: str
    nib: str
    scale: str
    kbli_codes: list[str]
    province: ProvinceOut
    regency: ProvinceOut
    website: str
    description: str
    offers: list[ListingOut]
    needs: list[ListingOut]
    contact: ContactOut | None = None


class BusinessPatch(Schema):
    name: str | None = None
    legal_form: str | None = None
    nib: str | None = None
    scale: str | None = None
    kbli_codes: str | None = None
    province: str | None = None
    regency: str | None = None
    address: str | None = None
    contact_person: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    description: str | None = None


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None
