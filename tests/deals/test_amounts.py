"""Every amount the deals app reads goes through money.parse_idr: typos, negatives and
impossible figures are refused with a translated message and nothing is saved or counted."""

from __future__ import annotations

import pytest
from django.test import Client

from misidagang.deals.models import Deal

pytestmark = pytest.mark.django_db

TYPOS = ["1.5.5 M", "1,5,5 M", "-750 jt", "750 jt 3", "abc", "sekitar 1 M"]


def desk_post(world, value: str, key: str = "k1"):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(world.bob)
    data = {
        "seller": world.kopi.display_name,
        "buyer": world.pempek.display_name,
        "commodity": "Kopi",
        "value": value,
        "stage": "komitmen",
        "idempotency_key": key,
    }
    return c.post(f"/missions/{world.mission.pk}/deals/desk/", data)


def report_post(world, value: str):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(world.carol)
    data = {
        "my_side": "seller",
        "counterpart": world.pempek.display_name,
        "commodity": "Kopi",
        "value": value,
        "stage": "komitmen",
        "idempotency_key": "r1",
    }
    return c.post(f"/missions/{world.mission.pk}/deals/report/", data)


def echo(world, value: str) -> str:
    c = Client()
    c.force_login(world.bob)
    response = c.get("/amount/", {"value": value})
    assert response.status_code == 200
    return response.content.decode().replace("\u00a0", " ")


@pytest.mark.parametrize("typed", TYPOS)
def test_it_refuses_a_desk_typo_and_saves_nothing(world, typed):
    response = desk_post(world, typed)
    assert response.status_code == 400
    assert "Nilai" in response.content.decode()
    assert Deal.objects.count() == 0


def test_it_saves_what_the_desk_types_correctly(world):
    assert desk_post(world, "1,5 M").status_code == 302
    assert desk_post(world, "750 jt", key="k2").status_code == 302
    assert sorted(Deal.objects.values_list("value_idr", flat=True)) == [
        750_000_000,
        1_500_000_000,
    ]


def test_it_says_too_big_at_the_desk_instead_of_failing(world):
    response = desk_post(world, "9999999999999999999999 M")
    assert response.status_code == 400
    assert "Nilai terlalu besar." in response.content.decode()
    assert Deal.objects.count() == 0


def test_it_says_too_big_on_the_report_form_instead_of_failing(world):
    response = report_post(world, "99999999999999999999 T")
    assert response.status_code == 400
    assert "Nilai terlalu besar." in response.content.decode()
    assert Deal.objects.count() == 0


def test_it_refuses_a_negative_amount_on_the_report_form(world):
    response = report_post(world, "-5 jt")
    assert response.status_code == 400
    assert "Nilai tidak boleh negatif." in response.content.decode()
    assert Deal.objects.count() == 0


def test_it_echoes_the_error_instead_of_a_wrong_figure(world):
    garbled = echo(world, "1.5.5 M")
    assert "tidak terbaca" in garbled and "155.000.000.000" not in garbled
    assert "tidak boleh negatif" in echo(world, "-750 jt")
    assert "tidak terbaca" in echo(world, "750 jt 3")
    assert "Rp 1.500.000.000" in echo(world, "1,5 M")


def test_it_echoes_too_big_instead_of_failing(world):
    assert "Nilai terlalu besar." in echo(world, "9999999999999999999999 M")
    assert "Nilai terlalu besar." in echo(world, "99999999999999999999 T")


def test_it_gives_the_value_field_a_text_keyboard(world):
    c = Client()
    c.force_login(world.bob)
    html = c.get(f"/missions/{world.mission.pk}/deals/desk/").content.decode()
    field = html[html.index('name="value"') - 300 : html.index('name="value"') + 300]
    assert 'inputmode="text"' in field and "decimal" not in field


def test_it_refuses_a_negative_realised_amount(world, record):
    deal = record()
    c = Client()
    c.force_login(world.bob)
    url = f"/missions/{world.mission.pk}/deals/{deal.pk}/realise/"
    response = c.post(url, {"amount": "-5 jt", "on": "2027-01-01"}, follow=True)
    assert "Nilai tidak boleh negatif." in response.content.decode()
    deal.refresh_from_db()
    assert deal.realised_idr == 0
