from __future__ import annotations

import csv
import io
import json
import os
from importlib import resources

import pytest
from django.test import Client
from openpyxl import load_workbook

from misidagang.missions.demo import load_history
from misidagang.missions.models import Mission
from misidagang.reports.program import program_report

pytestmark = pytest.mark.django_db
SHARED_CSV = os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "shared", "data", "misi_dagang_jatim_history.csv"
)


def shipped_history() -> list[dict]:
    text = resources.files("misidagang.missions").joinpath("data/jatim_history.json").read_text()
    return json.loads(text)["missions"]


def test_it_sums_the_shipped_history_exactly(db):
    load_history()
    rows = shipped_history()
    report = Client().get("/api/v1/reports/program").json()
    assert report["missions"] == len(rows)
    assert report["total_idr"] == sum(r["total_idr"] or 0 for r in rows)
    years: dict[int, list[int]] = {}
    for r in rows:
        years.setdefault(int(r["date"][:4]), []).append(r["total_idr"] or 0)
    assert [(y["year"], y["missions"], y["total_idr"]) for y in report["by_year"]] == [
        (y, len(v), sum(v)) for y, v in sorted(years.items())
    ]
    assert report["by_year"][-1]["cumulative_idr"] == report["total_idr"]
    assert sum(p["total_idr"] for p in report["by_province"]) == report["total_idr"]


@pytest.mark.skipif(not os.path.exists(SHARED_CSV), reason="shared history CSV not present")
def test_it_matches_the_published_history_csv_row_for_row(db):
    load_history()
    with open(SHARED_CSV, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    report = program_report()
    assert report["missions"] == len(rows)
    assert report["total_idr"] == sum(int(r["transaction_idr"] or 0) for r in rows)
    by_province: dict[str, int] = {}
    for r in rows:
        by_province[r["host_province_code"]] = by_province.get(r["host_province_code"], 0) + int(
            r["transaction_idr"] or 0
        )
    assert {p["code"]: p["total_idr"] for p in report["by_province"]} == by_province


def test_it_combines_history_and_ledger_and_says_which_is_which(ledger, world):
    report = Client().get("/api/v1/reports/program").json()
    history_total = sum(r["total_idr"] or 0 for r in shipped_history())
    # Confirmed, non-voided deals only: kopi and pouch; the voided and the pending do not count.
    assert report["total_idr"] == history_total + 1_250_000_000 + 300_000_000
    assert report["ledger"] == {
        "missions": 1,
        "committed_idr": 1_550_000_000,
        "realised_idr": 500_000_000,
    }
    mine = [m for m in report["missions_list"] if m["id"] == world.mission.pk][0]
    assert mine["source"] == "buku" and mine["transactions"] == 2
    assert mine["sell_idr"] == 1_250_000_000 and mine["buy_idr"] == 300_000_000
    assert {m["source"] for m in report["missions_list"]} == {"riwayat", "buku"}
    y2026 = [y for y in report["by_year"] if y["year"] == 2026][0]
    assert y2026["ledger_committed_idr"] == 1_550_000_000 and y2026["realised_idr"] == 500_000_000
    kopi = [c for c in report["ledger_commodities"] if c["hs"] == "0901"][0]
    assert kopi["total_idr"] == 1_250_000_000 and kopi["deals"] == 1
    beras = [c for c in report["history_commodities"] if c["commodity"] == "beras"][0]
    assert beras["missions"] >= 10


def test_it_leaves_drafts_and_missions_without_deals_out(world):
    load_history()
    n = Mission.objects.filter(is_historical=True).count()
    assert Client().get("/api/v1/reports/program").json()["missions"] == n


def test_it_renders_the_page_with_accessible_svg_charts_and_print_styles(ledger):
    page = Client().get("/reports/program").content.decode()
    assert page.count('<svg class="chart') == 3 and 'role="img"' in page
    assert '<title id="years-t">Nilai transaksi per tahun</title>' in page
    assert "css/reports.css" in page
    assert "riwayat" in page and "buku transaksi" in page
    assert "Siti" not in page and "0812" not in page  # no personal data


def test_it_exports_a_workbook_a_spreadsheet_can_pivot(ledger):
    r = Client().get("/reports/program.xlsx")
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment;")
    book = load_workbook(io.BytesIO(r.content))
    assert book.sheetnames == ["Misi", "Per tahun", "Per provinsi", "Per komoditas"]
    sheet = book["Misi"]
    header = [c.value for c in sheet[1]]
    assert header[0] == "Tahun" and "Nilai transaksi (Rp)" in header
    assert not sheet.merged_cells.ranges
    col = header.index("Nilai transaksi (Rp)")
    values = [row[col].value for row in sheet.iter_rows(min_row=2)]
    assert all(v is None or isinstance(v, int) for v in values)
    report = program_report()
    assert sum(v or 0 for v in values) == report["total_idr"]
    assert sheet.cell(row=2, column=col + 1).number_format == "#,##0"
    years = book["Per tahun"]
    assert [c.value for c in years[1]][:3] == ["Tahun", "Misi", "Nilai transaksi (Rp)"]
    assert isinstance(years.cell(row=2, column=1).value, int)


def test_it_exports_csv_tables_with_a_bom_and_refuses_unknown_ones(ledger):
    r = Client().get("/reports/program.csv?table=provinces")
    text = r.content.decode("utf-8")
    assert text.startswith("\ufeffKode provinsi,Provinsi mitra")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert sum(int(row[3]) for row in rows[1:]) == program_report()["total_idr"]
    assert Client().get("/reports/program.csv?table=rahasia").status_code == 404
    assert Client().get("/reports/program.pdf").status_code == 404
