"""Screenshots of the main pages for docs/screenshots/, from a running demo.

DATA_DIR=/tmp/shots .venv/bin/misidagang demo  (in another shell, PORT=8000)
.venv/bin/python scripts/screenshots.py http://127.0.0.1:8000
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs/screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        desk = browser.new_context(viewport={"width": 1280, "height": 900})
        page = desk.new_page()
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_username", "organiser")
        page.fill("#id_password", "demo-organiser")
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        page.goto(f"{base}/")
        page.screenshot(path=str(OUT / "home.png"), full_page=False)
        link = page.locator("a", has_text="Misi Dagang Jawa Timur – Sumatera Selatan").first
        href = link.get_attribute("href") or ""
        mission = re.sub(r"\D", "", href)
        for name, path in [
            ("mission", f"/missions/{mission}/"),
            ("directory", "/directory/?commodity=kopi"),
            ("business", "/businesses/1/"),
            ("business-edit", "/businesses/1/edit/"),
            ("api-docs", "/api/v1/docs"),
        ] + [(n, u.format(m=mission)) for n, u in EXTRA]:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)
        phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
        page = phone.new_page()
        page.goto(f"{base}/missions/{mission}/")
        page.screenshot(path=str(OUT / "mission-phone.png"), full_page=False)
        browser.close()


# Pages of later features, added as they land: (file name, path with {m} for the mission id).
EXTRA: list[tuple[str, str]] = [
    ("matching", "/missions/{m}/matching/"),
    ("temu-bisnis", "/missions/{m}/temu/"),
    ("temu-board", "/missions/{m}/temu/now/"),
    ("deal-desk", "/missions/{m}/deals/desk/"),
    ("deals", "/missions/{m}/deals/"),
    ("live", "/missions/{m}/live/"),
    ("mission-report", "/missions/{m}/report/"),
    ("followup", "/missions/{m}/followup/"),
    ("agreements", "/agreements/"),
    ("program-report", "/reports/program"),
]

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
