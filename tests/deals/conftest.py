"""Helpers for the deal tests: a deal recorded through the one service function."""

from __future__ import annotations

import pytest

from misidagang.deals import services
from misidagang.deals.models import Source


@pytest.fixture
def record(world):  # type: ignore[no-untyped-def]
    def make(actor=None, **kwargs):  # type: ignore[no-untyped-def]
        fields = dict(
            mission=world.mission,
            actor=actor or world.bob,
            source=Source.DESK,
            seller=world.kopi,
            buyer=world.pempek,
            commodity="Kopi arabika",
            hs="0901",
            value_idr=1_500_000_000,
        )
        fields.update(kwargs)
        deal, _created = services.deal_record(**fields)
        return deal

    return make
