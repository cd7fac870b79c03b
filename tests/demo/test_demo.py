from __future__ import annotations

import csv
import os

import pytest
from django.contrib.auth import authenticate
from django.test import Client

from misidagang.accounts.models import User
from misidagang.directory.models import Business, Listing
from misidagang.missions.demo import DEMO_MISSION, DEMO_USERS, history, load_demo
from misidagang.missions.models import Mission, Participant
from tests.conftest import SHARED

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_mission_deterministically_and_once():
    first = load_demo()
    m = first.mission
    assert m.name == DEMO_MISSION and m.host_city == "Palembang"
    assert m.participants.filter(side="delegation").count() == 46
    assert m.participants.filter(side="host").count() == 115
    assert {p.business.province_id for p in m.participants.filter(side="host")} == {"16"}
    assert {p.business.province_id for p in m.participants.filter(side="delegation")} == {"35"}
    # every participant trades something, and most listings carry an HS code
    assert not Participant.objects.filter(mission=m, business__listings=None).exists()
    assert Listing.objects.exclude(hs="").count() > 0.7 * Listing.objects.count()
    names = sorted(Business.objects.values_list("name", flat=True))
    again = load_demo()
    assert again.created is False and again.mission.pk == m.pk
    assert sorted(Business.objects.values_list("name", flat=True)) == names
    assert Mission.objects.filter(is_historical=False).count() == 1


def test_it_creates_one_user_per_role_with_the_printed_password():
    result = load_demo()
    roles = {"buyer": "business", "jamkrida": "partner"}  # a second login of those roles
    for username in DEMO_USERS:
        user = authenticate(username=username, password=result.passwords[username])
        assert user is not None and user.role == roles.get(username, username)
    buyer, jamkrida = (User.objects.get(username=u) for u in ("buyer", "jamkrida"))
    assert buyer.business.province_id == "16"  # a host-side business (Sumatera Selatan)
    assert jamkrida.organisation.kind == "jamkrida"
    assert authenticate(username="business", password="x") is None
    c = Client()
    assert c.login(username="organiser", password=result.passwords["organiser"])
    assert c.get(f"/missions/{result.mission.pk}/edit/").status_code == 200


def test_it_keeps_the_east_java_history_with_sources():
    load_demo()
    past = Mission.objects.filter(is_historical=True)
    rows = history()
    assert past.count() == len(rows) == 43
    assert all(m.source_urls for m in past)
    total = sum(r["total_idr"] or 0 for r in rows)
    from django.db.models import Sum

    assert past.aggregate(s=Sum("reported_total_idr"))["s"] == total
    palembang = past.get(host_city="Palembang", starts_at__year=2020)
    assert palembang.reported_total_idr == 306_548_050_000
    assert (palembang.reported_delegation, palembang.reported_host) == (46, 115)


@pytest.mark.skipif(not os.path.isdir(SHARED), reason="../shared is not present")
def test_it_carries_the_history_facts_exactly():
    path = os.path.join(SHARED, "data", "misi_dagang_jatim_history.csv")
    with open(path, encoding="utf-8") as fh:
        source = list(csv.DictReader(fh))
    ours = history()
    assert len(ours) == len(source)
    for row, mine in zip(source, ours, strict=True):
        assert mine["date"] == row["date"] and mine["city"] == row["host_city"]
        assert mine["total_idr"] == (
            int(row["transaction_idr"]) if row["transaction_idr"] else None
        )
        assert mine["sources"][0] == row["source_url"]


def test_it_holds_the_demo_today_with_deals_to_confirm_and_to_decide():
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from misidagang.deals.models import Deal
    from misidagang.deals.tally import mission_tally
    from misidagang.missions.models import Mission

    out = StringIO()
    call_command("loaddemo", today=True, stdout=out)
    mission = Mission.objects.get(name=DEMO_MISSION)
    assert mission.local(mission.starts_at).date() == timezone.localdate(timezone=mission.tz)
    assert mission.status == Mission.Status.RUNNING
    assert mission_tally(mission)["total_idr"] > 0  # the live total is not zero
    waiting = Deal.objects.get(mission=mission, confirmed_at__isnull=True)
    assert waiting.buyer == User.objects.get(username="buyer").business
    assert Deal.objects.filter(mission=mission, wants_guarantee=True).exists()
    printed = out.getvalue()
    assert f"/missions/{mission.pk}/live/" in printed and "/api/v1/docs" in printed
    assert "jamkrida" in printed and "buyer" in printed
    call_command("loaddemo", today=True, stdout=StringIO())
    assert Deal.objects.filter(mission=mission).count() == 7  # once, not twice
