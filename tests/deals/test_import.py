"""Importing deals from CSV/Excel, by `misidagang importdeals` and by the upload page: all
rows checked first, bad rows by number in Indonesian, all or nothing, re-import adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import Workbook, load_workbook

from misidagang.deals.models import Deal

pytestmark = pytest.mark.django_db

HEADER = "seller;buyer;direction;hs;commodity;quantity;unit;value;stage;financing\n"
HEADER_ID = "Penjual;Pembeli;Arah;HS;Komoditas;Jumlah;Satuan;Nilai;Tahap\n"
KOPI, PEMPEK = "CV Kopi Ijen Lestari", "UD Pempek Palembang Jaya"


def write(tmp_path, rows, header=HEADER):  # type: ignore[no-untyped-def]
    path = tmp_path / "deals.csv"
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def run(path, world):  # type: ignore[no-untyped-def]
    call_command("importdeals", str(path), mission=world.mission.pk, user="bob")


def upload(world, name: str, data: bytes, who: str = "bob"):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(world.users[who])
    return c.post(
        f"/missions/{world.mission.pk}/deals/import/",
        {"file": SimpleUploadedFile(name, data)},
    )


def test_it_reports_bad_rows_by_number_in_indonesian_and_imports_nothing(world, tmp_path, capsys):
    path = write(
        tmp_path,
        [
            f"{KOPI};{PEMPEK};jual;0901;Kopi;2;ton;1,5 M;;ya",
            f"{KOPI};{PEMPEK};jual;0901;Kopi;;;sekitar 1 M;;",
            f"{KOPI};{KOPI};jual;0901;Kopi;;;750 jt;;",
            f"{KOPI};{PEMPEK};jual;0901;Kopi;;;-5 jt;;",
        ],
    )
    with pytest.raises(CommandError, match="3 bad row"):
        run(path, world)
    err = capsys.readouterr().err
    assert "Baris 3, kolom Nilai: Tulis nilai yang pasti" in err
    assert "Baris 4, kolom Pembeli: Penjual dan pembeli tidak boleh sama." in err
    assert "Baris 5, kolom Nilai: Nilai tidak boleh negatif." in err
    assert "Baris 2" not in err and "row" not in err
    assert Deal.objects.count() == 0


def test_it_imports_a_good_file_once(world, tmp_path):
    path = write(
        tmp_path,
        [
            f"{KOPI};{PEMPEK};jual;0901;Kopi;2,5;ton;1,5 M;kontrak;ya",
            "1234567890123;PT Sriwijaya Niaga;jual;;Kopi bubuk;;;Rp 750.000.000;;",
        ],
    )
    run(path, world)
    run(path, world)  # the same file again adds nothing
    deals = list(Deal.objects.order_by("value_idr"))
    assert [d.value_idr for d in deals] == [750_000_000, 1_500_000_000]
    assert deals[0].seller == world.kopi and deals[0].buyer_name == "PT Sriwijaya Niaga"
    assert deals[1].wants_financing and deals[1].stage == "kontrak" and deals[1].is_confirmed


def test_it_imports_an_uploaded_file_with_indonesian_headers_once(world):
    data = (HEADER_ID + f"{KOPI};{PEMPEK};jual;0901;Kopi;2,5;ton;1,5 M;kontrak\n").encode()
    response = upload(world, "transaksi.csv", data)
    assert response.status_code == 302
    assert upload(world, "transaksi.csv", data).status_code == 302  # again: nothing added
    deal = Deal.objects.get()
    assert deal.value_idr == 1_500_000_000 and deal.stage == "kontrak"
    assert str(deal.quantity) in ("2.5", "2.500")


def test_it_lists_bad_rows_on_the_upload_page_and_imports_nothing(world):
    data = (
        HEADER_ID
        + f"{KOPI};{PEMPEK};jual;0901;Kopi;;;1,5 M;\n"
        + f"{KOPI};{PEMPEK};jual;0901;Kopi;;;abc;\n"
        + f"{KOPI};{PEMPEK};jual;0901;Kopi;;;99999999999999999999 T;\n"
    ).encode()
    response = upload(world, "transaksi.csv", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Baris 3, kolom Nilai: Nilai rupiah tidak terbaca." in html
    assert "Baris 4, kolom Nilai: Nilai terlalu besar." in html
    assert "2 baris perlu diperbaiki" in html
    assert Deal.objects.count() == 0


@pytest.mark.parametrize(
    "header, expected",
    [
        ("Penjual;Pembeli;Harga;Komoditas;Nilai\n", "Kolom tidak dikenal: harga."),
        ("Penjual;Pembeli;Komoditas\n", "Kolom wajib tidak ada: Nilai."),
        ("\n", "Baris pertama harus berisi judul kolom"),
    ],
)
def test_it_names_the_expected_columns_when_headers_are_wrong(world, header, expected):
    response = upload(world, "x.csv", (header + f"{KOPI};{PEMPEK};Kopi;1 M;x\n").encode())
    html = response.content.decode()
    assert response.status_code == 400 and expected in html
    assert "Penjual, Pembeli, Arah, HS, Komoditas, Jumlah, Satuan, Nilai, Tahap" in html
    assert Deal.objects.count() == 0


def test_it_imports_an_excel_file_made_from_the_template(world):
    c = Client()
    c.force_login(world.alice)
    response = c.get(f"/missions/{world.mission.pk}/deals/import/template.xlsx")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:9] == [
        "Penjual",
        "Pembeli",
        "Arah",
        "HS",
        "Komoditas",
        "Jumlah",
        "Satuan",
        "Nilai",
        "Tahap",
    ]
    book = Workbook()
    book.active.append(header)
    book.active.append(
        [KOPI, PEMPEK, "jual", "0901", "Kopi", 2.5, "ton", 1_500_000_000, "komitmen"]
    )
    out = io.BytesIO()
    book.save(out)
    assert upload(world, "isi.xlsx", out.getvalue(), who="alice").status_code == 302
    deal = Deal.objects.get()
    assert deal.value_idr == 1_500_000_000 and float(deal.quantity) == 2.5


def test_it_refuses_a_file_that_is_not_a_table(world):
    response = upload(world, "foto.xlsx", b"\x89PNG not a workbook")
    assert response.status_code == 400
    assert "Berkas Excel tidak terbaca" in response.content.decode()
