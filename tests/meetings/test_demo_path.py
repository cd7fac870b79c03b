"""The whole path in the demo mission: request → accept → schedule → agenda → check-in →
outcome, through the pages, as the demo users would do it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from misidagang.accounts.models import User
from misidagang.meetings.demo import load_demo_meetings
from misidagang.meetings.models import (
    Meeting,
    MeetingConfig,
    MeetingDay,
    MeetingRequest,
    ScheduleRun,
)
from misidagang.missions.demo import load_demo
from misidagang.missions.models import Participant

pytestmark = pytest.mark.django_db


def test_it_runs_the_whole_path_in_the_demo_mission(monkeypatch, login):
    mission = load_demo().mission
    made = load_demo_meetings(mission)
    assert made > 100 and load_demo_meetings(mission) == 0  # idempotent
    day = MeetingDay.objects.get(mission=mission)
    assert [f"{s.starts_at:%H.%M}" for s in day.all_slots()][11:13] == ["11.40", "13.00"]
    MeetingConfig.objects.filter(mission=mission).update(time_limit_s=3)
    m = mission.pk
    me = Participant.objects.get(
        mission=mission, business=User.objects.get(username="business").business
    )
    # A host buyer the business has no request with yet.
    talked = set(
        MeetingRequest.objects.involving(me).values_list("requester", "counterpart").distinct()
    )
    seen = {pk for pair in talked for pk in pair}
    host = mission.participants.filter(side="host").exclude(pk__in=seen).order_by("pk").first()

    business = login("business")
    panel = business.get(f"/missions/{m}/").content.decode()
    assert "Ajukan temu bisnis" in panel and "Agenda saya" in panel
    business.post(
        f"/missions/{m}/temu/requests/new/",
        {"counterpart": host.pk, "note": "Penawaran produk unggulan", "session": "any"},
    )
    req = MeetingRequest.objects.get(requester=me, counterpart=host)
    assert req.status == "pending"
    # The host has no account: the desk clerk accepts on its behalf.
    login("clerk").post(f"/missions/{m}/temu/requests/{req.pk}/accept/")
    req.refresh_from_db()
    assert req.status == "accepted"

    organiser = login("organiser")
    organiser.post(f"/missions/{m}/temu/runs/")
    run = ScheduleRun.objects.get(mission=mission)
    preview = organiser.get(f"/missions/{m}/temu/runs/{run.pk}/").content.decode()
    assert run.status in ("optimal", "feasible") and run.placed >= made * 0.8
    assert 'data-testid="publish"' in preview
    organiser.post(f"/missions/{m}/temu/runs/{run.pk}/publish/")
    mine = Meeting.objects.get(request=req)

    agenda = business.get(f"/missions/{m}/temu/agenda/{me.pk}/").content.decode()
    assert host.business.display_name in agenda and mine.table.name in agenda
    assert "<svg" in agenda
    ics = business.get(f"/missions/{m}/temu/agenda/{me.pk}.ics").content.decode()
    assert (
        "TZID=Asia/Jakarta" in ics
        and ics.count("BEGIN:VEVENT") == Meeting.objects.involving(me).count()
    )

    # The clerk scans the QR: its URL carries a signed token.
    from misidagang.meetings.services import checkin_token

    clerk = login("clerk")
    token = checkin_token(me)
    assert re.fullmatch(r"[\w:\-]+", token)
    clerk.post(f"/checkin/{token}/")
    me.refresh_from_db()
    assert me.status == "checked_in"
    # The meeting has taken place: the clerk marks it.
    monkeypatch.setattr(timezone, "now", lambda: mine.ends_at)
    clerk.post(
        f"/missions/{m}/temu/meetings/{mine.pk}/mark/",
        {"status": "held", "outcome": "Lanjut negosiasi harga"},
    )
    mine.refresh_from_db()
    assert mine.status == "held" and mine.outcome == "Lanjut negosiasi harga"
    board = (
        Client()
        .get(f"/missions/{m}/temu/now/", {"at": f"{mission.local(mine.starts_at):%Y-%m-%dT%H:%M}"})
        .content.decode()
    )
    assert host.business.display_name in board
