"""What the projector screen shows, as one JSON-ready dict: public, business names only."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from misidagang.deals.models import Deal, Direction
from misidagang.deals.services import mission_event_id, mission_tally, top_commodities
from misidagang.directory.templatetags.rupiah import rupiah, rupiah_short
from misidagang.missions.models import Mission

TICKER = 8


def latest_deals(mission: Mission) -> QuerySet[Deal]:
    return (
        Deal.objects.filter(mission=mission)
        .counted()
        .select_related("seller", "buyer")
        .order_by("-confirmed_at", "-id")[:TICKER]
    )


def live_payload(mission: Mission) -> dict[str, Any]:
    tally = mission_tally(mission)
    labels = dict(Direction.choices)
    return {
        **tally,
        "event_id": mission_event_id(mission.pk),
        "total_text": rupiah(tally["total_idr"]),
        "by_direction_text": {d: rupiah(v) for d, v in tally["by_direction"].items()},
        "ticker": [
            {
                "id": d.pk,
                "seller": d.seller_label,
                "buyer": d.buyer_label,
                "commodity": d.commodity,
                "direction": str(labels[d.direction]),
                "value_text": rupiah_short(d.value_idr),
                "time": mission.local_clock(d.confirmed_at),
            }
            for d in latest_deals(mission)
        ],
        "top": [
            {"commodity": c["commodity"], "value_text": rupiah_short(c["total_idr"])}
            for c in top_commodities(mission)
        ],
        "per": _("per pukul %(time)s") % {"time": tally["as_of_local"]},
    }


def sse_event(payload: dict[str, Any]) -> str:
    """One Server-Sent Event: its id is the mission's latest deal version."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return f"id: {payload['event_id']}\ndata: {data}\n\n"


def render_event(mission_id: int) -> tuple[int, str]:
    mission = Mission.objects.get(pk=mission_id)
    payload = live_payload(mission)
    return payload["event_id"], sse_event(payload)
