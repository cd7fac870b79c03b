"""Who may see and change which deals. Helpers return the object or raise 404/403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from misidagang.accounts.access import is_user
from misidagang.accounts.models import Role
from misidagang.deals.models import Deal, DealQuerySet
from misidagang.missions.access import mission_for_viewing, staffs, watches
from misidagang.missions.models import Mission


def reporting_business(user: Any, mission: Mission) -> int | None:
    """The business a business user reports deals for, when it takes part in the mission."""
    if not is_user(user) or user.role != Role.BUSINESS or not user.business_id:
        return None
    if mission.participants.filter(business_id=user.business_id).exists():
        return int(user.business_id)
    return None


def partner_kind(user: Any) -> str | None:
    if not is_user(user) or user.role != Role.PARTNER or user.organisation_id is None:
        return None
    return str(user.organisation.kind)


def can_record(user: Any, mission: Mission) -> bool:
    return staffs(user, mission) or reporting_business(user, mission) is not None


def deals_visible_to(user: Any, mission: Mission) -> DealQuerySet:
    """Staff and viewers see all deals of the mission, a business its own, a partner those
    asking for it."""
    deals = Deal.objects.filter(mission=mission)
    if watches(user, mission):  # staff, and viewers (read only)
        return deals
    if is_user(user) and user.role == Role.BUSINESS and user.business_id:
        return deals.involving(user.business_id)
    kind = partner_kind(user)
    if kind is not None:
        return deals.asking(kind)
    raise PermissionDenied


def mission_deals_for(user: Any, mission_pk: int) -> tuple[Mission, DealQuerySet]:
    mission = mission_for_viewing(user, mission_pk)
    if not is_user(user):
        raise PermissionDenied
    return mission, deals_visible_to(user, mission)


def deal_for_viewing(user: Any, mission_pk: int, deal_pk: int) -> Deal:
    mission, deals = mission_deals_for(user, mission_pk)
    get_object_or_404(Deal, pk=deal_pk, mission=mission)
    deal = deals.filter(pk=deal_pk).select_related("seller", "buyer", "mission").first()
    if deal is None:
        raise PermissionDenied
    return deal


def deal_for_confirming(user: Any, mission_pk: int, deal_pk: int) -> Deal:
    """The deal, for its mission's staff and its own businesses' users; viewers and partners
    read deals but never confirm them. (Whether it can still be confirmed is `can_confirm`.)"""
    deal = deal_for_viewing(user, mission_pk, deal_pk)
    if not (staffs(user, deal.mission) or is_party(user, deal)):
        raise PermissionDenied
    return deal


def deal_for_staff(user: Any, mission_pk: int, deal_pk: int) -> Deal:
    deal = deal_for_viewing(user, mission_pk, deal_pk)
    if not staffs(user, deal.mission):
        raise PermissionDenied
    return deal


def is_party(user: Any, deal: Deal) -> bool:
    """A user of one of the deal's own businesses."""
    return (
        is_user(user)
        and bool(user.business_id)
        and user.business_id
        in (
            deal.seller_id,
            deal.buyer_id,
        )
    )


def can_confirm(user: Any, deal: Deal) -> bool:
    """A clerk or organiser, or the counterpart: a party other than the one who reported it."""
    if deal.is_void or deal.is_confirmed or not is_user(user):
        return False
    if staffs(user, deal.mission):
        return True
    if user.role != Role.BUSINESS or not is_party(user, deal):
        return False
    reporter = deal.recorded_by
    return reporter is None or reporter.business_id != user.business_id


def can_decide(user: Any, deal: Deal) -> bool:
    kind = partner_kind(user)
    return (kind == "bank" and deal.wants_financing) or (
        kind == "jamkrida" and deal.wants_guarantee
    )
