"""Temu-bisnis fixtures on top of the shared `world`: a day, tables and more participants."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from misidagang.directory.models import Business
from misidagang.meetings.models import MeetingDay, Table
from misidagang.missions.models import Participant

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=WIB)
EVENT_OVER = datetime(2026, 12, 10, 11, 0, tzinfo=WIB)  # after every slot of the `day` fixture


def add_business(world, name: str, side: str, province: str = "16", regency: str = "16.71"):
    b = Business.objects.create(
        name=name, legal_form="CV", scale="kecil", province_id=province, regency_id=regency
    )
    return Participant.objects.create(mission=world.mission, business=b, side=side)


@pytest.fixture
def day(world):
    """08.00–10.00 WIB, 20-minute slots (6), a break 09.00–09.20, morning until 09.00; 2 tables."""
    d = MeetingDay.objects.create(
        mission=world.mission,
        date=date(2026, 12, 10),
        first_slot=time(8, 0),
        slot_minutes=20,
        slots=6,
        afternoon_from=time(9, 0),
        breaks=[["09:00", "09:20"]],
    )
    Table.objects.create(mission=world.mission, number=1, name="Meja 1")
    Table.objects.create(mission=world.mission, number=2, name="Meja 2")
    return d


@pytest.fixture
def hosts(world):
    """Three more host businesses of the world mission."""
    return [add_business(world, f"Toko Sriwijaya {i}", "host") for i in range(3)]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The shared `world` creates six users; a cheap hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def event_over(monkeypatch):
    """The clock (Django's timezone.now) stands after the `day` fixture's slots, so pages
    that mark meetings held or absent accept them."""
    monkeypatch.setattr(timezone, "now", lambda: EVENT_OVER)
    return EVENT_OVER
