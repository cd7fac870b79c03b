"""The mission report: what one mission achieved, from its ledger, meetings and agreements."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Count, Q, Sum

from misidagang.agreements.followup import realisation_rate
from misidagang.deals.models import Deal, Direction, Stage
from misidagang.missions.models import Mission, Participant
from misidagang.reports.commodities import group_by_heading


def _sums(qs: Any, field: str) -> list[dict[str, Any]]:
    rows = (
        qs.values(field)
        .annotate(n=Count("id"), total=Sum("value_idr"), realised=Sum("realised_idr"))
        .order_by("-total", field)
    )
    return [
        {
            "key": r[field] or "",
            "deals": r["n"],
            "total_idr": int(r["total"] or 0),
            "realised_idr": int(r["realised"] or 0),
        }
        for r in rows
    ]


def _by_commodity(deals: Any) -> list[dict[str, Any]]:
    """Per HS heading, named from the catalogue (see commodities.py)."""
    rows = (
        deals.values("hs", "commodity")
        .annotate(n=Count("id"), total=Sum("value_idr"), realised=Sum("realised_idr"))
        .order_by()
    )
    return [
        {
            "key": g["commodity"],
            "label": g["commodity"],
            "hs": g["hs"],
            "deals": g["deals"],
            "total_idr": g["total_idr"],
            "realised_idr": g["realised_idr"],
        }
        for g in group_by_heading(rows)
    ]


def _by_side_field(deals: Any, mission: Mission, field: str) -> list[dict[str, Any]]:
    """Deal value by a property of the delegation participant (its region or facilitator):
    each deal counts once, for its delegation-side party (seller when selling, else buyer)."""
    parts = Participant.objects.filter(mission=mission, side=Participant.Side.DELEGATION)
    key_of = dict(parts.values_list("business_id", field))
    out: dict[str, dict[str, Any]] = {}
    for d in deals.values("seller_id", "buyer_id", "value_idr", "realised_idr"):
        biz = d["seller_id"] if d["seller_id"] in key_of else d["buyer_id"]
        key = key_of.get(biz) or ""
        g = out.setdefault(key, {"key": key, "deals": 0, "total_idr": 0, "realised_idr": 0})
        g["deals"] += 1
        g["total_idr"] += d["value_idr"]
        g["realised_idr"] += d["realised_idr"]
    return sorted(out.values(), key=lambda g: (-g["total_idr"], g["key"]))


def _meetings(mission: Mission, deals: Any) -> dict[str, Any] | None:
    """Meetings scheduled (placed and not cancelled, whatever came of them), held, absent and
    not marked yet, and how many held meetings led to a deal between the same two businesses.
    None while the meetings app has no Meeting model."""
    try:
        meeting = apps.get_model("meetings", "Meeting")
    except LookupError:
        return None
    qs = meeting.objects.filter(mission=mission)
    counts = qs.aggregate(
        held=Count("id", filter=Q(status="held")),
        absent=Count("id", filter=Q(status="absent")),
        scheduled=Count("id", filter=~Q(status="cancelled")),
    )
    pairs = {
        frozenset((d["seller_id"], d["buyer_id"]))
        for d in deals.values("seller_id", "buyer_id")
        if d["seller_id"] and d["buyer_id"]
    }
    held = qs.filter(status="held").values_list(
        "request__requester__business_id", "request__counterpart__business_id"
    )
    converted = sum(1 for a, b in held if frozenset((a, b)) in pairs)
    counts["unmarked"] = counts["scheduled"] - counts["held"] - counts["absent"]
    counts["converted"] = converted
    counts["conversion"] = converted / counts["held"] if counts["held"] else None
    return counts


def mission_report(mission: Mission) -> dict[str, Any]:
    deals = Deal.objects.filter(mission=mission).counted()
    totals = deals.aggregate(total=Sum("value_idr"), realised=Sum("realised_idr"), n=Count("id"))
    stage_rows = {r["key"]: r for r in _sums(deals, "stage")}
    direction_rows = {r["key"]: r for r in _sums(deals, "direction")}
    regencies = dict(
        Participant.objects.filter(mission=mission).values_list(
            "business__regency_id", "business__regency__name"
        )
    )
    facilitators = dict(
        Participant.objects.filter(mission=mission).values_list(
            "facilitator_id", "facilitator__name"
        )
    )
    by_region = _by_side_field(deals, mission, "business__regency_id")
    for r in by_region:
        r["label"] = regencies.get(r["key"]) or "—"
    by_facilitator = _by_side_field(deals, mission, "facilitator_id")
    for r in by_facilitator:
        r["label"] = facilitators.get(r["key"]) or "—"
    return {
        "total_idr": int(totals["total"] or 0),
        "realised_idr": int(totals["realised"] or 0),
        "deals": totals["n"],
        "pending": Deal.objects.filter(mission=mission).pending().count(),
        "by_stage": [
            {
                "key": s.value,
                "label": s.label,
                **{
                    k: v
                    for k, v in stage_rows.get(
                        s.value, {"deals": 0, "total_idr": 0, "realised_idr": 0}
                    ).items()
                    if k != "key"
                },
            }
            for s in Stage
        ],
        "by_direction": [
            {
                "key": d.value,
                "label": d.label,
                **{
                    k: v
                    for k, v in direction_rows.get(
                        d.value, {"deals": 0, "total_idr": 0, "realised_idr": 0}
                    ).items()
                    if k != "key"
                },
            }
            for d in Direction
        ],
        "by_commodity": _by_commodity(deals)[:20],
        "by_region": by_region,
        "by_facilitator": by_facilitator,
        "top": list(deals.select_related("seller", "buyer").order_by("-value_idr", "pk")[:10]),
        "meetings": _meetings(mission, deals),
        "agreements": list(mission.agreements.prefetch_related("parties__organisation")),
        "rate": realisation_rate(mission),
    }
