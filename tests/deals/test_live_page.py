"""The live screen's page (not its stream): readable on a phone, in the reader's language,
with a way back to the mission."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_labels_the_live_screen_in_the_readers_language_with_a_way_back(world, record):
    record()
    c = Client()
    url = f"/missions/{world.mission.pk}/live/"
    html = c.get(url).content.decode()
    assert f'href="{world.mission.get_absolute_url()}"' in html
    assert "per pukul" in html
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = c.get(url).content.decode()
    per = english[english.index('data-testid="live-per"') :][:200]
    assert "as of" in per and "per pukul" not in per
