"""A person on a phone: logs in, opens the demo mission, searches the directory, edits a
business and sees the change."""

from __future__ import annotations

import pytest

from misidagang.directory.models import Business
from misidagang.missions.demo import DEMO_MISSION, load_demo
from tests.browsing import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_walks_through_the_demo_on_a_phone(live_server, page):
    demo = load_demo()
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "business")
    page.fill("#id_password", demo.passwords["business"])
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")
    shot(page, "home")

    page.click(f"text={DEMO_MISSION}")
    assert page.locator("[data-testid=count-delegation]").inner_text() == "46"
    assert page.locator("[data-testid=count-host]").inner_text() == "115"
    page.select_option("#id_side", "host")
    page.click("form.filters button[type=submit]")
    rows = page.locator("[data-testid=participants] tbody tr")
    assert rows.count() == 50  # first page of 115 host businesses
    shot(page, "mission")

    page.click("nav >> text=Direktori")
    page.fill("#id_commodity", "0901")
    page.select_option("#id_role", "offer")
    page.click("form.filters button[type=submit]")
    results = page.locator("[data-testid=directory-results] > li")
    assert results.count() > 0
    assert "kopi" in results.first.inner_text().lower()
    shot(page, "directory")

    own = Business.objects.get(users__username="business")
    page.goto(f"{base}/businesses/{own.pk}/")
    page.click("text=Ubah profil")
    page.fill("#id_description", "Kami memasok beras premium dari Ngawi.")
    page.fill("#id_nib", "123")
    page.click("form button.btn[type=submit]")
    assert "NIB harus terdiri dari 13 angka." in page.content()
    shot(page, "business-edit-error")
    page.fill("#id_nib", "9120000000001")
    page.click("form button.btn[type=submit]")
    page.wait_for_url(f"{base}/businesses/{own.pk}/")
    assert "Kami memasok beras premium dari Ngawi." in page.content()
    own.refresh_from_db()
    assert own.nib == "9120000000001"
    shot(page, "business")
