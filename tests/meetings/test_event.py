"""Agendas, .ics, QR check-in, the live board, the clerk desk and lazy expiry on read."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from misidagang.accounts.models import AuditLog
from misidagang.meetings import ics, services
from misidagang.meetings.models import Meeting, MeetingRequest
from misidagang.missions.models import Participant

from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world, day):
    services.request_create(
        mission=world.mission,
        requester=world.p_kopi,
        counterpart=world.p_pempek,
        actor=world.alice,
        accept=True,
        note="Pasokan kopi; 5 ton, bulanan",
    )
    services.schedule_publish(
        run=services.schedule_preview(mission=world.mission, actor=world.alice), actor=world.alice
    )
    return Meeting.objects.select_related("table").get()


def test_it_shows_the_agenda_in_the_mission_zone_with_qr_and_share_link(world, meeting, login):
    page = (
        login(world.carol)
        .get(f"/missions/{world.mission.pk}/temu/agenda/{world.p_kopi.pk}/")
        .content.decode()
    )
    local = meeting.starts_at.astimezone(ZoneInfo("Asia/Jakarta"))
    assert f"{local:%H.%M}" in page and "WIB" in page
    assert "Pempek Palembang Jaya" in page and meeting.table.name in page
    assert "<svg" in page and "<?xml" not in page
    share = re.search(r'href="(https://wa.me/\?text=[^"]+)"', page).group(1)
    assert "Pempek" in share and "%0A" in share


def test_it_exports_an_ics_with_the_mission_time_zone(world, meeting, login):
    resp = login(world.carol).get(f"/missions/{world.mission.pk}/temu/agenda/{world.p_kopi.pk}.ics")
    assert resp["Content-Type"].startswith("text/calendar")
    text = resp.content.decode()
    local = meeting.starts_at.astimezone(ZoneInfo("Asia/Jakarta"))
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Jakarta" in text and "TZOFFSETTO:+0700" in text
    assert f"DTSTART;TZID=Asia/Jakarta:{local:%Y%m%dT%H%M%S}" in text
    assert "SUMMARY:Temu bisnis: UD Pempek Palembang Jaya" in text
    assert "DESCRIPTION:Pasokan kopi\\; 5 ton\\, bulanan" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_it_writes_ics_times_in_other_zones_and_folds_long_lines():
    start = datetime(2026, 12, 20, 1, 0, tzinfo=ZoneInfo("UTC"))
    text = ics.calendar(
        [ics.Event("x@y", start, start + timedelta(minutes=20), "Temu " + "é" * 60, "Meja 1")],
        zone="Asia/Makassar",
        name="Misi",
        abbr="WITA",
    )
    assert "DTSTART;TZID=Asia/Makassar:20261220T090000" in text and "TZOFFSETFROM:+0800" in text
    assert "\r\n " in text and all(len(x.encode()) <= 75 for x in text.split("\r\n"))


def test_it_checks_a_participant_in_with_a_valid_qr_token(world, meeting, login):
    token = services.checkin_token(world.p_kopi)
    url = f"/checkin/{token}/"
    assert "Kopi Ijen Lestari" in login(world.bob).get(url).content.decode()
    assert login(world.bob).post(url).status_code == 302
    world.p_kopi.refresh_from_db()
    assert world.p_kopi.status == Participant.Status.CHECKED_IN and world.p_kopi.checked_in_at
    assert AuditLog.objects.filter(action="participant.status", actor=world.bob).count() == 1
    login(world.bob).post(url)  # a second scan changes nothing
    assert AuditLog.objects.filter(action="participant.status").count() == 1


def test_it_refuses_a_forged_or_tampered_qr_token(world, meeting, login):
    token = services.checkin_token(world.p_kopi)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, "1", f"{world.p_kopi.pk}:abc"):
        resp = login(world.bob).post(f"/checkin/{bad}/")
        assert resp.status_code == 400 and "tidak sah" in resp.content.decode()
    world.p_kopi.refresh_from_db()
    assert world.p_kopi.status != Participant.Status.CHECKED_IN
    # A token for one mission cannot be replayed after the participant moved elsewhere.
    with pytest.raises(services.MeetingError):
        Participant.objects.filter(pk=world.p_kopi.pk).update(mission=world.other)
        services.participant_from_token(token)


def test_it_shows_now_and_next_on_the_public_board_with_names_only(world, meeting):
    local = meeting.starts_at.astimezone(ZoneInfo("Asia/Jakarta"))
    url = f"/missions/{world.mission.pk}/temu/now/"
    at_meeting = Client().get(url, {"at": f"{local:%Y-%m-%dT%H:%M}"}).content.decode()
    assert "Sekarang berlangsung" in at_meeting and "Pempek Palembang Jaya" in at_meeting
    assert f"{local:%H.%M} WIB" in at_meeting
    assert "0812" not in at_meeting and "siti@example.id" not in at_meeting
    before = Client().get(url, {"at": f"{local - timedelta(hours=1):%Y-%m-%dT%H:%M}"})
    assert "Berikutnya" in before.content.decode()
    partial = Client().get(url, HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="board"') and 'hx-trigger="every 20s"' in partial


def test_it_lets_a_clerk_mark_outcomes_from_the_desk(event_over, world, meeting, login):
    desk = login(world.bob).get(f"/missions/{world.mission.pk}/temu/desk/").content.decode()
    assert meeting.table.name in desk and "Tidak hadir" in desk
    login(world.bob).post(
        f"/missions/{world.mission.pk}/temu/meetings/{meeting.pk}/mark/",
        {"status": "held", "outcome": "Sepakat uji sampel"},
    )
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.outcome == "Sepakat uji sampel"
    bad = login(world.bob).post(
        f"/missions/{world.mission.pk}/temu/meetings/{meeting.pk}/mark/", {"status": "maybe"}
    )
    assert bad.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "held"


def test_it_expires_pending_requests_lazily_when_they_are_read(world, login):
    services.request_create(
        mission=world.mission,
        requester=world.p_kopi,
        counterpart=world.p_pempek,
        actor=world.carol,
        now=timezone.now() - timedelta(hours=30),
    )
    page = login(world.carol).get(f"/missions/{world.mission.pk}/temu/requests/").content.decode()
    assert "Kedaluwarsa" in page
    assert MeetingRequest.objects.get().status == "expired"


def test_it_keeps_the_form_and_says_why_when_a_request_is_refused(world, login):
    resp = login(world.carol).post(
        f"/missions/{world.mission.pk}/temu/requests/new/",
        {"counterpart": world.p_kopi.pk, "note": "Halo", "session": "any"},
    )
    assert resp.status_code == 400 and MeetingRequest.objects.count() == 0
    assert "Halo" in resp.content.decode()


def test_it_lets_a_business_ask_from_the_directory_link_only_once(world, login):
    c = login(world.carol)
    form = c.get(f"/missions/{world.mission.pk}/temu/requests/new/?business={world.pempek.pk}")
    assert f'<option value="{world.p_pempek.pk}" selected>' in form.content.decode()
    for _ in range(2):
        c.post(
            f"/missions/{world.mission.pk}/temu/requests/new/",
            {"counterpart": world.p_pempek.pk, "note": "Kopi", "session": "any"},
        )
    req = MeetingRequest.objects.get()
    assert req.requester == world.p_kopi and req.source == "directory"
    # The other side answers on its own page: pempek has no user, so the clerk does it.
    login(world.bob).post(f"/missions/{world.mission.pk}/temu/requests/{req.pk}/accept/")
    req.refresh_from_db()
    assert req.status == "accepted" and req.responded_by == world.bob


def test_it_offers_the_mark_buttons_only_once_a_meeting_has_started(
    world, meeting, monkeypatch, login
):
    monkeypatch.setattr(timezone, "now", lambda: NOW)  # nine days before the mission
    clerk = login(world.bob)
    desk = clerk.get(f"/missions/{world.mission.pk}/temu/desk/").content.decode()
    assert 'data-testid="not-started"' in desk and 'value="held"' not in desk
    resp = clerk.post(
        f"/missions/{world.mission.pk}/temu/meetings/{meeting.pk}/mark/",
        {"status": "held"},
        follow=True,
    )
    assert "baru dimulai Kamis, 10 Desember 2026 pukul 08.00 WIB" in resp.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"
