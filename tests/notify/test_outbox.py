"""The outbox: one row per event, recipient and channel; written and rolled back with the
change; sent with retries and backoff; consent, preferences, language and local time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from misidagang.meetings import services as meetings
from misidagang.notify import render
from misidagang.notify.models import Notification, Preference, Profile, Status
from misidagang.notify.services import (
    announce,
    backoff,
    consent_set,
    outbox_send_due,
)
from misidagang.notify.transports import TransportError

pytestmark = pytest.mark.django_db


def _request(world):
    return meetings.request_create(
        mission=world.mission,
        requester=world.p_kopi,
        counterpart=world.p_pempek,
        actor=world.carol,
    )


def test_a_meeting_request_writes_one_row_per_recipient_and_channel_even_announced_twice(world):
    req = _request(world)
    rows = Notification.objects.filter(kind="meeting_request.create")
    # Pempek has no account and no e-mail: nothing; Kopi's request goes to Pempek only.
    assert rows.count() == 0
    world.pempek.email = "jaya@example.id"
    world.pempek.save()
    announce("meeting_request.create", req, world.carol)
    announce("meeting_request.create", req, world.carol)
    assert list(rows.values_list("channel", "address")) == [("email", "jaya@example.id")]


def test_rows_are_rolled_back_with_the_change(world):
    world.pempek.email = "jaya@example.id"
    world.pempek.save()
    with pytest.raises(RuntimeError), transaction.atomic():
        _request(world)
        assert Notification.objects.count() == 1
        raise RuntimeError
    assert Notification.objects.count() == 0


def test_the_counterpart_user_gets_it_in_app_and_by_email_in_their_language(world):
    world.kopi.email = "siti@example.id"
    world.kopi.save()
    world.carol.email = "carol@example.id"
    world.carol.save()
    Profile.objects.create(user=world.carol, language="en")
    req = meetings.request_create(
        mission=world.mission, requester=world.p_pempek, counterpart=world.p_kopi, actor=world.bob
    )
    rows = {
        r.channel: r for r in Notification.objects.filter(event=f"meeting_request.create:{req.pk}")
    }
    assert set(rows) == {"inapp", "email"}
    assert rows["inapp"].user == world.carol and rows["inapp"].status == Status.SENT
    written = render.write(rows["email"])
    assert written.subject == "UD Pempek Palembang Jaya asks you for a business meeting"
    assert rows["email"].address == "carol@example.id"


def test_times_are_written_in_the_missions_zone(world):
    world.mission.timezone = "Asia/Makassar"
    world.mission.save()
    world.kopi.email = "siti@example.id"
    world.kopi.save()
    req = meetings.request_create(
        mission=world.mission,
        requester=world.p_pempek,
        counterpart=world.p_kopi,
        actor=world.bob,
        now=datetime(2026, 12, 1, 1, 0, tzinfo=UTC),
    )
    row = Notification.objects.get(event=f"meeting_request.create:{req.pk}", channel="email")
    text = render.write(row).text
    # created 1 Dec 01.00 UTC, 24 hours to answer: 2 Dec 09.00 WITA
    assert "Rabu, 2 Desember 2026 pukul 09.00 WITA" in text


class Flaky:
    """A transport that fails as told."""

    def __init__(self, error=None):
        self.error = error
        self.sent = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def send(self, row):
        if self.error:
            raise self.error
        self.sent.append(row.pk)
        return "id-1"


@pytest.fixture
def queued(world):
    world.pempek.email = "jaya@example.id"
    world.pempek.save()
    _request(world)
    return Notification.objects.get(channel="email")


def test_a_failure_is_retried_with_exponential_backoff_then_sent(queued, monkeypatch):
    import misidagang.notify.services as services

    flaky = Flaky(TransportError("SMTP 421"))
    monkeypatch.setattr(services, "for_channel", lambda channel: lambda: flaky)
    now = timezone.now()
    assert outbox_send_due(now=now) == 1
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (Status.QUEUED, 1)
    assert queued.next_attempt_at == now + timedelta(minutes=1)
    assert outbox_send_due(now=now + timedelta(seconds=30)) == 0  # not due yet
    assert outbox_send_due(now=now + timedelta(minutes=1)) == 1
    queued.refresh_from_db()
    assert queued.attempts == 2
    assert queued.next_attempt_at == now + timedelta(minutes=1) + timedelta(minutes=2)
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    flaky.error = None
    assert outbox_send_due(now=now + timedelta(minutes=3)) == 1
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.provider_id) == (Status.SENT, 3, "id-1")
    assert outbox_send_due(now=now + timedelta(hours=1)) == 0  # never sent twice


def test_a_permanent_failure_fails_at_once(queued, monkeypatch):
    import misidagang.notify.services as services

    flaky = Flaky(TransportError("550 no such user", permanent=True))
    monkeypatch.setattr(services, "for_channel", lambda channel: lambda: flaky)
    outbox_send_due()
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.error) == (
        Status.FAILED,
        1,
        "550 no such user",
    )


def test_a_row_claimed_by_a_sender_that_died_is_sent_after_its_lease(queued, monkeypatch):
    import misidagang.notify.services as services

    now = timezone.now()
    services._claim(now, 10)  # claimed, then the sender died
    flaky = Flaky()
    monkeypatch.setattr(services, "for_channel", lambda channel: lambda: flaky)
    assert outbox_send_due(now=now + timedelta(seconds=10)) == 0
    assert outbox_send_due(now=now + timedelta(seconds=services.LEASE_S)) == 1
    assert flaky.sent == [queued.pk]


def test_whatsapp_only_to_numbers_that_opted_in_and_opt_out_stops_it(world, settings):
    settings.WHATSAPP_CONSOLE = True
    _request(world)
    assert not Notification.objects.filter(channel="whatsapp").exists()
    world.pempek.normalise_phone()
    world.pempek.save()
    consent = consent_set(
        channel="whatsapp", address=world.pempek.whatsapp, opted_in=True, source="test"
    )
    assert consent.opted_in and consent.opted_in_at and consent.opted_in_source == "test"
    meetings.request_cancel(request=_request(world), actor=world.carol)
    req = _request(world)
    row = Notification.objects.get(channel="whatsapp", event=f"meeting_request.create:{req.pk}")
    assert row.status == Status.QUEUED
    consent_set(channel="whatsapp", address=world.pempek.whatsapp, opted_in=False, source="link")
    row.refresh_from_db()
    assert row.status == Status.FAILED  # what was waiting is not sent
    meetings.request_cancel(request=req, actor=world.carol)
    req = _request(world)
    assert not Notification.objects.filter(
        channel="whatsapp", event=f"meeting_request.create:{req.pk}"
    ).exists()


def test_without_whatsapp_the_rows_wait_for_an_organiser_with_a_wa_me_link(opted_in, login):
    world = opted_in
    req = _request(world)
    row = Notification.objects.get(channel="whatsapp", event=f"meeting_request.create:{req.pk}")
    assert row.status == Status.MANUAL
    page = login(world.alice).get(f"/missions/{world.mission.pk}/notifications/")
    assert f"https://wa.me/{world.pempek.whatsapp}?text=" in page.content.decode()


def test_preferences_turn_a_kind_off_per_channel(world):
    world.kopi.email = "siti@example.id"
    world.kopi.save()
    Preference.objects.create(
        user=world.carol, kind="meeting_request.create", channel="email", enabled=False
    )
    req = meetings.request_create(
        mission=world.mission, requester=world.p_pempek, counterpart=world.p_kopi, actor=world.bob
    )
    assert list(
        Notification.objects.filter(event=f"meeting_request.create:{req.pk}").values_list(
            "channel", flat=True
        )
    ) == ["inapp"]


def test_preferences_page_saves_choices_language_and_consent(world, login):
    world.kopi.normalise_phone()
    world.kopi.save()
    c = login(world.carol)
    page = c.get("/notifications/preferences/")
    assert "meeting_request.create|email" in page.content.decode()
    c.post(
        "/notifications/preferences/",
        {"on": ["meeting_request.create|inapp"], "language": "en", "whatsapp": "1"},
    )
    assert Profile.objects.get(user=world.carol).language == "en"
    off = set(
        Preference.objects.filter(user=world.carol, enabled=False).values_list("kind", "channel")
    )
    assert ("meeting_request.create", "email") in off
    assert ("meeting_request.create", "inapp") not in off
    from misidagang.notify.models import Consent

    consent = Consent.objects.get(address=world.kopi.whatsapp)
    assert consent.opted_in and consent.opted_in_source.startswith("preferences")


def test_the_bell_counts_unread_and_the_page_marks_them_read(world, login):
    req = meetings.request_create(
        mission=world.mission, requester=world.p_pempek, counterpart=world.p_kopi, actor=world.bob
    )
    c = login(world.carol)
    home = c.get("/").content.decode()
    assert 'data-testid="bell-count">1<' in home
    row = Notification.objects.get(channel="inapp")
    r = c.post(f"/notifications/{row.pk}/open/")
    assert r.status_code == 302 and r.url == f"/missions/{world.mission.pk}/temu/requests/"
    assert 'data-testid="bell-count"' not in c.get("/").content.decode()
    assert req.pk
