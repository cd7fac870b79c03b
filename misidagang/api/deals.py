"""Deals API: record (idempotent), list, change, confirm, void, realise, partner decisions,
and the public tally."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Router, Schema

from misidagang.accounts.types import AuthedRequest
from misidagang.api.auth import AUTH
from misidagang.api.schemas import ErrorOut
from misidagang.deals import access as perms
from misidagang.deals import services
from misidagang.deals.models import Deal, FinancingDecision, Source, Stage
from misidagang.deals.tally import mission_tally
from misidagang.directory.models import Business
from misidagang.missions.access import mission_for_viewing, staffs

router = Router(tags=["deals"])


class DealIn(Schema):
    seller_id: int | None = None
    seller_name: str = ""
    buyer_id: int | None = None
    buyer_name: str = ""
    direction: str = ""
    hs: str = ""
    commodity: str
    quantity: Decimal | None = None
    unit: str = ""
    value_idr: int
    stage: str = Stage.KOMITMEN
    meeting_ref: str = ""
    wants_financing: bool = False
    wants_guarantee: bool = False
    notes: str = ""
    outside_party: bool = False  # a named party is outside the mission even if its name is near


class DealPatch(Schema):
    seller_id: int | None = None
    seller_name: str | None = None
    buyer_id: int | None = None
    buyer_name: str | None = None
    direction: str | None = None
    hs: str | None = None
    commodity: str | None = None
    quantity: Decimal | None = None
    unit: str | None = None
    value_idr: int | None = None
    stage: str | None = None
    meeting_ref: str | None = None
    wants_financing: bool | None = None
    wants_guarantee: bool | None = None
    notes: str | None = None


class PartyOut(Schema):
    business_id: int | None
    name: str


class DecisionOut(Schema):
    institution: str
    status: str
    amount_idr: int | None
    note: str
    decided_at: datetime


class DealOut(Schema):
    id: int
    mission_id: int
    seller: PartyOut
    buyer: PartyOut
    direction: str
    hs: str
    commodity: str
    quantity: Decimal | None
    unit: str
    value_idr: int
    stage: str
    realised_idr: int
    realised_on: date | None
    meeting_ref: str
    wants_financing: bool
    wants_guarantee: bool
    notes: str
    source: str
    recorded_at: datetime
    confirmed: bool
    voided: bool
    void_reason: str
    decisions: list[DecisionOut]


class VoidIn(Schema):
    reason: str


class RealiseIn(Schema):
    amount_idr: int
    on: date


class DecisionIn(Schema):
    status: str
    amount_idr: int | None = None
    note: str = ""
    confirm_unusual: bool = False  # approve above the deal's value or under Rp 1 juta


class TallyOut(Schema):
    total_idr: int
    deals: int
    by_direction: dict[str, int]
    as_of: str
    as_of_local: str


def deal_out(deal: Deal, *, new: bool = False) -> dict[str, Any]:
    """A deal as the API shows it. A deal just made has no decisions yet (no query for them);
    lists prefetch them (`with_decisions`)."""
    return {
        "id": deal.pk,
        "mission_id": deal.mission_id,
        "seller": {"business_id": deal.seller_id, "name": deal.seller_label},
        "buyer": {"business_id": deal.buyer_id, "name": deal.buyer_label},
        "direction": deal.direction,
        "hs": deal.hs,
        "commodity": deal.commodity,
        "quantity": deal.quantity,
        "unit": deal.unit,
        "value_idr": deal.value_idr,
        "stage": deal.stage,
        "realised_idr": deal.realised_idr,
        "realised_on": deal.realised_on,
        "meeting_ref": deal.meeting_ref,
        "wants_financing": deal.wants_financing,
        "wants_guarantee": deal.wants_guarantee,
        "notes": deal.notes,
        "source": deal.source,
        "recorded_at": deal.recorded_at,
        "confirmed": deal.is_confirmed,
        "voided": deal.is_void,
        "void_reason": deal.void_reason,
        "decisions": [
            {
                "institution": d.institution.name,
                "status": d.status,
                "amount_idr": d.amount_idr,
                "note": d.note,
                "decided_at": d.decided_at,
            }
            for d in _decisions(deal, new=new)
        ],
    }


def _decisions(deal: Deal, *, new: bool) -> Any:
    if new:
        return []
    if "decisions" in getattr(deal, "_prefetched_objects_cache", {}):
        return deal.decisions.all()
    return deal.decisions.select_related("institution")


_DECISIONS = Prefetch("decisions", FinancingDecision.objects.select_related("institution"))


def with_decisions(deals: QuerySet[Deal]) -> QuerySet[Deal]:
    return deals.select_related("seller", "buyer").prefetch_related(_DECISIONS)


def _businesses(**ids: int | None) -> dict[str, Business | None]:
    """{field: business} for the given ids, in one query; a missing id is a DealError."""
    found = Business.objects.in_bulk([pk for pk in ids.values() if pk is not None])
    missing = {f: pk for f, pk in ids.items() if pk is not None and pk not in found}
    if missing:
        raise services.DealError(
            {f: [_("Pelaku usaha %(id)s tidak ada.") % {"id": pk}] for f, pk in missing.items()}
        )
    return {f: found.get(pk) if pk is not None else None for f, pk in ids.items()}


@router.post(
    "/missions/{mission_id}/deals",
    response={200: DealOut, 201: DealOut, 422: ErrorOut},
    auth=AUTH,
    summary="Record a deal (Idempotency-Key: the same key returns the same deal)",
)
def record_deal(
    request: HttpRequest,
    response: HttpResponse,
    mission_id: int,
    payload: DealIn,
    idempotency_key: str = Header("", alias="Idempotency-Key"),
):
    mission = mission_for_viewing(request.user, mission_id)
    business_id = perms.reporting_business(request.user, mission)
    is_party = business_id is not None and business_id in (payload.seller_id, payload.buyer_id)
    if not (staffs(request.user, mission) or is_party):
        raise PermissionDenied
    parties = _businesses(seller_id=payload.seller_id, buyer_id=payload.buyer_id)
    deal, created = services.deal_record(
        mission=mission,
        actor=request.user,  # type: ignore[arg-type]
        source=Source.API,
        seller=parties["seller_id"],
        buyer=parties["buyer_id"],
        **payload.dict(exclude={"seller_id", "buyer_id"}),
        idempotency_key=idempotency_key,
    )
    if not created:
        response["Idempotent-Replayed"] = "true"
        prefetch_related_objects([deal], _DECISIONS)
        return 200, deal_out(deal)
    return 201, deal_out(deal, new=True)


@router.get("/missions/{mission_id}/deals", response=list[DealOut], auth=AUTH)
def list_deals(request: AuthedRequest, mission_id: int, include_void: bool = False):
    """Staff see every deal, a business its own, a partner the deals asking for it."""
    _mission, deals = perms.mission_deals_for(request.user, mission_id)
    if not include_void:
        deals = deals.filter(voided_at__isnull=True)
    return [deal_out(d) for d in with_decisions(deals)[:1000]]


@router.get("/missions/{mission_id}/deals/{deal_id}", response=DealOut, auth=AUTH)
def get_deal(request: AuthedRequest, mission_id: int, deal_id: int):
    return deal_out(perms.deal_for_viewing(request.user, mission_id, deal_id))


@router.patch(
    "/missions/{mission_id}/deals/{deal_id}", response={200: DealOut, 422: ErrorOut}, auth=AUTH
)
def patch_deal(request: AuthedRequest, mission_id: int, deal_id: int, payload: DealPatch):
    deal = perms.deal_for_staff(request.user, mission_id, deal_id)
    changes = payload.dict(exclude_unset=True)
    for key in ("seller_id", "buyer_id"):
        if key in changes:
            changes[key[:-3]] = _businesses(**{key: changes.pop(key)})[key]
    deal = services.deal_update(deal=deal, actor=request.user, **changes)
    return deal_out(deal)


@router.post(
    "/missions/{mission_id}/deals/{deal_id}/void",
    response={200: DealOut, 422: ErrorOut},
    auth=AUTH,
)
def void_deal(request: AuthedRequest, mission_id: int, deal_id: int, payload: VoidIn):
    deal = perms.deal_for_staff(request.user, mission_id, deal_id)
    deal = services.deal_void(deal=deal, actor=request.user, reason=payload.reason)
    return deal_out(deal)


@router.post(
    "/missions/{mission_id}/deals/{deal_id}/confirm",
    response={200: DealOut, 422: ErrorOut},
    auth=AUTH,
)
def confirm_deal(request: AuthedRequest, mission_id: int, deal_id: int):
    deal = perms.deal_for_confirming(request.user, mission_id, deal_id)
    if deal.is_confirmed and not deal.is_void:
        return deal_out(deal)
    if not perms.can_confirm(request.user, deal):
        raise PermissionDenied
    deal = services.deal_confirm(deal=deal, actor=request.user)
    return deal_out(deal)


@router.post(
    "/missions/{mission_id}/deals/{deal_id}/realise",
    response={200: DealOut, 422: ErrorOut},
    auth=AUTH,
)
def realise_deal(request: AuthedRequest, mission_id: int, deal_id: int, payload: RealiseIn):
    deal = perms.deal_for_staff(request.user, mission_id, deal_id)
    deal = services.deal_realise(
        deal=deal,
        actor=request.user,
        amount_idr=payload.amount_idr,
        on=payload.on,
    )
    return deal_out(deal)


@router.post(
    "/missions/{mission_id}/deals/{deal_id}/decisions",
    response={201: DealOut, 422: ErrorOut},
    auth=AUTH,
    summary="A partner institution's decision (process, approved with amount, declined)",
)
def decide(request: AuthedRequest, mission_id: int, deal_id: int, payload: DecisionIn):
    deal = perms.deal_for_viewing(request.user, mission_id, deal_id)
    if not perms.can_decide(request.user, deal):
        raise PermissionDenied
    services.financing_decide(
        deal=deal,
        actor=request.user,
        institution=request.user.organisation,  # type: ignore[arg-type]  # can_decide checked it
        status=payload.status,
        amount_idr=payload.amount_idr,
        note=payload.note,
        confirm_unusual=payload.confirm_unusual,
    )
    return 201, deal_out(deal)


@router.get(
    "/partner/deals",
    response=list[DealOut],
    auth=AUTH,
    summary="A partner's queue: deals of visible missions asking for its institution",
)
def partner_queue(request: AuthedRequest):
    kind = perms.partner_kind(request.user)
    if kind is None:
        raise PermissionDenied
    from misidagang.missions.models import Mission

    missions = Mission.objects.visible_to(request.user)
    deals = Deal.objects.filter(mission__in=missions, voided_at__isnull=True).asking(kind)
    return [deal_out(d) for d in with_decisions(deals)[:1000]]


@router.get("/missions/{mission_id}/tally", response=TallyOut, summary="The live total (public)")
def tally(request: HttpRequest, mission_id: int):
    """Confirmed deals that are not voided, summed by the database."""
    from misidagang.api.auth import caller

    return mission_tally(mission_for_viewing(caller(request), mission_id))
