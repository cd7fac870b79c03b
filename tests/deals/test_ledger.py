"""The ledger's rules: confirmation, voiding, versions, idempotency, realisation, totals."""

from __future__ import annotations

from datetime import date

import pytest

from misidagang.deals import services
from misidagang.deals.models import Deal, DealVersion, Source
from misidagang.deals.tally import mission_tally

pytestmark = pytest.mark.django_db


def test_it_confirms_a_deal_recorded_by_staff_at_once(world, record):
    deal = record(actor=world.bob)
    assert deal.is_confirmed and deal.confirmed_by == world.bob
    assert mission_tally(world.mission)["total_idr"] == 1_500_000_000


def test_it_keeps_a_business_report_pending_until_the_counterpart_confirms(world, record):
    deal = record(actor=world.carol, source=Source.BUSINESS, value_idr=750_000_000)
    assert not deal.is_confirmed
    assert mission_tally(world.mission) | {"as_of": "", "as_of_local": ""} == {
        "total_idr": 0,
        "deals": 0,
        "by_direction": {"jual": 0, "beli": 0, "investasi": 0},
        "as_of": "",
        "as_of_local": "",
    }
    services.deal_confirm(deal=deal, actor=world.bob)
    assert mission_tally(world.mission)["total_idr"] == 750_000_000


def test_it_infers_the_direction_from_the_delegation_province(world, record):
    assert record(direction="").direction == "jual"
    assert record(seller=world.pempek, buyer=world.kopi, direction="").direction == "beli"


def test_it_accepts_a_named_counterpart_outside_the_list(world, record):
    deal = record(buyer=None, buyer_name="PT Sriwijaya Niaga", direction="jual")
    assert deal.buyer_label == "PT Sriwijaya Niaga" and deal.buyer_id is None


def test_it_refuses_bad_deals_naming_the_fields(world, record):
    with pytest.raises(services.DealError) as exc:
        record(seller=None, value_idr=0, commodity=" ", hs="12x")
    errors = exc.value.message_dict
    assert {"seller", "value_idr", "commodity", "hs"} <= set(errors)
    with pytest.raises(services.DealError):
        record(buyer=world.kopi)  # seller and buyer the same
    assert Deal.objects.count() == 0


def test_it_returns_the_same_deal_for_the_same_idempotency_key(world, record):
    first = record(idempotency_key="k-1")
    again, created = services.deal_record(
        mission=world.mission,
        actor=world.bob,
        source=Source.API,
        seller=world.kopi,
        buyer=world.pempek,
        commodity="Kopi",
        value_idr=9,
        idempotency_key="k-1",
    )
    assert again.pk == first.pk and not created
    assert Deal.objects.count() == 1 and DealVersion.objects.count() == 1
    other = record(mission=world.other, actor=world.mallory, idempotency_key="k-1")
    assert other.pk != first.pk  # keys are unique per mission


def test_it_voids_with_a_reason_and_never_deletes(world, record):
    deal = record()
    with pytest.raises(services.DealError):
        services.deal_void(deal=deal, actor=world.alice, reason="")
    services.deal_void(deal=deal, actor=world.alice, reason="Salah catat")
    deal.refresh_from_db()
    assert deal.is_void and deal.void_reason == "Salah catat"
    assert mission_tally(world.mission)["deals"] == 0
    assert Deal.objects.filter(pk=deal.pk).exists()
    with pytest.raises(services.DealError):
        services.deal_update(deal=deal, actor=world.alice, value_idr=5)


def test_it_keeps_every_change_as_a_version(world, record):
    deal = record(value_idr=1_000_000)
    services.deal_update(deal=deal, actor=world.alice, value_idr=2_000_000, unit="ton")
    services.deal_update(deal=deal, actor=world.alice, value_idr=2_000_000)  # no change
    services.deal_void(deal=deal, actor=world.alice, reason="Batal kirim")
    versions = list(deal.versions.order_by("id"))
    assert [v.action for v in versions] == ["create", "update", "void"]
    assert versions[1].before["value_idr"] == 1_000_000
    assert versions[1].after["value_idr"] == 2_000_000 and versions[1].actor == world.alice
    assert ("value_idr", 1_000_000, 2_000_000) in versions[1].changed_fields()


def test_it_adds_up_partial_realisations(world, record):
    deal = record(value_idr=1_000_000_000)
    services.deal_realise(deal=deal, actor=world.bob, amount_idr=300_000_000, on=date(2027, 1, 5))
    deal = services.deal_realise(
        deal=deal, actor=world.bob, amount_idr=200_000_000, on=date(2027, 2, 1)
    )
    assert deal.realised_idr == 500_000_000 and deal.stage == "realisasi"
    assert deal.realised_on == date(2027, 2, 1)
    assert mission_tally(world.mission)["total_idr"] == 1_000_000_000


def test_it_sums_totals_in_the_database_by_direction(world, record):
    record(value_idr=100, direction="jual")
    record(value_idr=20, direction="beli", seller=world.pempek, buyer=world.kopi)
    record(value_idr=3, direction="investasi")
    services.deal_void(deal=record(value_idr=1000), actor=world.bob, reason="Ganda")
    record(value_idr=10_000, actor=world.carol, source=Source.BUSINESS)  # pending
    tally = mission_tally(world.mission)
    assert tally["total_idr"] == 123 and tally["deals"] == 3
    assert tally["by_direction"] == {"jual": 100, "beli": 20, "investasi": 3}
    assert tally["as_of"].endswith("+07:00") and tally["as_of_local"].endswith(" WIB")


def test_it_records_partner_decisions_only_for_deals_asking_for_them(world, record):
    plain = record()
    with pytest.raises(services.DealError):
        services.financing_decide(
            deal=plain, actor=world.dave, institution=world.bank, status="approved", amount_idr=5
        )
    asking = record(wants_financing=True)
    with pytest.raises(services.DealError):
        services.financing_decide(
            deal=asking, actor=world.dave, institution=world.bank, status="approved"
        )
    decision = services.financing_decide(
        deal=asking,
        actor=world.dave,
        institution=world.bank,
        status="approved",
        amount_idr=400_000_000,
    )
    assert decision.amount_idr == 400_000_000 and asking.decisions.count() == 1


def test_it_guesses_the_hs_code_from_the_sellers_offer(world, record):
    assert record(hs="", commodity="kopi arabika").hs == "090111"


def test_it_shows_translated_history_actions(world, record):
    from django.test import Client

    deal = record(actor=world.carol, source="business", seller=world.kopi)
    services.deal_confirm(deal=deal, actor=world.bob)
    c = Client()
    c.force_login(world.bob)
    html = c.get(deal.get_absolute_url()).content.decode()
    assert "Dicatat" in html and "Dikonfirmasi" in html
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = c.get(deal.get_absolute_url()).content.decode()
    versions = english[english.index('data-testid="versions"') :]
    assert ">create<" not in versions and ">confirm<" not in versions
