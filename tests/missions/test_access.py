"""Every page and endpoint of missions, the directory and accounts, for each role, anonymous
included."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ROLES = ["anon", "alice", "bob", "carol", "dave", "erin", "mallory"]


def pages(world):
    m, o = world.mission.pk, world.other.pk
    k, pe = world.kopi.pk, world.pempek.pk
    pp = world.p_pempek.pk
    # (url, expected status per role; 302 = sent to login)
    return [
        ("/", dict.fromkeys(ROLES, 200)),
        ("/directory/", dict.fromkeys(ROLES, 200)),
        (
            "/directory/new/",
            {
                "anon": 302,
                "alice": 200,
                "bob": 200,
                "carol": 403,
                "dave": 403,
                "erin": 403,
                "mallory": 200,
            },
        ),
        (f"/businesses/{k}/", dict.fromkeys(ROLES, 200)),
        (
            f"/businesses/{k}/edit/",
            {
                "anon": 302,
                "alice": 200,
                "bob": 200,
                "carol": 200,
                "dave": 403,
                "erin": 403,
                "mallory": 403,
            },
        ),
        (
            f"/businesses/{pe}/edit/",
            {
                "anon": 302,
                "alice": 200,
                "bob": 200,
                "carol": 403,
                "dave": 403,
                "erin": 403,
                "mallory": 403,
            },
        ),
        (f"/missions/{m}/", dict.fromkeys(ROLES, 200)),
        (
            f"/missions/{o}/",
            {
                "anon": 404,
                "alice": 404,
                "bob": 404,
                "carol": 404,
                "dave": 404,
                "erin": 404,
                "mallory": 200,
            },
        ),
        (
            f"/missions/{m}/edit/",
            {
                "anon": 302,
                "alice": 200,
                "bob": 403,
                "carol": 403,
                "dave": 403,
                "erin": 403,
                "mallory": 403,
            },
        ),
        (
            f"/missions/{m}/participants/new/",
            {
                "anon": 302,
                "alice": 200,
                "bob": 403,
                "carol": 403,
                "dave": 403,
                "erin": 403,
                "mallory": 403,
            },
        ),
        (
            f"/missions/{m}/participants/{pp}/",
            {
                "anon": 302,
                "alice": 200,
                "bob": 403,
                "carol": 403,
                "dave": 403,
                "erin": 403,
                "mallory": 403,
            },
        ),
        (
            "/missions/new/",
            {
                "anon": 302,
                "alice": 403,
                "bob": 403,
                "carol": 403,
                "dave": 403,
                "erin": 403,
                "mallory": 403,
            },
        ),
        ("/accounts/profile/", {"anon": 302, **dict.fromkeys(ROLES[1:], 200)}),
        ("/accounts/login/", dict.fromkeys(ROLES, 200)),
        ("/accounts/password_reset/", dict.fromkeys(ROLES, 200)),
        ("/commodities/?q=09", dict.fromkeys(ROLES, 200)),
        ("/regions/35/", dict.fromkeys(ROLES, 200)),
        ("/admin/", {"anon": 302, **dict.fromkeys(ROLES[1:], 302)}),
    ]


def test_it_guards_every_page_for_every_role(world, client_for):
    failures = []
    for url, expected in pages(world):
        for who in ROLES:
            status = client_for(who).get(url).status_code
            if status != expected[who]:
                failures.append(f"{who} GET {url}: {status} != {expected[who]}")
    assert failures == []


def api_calls(world):
    m, o = world.mission.pk, world.other.pk
    k, pe = world.kopi.pk, world.pempek.pk
    pp = world.p_pempek.pk
    return [
        ("get", "/api/v1/missions", None, dict.fromkeys(ROLES, 200)),
        ("get", f"/api/v1/missions/{m}", None, dict.fromkeys(ROLES, 200)),
        ("get", f"/api/v1/missions/{o}", None, {**dict.fromkeys(ROLES, 404), "mallory": 200}),
        (
            "get",
            f"/api/v1/missions/{m}/participants",
            None,
            {"anon": 401, **dict.fromkeys(ROLES[1:], 200)},
        ),
        (
            "get",
            f"/api/v1/missions/{o}/participants",
            None,
            {"anon": 401, **dict.fromkeys(ROLES[1:], 404), "mallory": 200},
        ),
        (
            "post",
            f"/api/v1/missions/{m}/participants",
            {"business_id": 0, "side": "host"},
            {
                "anon": 401,
                "alice": 422,
                "bob": 403,
                "carol": 403,
                "dave": 403,
                "erin": 403,
                "mallory": 403,
            },
        ),
        (
            "patch",
            f"/api/v1/missions/{m}/participants/{pp}",
            {"status": "checked_in"},
            {
                "anon": 401,
                "alice": 200,
                "bob": 200,
                "carol": 403,
                "dave": 403,
                "erin": 403,
                "mallory": 403,
            },
        ),
        ("get", "/api/v1/businesses", None, dict.fromkeys(ROLES, 200)),
        ("get", f"/api/v1/businesses/{k}", None, dict.fromkeys(ROLES, 200)),
        (
            "patch",
            f"/api/v1/businesses/{k}",
            {"description": "Kopi dari lereng Ijen"},
            {
                "anon": 401,
                "alice": 200,
                "bob": 200,
                "carol": 200,
                "dave": 403,
                "erin": 403,
                "mallory": 403,
            },
        ),
        (
            "patch",
            f"/api/v1/businesses/{pe}",
            {"description": "x"},
            {
                "anon": 401,
                "alice": 200,
                "bob": 200,
                "carol": 403,
                "dave": 403,
                "erin": 403,
                "mallory": 403,
            },
        ),
        ("get", "/api/v1/openapi.json", None, dict.fromkeys(ROLES, 200)),
    ]


def test_it_guards_every_endpoint_for_every_role_with_tokens(world, token_for):
    headers = {who: ({} if who == "anon" else token_for(world.users[who])) for who in ROLES}
    failures = []
    for method, url, body, expected in api_calls(world):
        for who in ROLES:
            c = Client()
            kwargs = dict(headers[who])
            if body is not None:
                kwargs.update(data=body, content_type="application/json")
            status = getattr(c, method)(url, **kwargs).status_code
            if status != expected[who]:
                failures.append(f"{who} {method.upper()} {url}: {status} != {expected[who]}")
    assert failures == []


def test_it_never_shows_contacts_to_the_public(world, token_for, client_for):
    anon = Client().get(f"/businesses/{world.kopi.pk}/").content.decode()
    assert "0812-3456-7890" not in anon and "siti@example.id" not in anon
    viewer = client_for("erin").get(f"/businesses/{world.kopi.pk}/").content.decode()
    assert "0812-3456-7890" not in viewer
    clerk = client_for("bob").get(f"/businesses/{world.kopi.pk}/").content.decode()
    assert "0812-3456-7890" in clerk and "https://wa.me/6281234567890" in clerk
    public = Client().get(f"/api/v1/businesses/{world.kopi.pk}").json()
    assert "contact" not in public or public["contact"] is None
    assert "081234567890" not in str(public) and "0812-3456-7890" not in str(public)
    signed = Client().get(f"/api/v1/businesses/{world.kopi.pk}", **token_for(world.bob)).json()
    assert signed["contact"]["phone"] == "0812-3456-7890"
