"""Reads of a mission's deals that the live screen, the pages and the API share: the announced
tally, the top commodities, the latest event id. State changes (services.py) never import this
module back, so the live stream (live.py, broadcast.py) depends on reads only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Max, Sum

from misidagang.deals.models import Deal, DealVersion, Direction
from misidagang.missions.models import Mission


def mission_event_id(mission_id: int) -> int:
    """The latest version of any deal of the mission: the live stream's event id."""
    return DealVersion.objects.filter(mission_id=mission_id).aggregate(m=Max("id"))["m"] or 0


def mission_tally(mission: Mission, *, now: datetime | None = None) -> dict[str, Any]:
    """The announced figure: confirmed, non-voided deals, summed by the database."""
    totals = Deal.objects.filter(mission=mission).totals()
    moment = mission.local(now)
    return {
        "total_idr": totals["total"],
        "deals": totals["n"],
        "by_direction": {d: totals[d] for d in Direction.values},
        "as_of": moment.isoformat(timespec="seconds"),
        "as_of_local": mission.local_clock(moment),
    }


def top_commodities(mission: Mission, limit: int = 5) -> list[dict[str, Any]]:
    rows = (
        Deal.objects.filter(mission=mission)
        .counted()
        .values("commodity")
        .annotate(total=Sum("value_idr"))
        .order_by("-total", "commodity")[:limit]
    )
    return [{"commodity": r["commodity"], "total_idr": int(r["total"])} for r in rows]
