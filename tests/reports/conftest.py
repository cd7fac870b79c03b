from __future__ import annotations

import pytest

from misidagang.deals.services import deal_realise, deal_record, deal_void
from misidagang.missions.demo import load_history


@pytest.fixture
def ledger(world):
    """The real East Java history plus three deals recorded by the clerk at the world mission
    (one voided, one partly realised) and one unconfirmed deal reported by a business."""
    load_history()
    bob = world.bob

    def record(**kw):
        return deal_record(
            mission=world.mission,
            actor=kw.pop("actor", bob),
            source="desk",
            seller=world.kopi,
            buyer=world.pempek,
            **kw,
        )[0]

    kopi = record(commodity="kopi arabika green bean", hs="090111", value_idr=1_250_000_000)
    pouch = record(
        commodity="kemasan standing pouch", hs="392329", value_idr=300_000_000, direction="beli"
    )
    void = record(commodity="kopi bubuk", hs="090121", value_idr=999_000_000)
    deal_void(deal=void, actor=bob, reason="salah input")
    deal_realise(deal=kopi, actor=bob, amount_idr=500_000_000, on=kopi.recorded_at.date())
    pending = record(commodity="gula aren", value_idr=77_000_000, actor=world.carol)
    return type("Ledger", (), dict(kopi=kopi, pouch=pouch, void=void, pending=pending))
