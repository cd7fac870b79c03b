"""The whole ledger of a mission to Excel and CSV, for its organisers and clerks: every row with
stage, direction, parties (NIB, regency), HS, value and financing state; the counted rows sum to
the screen's total; text that looks like a formula stays text."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from misidagang.deals import services
from misidagang.deals.models import Source
from misidagang.deals.tally import mission_tally

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(world, record):  # type: ignore[no-untyped-def]
    a = record(value_idr=1_500_000_000, commodity="Kopi arabika", wants_financing=True)
    record(value_idr=250_000_000, commodity='=HYPERLINK("http://x","klik")')
    pending = record(value_idr=9_000, actor=world.carol, source=Source.BUSINESS)
    voided = record(value_idr=77_000)
    services.deal_void(deal=voided, actor=world.bob, reason="Ganda")
    services.financing_decide(
        deal=a,
        actor=world.dave,
        institution=world.bank,
        status="approved",
        amount_idr=1_000_000_000,
    )
    return a, pending, voided


def test_it_exports_every_row_of_the_ledger_to_excel(world, ledger, client_for):
    r = client_for("alice").get(f"/missions/{world.mission.pk}/deals/export.xlsx")
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(2)]
    assert len(rows) == 4  # counted, counted, pending, voided: nothing left out
    assert {r["Status"] for r in rows} == {"dihitung", "menunggu konfirmasi", "dibatalkan"}
    counted = sum(r["Nilai transaksi (Rp)"] for r in rows if r["Status"] == "dihitung")
    assert counted == mission_tally(world.mission)["total_idr"] == 1_750_000_000
    kopi = next(r for r in rows if r["Komoditas"] == "Kopi arabika")
    assert kopi["NIB penjual"] == world.kopi.nib and kopi["Kab/kota penjual"]
    assert kopi["Pembeli"] == world.pempek.display_name and kopi["Arah"] == "Jual"
    assert "Bank Jatim" in kopi["Pembiayaan bank"] and "1.000.000.000" in kopi["Pembiayaan bank"]
    formula = next(c for c in sheet["L"][1:] if str(c.value).startswith("="))
    assert formula.data_type == "s"  # a string, never a live formula


def test_it_exports_the_same_rows_to_csv_with_formulas_defused(world, ledger, client_for):
    r = client_for("bob").get(f"/missions/{world.mission.pk}/deals/export.csv")
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == 4
    assert any(row["Komoditas"].startswith("'=HYPERLINK") for row in rows)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anon", 302),
        ("alice", 200),
        ("bob", 200),
        ("carol", 403),
        ("dave", 403),
        ("erin", 403),
        ("mallory", 403),
    ],
)
def test_it_gives_the_ledger_only_to_the_missions_staff(world, ledger, client_for, who, status):
    r = client_for(who).get(f"/missions/{world.mission.pk}/deals/export.csv")
    assert r.status_code == status
