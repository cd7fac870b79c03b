"""Playwright driving Debian's chromium: the one `browser` fixture (registered in
tests/conftest.py), the `page` on a phone and `shot()` for screenshots. Browser tests are
skipped, with a message, where chromium is absent.

Function-scoped: Playwright's sync API keeps an event loop running while it is open, so a
browser left open across tests would break other tests' own Playwright sessions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
needs_chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=MISSING)


@pytest.fixture
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(MISSING)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between page actions are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 414, "height": 860}, locale="id-ID")
    pg = context.new_page()
    yield pg
    context.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
