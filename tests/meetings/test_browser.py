"""In Debian's chromium: an organiser runs the scheduler and publishes; a business opens its
agenda on a phone. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re

import pytest

from misidagang.accounts.models import User
from misidagang.meetings.demo import load_demo_meetings
from misidagang.meetings.models import Meeting, MeetingConfig
from misidagang.missions.demo import load_demo
from tests.browsing import ARTIFACTS, needs_chromium

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


def sign_in(browser, base: str, username: str, **ctx):
    page = browser.new_context(locale="id-ID", **ctx).new_page()
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", f"demo-{username}")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"^(?!.*login).*$"))
    return page


@pytest.mark.django_db(transaction=True)
def test_it_schedules_publishes_and_shows_an_agenda_in_a_browser(live_server, browser):
    mission = load_demo().mission
    load_demo_meetings(mission)
    MeetingConfig.objects.filter(mission=mission).update(time_limit_s=3)
    ARTIFACTS.mkdir(exist_ok=True)
    base, m = live_server.url, mission.pk

    org = sign_in(browser, base, "organiser", viewport={"width": 1280, "height": 900})
    org.goto(f"{base}/missions/{m}/")
    org.click("[data-testid=meetings-setup]")
    # While the scheduler works (up to its time limit) the button says so and takes no second
    # click: the first try is stopped on its way so the button can be looked at.
    sent = []
    org.route(
        "**/temu/runs/", lambda route: (sent.append(route.request.method), route.abort("aborted"))
    )
    org.click("[data-testid=run]", no_wait_after=True)
    org.wait_for_function("document.querySelector('[data-testid=run]').disabled")
    assert org.inner_text("[data-testid=run]") == "Menjadwalkan… (maks. 3 detik)"
    org.screenshot(path=str(ARTIFACTS / "meetings-run-busy.png"))
    org.unroute("**/temu/runs/")
    assert sent == ["POST"]
    org.reload()
    org.click("[data-testid=run]")
    org.wait_for_selector("[data-testid=placed]", timeout=60_000)
    placed = org.inner_text("[data-testid=placed]")
    org.screenshot(path=str(ARTIFACTS / "meetings-run.png"))
    org.click("[data-testid=publish]")
    org.wait_for_selector("[data-testid=published]")
    assert int(placed.split("/")[0]) == Meeting.objects.filter(mission=mission).count() > 100

    biz = sign_in(browser, base, "business", viewport={"width": 390, "height": 844})
    biz.goto(f"{base}/missions/{m}/")
    biz.click("text=Agenda saya")
    biz.wait_for_selector("[data-testid=agenda]")
    me = User.objects.get(username="business").business
    expected = (
        Meeting.objects.filter(mission=mission)
        .involving(mission.participants.get(business=me))
        .count()
    )
    assert biz.locator(".agenda-item").count() == expected > 0
    assert biz.locator(".qr svg").count() == 1
    assert biz.get_attribute("[data-testid=wa]", "href").startswith("https://wa.me/?text=")
    biz.screenshot(path=str(ARTIFACTS / "meetings-agenda-mobile.png"), full_page=True)
