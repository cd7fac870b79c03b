"""Recommendations for a mission: the Django edge of the matching engine.

The engine (misidagang.engines.matching) takes and returns plain JSON; this module builds its
input from the database, caches its answer per mission, and maps it back to rows."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from misidagang.accounts.models import AuditLog, User
from misidagang.directory.models import Listing
from misidagang.matching.models import Dismissal, RecommendationSet
from misidagang.missions.models import Mission, Participant
from misidagang.tasks.jobs import Job, enqueue, job

GOOD_SCORE = 0.5  # a need with no candidate at least this good has "no good partner"
SHOW_SCORE = 0.4  # businesses are shown partners at least this good; organisers see all
TOP_K = 10


def _pid(participant_id: int) -> str:
    return f"p{participant_id}"


def _listing_doc(item: Listing) -> dict[str, Any]:
    quantity = item.capacity_per_month if item.kind == Listing.Kind.OFFER else item.quantity
    return {
        "text": item.text,
        "hs": item.hs or None,
        "quantity": quantity or item.quantity,
        "unit": item.unit or None,
        "certifications": list(item.certifications or []),
        "listing": item.pk,
    }


def mission_input(mission: Mission) -> dict[str, Any]:
    """The matching JSON document for a mission: each participant with its offers and needs."""
    participants = (
        mission.participants.select_related("business")
        .prefetch_related("business__listings")
        .order_by("pk")
    )
    people: list[dict[str, Any]] = []
    for p in participants:
        items = sorted(p.business.listings.all(), key=lambda i: i.pk)
        offers = [i for i in items if i.kind == Listing.Kind.OFFER] if p.role != "buyer" else []
        needs = [i for i in items if i.kind == Listing.Kind.NEED] if p.role != "seller" else []
        people.append(
            {
                "id": _pid(p.pk),
                "name": p.business.display_name,
                "province": p.business.province_id,
                "offers": [_listing_doc(i) for i in offers],
                "needs": [_listing_doc(i) for i in needs],
            }
        )
    positions = {
        (person["id"], item["listing"]): n
        for person in people
        for kind in ("offers", "needs")
        for n, item in enumerate(person[kind])
    }
    exclude = []
    for d in Dismissal.objects.filter(mission=mission):
        key = (_pid(d.buyer_id), d.need_id)
        if key in positions:
            exclude.append({"buyer": key[0], "need": positions[key], "seller": _pid(d.seller_id)})
    return {"top_k": TOP_K, "cross_province_only": True, "participants": people, "exclude": exclude}


def mission_recommendations(
    mission: Mission, *, force: bool = False, inline: bool = False
) -> RecommendationSet:
    """The mission's recommendations, recomputed only when its input has changed.

    A large mission (`settings.MATCHING_BACKGROUND_FROM` participants or more) that already has
    an answer is recomputed in the background: the last answer comes back at once, marked
    `updating`, and the page says it is being updated."""
    doc = mission_input(mission)
    fingerprint = hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
    current = RecommendationSet.objects.filter(mission=mission).first()
    if current and current.fingerprint == fingerprint and not force:
        current.updating = False
        return current
    large = len(doc["participants"]) >= settings.MATCHING_BACKGROUND_FROM
    if current and large and not inline:
        key = f"matching:{mission.pk}:{fingerprint}" + (f":{time.time_ns()}" if force else "")
        pending = enqueue(recommendations_recompute, key=key, mission_id=mission.pk)
        current.refresh_from_db()
        current.updating = current.fingerprint != fingerprint or pending.status in (
            Job.Status.QUEUED,
            Job.Status.RUNNING,
        )
        return current
    from misidagang.engines.matching import recommend

    started = time.perf_counter()
    result = recommend(doc)
    elapsed = int((time.perf_counter() - started) * 1000)
    result["_listings"] = {
        p["id"]: {
            "offers": [i["listing"] for i in p["offers"]],
            "needs": [i["listing"] for i in p["needs"]],
        }
        for p in doc["participants"]
    }
    rec, _ = RecommendationSet.objects.update_or_create(
        mission=mission,
        defaults={
            "fingerprint": fingerprint,
            "result": result,
            "solve_ms": elapsed,
            "computed_at": timezone.now(),
        },
    )
    rec.updating = False
    return rec


@job(retries=3, backoff=10)
def recommendations_recompute(ctx: Job, *, mission_id: int) -> dict[str, Any]:
    """A large mission's recommendations, recomputed from its input as it is when this runs
    (idempotent: an unchanged input costs one fingerprint)."""
    mission = Mission.objects.filter(pk=mission_id).first()
    if mission is None:
        return {"skipped": "missing"}
    rec = mission_recommendations(mission, inline=True)
    return {"fingerprint": rec.fingerprint, "solve_ms": rec.solve_ms}


@dataclass
class Candidate:
    participant: Participant
    listing: Listing | None
    score: float
    reasons: list[str]


@dataclass
class NeedRecommendations:
    listing: Listing
    buyer: Participant
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def best(self) -> float:
        return max((c.score for c in self.candidates), default=0.0)


def _resolve(mission: Mission, rec: RecommendationSet) -> list[NeedRecommendations]:
    listings_of = rec.result.get("_listings", {})
    participants = {_pid(p.pk): p for p in mission.participants.select_related("business__regency")}
    listing_ids = {i for v in listings_of.values() for k in v.values() for i in k}
    listings = Listing.objects.in_bulk(listing_ids)
    out = []
    for row in rec.result.get("recommendations", []):
        buyer = participants.get(row["buyer"])
        need_ids = listings_of.get(row["buyer"], {}).get("needs", [])
        if buyer is None or row["need"] >= len(need_ids):
            continue
        need = listings[need_ids[row["need"]]]
        entry = NeedRecommendations(listing=need, buyer=buyer)
        for c in row.get("candidates", []):
            seller = participants.get(c["seller"])
            offer_ids = listings_of.get(c["seller"], {}).get("offers", [])
            offer = c.get("offer")
            listing = (
                listings.get(offer_ids[offer])
                if offer is not None and offer < len(offer_ids)
                else None
            )
            if seller is not None:
                entry.candidates.append(
                    Candidate(seller, listing, float(c["score"]), c.get("reasons", []))
                )
        out.append(entry)
    return out


def mission_needs(mission: Mission) -> list[NeedRecommendations]:
    return _resolve(mission, mission_recommendations(mission))


def participant_view(mission: Mission, participant: Participant) -> dict[str, Any]:
    """For one participant: partners for its needs, and buyers that need what it offers."""
    rec = mission_recommendations(mission)
    needs = _resolve(mission, rec)
    mine = [n for n in needs if n.buyer.pk == participant.pk]
    for n in mine:
        n.candidates = _one_per_partner(c for c in n.candidates if c.score >= SHOW_SCORE)
    buyers = []
    for n in needs:
        for c in n.candidates:
            if c.participant.pk == participant.pk and c.score >= SHOW_SCORE:
                buyers.append((n, c))
    buyers.sort(key=lambda nc: -nc[1].score)
    seen: set[int] = set()
    unique = []
    for n, c in buyers:  # one line per buyer: its best-matching need
        if n.buyer.pk not in seen:
            seen.add(n.buyer.pk)
            unique.append((n, c))
    return {"needs": mine, "buyers": unique[:30], "updating": rec.updating}


def _one_per_partner(candidates: Any) -> list[Candidate]:
    """A seller with several fitting offers appears once, with its best one."""
    best: dict[int, Candidate] = {}
    for c in candidates:
        if c.participant.pk not in best or c.score > best[c.participant.pk].score:
            best[c.participant.pk] = c
    return sorted(best.values(), key=lambda c: -c.score)


def coverage(mission: Mission) -> dict[str, Any]:
    """What organisers watch: needs without a good partner, the best pairs, coverage per
    participant."""
    needs = mission_needs(mission)
    unmet = [n for n in needs if n.best < GOOD_SCORE]
    pairs = sorted(
        ((n, n.candidates[0]) for n in needs if n.candidates), key=lambda nc: -nc[1].score
    )
    per: dict[int, dict[str, Any]] = {}
    for n in needs:
        row = per.setdefault(n.buyer.pk, {"participant": n.buyer, "needs": 0, "met": 0})
        row["needs"] += 1
        row["met"] += n.best >= GOOD_SCORE
    for row in per.values():
        row["rate"] = round(100 * row["met"] / row["needs"]) if row["needs"] else 0
    return {
        "needs": len(needs),
        "met": len(needs) - len(unmet),
        "unmet": unmet,
        "pairs": pairs[:25],
        "per_participant": sorted(
            per.values(), key=lambda r: (r["rate"], r["participant"].business.name)
        ),
    }


def recommendation_dismiss(
    *, buyer: Participant, need: Listing, seller: Participant, actor: User | None
) -> Dismissal:
    """Mark a recommended partner "tidak relevan" for a need. Repeating it changes nothing."""
    if need.business_id != buyer.business_id or seller.mission_id != buyer.mission_id:
        raise ValueError("need and seller must belong to the buyer's mission")
    mission = buyer.mission
    try:
        with transaction.atomic():
            d = Dismissal.objects.create(
                mission=mission, buyer=buyer, need=need, seller=seller, by=actor
            )
            AuditLog.record(actor=actor, action="recommendation.dismiss", obj=d)
            return d
    except IntegrityError:
        return Dismissal.objects.get(mission=mission, need=need, seller=seller)
