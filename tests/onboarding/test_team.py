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


def test_the_agenda_shows_which_person_attends_and_the_business_chooses(world, client_for, client):
    from datetime import date, time

    from misidagang.meetings import services as meetings
    from misidagang.meetings.models import Meeting, MeetingDay, Table

    budi = add_colleague(world, client_for, client)
    MeetingDay.objects.create(
        mission=world.mission, date=date(2026, 12, 10), first_slot=time(8, 0), slots=6
    )
    Table.objects.create(mission=world.mission, number=1, name="Meja 1")
    meetings.request_create(
        mission=world.mission,
        requester=world.p_kopi,
        counterpart=world.p_pempek,
        actor=world.alice,
        accept=True,
    )
    meetings.schedule_publish(
        run=meetings.schedule_preview(mission=world.mission, actor=world.alice), actor=world.alice
    )
    meeting = Meeting.objects.get()
    url = f"/missions/{world.mission.pk}/temu/agenda/{world.p_kopi.pk}/"
    carol = client_for("carol")
    assert 'name="attendee"' in carol.get(url).content.decode()
    carol.post(url, {"meeting": meeting.pk, "attendee": budi.pk})
    page = client_for("alice").get(url).content.decode()
    assert "Hadir: Budi" in page and 'name="attendee"' not in page
    # Someone of another business cannot be chosen.
    carol.post(url, {"meeting": meeting.pk, "attendee": world.alice.pk})
    assert "Hadir: Budi" in carol.get(url).content.decode()
