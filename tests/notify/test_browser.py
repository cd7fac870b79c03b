"""In Debian's chromium on a 390 px phone: the bell with its unread count, the notifications
page, and opening one marks it read. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re

import pytest

from misidagang.meetings import services as meetings
from tests.browsing import needs_chromium, shot

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.mark.django_db(transaction=True)
def test_the_bell_and_the_notifications_page_on_a_phone(world, live_server, browser):
    for other in (world.p_pempek,):
        req = meetings.request_create(
            mission=world.mission, requester=other, counterpart=world.p_kopi, actor=world.bob
        )
    meetings.request_cancel(request=req, actor=world.bob)
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID").new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "carol")
    page.fill("input[name=password]", "pw-carol")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"^(?!.*login).*$"))
    assert page.text_content("[data-testid=bell-count]") == "2"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    shot(page, "notify-bell")
    page.click("[data-testid=bell]")
    page.wait_for_url(re.compile(r".*/notifications/$"))
    items = page.locator("[data-testid=notifications] li")
    assert items.count() == 2
    assert "meminta temu bisnis dengan Anda" in page.text_content("[data-testid=notifications]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "notify-page")
    page.locator("[data-testid=notifications] li.unread button").last.click()
    page.wait_for_url(re.compile(r".*/temu/requests/$"))
    assert page.text_content("[data-testid=bell-count]") == "1"
    page.goto(live_server.url + "/notifications/preferences/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "notify-preferences")
