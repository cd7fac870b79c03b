"""Fill the English catalogue from scripts/en/*.json (msgid → English; one file per app, so
several people can add strings at once) and report what is missing.

Usage: .venv/bin/python scripts/po_fill.py  (after `make messages` has extracted new strings)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "misidagang/locale/en/LC_MESSAGES/django.po"


def main() -> int:
    table: dict[str, str] = {}
    for path in sorted((ROOT / "scripts/en").glob("*.json")):
        table.update(json.loads(path.read_text()))
    po = polib.pofile(str(PO))
    missing = []
    for entry in po:
        english = table.get(entry.msgid)
        if entry.msgid_plural:
            plural = table.get(entry.msgid_plural) or english
            if english:
                entry.msgstr_plural = {0: english, 1: plural or english}
        elif english:
            entry.msgstr = english
        if english:
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
        else:
            missing.append(entry.msgid)
    po.metadata["Language"] = "en"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    po.save_as_mofile(str(PO.with_suffix(".mo")))
    for m in missing:
        print("missing:", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
