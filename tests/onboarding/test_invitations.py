"""Invitations: personal, expiring, single-use links; resend, revoke; the list's states."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from misidagang.accounts.models import User
from misidagang.directory.models import Business
from misidagang.onboarding import services
from misidagang.onboarding.models import Invitation

pytestmark = pytest.mark.django_db


def invite(world, business=None):
    invitation, raw = services.invitation_create(
        actor=world.alice, business=business or world.pempek_with_email(), mission=world.mission
    )
    services.invitation_send(invitation, raw, base_url="http://testserver/")
    return invitation, raw


@pytest.fixture
def pempek(world):
    Business.objects.filter(pk=world.pempek.pk).update(
        email="pempek@example.id", contact_person="Yanti", whatsapp="6281398765432"
    )
    world.pempek.refresh_from_db()
    world.pempek_with_email = lambda: world.pempek
    return world.pempek


def test_an_invitation_is_mailed_with_a_personal_link_and_a_whatsapp_message(world, pempek):
    invitation, raw = invite(world)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pempek@example.id"]
    assert f"/undangan/{raw}/" in mail.outbox[0].body
    assert invitation.digest != raw and Invitation.objects.filter(digest__contains=raw).count() == 0
    wa = services.invitation_whatsapp(invitation, services.invitation_url(raw))
    assert wa.startswith("https://wa.me/6281398765432?text=") and "undangan" in wa


def test_the_link_sets_a_password_and_lands_on_the_profile_signed_in(world, pempek, client):
    _inv, raw = invite(world)
    r = client.get(f"/undangan/{raw}/")
    assert r.status_code == 200 and "Pempek Palembang Jaya" in r.content.decode()
    assert Invitation.objects.get().state == "opened"
    r = client.post(
        f"/undangan/{raw}/",
        {"username": "yanti", "password1": "kopi-pempek-2026", "password2": "kopi-pempek-2026"},
    )
    assert r.status_code == 302 and r["Location"] == f"/businesses/{pempek.pk}/edit/"
    user = User.objects.get(username="yanti")
    assert (
        user.business == pempek
        and user.role == "business"
        and user.check_password("kopi-pempek-2026")
    )
    assert client.get(r["Location"]).status_code == 200  # signed in, may edit
    assert Invitation.objects.get().state == "joined"


def test_a_link_works_once(world, pempek, client, login):
    _inv, raw = invite(world)
    body = {"username": "yanti", "password1": "kopi-pempek-2026", "password2": "kopi-pempek-2026"}
    client.post(f"/undangan/{raw}/", body)
    again = login(None).post(f"/undangan/{raw}/", {**body, "username": "other"})
    assert again.status_code == 410 and "sudah dipakai" in again.content.decode()
    assert not User.objects.filter(username="other").exists()


def test_an_expired_link_is_refused(world, pempek, client, settings):
    settings.INVITATION_DAYS = 3
    inv, raw = invite(world)
    assert inv.expires_at - inv.created == timedelta(days=3)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    r = client.get(f"/undangan/{raw}/")
    assert r.status_code == 410 and "kedaluwarsa" in r.content.decode()


def test_a_resent_invitation_replaces_the_old_link_and_a_revoked_one_stops(world, pempek, client):
    _old, old_raw = invite(world)
    new, new_raw = invite(world)
    assert client.get(f"/undangan/{old_raw}/").status_code == 410
    assert client.get(f"/undangan/{new_raw}/").status_code == 200
    services.invitation_revoke(actor=world.alice, invitation=new)
    assert client.get(f"/undangan/{new_raw}/").status_code == 410
    assert client.get("/undangan/nonsense/").status_code == 410


def test_a_weak_password_or_a_taken_username_is_refused(world, pempek, client):
    _inv, raw = invite(world)
    r = client.post(
        f"/undangan/{raw}/",
        {
            "username": "alice",
            "password1": "x" * 9 + "Kopi!2026",
            "password2": "x" * 9 + "Kopi!2026",
        },
    )
    assert r.status_code == 400 and "sudah dipakai" in r.content.decode()
    r = client.post(
        f"/undangan/{raw}/", {"username": "yanti", "password1": "123", "password2": "123"}
    )
    assert r.status_code == 400
    assert Invitation.objects.get().accepted_at is None


def test_a_business_without_email_or_whatsapp_cannot_be_invited(world):
    with pytest.raises(services.InvitationError):
        services.invitation_create(actor=world.alice, business=world.pempek, mission=world.mission)


def test_the_list_shows_states_and_filters_on_them(world, pempek, client_for):
    c = client_for("alice")
    url = f"/missions/{world.mission.pk}/onboarding/"
    page = c.get(url).content.decode()
    assert "Sudah bergabung" in page  # carol is kopi's user
    r = c.post(f"/missions/{world.mission.pk}/onboarding/invite/", {"all": "1"})
    assert r.status_code == 200 and "wa.me/6281398765432" in r.content.decode()
    assert Invitation.objects.filter(business=pempek).count() == 1  # kopi already has a login
    assert services.onboarding_states([pempek])[pempek.pk] == "invited"
    filtered = c.get(url + "?state=invited").content.decode()
    assert "Pempek Palembang Jaya" in filtered and "Kopi Ijen Lestari" not in filtered


def test_profile_complete_once_joined_with_listings_and_contacts(world):
    assert services.onboarding_states([world.kopi])[world.kopi.pk] == "complete"
    world.kopi.listings.update(hs="")
    assert services.onboarding_states([world.kopi])[world.kopi.pk] == "joined"


def test_the_cli_invites_all_and_prints_each_url(world, pempek, capsys):
    call_command("invite", mission=world.mission.pk, all=True, print_urls=True)
    lines = capsys.readouterr().out.split()
    assert len(lines) == 1 and "/undangan/" in lines[0]
    assert len(mail.outbox) == 1


def test_the_cli_invites_one_business(world, pempek, capsys):
    call_command("invite", mission=world.mission.pk, business=pempek.pk)
    assert capsys.readouterr().out == "" and len(mail.outbox) == 1
