from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.test import Client
from openpyxl import load_workbook

from misidagang.agreements.models import Agreement, AgreementParty
from misidagang.missions.models import Organisation

pytestmark = pytest.mark.django_db
ROLES = ["anon", "alice", "bob", "carol", "dave", "erin", "mallory"]


def test_it_reports_a_mission_by_stage_direction_region_and_facilitator(ledger, world):
    world.p_kopi.facilitator = world.bank
    world.p_kopi.save()
    mou = Agreement.objects.create(
        title="MoU dagang Jatim–Sumsel",
        kind="mou",
        signed_on=date(2026, 12, 10),
        mission=world.mission,
    )
    sumsel = Organisation.objects.create(name="Pemprov Sumsel", kind="government")
    AgreementParty.objects.create(agreement=mou, organisation=world.bank)
    AgreementParty.objects.create(agreement=mou, organisation=sumsel)
    page = Client().get(f"/missions/{world.mission.pk}/report/").content.decode()
    assert "Rp\xa01.550.000.000" in page  # the voided and unconfirmed deals do not count
    assert "MoU dagang Jatim–Sumsel" in page and "Bank Jatim" in page
    assert "Kabupaten Bondowoso" in page  # the delegation business's regency (35.11)
    assert "Siti" not in page and "0812" not in page and "siti@example.id" not in page
    assert page.count('<svg class="chart') == 2


def test_it_exports_the_mission_report_as_typed_tables(ledger, world):
    r = Client().get(f"/missions/{world.mission.pk}/report.xlsx")
    book = load_workbook(io.BytesIO(r.content))
    assert "Per tahap" in book.sheetnames and "10 transaksi terbesar" in book.sheetnames
    stages = {row[0].value: row[2].value for row in book["Per tahap"].iter_rows(min_row=2)}
    assert stages == {"Komitmen": 300_000_000, "Kontrak": 0, "Realisasi": 1_250_000_000}
    top = book["10 transaksi terbesar"]
    assert [c.value for c in top[2]][6] == 1_250_000_000
    assert not top.merged_cells.ranges
    text = Client().get(f"/missions/{world.mission.pk}/report.csv?table=directions")
    rows = list(csv.reader(io.StringIO(text.content.decode().lstrip("\ufeff"))))
    assert rows[0] == ["Arah", "Transaksi", "Nilai transaksi (Rp)", "Realisasi (Rp)"]
    assert rows[1] == ["Jual", "1", "1250000000", "500000000"]


def test_it_guards_the_mission_report_for_every_role(world, client_for):
    m, o = world.mission.pk, world.other.pk
    expected = {
        f"/missions/{m}/report/": dict.fromkeys(ROLES, 200),
        f"/missions/{m}/report.xlsx": dict.fromkeys(ROLES, 200),
        f"/missions/{m}/report.csv?table=top": dict.fromkeys(ROLES, 200),
        f"/missions/{o}/report/": {**dict.fromkeys(ROLES, 404), "mallory": 200},
        f"/missions/{o}/report.xlsx": {**dict.fromkeys(ROLES, 404), "mallory": 200},
        f"/missions/{m}/report.csv?table=secret": dict.fromkeys(ROLES, 404),
    }
    failures = []
    for url, statuses in expected.items():
        for who in ROLES:
            got = client_for(who).get(url).status_code
            if got != statuses[who]:
                failures.append(f"{who} {url}: {got} != {statuses[who]}")
    assert failures == []


def test_it_links_report_agreements_and_follow_up_from_the_mission_page(world, client_for):
    anon = Client().get(f"/missions/{world.mission.pk}/").content.decode()
    assert f"/missions/{world.mission.pk}/report/" in anon
    assert "/followup/" not in anon
    clerk = client_for("bob").get(f"/missions/{world.mission.pk}/").content.decode()
    assert f"/missions/{world.mission.pk}/followup/" in clerk
