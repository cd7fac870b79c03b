"""Several people per business: the owner invites colleagues and removes them."""

from __future__ import annotations

import pytest
from django.core import mail

from misidagang.accounts.models import User
from misidagang.onboarding import services

pytestmark = pytest.mark.django_db


def add_colleague(world, client_for, client):
    c = client_for("carol")
    r = c.post(f"/businesses/{world.kopi.pk}/team/", {"name": "Budi", "email": "budi@example.id"})
    assert r.status_code == 302
    url = next(line for line in mail.outbox[-1].body.split() if "/undangan/" in line)
    path = url.split("testserver", 1)[1]
    body = {"username": "budi", "password1": "kopi-ijen-2026!", "password2": "kopi-ijen-2026!"}
    assert client.post(path, body).status_code == 302
    return User.objects.get(username="budi")


def test_the_owner_adds_a_colleague_with_an_own_login(world, client_for, client):
    budi = add_colleague(world, client_for, client)
    assert budi.business == world.kopi and budi.role == "business"
    assert services.is_owner(world.carol, world.kopi)
    assert not services.is_owner(budi, world.kopi)
    page = client_for("carol").get(f"/businesses/{world.kopi.pk}/team/").content.decode()
    assert "budi" in page and "Staf" in page


def test_a_colleague_cannot_manage_the_team_and_the_owner_removes_them(
    world, client_for, client, login
):
    budi = add_colleague(world, client_for, client)
    assert login(budi).get(f"/businesses/{world.kopi.pk}/team/").status_code == 403
    r = client_for("carol").post(f"/businesses/{world.kopi.pk}/team/", {"remove": budi.pk})
    assert r.status_code == 302
    budi.refresh_from_db()
    assert budi.business is None and not budi.is_active


def test_the_owner_cannot_remove_themselves(world):
    with pytest.raises(services.TeamError):
        services.colleague_remove(actor=world.carol, business=world.kopi, user=world.carol)
