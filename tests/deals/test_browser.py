"""In a real browser (Debian's chromium): the live screen shows a new total without reload,
and a clerk records a deal at the desk with the keyboard alone in under 15 seconds.

A real uvicorn process serves the demo from its own SQLite file (SSE needs ASGI)."""

from __future__ import annotations

import json
import re
import time
import urllib.request

import pytest

from tests.browsing import needs_chromium
from tests.deals.server import app_env, manage, uvicorn_server

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):  # type: ignore[no-untyped-def]
    env = app_env(DATA_DIR=str(tmp_path_factory.mktemp("demo")))
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "loaddemo")
    token = manage(env, "createtoken", "clerk").strip()
    with uvicorn_server(env) as base:
        missions = json.loads(urllib.request.urlopen(base + "/api/v1/missions").read())
        mission = next(m for m in missions if not m["is_historical"])
        yield base, mission["id"], token


def _post_deal(base: str, mission_id: int, token: str, value: int) -> dict:  # type: ignore[type-arg]
    participants = json.loads(
        urllib.request.urlopen(
            urllib.request.Request(
                f"{base}/api/v1/missions/{mission_id}/participants",
                headers={"Authorization": f"Bearer {token}"},
            )
        ).read()
    )
    seller = next(p for p in participants if p["side"] == "delegation")
    buyer = next(p for p in participants if p["side"] == "host")
    body = {
        "seller_id": seller["business_id"],
        "buyer_id": buyer["business_id"],
        "direction": "jual",
        "hs": "0901",
        "commodity": "Kopi robusta",
        "quantity": 10,
        "unit": "ton",
        "value_idr": value,
        "stage": "komitmen",
    }
    request = urllib.request.Request(
        f"{base}/api/v1/missions/{mission_id}/deals",
        data=json.dumps(body).encode(),
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": f"browser-{value}",
        },
        method="POST",
    )
    return json.loads(urllib.request.urlopen(request).read())  # type: ignore[no-any-return]


def test_it_shows_the_new_total_on_the_live_screen_without_reload(demo_server, browser):
    base, mission_id, token = demo_server
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{base}/missions/{mission_id}/live/")
    before = page.text_content("[data-testid=live-total]")
    assert re.fullmatch(r"Rp\s[\d.]+", before.strip())
    page.wait_for_selector(".live-state.on", timeout=5000)
    page.evaluate("window.__marker = 'same page'")
    count = page.text_content("[data-testid=live-deals]").strip()
    deal = _post_deal(base, mission_id, token, 306_548_050_000)
    page.wait_for_function(
        "document.querySelector('[data-testid=live-deals]').textContent.trim() !== "
        f"{json.dumps(count)}",
        timeout=5000,
    )
    total = page.text_content("[data-testid=live-total]").replace("\u00a0", " ")
    tally = json.loads(urllib.request.urlopen(f"{base}/api/v1/missions/{mission_id}/tally").read())
    assert total == "Rp " + f"{tally['total_idr']:,}".replace(",", ".")
    assert page.evaluate("window.__marker") == "same page"  # no reload happened
    assert re.search(r"per pukul \d\d\.\d\d WIB", page.text_content("[data-testid=live-per]"))
    # The event carried only the new row; the page put it on top of the rows it already had.
    page.wait_for_selector(f"#live-ticker li[data-id='{deal['id']}']", timeout=5000)
    first = page.eval_on_selector("#live-ticker li", "el => el.dataset.id")
    rows = page.eval_on_selector_all("#live-ticker li[data-id]", "els => els.length")
    assert first == str(deal["id"]) and 1 <= rows <= 8


def test_it_lets_a_clerk_record_a_deal_by_keyboard_in_under_15_seconds(demo_server, browser):
    base, mission_id, _token = demo_server
    page = browser.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "clerk")
    page.fill("input[name=password]", "demo-clerk")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(f"{base}/missions/{mission_id}/deals/desk/")
    page.wait_for_load_state("networkidle")  # the desk is open before the buyer arrives
    names = page.eval_on_selector_all("#party-options option", "els => els.map(e => e.value)")
    assert page.evaluate("document.activeElement.name") == "seller"
    kb = page.keyboard
    started = time.monotonic()
    # A clerk's pace: about 5 keystrokes a second, whole names typed (no autocomplete help).
    for text in (names[1], names[-2], "kopi robusta", "750 jt"):
        kb.type(text, delay=200 if len(text) < 15 else 40)
        if text != "750 jt":
            kb.press("Tab")
    page.wait_for_selector("[data-testid=amount-digits]")
    assert "tujuh ratus lima puluh juta rupiah" in page.text_content("#amount-echo")
    with page.expect_navigation():
        kb.press("Enter")
    elapsed = time.monotonic() - started
    assert "Tersimpan" in page.text_content(".messages")
    print(f"desk: typed and saved in {elapsed:.1f} s")
    assert elapsed < 15, elapsed
