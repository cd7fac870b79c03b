from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.test import Client

PO = Path(__file__).resolve().parents[2] / "misidagang/locale/en/LC_MESSAGES/django.po"


def test_it_has_an_english_translation_for_every_message():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po if not e.translated() and not e.obsolete]
    assert untranslated == []
    assert len(po) > 300


@pytest.mark.django_db
def test_it_switches_pages_to_english_and_back(world):
    c = Client()
    assert "Direktori pelaku usaha" in c.get("/directory/").content.decode()
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Business directory" in c.get("/directory/").content.decode()
    c.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert "Direktori pelaku usaha" in c.get("/directory/").content.decode()


@pytest.mark.django_db
def test_it_answers_api_errors_in_the_callers_language(world, token_for):
    url = f"/api/v1/missions/{world.mission.pk}/participants/{world.p_pempek.pk}"
    headers = token_for(world.alice)
    body = {"status": "nope"}
    r = Client().patch(url, body, content_type="application/json", **headers)
    assert r.json()["detail"] == "Status tidak dikenal."
    r = Client().patch(
        url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **headers
    )
    assert r.json()["detail"] == "Unknown status."


@pytest.mark.django_db
def test_it_gives_every_page_its_own_title(world, login):
    import re

    m, b = world.mission.pk, world.kopi.pk
    pages = {
        "alice": [
            "/",
            f"/missions/{m}/edit/",
            f"/missions/{m}/participants/new/",
            f"/businesses/{b}/edit/",
            "/profile/",
            "/accounts/password_change/",
        ],
        None: ["/accounts/login/", "/accounts/password_reset/"],
    }
    generic = "<title>Misi Dagang · misidagang</title>"
    titles = set()
    for who, paths in pages.items():
        client = login(world.alice if who else None)
        for path in paths:
            html = client.get(path).content.decode()
            assert generic not in html, path
            titles.add(re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip())
    assert len(titles) == sum(len(p) for p in pages.values())  # each page its own
