"""The mission report counts temu bisnis scheduled, held, absent and unmarked separately."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from misidagang.directory.models import Business
from misidagang.meetings.models import Meeting, MeetingDay, MeetingRequest, Table
from misidagang.missions.models import Participant
from misidagang.reports.mission import mission_report

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def meetings(world):
    """Five meetings of kopi: two held, one absent, one not marked yet, one cancelled."""
    day = MeetingDay.objects.create(mission=world.mission, date=date(2026, 12, 10))
    table = Table.objects.create(mission=world.mission, number=1, name="Meja 1")
    statuses = ["held", "held", "absent", "scheduled", "cancelled"]
    for i, status in enumerate(statuses):
        b = Business.objects.create(
            name=f"Toko Uji {i}",
            legal_form="CV",
            scale="kecil",
            province_id="16",
            regency_id="16.71",
        )
        host = Participant.objects.create(mission=world.mission, business=b, side="host")
        req = MeetingRequest.objects.create(
            mission=world.mission, requester=world.p_kopi, counterpart=host, status="accepted"
        )
        start = datetime(2026, 12, 10, 8, tzinfo=WIB) + timedelta(minutes=20 * i)
        Meeting.objects.create(
            mission=world.mission,
            request=req,
            day=day,
            slot=i,
            starts_at=start,
            ends_at=start + timedelta(minutes=20),
            table=table,
            status=status,
        )


def test_it_counts_scheduled_held_absent_and_unmarked_meetings(world, meetings):
    counts = mission_report(world.mission)["meetings"]
    assert {k: counts[k] for k in ("scheduled", "held", "absent", "unmarked")} == {
        "scheduled": 4,
        "held": 2,
        "absent": 1,
        "unmarked": 1,
    }
    page = Client().get(f"/missions/{world.mission.pk}/report/").content.decode()
    card = page[page.index('data-testid="meetings-scheduled"') :]
    assert card.startswith('data-testid="meetings-scheduled">4 <span class="stat-unit">terjadwal')
    assert 'data-testid="meetings-held">2<' in page and 'data-testid="meetings-absent">1<' in page
    assert "Belum ditandai" in page


def test_it_says_scheduled_not_zero_before_any_meeting_is_held(world, meetings):
    Meeting.objects.exclude(status="cancelled").update(status="scheduled")
    page = Client().get(f"/missions/{world.mission.pk}/report/").content.decode()
    assert 'data-testid="meetings-scheduled">4 ' in page
    assert 'data-testid="meetings-held">0<' in page
