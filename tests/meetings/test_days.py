"""Temu-bisnis days must fall within the mission's dates, in the mission's own zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from misidagang.meetings import services
from misidagang.meetings.models import MeetingDay

pytestmark = pytest.mark.django_db


def a_day(mission, on: date) -> MeetingDay:
    return MeetingDay(mission=mission, date=on)


def test_it_refuses_a_day_before_or_after_the_mission_in_the_service(world):
    for on in (date(2026, 12, 9), date(2026, 12, 11)):
        with pytest.raises(ValidationError) as exc:
            services.day_save(day=a_day(world.mission, on), actor=world.alice)
        assert exc.value.message_dict["date"] == [
            "Hari temu bisnis harus pada tanggal misi, 10 Desember 2026."
        ]
    assert not MeetingDay.objects.exists()
    services.day_save(day=a_day(world.mission, date(2026, 12, 10)), actor=world.alice)
    assert MeetingDay.objects.count() == 1


def test_it_names_the_whole_span_of_a_multi_day_mission(world):
    world.mission.ends_at = datetime(2026, 12, 12, 17, tzinfo=ZoneInfo("Asia/Jakarta"))
    world.mission.save()
    services.day_save(day=a_day(world.mission, date(2026, 12, 12)), actor=world.alice)
    with pytest.raises(ValidationError) as exc:
        services.day_save(day=a_day(world.mission, date(2026, 12, 13)), actor=world.alice)
    assert "10 Desember 2026 sampai 12 Desember 2026" in exc.value.message_dict["date"][0]


def test_it_reads_the_mission_dates_in_the_mission_zone(world):
    # 00.30 WITA on 20 Dec is still 19 Dec in UTC and in Jakarta.
    wita = ZoneInfo("Asia/Makassar")
    world.other.starts_at = datetime(2026, 12, 20, 0, 30, tzinfo=wita)
    world.other.ends_at = datetime(2026, 12, 20, 23, 0, tzinfo=wita)
    world.other.save()
    with pytest.raises(ValidationError):
        a_day(world.other, date(2026, 12, 19)).full_clean()
    a_day(world.other, date(2026, 12, 20)).full_clean()


def test_it_shows_the_error_on_the_form_and_keeps_the_input(world):
    c = Client()
    c.force_login(world.alice)
    resp = c.post(
        f"/missions/{world.mission.pk}/temu/days/",
        {
            "date": "2026-12-09",
            "first_slot": "08:00",
            "slot_minutes": 20,
            "slots": 6,
            "afternoon_from": "12:00",
            "breaks": "09.00-09.20",
        },
    )
    page = resp.content.decode()
    assert resp.status_code == 400
    assert "Hari temu bisnis harus pada tanggal misi, 10 Desember 2026." in page
    assert 'value="2026-12-09"' in page and "09.00-09.20" in page
    assert not MeetingDay.objects.exists()
