"""Every page of notifications, for each role, anonymous included."""

from __future__ import annotations

import pytest

from misidagang.meetings import services as meetings
from misidagang.notify.models import Notification

pytestmark = pytest.mark.django_db

ROLES = ["anon", "alice", "bob", "carol", "dave", "erin", "mallory"]
SIGNED_IN = {"anon": 302} | dict.fromkeys(ROLES[1:], 200)
ORGANISER = {"anon": 302, "alice": 200} | dict.fromkeys(["bob", "carol", "dave", "erin"], 403)


def test_every_page_for_every_role(world, client_for):
    m, o = world.mission.pk, world.other.pk
    pages = [
        ("/notifications/", SIGNED_IN),
        ("/notifications/preferences/", SIGNED_IN),
        (f"/missions/{m}/notifications/", ORGANISER | {"mallory": 403}),
        (
            f"/missions/{o}/notifications/",
            dict.fromkeys(ROLES, 404) | {"anon": 302, "mallory": 200},
        ),
    ]
    for url, expected in pages:
        got = {who: client_for(who).get(url).status_code for who in ROLES}
        assert got == expected, url


def test_only_the_missions_organisers_resend_and_only_their_own_rows_are_opened(world, client_for):
    world.pempek.email = "jaya@example.id"
    world.pempek.save()
    meetings.request_create(
        mission=world.mission, requester=world.p_pempek, counterpart=world.p_kopi, actor=world.bob
    )
    meetings.request_create(
        mission=world.mission, requester=world.p_kopi, counterpart=world.p_pempek, actor=world.carol
    )
    email = Notification.objects.filter(channel="email").first()
    Notification.objects.filter(pk=email.pk).update(status="failed")
    url = f"/missions/{world.mission.pk}/notifications/{email.pk}/resend/"
    got = {who: client_for(who).post(url).status_code for who in ROLES}
    assert got == {"anon": 302, "alice": 302} | dict.fromkeys(
        ["bob", "carol", "dave", "erin", "mallory"], 403
    )
    email.refresh_from_db()
    assert email.status == "queued"  # alice's resend
    inapp = Notification.objects.get(channel="inapp")  # carol's
    opened = {
        who: client_for(who).post(f"/notifications/{inapp.pk}/open/").status_code for who in ROLES
    }
    assert opened == {"anon": 302, "carol": 302} | dict.fromkeys(
        ["alice", "bob", "dave", "erin", "mallory"], 404
    )
    assert client_for("carol").post("/notifications/read/").status_code == 302
    assert client_for("anon").post("/notifications/read/").status_code == 302


def test_the_organisers_log_filters_by_status_and_channel(world, client_for):
    world.pempek.email = "jaya@example.id"
    world.pempek.save()
    meetings.request_create(
        mission=world.mission, requester=world.p_kopi, counterpart=world.p_pempek, actor=world.carol
    )
    c = client_for("alice")
    url = f"/missions/{world.mission.pk}/notifications/"
    assert "jaya@example.id" in c.get(url + "?status=queued&channel=email").content.decode()
    assert "jaya@example.id" not in c.get(url + "?status=failed").content.decode()
