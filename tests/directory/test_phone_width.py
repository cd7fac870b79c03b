"""No page scrolls sideways on a 360 px phone, for each role of the demo (a long e-mail address,
a long business name or a wide table must wrap or scroll inside its own box). The live screen
is left out: its event stream never ends, and the test server gives each stream a thread."""

from __future__ import annotations

import pytest

from misidagang.agreements.models import Agreement
from misidagang.deals.models import Deal
from misidagang.meetings.demo import load_demo_meetings
from misidagang.missions.demo import load_demo
from tests.browsing import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]

WIDTH = 360


def pages(mission_id: int, business_id: int, deal_id: int | None, agreement_id: int | None):
    m = f"/missions/{mission_id}"
    common = [
        "/",
        "/directory/",
        f"/businesses/{business_id}/",
        f"{m}/",
        f"{m}/report/",
        "/reports/program",
        "/agreements/",
    ]
    if agreement_id:
        common.append(f"/agreements/{agreement_id}/")
    staff = [
        f"{m}/deals/",
        f"{m}/deals/desk/",
        f"{m}/temu/",
        f"{m}/temu/requests/",
        f"{m}/matching/",
        f"{m}/followup/",
        f"{m}/edit/",
        f"/businesses/{business_id}/edit/",
    ]
    if deal_id:
        staff.append(f"{m}/deals/{deal_id}/")
    return {
        "organiser": common + staff,
        "clerk": common + [f"{m}/deals/desk/", f"{m}/temu/desk/"],
        "business": common
        + [f"{m}/recommendations/", f"{m}/deals/report/", "/profile/", "/notifications/"],
        "partner": common + ["/partner/deals/"],
        "viewer": common,
    }


def test_it_fits_every_page_on_a_360_px_phone(live_server, browser):
    demo = load_demo()
    load_demo_meetings(demo.mission)
    mission = demo.mission
    business = mission.participants.select_related("business").first().business
    deal = Deal.objects.filter(mission=mission).first()
    agreement = Agreement.objects.first()
    wide = []
    for role, paths in pages(
        mission.pk, business.pk, deal.pk if deal else None, agreement.pk if agreement else None
    ).items():
        context = browser.new_context(viewport={"width": WIDTH, "height": 780}, locale="id-ID")
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", role)
        page.fill("#id_password", demo.passwords[role])
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response is not None and response.status < 500, (role, path)
            if response.status != 200:
                continue
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                wide.append((role, path, width))
        context.close()
    assert not wide, wide
