"""What the projector screen shows: public, business names only.

A screen gets the whole state once (`live_payload`, `"full": true`) when it opens or reconnects
with an older Last-Event-ID, then only what changed (`Tracker.update`): the total, the split by
direction, the ticker's new rows, and the top commodities when they moved. The page merges."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from misidagang.deals.models import Deal, DealVersion, Direction
from misidagang.deals.tally import mission_event_id, mission_tally, top_commodities
from misidagang.missions.models import Mission
from misidagang.money import rupiah, rupiah_short

TICKER = 8
# Versions may commit out of id order (concurrent requests); a version id is looked for again
# until this long after a later id was first seen.
SETTLE_S = 10.0
# More new versions than this in one step: send the whole state instead of a delta.
MAX_NEW = 100
PREPENDS = {"create", "confirm"}  # changes that only add rows at the top of the ticker


def latest_deals(mission: Mission) -> QuerySet[Deal]:
    return (
        Deal.objects.filter(mission=mission)
        .counted()
        .select_related("seller", "buyer")
        .order_by("-confirmed_at", "-id")[:TICKER]
    )


def _rows(mission: Mission, deals: Any) -> list[dict[str, Any]]:
    labels = dict(Direction.choices)
    return [
        {
            "id": d.pk,
            "seller": d.seller_label,
            "buyer": d.buyer_label,
            "commodity": d.commodity,
            "direction": str(labels[d.direction]),
            "value_text": rupiah_short(d.value_idr),
            "time": mission.local_clock(d.confirmed_at),
        }
        for d in deals
    ]


def _figures(mission: Mission) -> dict[str, Any]:
    """The total, the split and the time: in every event."""
    tally = mission_tally(mission)
    return {
        **tally,
        "total_text": rupiah(tally["total_idr"]),
        "by_direction_text": {d: rupiah(v) for d, v in tally["by_direction"].items()},
    }


def _top(mission: Mission) -> list[dict[str, str]]:
    return [
        {"commodity": c["commodity"], "value_text": rupiah_short(c["total_idr"])}
        for c in top_commodities(mission)
    ]


def live_payload(mission: Mission) -> dict[str, Any]:
    """The whole state (the page's first render, a fresh or catching-up screen)."""
    return {
        **_figures(mission),
        "full": True,
        "event_id": mission_event_id(mission.pk),
        "ticker": _rows(mission, latest_deals(mission)),
        "top": _top(mission),
    }


def sse_event(payload: dict[str, Any]) -> str:
    """One Server-Sent Event: its id is the latest deal version it includes."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return f"id: {payload['event_id']}\ndata: {data}\n\n"


@dataclass
class Tracker:
    """One mission's state as this process last sent it, and the versions it has seen."""

    mission_id: int
    full: dict[str, Any] | None = None
    seen: dict[int, float] = field(default_factory=dict)  # version id → first seen (monotonic)
    floor: int = 0  # every version id at or below it is settled
    current: tuple[int, str] | None = None  # (event id, full event text) for a new screen

    def update(self) -> tuple[int, str, str] | None:
        """(event id, delta event, full event) when something changed since the last call;
        the first call returns the full state as both."""
        mission = Mission.objects.get(pk=self.mission_id)
        now = time.monotonic()
        if self.full is None:
            self.full = live_payload(mission)
            self.floor = self.full["event_id"]
            self.current = (self.full["event_id"], sse_event(self.full))
            return self.full["event_id"], self.current[1], self.current[1]
        window = list(
            DealVersion.objects.filter(mission_id=self.mission_id, id__gt=self.floor)
            .order_by("id")
            .values_list("id", "action", "deal_id")
        )
        fresh = [v for v in window if v[0] not in self.seen]
        for version_id, *_rest in fresh:
            self.seen[version_id] = now
        self._settle(now)
        if not fresh:
            return None
        event_id = max(self.full["event_id"], fresh[-1][0])
        if len(fresh) > MAX_NEW or any(action not in PREPENDS for _v, action, _d in fresh):
            self.full = {**live_payload(mission), "event_id": event_id}
            self.current = (event_id, sse_event(self.full))
            return event_id, self.current[1], self.current[1]
        new_rows = _rows(
            mission,
            Deal.objects.filter(pk__in={d for *_x, d in fresh})
            .counted()
            .select_related("seller", "buyer")
            .order_by("-confirmed_at", "-id"),
        )
        delta = {**_figures(mission), "event_id": event_id, "ticker_new": new_rows}
        top = _top(mission)
        if top != self.full["top"]:
            delta["top"] = top
        new_ids = {r["id"] for r in new_rows}
        ticker = new_rows + [r for r in self.full["ticker"] if r["id"] not in new_ids]
        self.full = {
            **delta,
            "full": True,
            "ticker": ticker[:TICKER],
            "top": top,
        }
        del self.full["ticker_new"]
        self.current = (event_id, sse_event(self.full))
        return event_id, sse_event(delta), self.current[1]

    def _settle(self, now: float) -> None:
        """Raise the floor past versions seen long enough ago; forget them."""
        settled = [v for v, at in self.seen.items() if now - at > SETTLE_S]
        if settled:
            self.floor = max(self.floor, max(settled))
            for v in [v for v in self.seen if v <= self.floor]:
                del self.seen[v]
