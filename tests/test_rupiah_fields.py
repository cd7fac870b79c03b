"""Every Rupiah field of the product takes what people type ("500 jt", "1,5 M", "Rp1.500.000")
through one field and reads it back; none takes digits only."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.test import Client
from django.utils import timezone

import misidagang
from misidagang.agreements import followup
from misidagang.deals.models import Deal, Source
from misidagang.deals.services import deal_record
from misidagang.forms import RupiahField
from misidagang.missions.models import Mission


def all_forms() -> list[type[forms.BaseForm]]:
    found = []
    for info in pkgutil.walk_packages(misidagang.__path__, "misidagang."):
        if not info.name.endswith(".forms"):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_it_uses_the_one_rupiah_field_for_every_amount_of_money():
    money = {}
    for cls in all_forms():
        for name, field in cls.base_fields.items():
            label = str(field.label or "")
            if name.endswith("_idr") or name in ("value", "amount") or "(Rp)" in label:
                money[f"{cls.__name__}.{name}"] = type(field)
    assert len(money) >= 7  # value, amounts, prices, target, realised total…
    assert {k: v for k, v in money.items() if v is not RupiahField} == {}


@pytest.mark.django_db
def test_it_reads_the_mission_target_as_typed(world, login):
    world.alice.program_wide = True
    world.alice.save()
    data = {
        "name": "Misi Jatim – Sulteng",
        "delegation_province": "35",
        "host_province": "72",
        "starts_at": "2027-01-20T08:00",
        "ends_at": "2027-01-20T17:00",
        "timezone": "Asia/Makassar",
        "status": "draft",
        "target_idr": "1,5 M",
    }
    assert login(world.alice).post("/missions/new/", data).status_code == 302
    assert Mission.objects.get(name="Misi Jatim – Sulteng").target_idr == 1_500_000_000
    page = login(world.alice).get(f"/missions/{Mission.objects.latest('pk').pk}/edit/")
    assert 'value="1.500.000.000"' in page.content.decode()


@pytest.mark.django_db
def test_it_reads_the_realised_value_of_a_follow_up_answer_as_typed(world):
    deal, _ = deal_record(
        mission=world.mission,
        actor=world.bob,
        source=Source.DESK,
        seller=world.kopi,
        buyer=world.pempek,
        commodity="Kopi",
        value_idr=900_000_000,
    )
    round = followup.rounds_for(world.mission)[0]
    url = f"/followup/{followup.answer_token(round=round, deal=deal)}/"
    today = timezone.localdate().isoformat()
    r = Client().post(
        url, {"outcome": "partly", "realised_total_idr": "500 jt", "realised_on": today}
    )
    assert r.status_code == 302
    assert Deal.objects.get(pk=deal.pk).realised_idr == 500_000_000


@pytest.mark.django_db
def test_it_reads_any_rupiah_field_back_in_digits_and_words():
    page = Client().get("/amount/", {"realised_total_idr": "500 jt"}).content.decode()
    assert "Rp\u00a0500.000.000" in page and "lima ratus juta rupiah" in page
    bad = Client().get("/amount/", {"target_idr": "sekitar 1 M"}).content.decode()
    assert "Tulis nilai yang pasti" in bad
