"""Every agreements page and endpoint, for each role, anonymous included."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ROLES = ["anon", "alice", "bob", "carol", "dave", "erin", "mallory"]
ORGANISERS_ONLY = {
    "anon": 302,
    "alice": 200,
    "bob": 403,
    "carol": 403,
    "dave": 403,
    "erin": 403,
    "mallory": 200,
}


def test_it_guards_every_page_for_every_role(world, pks, client_for):
    a, d = pks.agreement.pk, pks.draft.pk
    pages = [
        ("/agreements/", dict.fromkeys(ROLES, 200)),
        (f"/agreements/?mission={world.mission.pk}", dict.fromkeys(ROLES, 200)),
        (f"/agreements/{a}/", dict.fromkeys(ROLES, 200)),
        (f"/agreements/{d}/", {**dict.fromkeys(ROLES, 404), "mallory": 200}),
        ("/agreements/new/", ORGANISERS_ONLY),
        ("/agreements/due/", ORGANISERS_ONLY),
        (f"/agreements/{a}/edit/", {**ORGANISERS_ONLY, "mallory": 403}),
        (f"/agreements/{d}/edit/", {**dict.fromkeys(ROLES, 404), "anon": 302, "mallory": 200}),
        (
            f"/agreements/{a}/document/",
            {
                "anon": 302,
                "alice": 404,
                "bob": 404,
                "carol": 404,
                "dave": 404,
                "erin": 403,
                "mallory": 404,
            },
        ),
    ]
    failures = []
    for url, expected in pages:
        for who in ROLES:
            status = client_for(who).get(url).status_code
            if status != expected[who]:
                failures.append(f"{who} GET {url}: {status} != {expected[who]}")
    assert failures == []


def test_it_guards_item_status_changes_for_every_role(world, pks, client_for):
    expected = {
        "anon": 302,
        "alice": 302,
        "bob": 403,
        "carol": 403,
        "dave": 302,
        "erin": 403,
        "mallory": 403,
    }
    failures = []
    for who in ROLES:
        r = client_for(who).post(
            f"/agreements/items/{pks.late.pk}/status/", {"status": "in_progress"}
        )
        if r.status_code != expected[who] or (who == "anon" and "/login" not in r["Location"]):
            failures.append(f"{who}: {r.status_code}")
    assert failures == []


def test_it_guards_every_endpoint_for_every_role_with_tokens(world, pks, token_for):
    a, d = pks.agreement.pk, pks.draft.pk
    headers = {who: ({} if who == "anon" else token_for(world.users[who])) for who in ROLES}
    invalid = {
        "title": "",
        "kind": "mou",
        "signed_on": "2026-11-01",
        "parties": [{"organisation": "Bank Jatim"}],
    }
    calls = [
        ("get", "/api/v1/agreements", None, dict.fromkeys(ROLES, 200)),
        ("get", f"/api/v1/agreements/{a}", None, dict.fromkeys(ROLES, 200)),
        ("get", f"/api/v1/agreements/{d}", None, {**dict.fromkeys(ROLES, 404), "mallory": 200}),
        ("get", "/api/v1/agreements/due", None, {**ORGANISERS_ONLY, "anon": 401}),
        (
            "post",
            "/api/v1/agreements",
            invalid,
            {**dict.fromkeys(ROLES, 403), "anon": 401, "alice": 422, "mallory": 422},
        ),
        (
            "patch",
            f"/api/v1/agreement-items/{pks.late.pk}",
            {"status": "in_progress"},
            {**dict.fromkeys(ROLES, 403), "anon": 401, "alice": 200, "dave": 200},
        ),
    ]
    failures = []
    for method, url, body, expected in calls:
        for who in ROLES:
            kwargs = dict(headers[who])
            if body is not None:
                kwargs.update(data=body, content_type="application/json")
            status = getattr(Client(), method)(url, **kwargs).status_code
            if status != expected[who]:
                failures.append(f"{who} {method.upper()} {url}: {status} != {expected[who]}")
    assert failures == []
