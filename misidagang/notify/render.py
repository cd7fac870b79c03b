"""Writing a notification: its kind's templates (subject, text, HTML) in the row's language,
with its times in the mission's zone."""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

STOP_SALT = "misidagang.notify.stop"


@dataclass(frozen=True)
class Written:
    subject: str
    text: str
    html: str


def _times(value: Any, tz: zoneinfo.ZoneInfo) -> Any:
    """ISO strings under keys ending in `_at` back to datetimes in the mission's zone."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k.endswith("_at") and isinstance(v, str) and v:
                try:
                    out[k] = datetime.fromisoformat(v).astimezone(tz)
                    continue
                except ValueError:
                    pass
            out[k] = _times(v, tz)
        return out
    if isinstance(value, list):
        return [_times(v, tz) for v in value]
    return value


def stop_token(channel: str, address: str) -> str:
    return signing.dumps({"c": channel, "a": address}, salt=STOP_SALT, compress=True)


def stop_url(channel: str, address: str) -> str:
    return absolute(reverse("notify_stop", args=[stop_token(channel, address)]))


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")) or not path:
        return path
    return settings.SITE_URL.rstrip("/") + path


def context_for(row: Any) -> dict[str, Any]:
    zone = row.context.get("zone") or settings.TIME_ZONE
    tz = zoneinfo.ZoneInfo(zone)
    ctx = _times(row.context, tz)
    ctx["url"] = absolute(row.context.get("url", ""))
    ctx["site_name"] = settings.SITE_NAME
    ctx["channel"] = row.channel
    if row.channel in ("email", "whatsapp"):
        ctx["stop_url"] = stop_url(row.channel, row.address)
    ctx["preferences_url"] = absolute(reverse("notify_preferences"))
    return ctx


def write(row: Any, *, html: bool = True) -> Written:
    """The row's subject, text and (for e-mail) HTML."""
    ctx = context_for(row)
    zone = row.context.get("zone") or settings.TIME_ZONE
    base = f"notify/{row.kind}/"
    with translation.override(row.language or "id"), timezone.override(zoneinfo.ZoneInfo(zone)):
        subject = " ".join(render_to_string(base + "subject.txt", ctx).split())
        text = re.sub(r"\n{3,}", "\n\n", render_to_string(base + "body.txt", ctx)).strip() + "\n"
        body_html = render_to_string(base + "body.html", ctx) if html else ""
    return Written(subject, text, body_html)


def clock(moment: datetime) -> str:
    """'08.00 WIB': a time in the zone being written in (the mission's)."""
    from misidagang.missions.models import ZONES

    zone = timezone.get_current_timezone_name()
    return f"{timezone.localtime(moment):%H.%M} {ZONES.get(zone, zone)}"


def day(moment: datetime) -> str:
    """'Kamis, 10 Desember 2026' in the language being written in."""
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "l, j F Y")


def whatsapp_variables(row: Any) -> list[str]:
    """The approved template's variables for the row, in its language and zone; the last one
    is always the opt-out link."""
    from misidagang.notify import kinds

    kind = kinds.REGISTRY.get(row.kind)
    ctx = context_for(row)
    zone = row.context.get("zone") or settings.TIME_ZONE
    with translation.override(row.language or "id"), timezone.override(zoneinfo.ZoneInfo(zone)):
        values = [str(v) for v in kind.whatsapp(ctx)] if kind and kind.whatsapp else []
    return [*values, ctx.get("stop_url", "")]
