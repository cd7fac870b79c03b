"""Temu-bisnis demo data for the demo mission: one day, 20 tables and requests between
delegation sellers and host buyers whose listings share an HS heading. Deterministic and
idempotent (nothing is added when the mission already has a meeting day)."""

from __future__ import annotations

from collections import defaultdict
from datetime import time

from django.db import transaction

from misidagang.accounts.models import User
from misidagang.directory.models import Listing
from misidagang.meetings.models import (
    MeetingConfig,
    MeetingDay,
    MeetingRequest,
    ParticipantAvailability,
    Session,
    Table,
)
from misidagang.missions.models import Mission, Participant

PER_HOST, PER_SELLER = 3, 9


def _headings(participant: Participant, kind: str) -> dict[str, str]:
    """HS heading (4 digits) → listing text, for the listings of one kind that carry a code."""
    return {
        item.hs[:4]: item.text
        for item in participant.business.listings.all()
        if item.kind == kind and len(item.hs) >= 4
    }


@transaction.atomic
def load_demo_meetings(mission: Mission) -> int:
    """Set up the mission's temu bisnis; returns the number of requests created."""
    if MeetingDay.objects.filter(mission=mission).exists():
        return 0
    organiser = User.objects.filter(username="organiser").first()
    MeetingConfig.objects.get_or_create(mission=mission)
    MeetingDay.objects.create(
        mission=mission,
        date=mission.local(mission.starts_at).date(),
        first_slot=time(8, 0),
        slot_minutes=20,
        slots=24,
        afternoon_from=time(12, 0),
        breaks=[["12:00", "13:00"]],
    )
    Table.objects.bulk_create(
        Table(mission=mission, number=i, name=f"Meja {i}") for i in range(1, 21)
    )
    people = list(
        mission.participants.select_related("business")
        .prefetch_related("business__listings")
        .order_by("pk")
    )
    sellers = [p for p in people if p.side == Participant.Side.DELEGATION]
    buyers = [p for p in people if p.side == Participant.Side.HOST]
    offers = {p.pk: _headings(p, Listing.Kind.OFFER) for p in sellers}
    load: dict[int, int] = defaultdict(int)
    made = 0
    demo_user_waits = sellers[0].pk if sellers else None  # the `business` demo user's own
    for n, buyer in enumerate(buyers):
        needs = _headings(buyer, Listing.Kind.NEED)
        matches = [
            (s, hs)
            for s in sellers
            for hs in sorted(needs)
            if hs in offers[s.pk] and load[s.pk] < PER_SELLER
        ]
        chosen: list[tuple[Participant, str]] = []
        seen: set[int] = set()
        for seller, hs in sorted(matches, key=lambda m: (load[m[0].pk], m[0].pk)):
            if seller.pk not in seen and len(chosen) < PER_HOST:
                chosen.append((seller, hs))
                seen.add(seller.pk)
        for k, (seller, hs) in enumerate(chosen):
            load[seller.pk] += 1
            pending = (n + k) % 11 == 0  # some still wait for an answer
            if seller.pk == demo_user_waits:
                pending, demo_user_waits = True, None
            MeetingRequest.objects.create(
                mission=mission,
                requester=buyer,
                counterpart=seller,
                note=f"{needs[hs]} — {offers[seller.pk][hs]} (HS {hs})"[:500],
                source=MeetingRequest.Source.RECOMMENDATION,
                status=MeetingRequest.Status.PENDING if pending else MeetingRequest.Status.ACCEPTED,
                must_meet=(n % 17 == 0 and k == 0),
                created_by=organiser,
                expires_at=mission.starts_at,
            )
            made += 1
    # Some hosts come only in the morning; some delegations send two people.
    for buyer in buyers[::9]:
        ParticipantAvailability.objects.get_or_create(
            participant=buyer, defaults={"session": Session.MORNING}
        )
    for seller in sellers[::7]:
        ParticipantAvailability.objects.get_or_create(participant=seller, defaults={"seats": 2})
    return made
