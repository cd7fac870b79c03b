"""The transports, one per channel, imported only when a channel is used (healthchecks keeps
such a map in hc/api/models.py)."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings

from misidagang.notify.transports.base import Transport, TransportError

TRANSPORTS = {
    "email": "misidagang.notify.transports.email.Email",
    "whatsapp": "misidagang.notify.transports.whatsapp.WhatsApp",
    "console": "misidagang.notify.transports.console.Console",
}

__all__ = ["Transport", "TransportError", "TRANSPORTS", "for_channel", "whatsapp_on"]


def _load(dotted: str) -> type[Transport]:
    module, _, name = dotted.rpartition(".")
    cls: type[Transport] = getattr(import_module(module), name)
    return cls


def whatsapp_on() -> bool:
    """The Cloud API is configured (token and sender number), or the console stands in."""
    return bool(settings.WHATSAPP_TOKEN and settings.WHATSAPP_PHONE_NUMBER_ID) or bool(
        settings.WHATSAPP_CONSOLE
    )


def for_channel(channel: str) -> type[Transport]:
    if channel == "whatsapp" and not (
        settings.WHATSAPP_TOKEN and settings.WHATSAPP_PHONE_NUMBER_ID
    ):
        return _load(TRANSPORTS["console"])
    return _load(TRANSPORTS[channel])
