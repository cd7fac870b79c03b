"""The demo's part of notifications: every business of the demo mission has opted in to
WhatsApp (marked as demo data, source "demo"), so the demo shows messages going out."""

from __future__ import annotations

from django.utils import timezone

from misidagang.missions.models import Mission
from misidagang.notify.models import Consent


def load_demo_consent(mission: Mission) -> int:
    """Opt the mission's businesses' WhatsApp numbers in; returns how many are new.
    Idempotent; a number that opted out stays out."""
    numbers = set(
        mission.participants.exclude(business__whatsapp="").values_list(
            "business__whatsapp", flat=True
        )
    )
    known = set(
        Consent.objects.filter(channel="whatsapp", address__in=numbers).values_list(
            "address", flat=True
        )
    )
    now = timezone.now()
    Consent.objects.bulk_create(
        [
            Consent(
                channel="whatsapp",
                address=n,
                opted_in=True,
                opted_in_at=now,
                opted_in_source="demo",
                is_demo=True,
            )
            for n in sorted(numbers - known)
        ]
    )
    return len(numbers - known)
