from __future__ import annotations

import pytest

from misidagang.missions.demo import load_demo
from misidagang.notify.demo import load_demo_consent
from misidagang.notify.models import Consent


@pytest.mark.django_db
def test_the_demo_businesses_have_opted_in_to_whatsapp_as_demo_data():
    mission = load_demo().mission
    n = load_demo_consent(mission)
    assert n > 100 and load_demo_consent(mission) == 0
    consent = Consent.objects.first()
    assert consent.opted_in and consent.is_demo and consent.opted_in_source == "demo"
