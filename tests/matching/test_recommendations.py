from __future__ import annotations

import pytest
from django.test import Client

from misidagang.directory.models import Listing
from misidagang.matching import services
from misidagang.matching.models import Dismissal, RecommendationSet

pytestmark = pytest.mark.django_db

ROLES = ["anon", "alice", "bob", "carol", "dave", "erin", "mallory"]


def test_it_recommends_the_seller_across_provinces_with_reasons(world):
    view = services.participant_view(world.mission, world.p_pempek)
    [need] = view["needs"]
    assert need.listing.text == "Kopi robusta bubuk"
    assert [c.participant for c in need.candidates] == [world.p_kopi]
    assert 0 < need.candidates[0].score <= 1
    assert need.candidates[0].reasons  # short Indonesian reasons
    # And the seller sees the buyer who needs its coffee.
    seller_view = services.participant_view(world.mission, world.p_kopi)
    assert [n.buyer for n, _ in seller_view["buyers"]] == [world.p_pempek]


def test_it_recomputes_only_when_profiles_change(world):
    first = services.mission_recommendations(world.mission)
    again = services.mission_recommendations(world.mission)
    assert again.fingerprint == first.fingerprint and again.computed_at == first.computed_at
    Listing.objects.create(business=world.pempek, kind="need", text="Beras premium", hs="100630")
    changed = services.mission_recommendations(world.mission)
    assert changed.fingerprint != first.fingerprint
    assert RecommendationSet.objects.count() == 1
    needs = {n.listing.text for n in services.mission_needs(world.mission)}
    assert "Beras premium" in needs


def test_it_remembers_tidak_relevan_and_does_it_once(world, login):
    need = world.pempek.listings.get(kind="need")
    c = login(world.bob)  # a clerk acting for the buyer
    for _ in range(2):
        r = c.post(
            f"/missions/{world.mission.pk}/recommendations/dismiss/",
            {"participant": world.p_pempek.pk, "need": need.pk, "seller": world.p_kopi.pk},
        )
        assert r.status_code == 302
    assert Dismissal.objects.count() == 1
    [n] = services.participant_view(world.mission, world.p_pempek)["needs"]
    assert n.candidates == []


def test_it_starts_a_meeting_request_from_a_recommendation(world, login):
    from misidagang.meetings.models import MeetingRequest

    r = login(world.carol).post(
        f"/missions/{world.mission.pk}/recommendations/request/",
        {"counterpart": world.p_pempek.pk, "note": "Kopi robusta bubuk"},
    )
    assert r.status_code == 302
    req = MeetingRequest.objects.get()
    assert req.requester == world.p_kopi and req.counterpart == world.p_pempek
    assert req.source == MeetingRequest.Source.RECOMMENDATION


def test_it_shows_organisers_the_unmet_needs(world, login):
    Listing.objects.create(business=world.pempek, kind="need", text="Semen portland", hs="252329")
    cov = services.coverage(world.mission)
    assert cov["needs"] == 3  # two of pempek's, one of kopi's
    assert "Semen portland" in {n.listing.text for n in cov["unmet"]}
    html = login(world.alice).get(f"/missions/{world.mission.pk}/matching/").content.decode()
    assert "Semen portland" in html and "Kebutuhan tanpa mitra yang baik" in html


def test_it_guards_the_pages_for_every_role(world, login):
    m = world.mission.pk
    expected = {
        f"/missions/{m}/recommendations/": {
            "anon": 302,
            "alice": 403,
            "bob": 403,
            "carol": 200,
            "dave": 403,
            "erin": 403,
            "mallory": 403,
        },
        f"/missions/{m}/recommendations/?participant={world.p_pempek.pk}": {
            "anon": 302,
            "alice": 200,
            "bob": 200,
            "carol": 200,
            "dave": 403,
            "erin": 403,
            "mallory": 403,
        },
        f"/missions/{m}/matching/": {
            "anon": 302,
            "alice": 200,
            "bob": 200,
            "carol": 403,
            "dave": 403,
            "erin": 200,  # a viewer reads the coverage
            "mallory": 403,
        },
    }
    failures = []
    for url, by_role in expected.items():
        for who in ROLES:
            c = Client() if who == "anon" else login(world.users[who])
            status = c.get(url).status_code
            if status != by_role[who]:
                failures.append(f"{who} {url}: {status} != {by_role[who]}")
    for who in ROLES:
        c = Client() if who == "anon" else login(world.users[who])
        status = c.post(f"/missions/{m}/matching/refresh/").status_code
        want = {"anon": 302, "alice": 302, "bob": 302}.get(who, 403)
        if status != want:
            failures.append(f"{who} POST refresh: {status} != {want}")
    assert failures == []


def test_it_guards_the_api_for_every_role(world, token_for):
    m = world.mission.pk
    mine = f"/api/v1/missions/{m}/participants/{world.p_kopi.pk}/recommendations"
    failures = []
    for who in ROLES:
        h = {} if who == "anon" else token_for(world.users[who])
        want = {"anon": 401, "alice": 200, "bob": 200, "carol": 200}.get(who, 403)
        status = Client().get(mine, **h).status_code
        if status != want:
            failures.append(f"{who} GET own recs: {status} != {want}")
        theirs = f"/api/v1/missions/{m}/participants/{world.p_pempek.pk}/recommendations"
        want = {"anon": 401, "alice": 200, "bob": 200}.get(who, 403)
        status = Client().get(theirs, **h).status_code
        if status != want:
            failures.append(f"{who} GET other recs: {status} != {want}")
        want = {"anon": 401, "alice": 200, "bob": 200}.get(who, 403)
        status = Client().post(f"/api/v1/missions/{m}/recommendations/refresh", **h).status_code
        if status != want:
            failures.append(f"{who} POST refresh: {status} != {want}")
    assert failures == []
    data = (
        Client()
        .get(
            f"/api/v1/missions/{m}/participants/{world.p_pempek.pk}/recommendations",
            **token_for(world.alice),
        )
        .json()
    )
    assert data[0]["candidates"][0]["business_id"] == world.kopi.pk


def test_it_offers_a_meeting_request_on_the_business_page(world, login):
    html = login(world.carol).get(f"/businesses/{world.pempek.pk}/").content.decode()
    assert f"/missions/{world.mission.pk}/temu/requests/new/?business={world.pempek.pk}" in html
    own = login(world.carol).get(f"/businesses/{world.kopi.pk}/").content.decode()
    assert "temu/requests/new" not in own


def test_it_shows_a_pending_request_on_the_card_instead_of_sending_again(world, login):
    from misidagang.meetings.models import MeetingRequest

    c = login(world.carol)
    url = f"/missions/{world.mission.pk}/recommendations/request/"
    first = c.post(url, {"counterpart": world.p_pempek.pk, "note": "Kopi"}, follow=True)
    assert "terkirim" in first.content.decode()
    again = c.post(url, {"counterpart": world.p_pempek.pk, "note": "Kopi"}, follow=True)
    html = again.content.decode()
    assert "sudah ada" in html and "terkirim." not in html
    assert MeetingRequest.objects.count() == 1
    page = c.get(f"/missions/{world.mission.pk}/recommendations/").content.decode()
    card = page.split(world.pempek.display_name, 1)[1]  # pempek needs carol's coffee
    assert "Permintaan terkirim, menunggu jawaban" in card.split("</li>")[0]


def test_it_writes_the_reasons_in_the_readers_language(world, login):
    from django.utils import translation

    from misidagang.matching.reasons import translate_reason

    with translation.override("en"):
        assert translate_reason("HS 0901 sama") == "same HS 0901"
        assert translate_reason("kapasitas cukup") == "enough capacity"
        assert translate_reason("bersertifikat halal") == "halal certified"
        assert translate_reason("kapasitas 40% dari kebutuhan") == "capacity 40% of the need"
        assert translate_reason("kopi arabika") == "kopi arabika"  # the businesses' own words
    c = login(world.carol)
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = c.get(f"/missions/{world.mission.pk}/recommendations/").content.decode()
    assert " sama<" not in page and "same HS" in page
