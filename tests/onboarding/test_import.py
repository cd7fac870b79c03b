"""Importing businesses from a sheet: preview, all-or-nothing, merge, idempotency, CLI, API."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from misidagang.accounts.models import AuditLog
from misidagang.directory.models import Business, Listing
from misidagang.missions.models import Participant
from misidagang.onboarding import importing
from misidagang.onboarding.models import ColumnChoice, SheetUpload
from tests.onboarding import sheets

pytestmark = pytest.mark.django_db


def preview(world, data=None, **kw):
    return importing.import_preview(
        mission=world.mission, side="delegation", data=data or sheets.xlsx(), name="a.xlsx", **kw
    )


def commit(world, data=None, **kw):
    return importing.import_commit(
        mission=world.mission,
        side="delegation",
        data=data or sheets.xlsx(good=True),
        name="a.xlsx",
        actor=world.alice,
        **kw,
    )


def test_the_preview_names_bad_rows_as_excel_shows_them_and_their_fields(world):
    result = preview(world).summary()
    errors = {(e["row"], e["field"]) for e in result["errors"]}
    assert errors == {
        (10, "nib"),
        (10, "regency"),
        (11, "name"),
        (11, "regency"),
        (11, "phone"),
        (11, "email"),
    }
    assert result["rows"] == 7
    assert "Baris 10, kolom NIB" in result["errors"][0]["message"]


def test_the_preview_says_created_updated_and_which_existing_business(world):
    result = preview(world, sheets.xlsx(good=True))
    by_row = {r.number: r for r in result.rows}
    assert by_row[5].action == "updated" and by_row[5].match == "nib"
    assert by_row[5].business == world.kopi
    assert [r.action for r in result.rows[1:]] == ["created"] * 4
    assert Business.objects.count() == 2  # nothing written


def test_a_file_with_a_bad_row_writes_nothing(world):
    before = (Business.objects.count(), Listing.objects.count(), Participant.objects.count())
    logs = AuditLog.objects.count()
    with pytest.raises(importing.ImportRefused) as exc:
        commit(world, sheets.xlsx())
    assert exc.value.preview.bad_rows == 2
    assert (
        Business.objects.count(),
        Listing.objects.count(),
        Participant.objects.count(),
    ) == before
    assert AuditLog.objects.count() == logs


def test_a_good_file_imports_businesses_listings_with_hs_and_participants(world):
    result = commit(world).summary()
    assert (result["created"], result["updated"], result["unchanged"]) == (4, 1, 0)
    sambal = Business.objects.get(nib="3578010000002")
    assert sambal.legal_form == "UD" and sambal.name == "Sambal Bu Rudy"
    assert sambal.regency_id == "35.78" and sambal.whatsapp == "6281331002002"
    assert sorted(sambal.offers.values_list("text", flat=True)) == [
        "Sambal bawang",
        "keripik tempe",
    ]
    assert all(listing.hs for listing in Listing.objects.all())
    assert sambal.offers.first().capacity_per_month == 2000
    part = Participant.objects.get(mission=world.mission, business=sambal)
    assert part.side == "delegation" and part.role == "both"
    batik = Business.objects.get(name="Batik Tulis Sidoarjo")
    assert batik.phone and batik.whatsapp == ""  # a landline


def test_reimporting_the_same_file_changes_nothing(world):
    commit(world)
    counts = (Business.objects.count(), Listing.objects.count(), Participant.objects.count())
    again = commit(world).summary()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 5)
    assert (
        Business.objects.count(),
        Listing.objects.count(),
        Participant.objects.count(),
    ) == counts


def test_a_business_known_by_nib_is_updated_not_duplicated(world):
    commit(world)
    assert Business.objects.filter(nib="1234567890123").count() == 1
    world.kopi.refresh_from_db()
    texts = set(world.kopi.offers.values_list("text", flat=True))
    assert {"Kopi arabika Ijen green bean", "Kopi arabika green bean"} <= texts


def test_a_business_without_nib_is_matched_by_name_in_its_regency(world):
    Business.objects.create(
        name="Batik Tulis Sidoarjo",
        legal_form="UD",
        scale="kecil",
        province_id="35",
        regency_id="35.15",
    )
    result = preview(world, sheets.xlsx(good=True))
    batik = next(r for r in result.rows if r.values["name"] == "Batik Tulis Sidoarjo")
    assert batik.action == "updated" and batik.match == "name"
    commit(world)
    assert Business.objects.filter(name="Batik Tulis Sidoarjo").count() == 1


def test_the_same_business_twice_in_a_file_is_an_error(world):
    data = sheets.xlsx([sheets.GOOD[1], sheets.GOOD[1]])
    errors = preview(world, data).summary()["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(6, "nib")]


def test_a_business_already_on_the_other_side_is_an_error(world):
    row = [1, "Pempek Palembang Jaya", "", "Kota Surabaya", "", "", "", "Pempek", "", ""]
    Business.objects.filter(pk=world.pempek.pk).update(regency_id="35.78", province_id="35")
    errors = preview(world, sheets.xlsx([row])).summary()["errors"]
    assert errors and errors[0]["field"] == "name"


def test_csv_and_a_changed_mapping(world):
    header = ["Usaha", "Asal", "Catatan"]
    data = sheets.csv_bytes([["Tahu Kediri", "Kota Kediri", "kedelai"]], header)
    result = importing.import_preview(
        mission=world.mission, side="delegation", data=data, name="a.csv"
    )
    assert result.columns == ["name", "regency", ""]
    importing.remember_columns(world.alice, result.headers, ["name", "regency", "needs"])
    assert ColumnChoice.objects.count() == 1
    again = importing.import_preview(
        mission=world.mission, side="delegation", data=data, name="a.csv", actor=world.alice
    )
    assert again.columns == ["name", "regency", "needs"]
    assert again.rows[0].new_listings == [("need", "kedelai")]


@override_settings(IMPORT_MAX_ROWS=50)
def test_a_sheet_too_long_is_refused_before_it_is_read_whole(world):
    data = sheets.xlsx([[i, f"Usaha {i}", "", "Kota Malang"] for i in range(200)])
    with pytest.raises(importing.FileError) as exc:
        preview(world, data)
    assert "paling banyak 50 baris" in exc.value.messages[0]


def test_an_unreadable_file_is_one_refusal(world):
    with pytest.raises(importing.FileError):
        preview(world, b"\x00\x01garbage")


def test_values_postgresql_would_reject_are_row_errors(world):
    rows = [
        [1, "A" * 250, "", "Kota Malang", "", "", "", "Kopi", "", ""],
        [2, "Nul\x00Usaha", "", "Kota Malang", "", "", "", "Kopi", "", ""],
        [3, "Besar", "", "Kota Malang", "", "", "", "Kopi", "", "9" * 25],
        [4, "Produk", "", "Kota Malang", "", "", "", "K" * 400, "", ""],
    ]
    data = sheets.csv_bytes(rows)
    with pytest.raises(importing.ImportRefused) as exc:
        importing.import_commit(
            mission=world.mission, side="delegation", data=data, name="a.csv", actor=world.alice
        )
    fields = {(e["row"], e["field"]) for e in exc.value.preview.summary()["errors"]}
    assert fields == {(2, "name"), (3, "name"), (4, "capacity"), (5, "offers")}


def test_the_annotated_workbook_has_a_column_of_messages(world):
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(importing.annotated_workbook(preview(world))))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][-1] == "Pesan impor"
    assert "NIB harus 13 angka" in rows[6][-1]
    # Fixed and uploaded again, the file is read with the same columns.
    assert (
        importing.read_sheet(importing.annotated_workbook(preview(world)), "a.xlsx", "35")[2][-1]
        == ""
    )


def test_the_cli_prints_json_and_exits_2_on_bad_rows(world, tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(sheets.xlsx())
    with pytest.raises(SystemExit) as exc:
        call_command(
            "importbusinesses", str(bad), mission=world.mission.pk, side="delegation", json=True
        )
    assert exc.value.code == 2
    out = json.loads(capsys.readouterr().out)
    assert out["errors"][0] == {
        "row": 10,
        "field": "nib",
        "message": "Baris 10, kolom NIB: NIB harus 13 angka, tertulis 12345.",
    }
    assert set(out) == {"rows", "created", "updated", "unchanged", "errors", "warnings"}
    assert Business.objects.count() == 2


def test_the_cli_dry_run_writes_nothing_and_the_import_then_writes(world, tmp_path, capsys):
    good = tmp_path / "good.xlsx"
    good.write_bytes(sheets.xlsx(good=True))
    args = {"mission": world.mission.pk, "side": "delegation", "json": True}
    call_command("importbusinesses", str(good), dry_run=True, **args)
    assert json.loads(capsys.readouterr().out)["created"] == 4
    assert Business.objects.count() == 2
    call_command("importbusinesses", str(good), **args)
    assert json.loads(capsys.readouterr().out)["created"] == 4
    assert Business.objects.count() == 6


def test_the_api_imports_and_answers_422_with_row_errors(world, token_for, client):
    url = f"/api/v1/missions/{world.mission.pk}/imports"
    headers = token_for(world.alice)
    bad = SimpleUploadedFile("bad.xlsx", sheets.xlsx())
    r = client.post(url, {"file": bad, "side": "delegation"}, **headers)
    assert r.status_code == 422
    assert {"row": 11, "field": "phone"}.items() <= r.json()["errors"][4].items()
    good = SimpleUploadedFile("good.xlsx", sheets.xlsx(good=True))
    r = client.post(url, {"file": good, "side": "delegation", "dry_run": "true"}, **headers)
    assert r.status_code == 200 and r.json()["created"] == 4 and Business.objects.count() == 2
    good = SimpleUploadedFile("good.xlsx", sheets.xlsx(good=True))
    r = client.post(url, {"file": good, "side": "delegation"}, **headers)
    assert r.status_code == 200 and Business.objects.count() == 6
    r = client.post(
        url, {"file": SimpleUploadedFile("x.xlsx", b"x"), "side": "delegation"}, **headers
    )
    assert r.status_code == 422 and "Excel" in r.json()["detail"]


def test_the_web_preview_then_import(world, client_for):
    c = client_for("alice")
    r = c.post(
        f"/missions/{world.mission.pk}/onboarding/import/",
        {"file": SimpleUploadedFile("daftar.xlsx", sheets.xlsx()), "side": "delegation"},
    )
    upload = SheetUpload.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/import/{upload.pk}/")
    page = c.get(r["Location"]).content.decode()
    assert "Baris 10, kolom NIB" in page and 'data-testid="commit"' not in page
    r = c.post(r["Location"], {"action": "commit"})
    assert r.status_code == 422 and Business.objects.count() == 2
    xlsx = c.get(f"/missions/{world.mission.pk}/onboarding/import/{upload.pk}/messages.xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Disposition"].startswith("attachment")
    r = c.post(
        f"/missions/{world.mission.pk}/onboarding/import/",
        {"file": SimpleUploadedFile("daftar.xlsx", sheets.xlsx(good=True)), "side": "delegation"},
    )
    r = c.post(r["Location"], {"action": "commit"})
    assert r.status_code == 302 and Business.objects.count() == 6


def test_the_web_mapping_is_changed_and_remembered(world, client_for):
    c = client_for("alice")
    data = sheets.csv_bytes(
        [["Tahu Kediri", "Kota Kediri", "kedelai"]], ["Usaha", "Asal", "Catatan"]
    )
    r = c.post(
        f"/missions/{world.mission.pk}/onboarding/import/",
        {"file": SimpleUploadedFile("a.csv", data), "side": "delegation"},
    )
    r = c.post(
        r["Location"], {"action": "remap", "col_0": "name", "col_1": "regency", "col_2": "needs"}
    )
    assert r.status_code == 302
    assert SheetUpload.objects.get().columns == ["name", "regency", "needs"]
    assert ColumnChoice.objects.filter(field="needs").exists()
