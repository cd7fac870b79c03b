"""An iCalendar (RFC 5545) agenda in the mission's own zone, and the check-in QR as SVG.
No Django here: plain data in, text out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import qrcode
import qrcode.image.svg


@dataclass(frozen=True)
class Event:
    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    location: str
    description: str = ""


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545 §3.1)."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, cut = [], 75
    while raw:
        chunk = raw[:cut]
        while True:  # never split a UTF-8 sequence
            try:
                parts.append(chunk.decode())
                break
            except UnicodeDecodeError:
                chunk = chunk[:-1]
        raw = raw[len(chunk) :]
        cut = 74
    return "\r\n ".join(parts)


def _offset(zone: ZoneInfo) -> str:
    delta = datetime(2000, 1, 1, tzinfo=zone).utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta else 0
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def calendar(events: Iterable[Event], *, zone: str, name: str, abbr: str) -> str:
    """A VCALENDAR whose times carry TZID=<zone>; Indonesian zones have no daylight saving,
    so the VTIMEZONE is one STANDARD rule."""
    tz = ZoneInfo(zone)
    off = _offset(tz)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//misidagang//temu bisnis//ID",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        f"X-WR-TIMEZONE:{zone}",
        "BEGIN:VTIMEZONE",
        f"TZID:{zone}",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        f"TZOFFSETFROM:{off}",
        f"TZOFFSETTO:{off}",
        f"TZNAME:{abbr}",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;TZID={zone}:{e.starts_at.astimezone(tz):%Y%m%dT%H%M%S}",
            f"DTEND;TZID={zone}:{e.ends_at.astimezone(tz):%Y%m%dT%H%M%S}",
            f"SUMMARY:{_escape(e.summary)}",
            f"LOCATION:{_escape(e.location)}",
        ]
        if e.description:
            lines.append(f"DESCRIPTION:{_escape(e.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def qr_svg(data: str) -> str:
    """The QR code of `data` as an inline <svg> element (no XML declaration)."""
    img = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    text: str = img.to_string(encoding="unicode")
    return text[text.index("<svg") :]
