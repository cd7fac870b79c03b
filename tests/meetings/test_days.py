"""Temu-bisnis days must fall within the mission's dates, in the mission's own zone."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from misidagang.meetings import services
from misidagang.meetings.models import Meeting, MeetingDay, ParticipantAvailability, Table

from .conftest import NOW

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


@pytest.fixture
def two_days(world, day, hosts):
    """The mission runs 10–11 Dec; kopi meets a host on day one and pempek on day two."""
    world.mission.ends_at = datetime(2026, 12, 11, 17, tzinfo=ZoneInfo("Asia/Jakarta"))
    world.mission.save()
    second = MeetingDay.objects.create(
        mission=world.mission, date=date(2026, 12, 11), slots=2, afternoon_from=time(12, 0)
    )
    ParticipantAvailability.objects.create(
        participant=world.p_pempek, blocked=[s.key for s in day.all_slots()]
    )
    for other in (hosts[0], world.p_pempek):
        services.request_create(
            mission=world.mission,
            requester=world.p_kopi,
            counterpart=other,
            actor=world.alice,
            accept=True,
            now=NOW,
        )
    run = services.schedule_preview(mission=world.mission, actor=world.alice, now=NOW)
    services.schedule_publish(run=run, actor=world.alice, now=NOW)
    assert {m.day_id for m in Meeting.objects.all()} == {day.pk, second.pk}
    return run


THU, FRI = "Kamis, 10 Desember 2026", "Jumat, 11 Desember 2026"


def staff_client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_it_heads_each_day_in_the_schedule_grid_agenda_desk_and_table_card(world, two_days):
    m = world.mission.pk
    alice = staff_client(world.alice)
    grid = alice.get(f"/missions/{m}/temu/runs/{two_days.pk}/").content.decode()
    assert grid.count('data-testid="grid-day"') == 2 and grid.index(THU) < grid.index(FRI)
    # Day one's last slot (09.40) and day two's first (08.00) sit under their own headings.
    assert grid.index(THU) < grid.index("09.40") < grid.index(FRI) < grid.rindex("08.00")
    agenda = alice.get(f"/missions/{m}/temu/agenda/{world.p_kopi.pk}/").content.decode()
    assert agenda.count('data-testid="agenda-day"') == 2
    assert agenda.index(THU) < agenda.index("Toko Sriwijaya 0") < agenda.index(FRI)
    assert agenda.index(FRI) < agenda.index("Pempek Palembang Jaya")
    share = unquote(re.search(r'href="https://wa.me/\?text=([^"]+)"', agenda).group(1))
    assert THU in share and FRI in share
    desk = staff_client(world.bob).get(f"/missions/{m}/temu/desk/").content.decode()
    assert THU in desk and FRI in desk
    for table in Table.objects.filter(meetings__isnull=False).distinct():
        card = alice.get(f"/missions/{m}/temu/tables/{table.pk}/card/").content.decode()
        day_of = {
            mt.starts_at.astimezone(ZoneInfo("Asia/Jakarta")).day for mt in table.meetings.all()
        }
        assert (THU in card) == (10 in day_of) and (FRI in card) == (11 in day_of)


def test_it_dates_the_next_meeting_on_the_board_unless_it_is_today(world, two_days):
    first, second = (
        world.mission.local_clock(m.starts_at) for m in Meeting.objects.order_by("starts_at")
    )
    url = f"/missions/{world.mission.pk}/temu/now/"
    days_before = Client().get(url, {"at": "2026-12-01T07:00"}).content.decode()
    assert f"Berikutnya · {THU} · {first}" in days_before
    same_day = Client().get(url, {"at": "2026-12-10T07:00"}, HTTP_HX_REQUEST="true")
    assert f"Berikutnya · {first}</h2>" in same_day.content.decode()
    evening = Client().get(url, {"at": "2026-12-10T19:00"}).content.decode()
    assert f"Berikutnya · {FRI} · {second}" in evening


def test_it_shows_the_saved_day_in_the_date_picker_within_the_mission(world, day):
    page = staff_client(world.alice).get(f"/missions/{world.mission.pk}/temu/").content.decode()
    field = re.search(r'<input type="date" name="date"[^>]*>', page).group(0)
    assert 'value="2026-12-10"' in field  # ISO, or the browser shows an empty picker
    assert 'min="2026-12-10"' in field and 'max="2026-12-10"' in field


def test_it_says_how_many_slots_a_day_has_and_how_many_meetings_it_holds(world, day):
    page = staff_client(world.alice).get(f"/missions/{world.mission.pk}/temu/").content.decode()
    slots = re.search(r'data-testid="day-slots">([^<]*)<', page).group(1)
    meetings = re.search(r'data-testid="day-meetings">([^<]*)<', page).group(1)
    assert slots == "5 slot waktu (di luar jeda)"  # 6 slots, one taken by the break
    assert meetings == "0 temu terjadwal"
    assert "terpakai" not in page
