"""Partner decisions are sanity-checked; a new decision replaces the current one (the older
ones stay as history) and the same decision saved twice is one record."""

from __future__ import annotations

import pytest
from django.test import Client

from misidagang.deals import services
from misidagang.deals.models import FinancingDecision

pytestmark = pytest.mark.django_db


@pytest.fixture
def asking(record):  # type: ignore[no-untyped-def]
    return record(value_idr=3_200_000_000, wants_financing=True)


def decide(world, deal, **data):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(world.dave)
    return c.post(f"/missions/{world.mission.pk}/deals/{deal.pk}/decide/", data)


def test_it_refuses_a_negative_or_unreadable_approved_amount(world, asking):
    for typed, message in [("-1 M", "tidak boleh negatif"), ("1.5.5 M", "tidak terbaca")]:
        response = decide(world, asking, status="approved", amount=typed)
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html and f'value="{typed}"' in html  # what was typed is kept
    assert FinancingDecision.objects.count() == 0


def test_it_asks_to_confirm_an_approval_above_the_deal_value(world, asking):
    response = decide(world, asking, status="approved", amount="50 M")
    assert response.status_code == 400
    assert "melebihi nilai transaksi" in response.content.decode()
    assert FinancingDecision.objects.count() == 0
    assert (
        decide(world, asking, status="approved", amount="50 M", confirm_unusual="on").status_code
        == 302
    )
    assert FinancingDecision.objects.get().amount_idr == 50_000_000_000


def test_it_asks_to_confirm_a_tiny_approval(world, asking):
    response = decide(world, asking, status="approved", amount="10")
    assert response.status_code == 400 and "hanya Rp 10" in response.content.decode()
    assert FinancingDecision.objects.count() == 0


def test_it_keeps_one_record_for_the_same_decision_saved_twice(world, asking):
    for _ in range(2):
        assert decide(world, asking, status="approved", amount="1,2 M").status_code == 302
    assert FinancingDecision.objects.count() == 1


def test_it_shows_a_new_decision_as_current_and_the_old_one_as_history(world, asking):
    decide(world, asking, status="process", note="Analisis")
    decide(world, asking, status="approved", amount="1,2 M")
    current, history = services.current_decisions(asking)
    assert [d.status for d in current] == ["approved"]
    assert [d.status for d in history] == ["process"]
    c = Client()
    c.force_login(world.dave)
    html = c.get(asking.get_absolute_url()).content.decode()
    assert "keputusan saat ini" in html and "Keputusan sebelumnya (1)" in html
    queue = c.get("/partner/deals/").content.decode()
    assert "Disetujui" in queue and "Dalam proses" not in queue


def test_it_refuses_a_negative_amount_through_the_service(world, asking):
    with pytest.raises(services.DealError):
        services.financing_decide(
            deal=asking,
            actor=world.dave,
            institution=world.dave.organisation,
            status="approved",
            amount_idr=-1_000_000_000,
        )


def test_it_links_the_partner_to_its_queue(world, asking):
    c = Client()
    c.force_login(world.dave)
    for url in (world.mission.get_absolute_url(), asking.get_absolute_url()):
        assert 'href="/partner/deals/"' in c.get(url).content.decode(), url
    c.force_login(world.bob)
    assert 'href="/partner/deals/"' not in c.get(world.mission.get_absolute_url()).content.decode()


def test_it_shows_the_bank_whom_it_is_asked_to_finance(world, record, login):
    asking = record(value_idr=2_000_000_000, commodity="Kopi arabika", wants_financing=True)
    record(value_idr=300_000_000, commodity="Kopi robusta")  # the same businesses, earlier
    page = login(world.dave).get(f"/missions/{world.mission.pk}/deals/{asking.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="applicants"' in html
    assert world.kopi.nib in html and world.kopi.phone in html and world.kopi.email in html
    assert "1 transaksi terhitung" in html and "Kopi robusta" in html
    # a deal that asks the bank nothing stays closed to it
    plain = record(value_idr=5_000_000, commodity="Teh")
    assert (
        login(world.dave).get(f"/missions/{world.mission.pk}/deals/{plain.pk}/").status_code == 403
    )
