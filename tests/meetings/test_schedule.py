"""Building the engine's input, previewing, publishing, re-running, absences."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from misidagang.accounts.models import AuditLog
from misidagang.meetings import engine_input, services
from misidagang.meetings.models import (
    Meeting,
    MeetingConfig,
    MeetingRequest,
    ParticipantAvailability,
    ScheduleRun,
    Session,
)

from .conftest import EVENT_OVER, NOW

pytestmark = pytest.mark.django_db


def accepted(world, a, b, **kw):
    return services.request_create(
        mission=world.mission,
        requester=a,
        counterpart=b,
        actor=world.alice,
        accept=True,
        now=NOW,
        **kw,
    )


def test_it_builds_slots_around_the_break_with_a_morning_split(world, day):
    slots = engine_input.mission_slots(world.mission)
    assert [f"{s.starts_at:%H.%M}" for s in slots] == ["08.00", "08.20", "08.40", "09.20", "09.40"]
    assert [s.morning for s in slots] == [True, True, True, False, False]
    assert slots[0].starts_at.utcoffset().total_seconds() == 7 * 3600


def test_it_builds_the_engine_input_from_availability_seats_and_sessions(world, day, hosts):
    ParticipantAvailability.objects.create(
        participant=world.p_kopi, seats=2, session=Session.MORNING
    )
    ParticipantAvailability.objects.create(participant=hosts[0], blocked=[f"{day.pk}:0"])
    r1 = accepted(world, world.p_kopi, world.p_pempek, must_meet=True)
    r2 = accepted(world, world.p_kopi, hosts[0], session=Session.MORNING)
    services.request_create(
        mission=world.mission,
        requester=world.p_kopi,
        counterpart=hosts[1],
        actor=world.carol,
        now=NOW,
    )  # pending
    doc = engine_input.build(world.mission, config=MeetingConfig.for_mission(world.mission)).doc
    assert doc["slots"] == 5 and doc["morning_slots"] == 3 and doc["tables"] == 2
    people = {p["id"]: p for p in doc["participants"]}
    assert people[f"P{world.p_kopi.pk}"] == {
        "id": f"P{world.p_kopi.pk}",
        "available": [0, 1, 2],
        "seats": 2,
    }
    assert people[f"P{hosts[0].pk}"]["available"] == [1, 2, 3, 4]
    assert people[f"P{world.p_pempek.pk}"]["available"] == [0, 1, 2, 3, 4]
    meetings = {m["id"]: m for m in doc["meetings"]}
    assert set(meetings) == {f"R{r1.pk}", f"R{r2.pk}"}  # the pending one stays out
    assert meetings[f"R{r1.pk}"]["priority"] > meetings[f"R{r2.pk}"]["priority"]
    assert meetings[f"R{r2.pk}"]["session"] == "morning"
    assert doc["previous"] == []


def test_it_explains_who_is_left_out_and_why(world, day, hosts):
    ParticipantAvailability.objects.create(participant=hosts[0], session=Session.AFTERNOON)
    ParticipantAvailability.objects.create(participant=hosts[1], cap=1)
    unavailable = accepted(world, world.p_kopi, hosts[0], session=Session.MORNING)
    first = accepted(world, hosts[1], world.p_pempek)
    # The cap was lowered after accepting: the scheduler still honours it.
    ParticipantAvailability.objects.filter(participant=hosts[1]).update(cap=0)
    run = services.schedule_preview(mission=world.mission, actor=world.alice, now=NOW)
    reasons = {x["request"]: x["reason"] for x in run.left_out}
    assert reasons == {unavailable.pk: "unavailable", first.pk: "cap"}
    assert run.status == "optimal" and run.placed == 0


def test_it_schedules_and_publishes_without_double_booking(world, day, hosts):
    reqs = [accepted(world, world.p_kopi, h) for h in [world.p_pempek, *hosts]]
    run = services.schedule_preview(mission=world.mission, actor=world.alice, now=NOW)
    assert run.status == "optimal" and run.optimal and run.placed == 4
    assert not Meeting.objects.exists()  # a preview publishes nothing
    services.schedule_publish(run=run, actor=world.alice)
    meetings = list(Meeting.objects.all())
    assert len(meetings) == 4 and {m.request_id for m in meetings} == {r.pk for r in reqs}
    assert len({m.starts_at for m in meetings}) == 4  # kopi has one seat
    assert all(m.starts_at.hour != 9 or m.starts_at.minute >= 20 for m in meetings)
    run.refresh_from_db()
    assert run.published and run.published_by == world.alice


def test_it_only_lets_organisers_run_and_publish(world, day):
    accepted(world, world.p_kopi, world.p_pempek)
    for who in (world.bob, world.carol, world.erin, world.mallory):
        with pytest.raises(PermissionDenied):
            services.schedule_preview(mission=world.mission, actor=who)
    run = services.schedule_preview(mission=world.mission, actor=world.alice)
    with pytest.raises(PermissionDenied):
        services.schedule_publish(run=run, actor=world.bob)


def test_it_refuses_to_publish_a_stale_run(world, day):
    accepted(world, world.p_kopi, world.p_pempek)
    old = services.schedule_preview(mission=world.mission, actor=world.alice)
    services.schedule_preview(mission=world.mission, actor=world.alice)
    with pytest.raises(services.MeetingError):
        services.schedule_publish(run=old, actor=world.alice)


def test_it_moves_as_few_meetings_as_possible_on_a_rerun(world, day, hosts):
    for h in [world.p_pempek, *hosts]:
        accepted(world, world.p_kopi, h)
    accepted(world, hosts[0], hosts[1])
    services.schedule_publish(
        run=services.schedule_preview(mission=world.mission, actor=world.alice), actor=world.alice
    )
    before = {m.request_id: m.starts_at for m in Meeting.objects.all()}
    extra = accepted(world, hosts[1], hosts[2])  # a late request
    run = services.schedule_preview(mission=world.mission, actor=world.alice)
    assert len(run.input["previous"]) == len(before)
    assert run.moved == 0
    services.schedule_publish(run=run, actor=world.alice)
    after = {m.request_id: m.starts_at for m in Meeting.objects.all()}
    assert {k: after[k] for k in before} == before and extra.pk in after
    assert ScheduleRun.objects.filter(published=True).count() == 1


def test_it_gives_an_absent_meeting_slot_to_a_waiting_request(world, day, hosts):
    ParticipantAvailability.objects.create(participant=world.p_kopi, cap=5)
    # Pempek can only meet at 08.00, so only one of its two requests fits.
    ParticipantAvailability.objects.create(
        participant=world.p_pempek, blocked=[f"{day.pk}:{i}" for i in (1, 2, 4, 5)]
    )
    first = accepted(world, world.p_kopi, world.p_pempek, must_meet=True)
    waiting = accepted(world, hosts[0], world.p_pempek)
    run = services.schedule_preview(mission=world.mission, actor=world.alice)
    assert {x["request"]: x["reason"] for x in run.left_out} == {waiting.pk: "no_room"}
    services.schedule_publish(run=run, actor=world.alice)
    meeting = Meeting.objects.get(request=first)
    # Kopi does not come: Pempek is free at 08.00 and so is host 0.
    _, replacement = services.meeting_mark(
        meeting=meeting, status="absent", actor=world.bob, now=EVENT_OVER
    )
    assert replacement is not None and replacement.request == waiting
    assert (replacement.starts_at, replacement.table) == (meeting.starts_at, meeting.table)
    # Re-running keeps the absent meeting out and the replacement where it is.
    rerun = services.schedule_preview(mission=world.mission, actor=world.alice)
    assert {x["request"]: x["reason"] for x in rerun.left_out} == {first.pk: "absent"}
    assert rerun.moved == 0


def test_it_marks_a_meeting_held_with_an_outcome(world, day):
    accepted(world, world.p_kopi, world.p_pempek)
    services.schedule_publish(
        run=services.schedule_preview(mission=world.mission, actor=world.alice), actor=world.alice
    )
    m = Meeting.objects.get()
    with pytest.raises(PermissionDenied):
        services.meeting_mark(meeting=m, status="held", actor=world.carol)
    m, none = services.meeting_mark(
        meeting=m,
        status="held",
        actor=world.bob,
        outcome="Sepakat kirim sampel 5 kg",
        now=EVENT_OVER,
    )
    assert none is None and m.status == "held" and m.outcome == "Sepakat kirim sampel 5 kg"
    # A held meeting stays fixed in its slot on a re-run.
    rerun = services.schedule_preview(mission=world.mission, actor=world.alice)
    assert rerun.input["meetings"][0]["fixed_slot"] is not None


def test_it_cancels_a_scheduled_meeting_with_its_request(world, day):
    req = accepted(world, world.p_kopi, world.p_pempek)
    services.schedule_publish(
        run=services.schedule_preview(mission=world.mission, actor=world.alice), actor=world.alice
    )
    with pytest.raises(services.MeetingError) as err:
        services.request_cancel(request=req, actor=world.carol)  # a scheduled one needs a reason
    assert "reason" in err.value.errors and Meeting.objects.get().status == "scheduled"
    services.request_cancel(request=req, actor=world.carol, reason="Bentrok  jadwal")
    assert Meeting.objects.get().status == "cancelled"
    assert MeetingRequest.objects.get().status == "cancelled"
    assert MeetingRequest.objects.get().cancel_reason == "Bentrok jadwal"


def test_it_refuses_to_mark_a_meeting_before_its_slot_starts(world, day, token_for, monkeypatch):
    accepted(world, world.p_kopi, world.p_pempek)
    services.schedule_publish(
        run=services.schedule_preview(mission=world.mission, actor=world.alice), actor=world.alice
    )
    m = Meeting.objects.get()
    early = m.starts_at - timedelta(minutes=1)
    # Clerks and organisers alike: nobody knows the outcome of a meeting yet to come.
    for actor, status in ((world.bob, "held"), (world.alice, "absent")):
        with pytest.raises(services.MeetingError) as exc:
            services.meeting_mark(meeting=m, status=status, actor=actor, now=early)
        assert "baru dimulai Kamis, 10 Desember 2026 pukul 08.00 WIB" in exc.value.messages[0]
    m.refresh_from_db()
    assert m.status == "scheduled" and m.marked_at is None
    assert not AuditLog.objects.filter(action="meeting.mark").exists()
    # The API says the same.
    headers = token_for(world.bob)
    monkeypatch.setattr(timezone, "now", lambda: early)
    resp = Client().post(
        f"/api/v1/missions/{world.mission.pk}/meetings/{m.pk}/outcome",
        {"status": "held"},
        content_type="application/json",
        **headers,
    )
    assert resp.status_code == 422 and "baru dimulai" in resp.json()["detail"]
    # From the first minute of its slot it can be marked.
    m, _ = services.meeting_mark(meeting=m, status="held", actor=world.bob, now=m.starts_at)
    assert m.status == "held"


def test_it_asks_once_for_a_reason_before_a_scheduled_meeting_is_cancelled(world, day, login):
    from misidagang.notify.models import Notification

    world.pempek.email = "pempek@example.id"  # so the partner can be told
    world.pempek.save()
    req = accepted(world, world.p_kopi, world.p_pempek)
    services.schedule_publish(
        run=services.schedule_preview(mission=world.mission, actor=world.alice), actor=world.alice
    )
    c = login(world.carol)
    page = c.get(f"/missions/{world.mission.pk}/temu/requests/").content.decode()
    assert 'data-testid="cancel"' in page and 'name="reason"' in page  # one step, with a reason
    url = f"/missions/{world.mission.pk}/temu/requests/{req.pk}/cancel/"
    refused = c.post(url, {}, follow=True).content.decode()
    assert "Tulis alasan pembatalan" in refused and Meeting.objects.get().status == "scheduled"
    c.post(url, {"reason": "Produk habis"})
    assert Meeting.objects.get().status == "cancelled"
    told = Notification.objects.filter(kind="meeting_request.cancel")
    assert told.exists() and all(n.context.get("reason") == "Produk habis" for n in told)
