"""Per-commodity figures group the ledger by HS heading, named in Indonesian."""

from __future__ import annotations

import pytest
from django.test import Client

from misidagang.deals.services import deal_record
from misidagang.reports.commodities import group_by_heading
from misidagang.reports.mission import mission_report
from misidagang.reports.program import program_report

pytestmark = pytest.mark.django_db


def row(hs, commodity, total, n=1, realised=0):
    return {"hs": hs, "commodity": commodity, "total": total, "n": n, "realised": realised}


def test_it_groups_one_heading_under_its_catalogue_name():
    rows = group_by_heading(
        [
            row("170199", "Gula", 100, realised=40),
            row("170199", "Gula kristal putih", 50, n=2),
            row("", "gula aren", 70),
            row("", "Gula  Aren", 10),
        ]
    )
    assert rows == [
        {
            "commodity": "Gula kristal putih (GKP)",  # all share 170199: its own name
            "hs": "1701",
            "deals": 3,
            "total_idr": 150,
            "realised_idr": 40,
        },
        {"commodity": "gula aren", "hs": "", "deals": 2, "total_idr": 80, "realised_idr": 0},
    ]


def test_it_names_mixed_codes_by_the_heading_and_falls_back_to_the_deals_words():
    mixed = group_by_heading([row("170199", "gula putih", 10), row("170114", "raw sugar", 30)])
    assert [(r["commodity"], r["hs"], r["deals"]) for r in mixed] == [("Gula tebu", "1701", 2)]
    # No Indonesian name in the catalogue (its English description is not used).
    power = group_by_heading([row("271600", "Listrik PLTS", 5), row("271600", "listrik", 3)])
    assert [r["commodity"] for r in power] == ["Listrik PLTS"]


@pytest.fixture
def sugar(world):
    def record(commodity, hs, value):
        return deal_record(
            mission=world.mission,
            actor=world.bob,
            source="desk",
            seller=world.kopi,
            buyer=world.pempek,
            commodity=commodity,
            hs=hs,
            value_idr=value,
        )[0]

    return [
        record("Gula", "170199", 400_000_000),
        record("Gula kristal putih", "170199", 250_000_000),
        record("kopi arabika green bean", "090111", 300_000_000),
    ]


def test_it_shows_one_sugar_row_in_the_mission_report_and_its_exports(world, sugar):
    rows = mission_report(world.mission)["by_commodity"]
    assert [(r["label"], r["hs"], r["deals"], r["total_idr"]) for r in rows] == [
        ("Gula kristal putih (GKP)", "1701", 2, 650_000_000),
        ("Kopi biji mentah (green bean)", "0901", 1, 300_000_000),
    ]
    page = Client().get(f"/missions/{world.mission.pk}/report/").content.decode()
    table = page[page.index('data-testid="by-commodity"') :]
    table = table[: table.index("</table>")]
    assert table.count("<tr>") == 3 and "Gula kristal putih (GKP)" in table
    assert ">Gula<" not in table
    csv = Client().get(f"/missions/{world.mission.pk}/report.csv?table=commodities")
    assert "Gula kristal putih (GKP),2,650000000" in csv.content.decode()


def test_it_shows_one_sugar_row_in_the_program_ledger_part(world, sugar):
    world.mission.status = "running"
    world.mission.save()
    ledger = program_report()["ledger_commodities"]
    sugar_rows = [c for c in ledger if c["hs"] == "1701"]
    assert [(c["commodity"], c["deals"], c["total_idr"]) for c in sugar_rows] == [
        ("Gula kristal putih (GKP)", 2, 650_000_000)
    ]
