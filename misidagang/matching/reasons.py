"""The engine's reasons ("HS 0901 sama", "kapasitas cukup", "bersertifikat halal") in the
reader's language. The engine writes them in Indonesian with no Django; pages translate them
here, at display time. Product words in a reason ("kopi arabika") stay as the businesses wrote
them."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _

PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^HS (\d+) sama$"), lambda m: _("HS %(code)s sama") % {"code": m[1]}),
    (re.compile(r"^bab HS (\d+) sama$"), lambda m: _("bab HS %(code)s sama") % {"code": m[1]}),
    (
        re.compile(r"^belum bersertifikat (\S+)$"),
        lambda m: _("belum bersertifikat %(label)s") % {"label": m[1]},
    ),
    (
        re.compile(r"^bersertifikat (\S+)$"),
        lambda m: _("bersertifikat %(label)s") % {"label": m[1]},
    ),
    (re.compile(r"^kapasitas cukup$"), lambda m: _("kapasitas cukup")),
    (
        re.compile(r"^kapasitas (\d+)% dari kebutuhan$"),
        lambda m: _("kapasitas %(pct)s%% dari kebutuhan") % {"pct": m[1]},
    ),
    (re.compile(r"^saling membutuhkan$"), lambda m: _("saling membutuhkan")),
]


def translate_reason(text: str) -> str:
    for pattern, write in PATTERNS:
        match = pattern.match(text)
        if match:
            return write(match)
    return text
