"""The deals API contract: record (idempotent), list, patch, void, confirm, decisions, tally."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def body(world, **extra):  # type: ignore[no-untyped-def]
    data = {
        "seller_id": world.kopi.pk,
        "buyer_id": world.pempek.pk,
        "direction": "jual",
        "hs": "0901",
        "commodity": "Kopi arabika",
        "quantity": 2.5,
        "unit": "ton",
        "value_idr": 1_500_000_000,
        "stage": "komitmen",
    }
    data.update(extra)
    return data


def post(world, headers, key=None, **extra):  # type: ignore[no-untyped-def]
    h = dict(headers)
    if key:
        h["HTTP_IDEMPOTENCY_KEY"] = key
    return Client().post(
        f"/api/v1/missions/{world.mission.pk}/deals",
        body(world, **extra),
        content_type="application/json",
        **h,
    )


def test_it_records_a_deal_and_replays_the_same_key(world, token_for):
    bob = token_for(world.bob)
    first = post(world, bob, key="abc")
    assert first.status_code == 201
    data = first.json()
    assert data["value_idr"] == 1_500_000_000 and data["confirmed"] is True
    assert data["seller"] == {"business_id": world.kopi.pk, "name": "CV Kopi Ijen Lestari"}
    again = post(world, bob, key="abc", value_idr=7)
    assert again.status_code == 200 and again.json()["id"] == data["id"]
    assert again["Idempotent-Replayed"] == "true"
    listed = Client().get(f"/api/v1/missions/{world.mission.pk}/deals", **bob).json()
    assert [d["id"] for d in listed] == [data["id"]]


def test_it_answers_bad_input_with_named_fields(world, token_for):
    response = post(world, token_for(world.bob), value_idr=-5, direction="ke mana")
    assert response.status_code == 422
    assert {"value_idr", "direction"} <= set(response.json()["errors"])
    response = post(world, token_for(world.bob), seller_id=999999)
    assert response.status_code == 422 and "seller_id" in response.json()["errors"]


def test_it_lets_a_business_report_only_its_own_deals_pending(world, token_for):
    carol = token_for(world.carol)
    own = post(world, carol)
    assert own.status_code == 201 and own.json()["confirmed"] is False
    other = post(world, carol, seller_id=world.pempek.pk, buyer_id=None, buyer_name="PT Lain")
    assert other.status_code == 403


def test_it_keeps_the_tally_contract(world, token_for):
    post(world, token_for(world.bob), value_idr=306_548_050_000)
    post(world, token_for(world.bob), direction="beli", value_idr=50)
    tally = Client().get(f"/api/v1/missions/{world.mission.pk}/tally").json()
    assert set(tally) == {"total_idr", "deals", "by_direction", "as_of", "as_of_local"}
    assert tally["total_idr"] == 306_548_050_050 and tally["deals"] == 2
    assert tally["by_direction"] == {"jual": 306_548_050_000, "beli": 50, "investasi": 0}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", tally["as_of"])
    assert re.fullmatch(r"\d\d\.\d\d WIB", tally["as_of_local"])


def test_it_patches_voids_and_confirms(world, token_for):
    bob, carol = token_for(world.bob), token_for(world.carol)
    reported = post(world, carol).json()
    base = f"/api/v1/missions/{world.mission.pk}/deals/{reported['id']}"
    c = Client()
    assert c.post(base + "/confirm", **carol).status_code == 403  # the reporter itself
    assert c.post(base + "/confirm", **bob).json()["confirmed"] is True
    patched = c.patch(
        base, {"value_idr": 900, "unit": "kg"}, content_type="application/json", **bob
    ).json()
    assert patched["value_idr"] == 900 and patched["unit"] == "kg"
    assert (
        c.post(base + "/void", {"reason": ""}, content_type="application/json", **bob).status_code
        == 422
    )
    voided = c.post(base + "/void", {"reason": "Dobel"}, content_type="application/json", **bob)
    assert voided.json()["voided"] is True
    assert Client().get(f"/api/v1/missions/{world.mission.pk}/tally").json()["deals"] == 0


def test_it_shows_partners_only_deals_asking_for_them_and_takes_decisions(world, token_for):
    bob, dave = token_for(world.bob), token_for(world.dave)
    post(world, bob)
    asking = post(world, bob, wants_financing=True).json()
    post(world, bob, wants_guarantee=True)
    listed = Client().get(f"/api/v1/missions/{world.mission.pk}/deals", **dave).json()
    assert [d["id"] for d in listed] == [asking["id"]]
    queue = Client().get("/api/v1/partner/deals", **dave).json()
    assert [d["id"] for d in queue] == [asking["id"]]
    url = f"/api/v1/missions/{world.mission.pk}/deals/{asking['id']}/decisions"
    out = Client().post(
        url,
        {"status": "approved", "amount_idr": 1_000_000_000},
        content_type="application/json",
        **dave,
    )
    assert out.status_code == 201
    assert out.json()["decisions"][0]["institution"] == "Bank Jatim"


def _statements(captured):  # type: ignore[no-untyped-def]
    """The SQL a request sent, without the savepoints of the test's own transaction."""
    return [q["sql"] for q in captured if not re.match(r"(RELEASE )?SAVEPOINT", q["sql"])]


def test_it_records_a_deal_in_a_pinned_number_of_queries(world, token_for):
    """token + last_used, mission, staff check, both businesses in one, idempotency lookup, deal,
    version (+ the NOTIFY on PostgreSQL, sent inside the same transaction). A replay reads the
    deal and its decisions instead of writing; the token's last_used is written at most once a
    minute, so the replay does not write it again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = token_for(world.bob)
    notify = 1 if connection.vendor == "postgresql" else 0
    with CaptureQueriesContext(connection) as created:
        assert post(world, headers, key="q-1").status_code == 201
    assert len(_statements(created)) == 8 + notify, _statements(created)
    with CaptureQueriesContext(connection) as replayed:
        response = post(world, headers, key="q-1")
    assert response.status_code == 200 and response["Idempotent-Replayed"] == "true"
    assert len(_statements(replayed)) == 6, _statements(replayed)
