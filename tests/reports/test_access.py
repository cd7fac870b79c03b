"""Every reports page and endpoint, for each role, anonymous included."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ROLES = ["anon", "alice", "bob", "carol", "dave", "erin", "mallory"]


def expectations(world):
    return [
        ("/reports/program", dict.fromkeys(ROLES, 200)),
        ("/reports/program.xlsx", dict.fromkeys(ROLES, 200)),
        ("/reports/program.csv", dict.fromkeys(ROLES, 200)),
        ("/reports/program.csv?table=years", dict.fromkeys(ROLES, 200)),
        ("/api/v1/reports/program", dict.fromkeys(ROLES, 200)),
    ]


def test_it_guards_every_page_for_every_role(world, client_for):
    failures = []
    for url, expected in expectations(world):
        for who in ROLES:
            status = client_for(who).get(url).status_code
            if status != expected[who]:
                failures.append(f"{who} GET {url}: {status} != {expected[who]}")
    assert failures == []


def test_it_serves_the_public_api_with_tokens_too(world, token_for):
    for who in ROLES[1:]:
        r = Client().get("/api/v1/reports/program", **token_for(world.users[who]))
        assert r.status_code == 200
