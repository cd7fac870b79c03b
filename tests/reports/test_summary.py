from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count, Sum

from misidagang.deals.models import Deal
from misidagang.deals.services import deal_confirm, deal_realise, deal_update, deal_void
from misidagang.reports.models import LedgerSummary

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the summary is kept by a PostgreSQL trigger"
    ),
]


def summary() -> dict:
    rows = LedgerSummary.objects.filter(deals__gt=0).values(
        "mission_id", "direction", "hs", "commodity", "deals", "value_idr", "realised_idr"
    )
    return {
        (r["mission_id"], r["direction"], r["hs"], r["commodity"]): (
            r["deals"],
            r["value_idr"],
            r["realised_idr"],
        )
        for r in rows
    }


def direct() -> dict:
    rows = (
        Deal.objects.counted()
        .values("mission_id", "direction", "hs", "commodity")
        .annotate(n=Count("id"), v=Sum("value_idr"), r=Sum("realised_idr"))
        .order_by()
    )
    return {
        (r["mission_id"], r["direction"], r["hs"], r["commodity"]): (r["n"], r["v"], r["r"])
        for r in rows
    }


def test_it_keeps_the_summary_exact_through_every_ledger_change(ledger, world):
    assert summary() == direct() and summary()
    deal_confirm(deal=ledger.pending, actor=world.bob)
    assert summary() == direct()
    deal_update(deal=ledger.kopi, actor=world.bob, value_idr=1_400_000_000, commodity="kopi ijen")
    assert summary() == direct()
    deal_realise(
        deal=ledger.pouch,
        actor=world.bob,
        amount_idr=300_000_000,
        on=ledger.pouch.recorded_at.date(),
    )
    deal_void(deal=ledger.kopi, actor=world.bob, reason="batal")
    assert summary() == direct()
    Deal.objects.filter(pk=ledger.pouch.pk).update(mission=world.other)  # a raw write too
    assert summary() == direct()
