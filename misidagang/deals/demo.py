"""The demo's deal ledger: a few deals agreed at the desk (so the live total is not zero), one a
business reported that its host-side partner (the `buyer` login) has still to confirm, and
requests for bank financing and a Jamkrida guarantee waiting for the `partner` and `jamkrida`
logins. Idempotent: every deal has its own idempotency key."""

from __future__ import annotations

from django.db import transaction

from misidagang.accounts.models import User
from misidagang.deals.models import Source, Stage
from misidagang.deals.services import deal_record
from misidagang.missions.models import Mission, Participant

# (delegation index, host index, commodity, value, stage, financing, guarantee)
DESK = [
    (0, 3, "Ikan tongkol beku untuk pindang", 1_250_000_000, Stage.KOMITMEN, True, False),
    (1, 5, "Gula kristal putih", 3_400_000_000, Stage.KONTRAK, False, True),
    (2, 8, "Kopi robusta sangrai", 640_000_000, Stage.KOMITMEN, False, False),
    (3, 11, "Beras premium", 2_150_000_000, Stage.KOMITMEN, False, False),
    (4, 14, "Kerupuk ikan mentah", 185_500_000, Stage.KOMITMEN, False, False),
    (5, 17, "Batik tulis", 96_000_000, Stage.KONTRAK, False, False),
]


@transaction.atomic
def load_demo_deals(mission: Mission) -> int:
    """Record the demo's deals (once); returns how many are new."""
    clerk = User.objects.filter(username="clerk").first()
    owner = User.objects.filter(username="business").first()
    buyer_user = User.objects.filter(username="buyer").first()
    side = Participant.Side
    ours = list(mission.participants.filter(side=side.DELEGATION).select_related("business"))
    theirs = list(mission.participants.filter(side=side.HOST).select_related("business"))
    if not ours or not theirs or clerk is None:
        return 0
    made = 0
    for n, (i, j, commodity, value, stage, financing, guarantee) in enumerate(DESK, start=1):
        _deal, created = deal_record(
            mission=mission,
            actor=clerk,
            source=Source.DESK,
            seller=ours[i % len(ours)].business,
            buyer=theirs[j % len(theirs)].business,
            commodity=commodity,
            value_idr=value,
            stage=stage,
            wants_financing=financing,
            wants_guarantee=guarantee,
            idempotency_key=f"demo-desk-{n}",
        )
        made += created
    if owner is not None and owner.business and buyer_user is not None and buyer_user.business:
        # The delegation's business reports a deal; the host-side buyer confirms it.
        _deal, created = deal_record(
            mission=mission,
            actor=owner,
            source=Source.BUSINESS,
            seller=owner.business,
            buyer=buyer_user.business,
            commodity="Ikan layang beku",
            value_idr=120_000_000,
            wants_guarantee=True,
            idempotency_key="demo-report-1",
        )
        made += created
    return made
