"""A party typed at the desk that is not a participant: a typo is offered the participant it
most likely means, and a party outside the mission needs one explicit confirmation (desk, report
form, API and service alike)."""

from __future__ import annotations

import pytest

from misidagang.deals import services
from misidagang.deals.models import Deal, Source
from misidagang.deals.parties import near_names, participant_names

pytestmark = pytest.mark.django_db

TYPO = "UD Pempek Palembang Jya"  # one letter missing from "UD Pempek Palembang Jaya"


def desk(world, login, **changes):  # type: ignore[no-untyped-def]
    data = {
        "seller": world.kopi.display_name,
        "buyer": TYPO,
        "commodity": "Kopi robusta bubuk",
        "value": "120 jt",
        "stage": "komitmen",
        "idempotency_key": "desk-typo",
        **changes,
    }
    return login(world.bob).post(f"/missions/{world.mission.pk}/deals/desk/", data)


def test_it_finds_the_participant_a_typo_means(world):
    names = participant_names(world.mission)
    assert near_names(names, TYPO) == [world.pempek]
    assert near_names(names, "pempek palembang jaya") == []  # that is the participant itself
    assert near_names(names, "PT Sriwijaya Niaga") == []


def test_it_offers_the_near_name_at_the_desk_and_saves_nothing(world, login):
    response = desk(world, login)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Maksud Anda UD Pempek Palembang Jaya?" in page
    assert 'data-testid="outside-party"' in page
    assert Deal.objects.count() == 0


def test_it_asks_once_before_recording_a_party_outside_the_mission(world, login):
    response = desk(world, login, buyer="PT Sriwijaya Niaga")
    assert response.status_code == 400
    assert "PT Sriwijaya Niaga bukan peserta misi ini." in response.content.decode()
    assert Deal.objects.count() == 0
    assert desk(world, login, buyer="PT Sriwijaya Niaga", outside_party="on").status_code == 302
    deal = Deal.objects.get()
    assert deal.buyer is None and deal.buyer_name == "PT Sriwijaya Niaga"


def test_it_records_the_participant_when_the_name_is_exact(world, login):
    assert desk(world, login, buyer=world.pempek.display_name).status_code == 302
    assert Deal.objects.get().buyer == world.pempek


def test_it_refuses_a_near_name_in_the_service_unless_told_it_is_outside(world):
    fields = dict(
        mission=world.mission,
        actor=world.bob,
        source=Source.DESK,
        seller=world.kopi,
        buyer_name=TYPO,
        commodity="Kopi",
        value_idr=1_000_000,
    )
    with pytest.raises(services.DealError) as err:
        services.deal_record(**fields)
    assert "UD Pempek Palembang Jaya" in err.value.errors["buyer"][0]
    deal, created = services.deal_record(**fields, outside_party=True)
    assert created and deal.buyer_name == TYPO


def test_it_answers_the_api_with_the_candidates_unless_outside_party(world, token_for):
    from django.test import Client

    url = f"/api/v1/missions/{world.mission.pk}/deals"
    body = {
        "seller_id": world.kopi.pk,
        "buyer_name": TYPO,
        "commodity": "Kopi",
        "value_idr": 5_000_000,
    }
    headers = token_for(world.bob)
    refused = Client().post(url, body, content_type="application/json", **headers)
    assert refused.status_code == 422
    assert "UD Pempek Palembang Jaya" in refused.json()["errors"]["buyer"][0]
    assert Deal.objects.count() == 0
    body["outside_party"] = True
    assert Client().post(url, body, content_type="application/json", **headers).status_code == 201
