"""Counted phrases ("1 bulan" / "3 bulan") have distinct singular and plural msgids with
English for both, so English mode never says "1 months"."""

from __future__ import annotations

import gettext
import importlib.util
import json
import re
from pathlib import Path

import polib
import pytest
from django.test import Client

from misidagang.agreements import followup

ROOT = Path(__file__).resolve().parents[2]
OURS = [ROOT / "misidagang/templates" / app for app in ("meetings", "reports", "agreements")]
COUNTED = re.compile(
    r"{% blocktranslate[^%]*\bcount\b[^%]*%}(.*?){% plural %}(.*?){% endblocktranslate %}", re.S
)


def msgid(text: str) -> str:
    return re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", text)


def counted_phrases() -> list[tuple[str, str]]:
    return [
        (msgid(a), msgid(b))
        for folder in OURS
        for path in sorted(folder.glob("*.html"))
        for a, b in COUNTED.findall(path.read_text())
    ]


def english_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for path in sorted((ROOT / "scripts/en").glob("*.json")):
        table.update(json.loads(path.read_text()))
    return table


def test_it_writes_every_counted_phrase_with_a_distinct_singular_and_english_for_both():
    phrases = counted_phrases()
    assert ("1 bulan", "%(m)s bulan") in phrases
    table = english_table()
    for singular, plural in phrases:
        assert singular != plural, singular
        assert singular in table and plural in table, singular
        assert table[singular] != table[plural], singular


def test_it_builds_an_english_catalogue_that_says_1_month_and_3_months(tmp_path):
    """scripts/po_fill.py, pointed at a small catalogue of our counted phrases."""
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for singular, plural in counted_phrases():
        po.append(polib.POEntry(msgid=singular, msgid_plural=plural, msgstr_plural={0: "", 1: ""}))
    po.save(str(tmp_path / "django.po"))
    spec = importlib.util.spec_from_file_location("po_fill", ROOT / "scripts/po_fill.py")
    po_fill = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(po_fill)
    po_fill.PO = tmp_path / "django.po"
    assert po_fill.main() == 0
    with (tmp_path / "django.mo").open("rb") as fh:
        en = gettext.GNUTranslations(fh)
    months = [en.ngettext("1 bulan", "%(m)s bulan", n) % {"m": n} for n in (1, 3)]
    assert months == ["1 month", "3 months"]
    late = en.ngettext("terlambat 1 hari kerja", "terlambat %(n)s hari kerja", 1) % {"n": 1}
    assert late == "1 working day late"


@pytest.mark.django_db
def test_it_shows_1_bulan_and_3_bulan_on_the_follow_up_page(world):
    followup.followup_rounds_set(mission=world.mission, months=[1, 3], actor=world.alice)
    c = Client()
    c.force_login(world.alice)
    page = c.get(f"/missions/{world.mission.pk}/followup/").content.decode()
    assert "1 bulan ·" in page and "3 bulan ·" in page
