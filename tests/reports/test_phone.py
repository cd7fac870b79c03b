"""In Debian's chromium on a 390 px phone: the reports never scroll sideways and chart text
is at least 11 px. Screenshots go to test-artifacts/."""

from __future__ import annotations

import os

import pytest

from misidagang.deals.services import deal_record
from tests.browsing import ARGS, ARTIFACTS, CHROMIUM, needs_chromium

SMALLEST_TEXT = (
    "Math.min(...Array.from(document.querySelectorAll('svg.chart text'))"
    ".map(t => t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize)))"
)

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


@pytest.mark.django_db(transaction=True)
def test_it_fits_the_mission_and_program_reports_on_a_phone(live_server, ledger, world):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    world.mission.status = "running"
    world.mission.save()
    deal_record(
        mission=world.mission,
        actor=world.bob,
        source="desk",
        seller=world.kopi,
        buyer=world.pempek,
        commodity="Gula kristal putih untuk industri makanan dan minuman olahan",
        hs="170199",
        value_idr=12_345_678_901_234,
    )
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        for name, path in (
            ("report-mission-phone", f"/missions/{world.mission.pk}/report/"),
            ("report-program-phone", "/reports/program"),
        ):
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
            assert page.evaluate(SMALLEST_TEXT) >= 11, path
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        # The value column of a stacked row is on screen, not cut off.
        cell = page.goto(live_server.url + f"/missions/{world.mission.pk}/report/")
        assert cell is not None and cell.ok
        value = page.locator("[data-testid=by-commodity] td[data-label]").nth(2)
        box = value.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390
        browser.close()
