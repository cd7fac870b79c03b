"""Model → API dict conversions shared by the routers."""

from __future__ import annotations

from typing import Any

from misidagang.directory.models import Business, Listing
from misidagang.missions.models import Mission, Participant


def listing(item: Listing) -> dict[str, Any]:
    return {
        "id": item.pk,
        "text": item.text,
        "hs": item.hs,
        "quantity": item.quantity,
        "unit": item.unit,
        "capacity_per_month": item.capacity_per_month,
        "min_order": item.min_order,
        "price_min_idr": item.price_min_idr,
        "price_max_idr": item.price_max_idr,
        "certifications": list(item.certifications or []),
    }


def split_listings(business: Business) -> dict[str, list[dict[str, Any]]]:
    items = list(business.listings.all())
    return {
        "offers": [listing(i) for i in items if i.kind == Listing.Kind.OFFER],
        "needs": [listing(i) for i in items if i.kind == Listing.Kind.NEED],
    }


def mission(m: Mission, delegation: int, host: int) -> dict[str, Any]:
    return {
        "id": m.pk,
        "name": m.name,
        "theme": m.theme,
        "delegation_province": {
            "code": m.delegation_province.code,
            "name": m.delegation_province.name,
        },
        "host_province": {"code": m.host_province.code, "name": m.host_province.name},
        "host_city": m.city_label,
        "venue": m.venue,
        "starts_at": m.local(m.starts_at),
        "ends_at": m.local(m.ends_at),
        "timezone": m.timezone,
        "status": m.status,
        "is_historical": m.is_historical,
        "target_idr": m.target_idr,
        # Past missions known from reports carry the reported counts.
        "participants": {
            "delegation": delegation or (m.reported_delegation or 0 if m.is_historical else 0),
            "host": host or (m.reported_host or 0 if m.is_historical else 0),
        },
    }


def participant(p: Participant) -> dict[str, Any]:
    return {
        "id": p.pk,
        "business_id": p.business_id,
        "name": p.business.display_name,
        "province": p.business.province_id,
        "regency": p.business.regency_id,
        "side": p.side,
        "role": p.role,
        "status": p.status,
        "facilitator": p.facilitator.name if p.facilitator else None,
        **split_listings(p.business),
    }


def business(b: Business, *, with_contact: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": b.pk,
        "name": b.name,
        "display_name": b.display_name,
        "legal_form": b.legal_form,
        "nib": b.nib,
        "scale": b.scale,
        "kbli_codes": [c.strip() for c in b.kbli_codes.split(",") if c.strip()],
        "province": {"code": b.province.code, "name": b.province.name},
        "regency": {"code": b.regency.code, "name": b.regency.name},
        "website": b.website,
        "description": b.description,
        **split_listings(b),
    }
    if with_contact:
        out["contact"] = {
            "contact_person": b.contact_person,
            "phone": b.phone,
            "whatsapp": b.whatsapp,
            "email": b.email,
            "address": b.address,
        }
    return out
