"""The HS box takes a product name as well as a code: words are not cut to 8 characters, the
catalogue is searched with them, and the code is filled when the form is saved."""

from __future__ import annotations

import pytest
from django.test import Client

from misidagang.deals.models import Deal
from misidagang.directory.models import Listing
from tests.missions.test_pages import business_post

pytestmark = pytest.mark.django_db


def test_it_searches_the_catalogue_with_the_whole_product_name(world):
    found = Client().get("/commodities/", {"q": "kopi robusta"}).json()["results"]
    assert found and found[0]["hs"].startswith("0901")
    dotted = Client().get("/commodities/", {"q": "0901.11"}).json()["results"]
    assert dotted[0]["hs"] == "090111"
    assert Client().get("/commodities/", {"q": "xyzzy qq"}).json()["results"] == []


def test_it_fills_the_code_from_a_product_name_typed_in_the_hs_box(world, login):
    page = login(world.carol).get(f"/businesses/{world.kopi.pk}/edit/").content.decode()
    assert 'maxlength="8"' not in page.split('name="listings-0-hs"')[1].split(">")[0]
    data = business_post(
        world.kopi,
        **{
            "listings-2-kind": "offer",
            "listings-2-text": "Ikan layang beku untuk pindang",
            "listings-2-hs": "ikan layang beku",
        },
    )
    assert login(world.carol).post(f"/businesses/{world.kopi.pk}/edit/", data).status_code == 302
    assert Listing.objects.get(text="Ikan layang beku untuk pindang").hs == "030389"


def test_it_says_when_no_code_fits_the_words(world, login):
    data = business_post(
        world.kopi, **{"listings-2-kind": "need", "listings-2-text": "x", "listings-2-hs": "xyzzy"}
    )
    r = login(world.carol).post(f"/businesses/{world.kopi.pk}/edit/", data)
    assert r.status_code == 400
    assert "Tidak ada kode HS untuk" in r.content.decode()


def test_it_takes_words_in_the_desks_hs_box(world, login):
    data = {
        "seller": world.kopi.display_name,
        "buyer": world.pempek.display_name,
        "commodity": "Ikan",
        "value": "120 jt",
        "stage": "komitmen",
        "hs": "ikan layang beku",
        "idempotency_key": "hs-words",
    }
    assert (
        login(world.bob).post(f"/missions/{world.mission.pk}/deals/desk/", data).status_code == 302
    )
    assert Deal.objects.get().hs == "030389"
