"""Every deals page and endpoint, for each role, anonymous included."""

from __future__ import annotations

import pytest
from django.test import Client

from misidagang.deals import services
from misidagang.deals.models import Source

pytestmark = pytest.mark.django_db

ROLES = ["anon", "alice", "bob", "carol", "dave", "erin", "mallory"]


@pytest.fixture
def deals(world):  # type: ignore[no-untyped-def]
    def make(**kw):  # type: ignore[no-untyped-def]
        fields = dict(
            mission=world.mission,
            actor=world.bob,
            source=Source.DESK,
            seller=world.kopi,
            buyer=world.pempek,
            commodity="Kopi",
            value_idr=10,
        )
        fields.update(kw)
        return services.deal_record(**fields)[0]

    plain = make()
    asking = make(wants_financing=True)
    other = make(
        seller=None, seller_name="PT Luar", buyer=world.pempek, direction="jual"
    )  # carol not a party
    return type("Deals", (), dict(plain=plain, asking=asking, other=other))


def pages(world, deals):  # type: ignore[no-untyped-def]
    m, o = world.mission.pk, world.other.pk
    staff = {
        "anon": 302,
        "alice": 200,
        "bob": 200,
        "carol": 403,
        "dave": 403,
        "erin": 403,
        "mallory": 403,
    }
    return [
        (f"/missions/{m}/live/", dict.fromkeys(ROLES, 200)),
        (f"/missions/{o}/live/", {**dict.fromkeys(ROLES, 404), "mallory": 200}),
        (f"/missions/{m}/live/stream", dict.fromkeys(ROLES, 200)),
        (f"/missions/{o}/live/stream", {**dict.fromkeys(ROLES, 404), "mallory": 200}),
        # viewers (erin) read the whole ledger, change nothing
        (f"/missions/{m}/deals/", {**staff, "carol": 200, "dave": 200, "erin": 200}),
        (f"/missions/{m}/deals/desk/", staff),
        (f"/missions/{m}/deals/report/", {**dict.fromkeys(ROLES, 403), "anon": 302, "carol": 200}),
        ("/amount/?value=1,5+M", dict.fromkeys(ROLES, 200)),
        (f"/missions/{m}/deals/{deals.plain.pk}/", {**staff, "carol": 200, "erin": 200}),
        (
            f"/missions/{m}/deals/{deals.asking.pk}/",
            {**staff, "carol": 200, "dave": 200, "erin": 200},
        ),
        (f"/missions/{m}/deals/{deals.other.pk}/", {**staff, "erin": 200}),
        ("/partner/deals/", {**dict.fromkeys(ROLES, 403), "anon": 302, "dave": 200}),
        (f"/missions/{m}/deals/import/", staff),
        (f"/missions/{m}/deals/import/template.xlsx", staff),
        (
            f"/missions/{o}/deals/import/",
            {**dict.fromkeys(ROLES, 404), "anon": 302, "mallory": 200},
        ),
    ]


def test_it_guards_every_page_for_every_role(world, deals, client_for):
    failures = []
    for url, expected in pages(world, deals):
        for who in ROLES:
            status = client_for(who).get(url).status_code
            if status != expected[who]:
                failures.append(f"{who} GET {url}: {status} != {expected[who]}")
    assert failures == []


def posts(world, deals):  # type: ignore[no-untyped-def]
    m = world.mission.pk
    base = f"/missions/{m}/deals/{deals.plain.pk}/"
    staff = {
        "anon": 302,
        "alice": 302,
        "bob": 302,
        "carol": 403,
        "dave": 403,
        "erin": 403,
        "mallory": 403,
    }
    return [
        (f"/missions/{m}/deals/desk/", {}, {**staff, "alice": 400, "bob": 400}),
        (f"/missions/{m}/deals/report/", {}, {**staff, "alice": 403, "bob": 403, "carol": 400}),
        (base + "void/", {"reason": "x"}, staff),
        (base + "realise/", {"amount": "", "on": ""}, staff),
        (base + "confirm/", {}, {**staff, "carol": 302}),  # already confirmed: no-op
        (
            f"/missions/{m}/deals/{deals.asking.pk}/decide/",
            {"status": "process"},
            {**staff, "alice": 403, "bob": 403, "carol": 403, "dave": 302},
        ),
        (base + "attach/", {}, {**staff, "carol": 302}),
        (f"/missions/{m}/deals/import/", {}, {**staff, "alice": 400, "bob": 400}),
    ]


def test_it_guards_every_form_post_for_every_role(world, deals, client_for):
    failures = []
    for url, data, expected in posts(world, deals):
        for who in ROLES:
            status = client_for(who).post(url, data).status_code
            if status != expected[who]:
                failures.append(f"{who} POST {url}: {status} != {expected[who]}")
    assert failures == []


def api_calls(world, deals):  # type: ignore[no-untyped-def]
    m, o = world.mission.pk, world.other.pk
    base = f"/api/v1/missions/{m}/deals"
    d = f"{base}/{deals.plain.pk}"
    staff = {
        "anon": 401,
        "alice": 200,
        "bob": 200,
        "carol": 403,
        "dave": 403,
        "erin": 403,
        "mallory": 403,
    }
    bad_deal = {
        "commodity": "x",
        "value_idr": 0,
        "seller_id": world.kopi.pk,
        "buyer_id": world.pempek.pk,
    }
    return [
        ("get", f"/api/v1/missions/{m}/tally", None, dict.fromkeys(ROLES, 200)),
        ("get", f"/api/v1/missions/{o}/tally", None, {**dict.fromkeys(ROLES, 404), "mallory": 200}),
        ("get", base, None, {**staff, "carol": 200, "dave": 200, "erin": 200}),
        ("post", base, bad_deal, {**staff, "alice": 422, "bob": 422, "carol": 422}),
        ("get", d, None, {**staff, "carol": 200, "erin": 200}),
        ("get", f"{base}/{deals.other.pk}", None, {**staff, "erin": 200}),
        ("patch", d, {"notes": "ok"}, {**staff, "carol": 403}),
        ("post", d + "/confirm", None, {**staff, "carol": 200}),
        (
            "post",
            d + "/realise",
            {"amount_idr": 0, "on": "2027-01-01"},
            {**staff, "alice": 422, "bob": 422},
        ),
        ("post", d + "/void", {"reason": ""}, {**staff, "alice": 422, "bob": 422}),
        (
            "post",
            f"{base}/{deals.asking.pk}/decisions",
            {"status": "process"},
            {**staff, "alice": 403, "bob": 403, "dave": 201},
        ),
        (
            "get",
            "/api/v1/partner/deals",
            None,
            {**dict.fromkeys(ROLES, 403), "anon": 401, "dave": 200},
        ),
    ]


def test_it_guards_every_endpoint_for_every_role_with_tokens(world, deals, token_for):
    headers = {who: ({} if who == "anon" else token_for(world.users[who])) for who in ROLES}
    failures = []
    for method, url, data, expected in api_calls(world, deals):
        for who in ROLES:
            kwargs = dict(headers[who])
            if data is not None:
                kwargs.update(data=data, content_type="application/json")
            status = getattr(Client(), method)(url, **kwargs).status_code
            if status != expected[who]:
                failures.append(f"{who} {method.upper()} {url}: {status} != {expected[who]}")
    assert failures == []
