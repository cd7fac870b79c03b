"""Sheets as a trade office sends them: title rows, Indonesian headers, values as typed."""

from __future__ import annotations

import csv
import io

HEADER = [
    "No",
    "Nama Perusahaan / Usaha",
    "Nama Pemilik / PIC",
    "Kabupaten/Kota",
    "No. HP / WA",
    "E-mail",
    "NIB",
    "Produk yang Dijual",
    "Kebutuhan",
    "Kapasitas / Bulan",
]
# Row 4 of the sheet is the header, so these are rows 5.. as Excel shows them.
GOOD = [
    [
        1,
        "CV Kopi Ijen Lestari",
        "Siti",
        "Kab. Bondowoso",
        "0812-3456-7001",
        "siti@example.id",
        "'1234567890123",
        "Kopi arabika green bean",
        "Kemasan standing pouch",
        "5 ton",
    ],
    [
        2,
        "UD Sambal Bu Rudy",
        "Rudy",
        "KOTA SURABAYA",
        "+62 813 3100 2002",
        "rudy@example.id",
        3578010000002,
        "Sambal bawang; keripik tempe",
        "",
        "2.000 botol",
    ],
    [
        3,
        "Keripik Tempe Sanan",
        "Sari",
        "Kota Malang",
        "62857 4500 3003",
        "",
        "3573 0100 00003",
        "Keripik tempe",
        "Minyak goreng",
        "",
    ],
    [
        4,
        "Batik Tulis Sidoarjo",
        "Bambang",
        "kab. sidoarjo",
        "(031) 8941 234",
        "batik@example.id",
        "",
        "Batik tulis",
        "Kain mori",
        "300 lembar",
    ],
    [
        5,
        "Gula Kelapa Blitar",
        "Wati",
        "KABUPATEN BLITAR",
        "0856-1234-5678",
        "wati@example.id",
        "3505010000005",
        "Gula kelapa",
        "",
        "",
    ],
]
BAD = [
    [
        6,
        "Tembakau Jember Jaya",
        "Hadi",
        "Blitar",
        "0812-1111-2222",
        "hadi@example.id",
        "12345",
        "Tembakau rajangan",
        "",
        "",
    ],
    [7, "", "Tono", "Atlantis", "12", "bukan-surel", "", "Garam", "", ""],
]


def rows(good: bool = False) -> list[list[object]]:
    return GOOD if good else GOOD + BAD


def xlsx(data: list[list[object]] | None = None, *, good: bool = False) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["DAFTAR PESERTA MISI DAGANG JAWA TIMUR"])
    sheet.append(["Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur"])
    sheet.append([])
    sheet.append(HEADER)
    for row in data if data is not None else rows(good):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(data: list[list[object]], header: list[str] | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header or HEADER)
    for row in data:
        writer.writerow(row)
    return out.getvalue().encode()
