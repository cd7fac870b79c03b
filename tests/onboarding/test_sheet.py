"""The sheet reader on its own: no database, data in and data out."""

from __future__ import annotations

import pytest

from misidagang.onboarding import sheet
from tests.onboarding import sheets

JATIM = [
    sheet.Regency("35.05", "Kabupaten Blitar", "kabupaten"),
    sheet.Regency("35.11", "Kabupaten Bondowoso", "kabupaten"),
    sheet.Regency("35.15", "Kabupaten Sidoarjo", "kabupaten"),
    sheet.Regency("35.07", "Kabupaten Malang", "kabupaten"),
    sheet.Regency("35.72", "Kota Blitar", "kota"),
    sheet.Regency("35.73", "Kota Malang", "kota"),
    sheet.Regency("35.78", "Kota Surabaya", "kota"),
]


def test_it_finds_the_header_below_title_rows_and_maps_indonesian_headers():
    cells = list(sheet.read_cells(sheets.xlsx(), "a.xlsx", 100))
    number, headers, columns = sheet.find_header(cells)
    assert number == 4
    assert headers[1] == "Nama Perusahaan / Usaha"
    assert columns == [
        "",
        "name",
        "contact_person",
        "regency",
        "phone",
        "email",
        "nib",
        "offers",
        "needs",
        "capacity",
    ]


def test_it_maps_english_headers_in_any_order():
    rows = [(1, ["Email", "Products", "Company Name", "City", "Mobile", "Needs", "Owner"])]
    _n, _h, columns = sheet.find_header(rows)
    assert columns == ["email", "offers", "name", "regency", "phone", "needs", "contact_person"]


def test_a_remembered_choice_wins_over_the_guess():
    rows = [(1, ["Nama Usaha", "Asal Daerah", "Catatan"])]
    _n, _h, columns = sheet.find_header(rows, {"catatan": "needs"})
    assert columns == ["name", "regency", "needs"]


def test_a_sheet_without_a_recognisable_header_is_refused():
    with pytest.raises(sheet.SheetError) as exc:
        sheet.find_header([(1, ["a", "b"]), (2, ["1", "2"])])
    assert exc.value.code == "no_header"


@pytest.mark.parametrize(
    "typed", ["1234567890123", "'1234567890123", "1234 5678 90123", "1234567890123.0"]
)
def test_it_reads_nib_as_people_type_it(typed):
    value = sheet.cell_text(1234567890123.0) if typed.endswith(".0") else typed
    assert sheet.nib(value) == ("1234567890123", None)


def test_it_names_a_nib_excel_wrote_in_scientific_notation():
    assert sheet.nib("1.23457E+12")[1].code == "nib_scientific"
    assert sheet.nib("12345")[1].code == "nib_digits"


@pytest.mark.parametrize(
    "typed,national,whatsapp",
    [
        ("0812-3456-7001", "0812-3456-7001", "6281234567001"),
        ("+62 813 3100 2002", "0813-3100-2002", "6281331002002"),
        ("62857 4500 3003", "0857-4500-3003", "6285745003003"),
        ("(031) 8941 234", "(031) 8941234", ""),
    ],
)
def test_it_normalises_phones_and_knows_landlines_have_no_whatsapp(typed, national, whatsapp):
    assert sheet.phone(typed) == (national, whatsapp, None)


@pytest.mark.parametrize(
    "typed,code",
    [
        ("Kab. Bondowoso", "35.11"),
        ("KABUPATEN BLITAR", "35.05"),
        ("Sidoarjo", "35.15"),
        ("kab. sidoarjo", "35.15"),
        ("Kota Malang", "35.73"),
        ("KOTA SURABAYA", "35.78"),
        ("Surabaya", "35.78"),
    ],
)
def test_it_resolves_regencies_to_kemendagri_codes(typed, code):
    assert sheet.regency(typed, JATIM) == (code, None)


def test_an_ambiguous_or_unknown_regency_is_an_issue():
    assert sheet.regency("Blitar", JATIM)[1].code == "regency_ambiguous"
    assert sheet.regency("Malang", JATIM)[1].code == "regency_ambiguous"
    assert sheet.regency("Palembang", JATIM)[1].code == "regency_unknown"


def test_it_reads_capacity_and_splits_products():
    assert sheet.quantity("2.000 botol") == (2000, "botol", None)
    assert sheet.quantity("5 ton/bulan") == (5, "ton", None)
    assert sheet.quantity("banyak")[2].code == "capacity_invalid"
    assert sheet.quantity("9" * 30)[2].code == "capacity_invalid"
    assert sheet.listings("Sambal bawang; keripik tempe\nkopi, gula 1,5 kg") == [
        "Sambal bawang",
        "keripik tempe",
        "kopi",
        "gula 1,5 kg",
    ]


def test_a_row_takes_the_legal_form_from_the_name_and_warns_when_it_cannot_be_invited():
    columns = ["name", "regency", "phone", "offers"]
    row = sheet.normalise_row(
        5, ["PT Maju Jaya", "Kota Malang", "(0341) 123 456", "Apel"], columns, JATIM
    )
    assert row.values["name"] == "Maju Jaya" and row.values["legal_form"] == "PT"
    assert [i.code for i in row.warnings] == ["not_invitable"]
    assert row.errors == []


def test_a_row_refuses_what_postgresql_would_refuse():
    columns = ["name", "regency", "offers", "contact_person"]
    row = sheet.normalise_row(9, ["A" * 201, "Kota Malang", "x\x00y", "Siti"], columns, JATIM)
    assert {(i.field, i.code) for i in row.errors} == {
        ("name", "too_long"),
        ("offers", "control_chars"),
    }


def test_it_stops_reading_as_soon_as_a_sheet_is_too_long():
    data = sheets.csv_bytes([[i, f"Usaha {i}", "", "Kota Malang"] for i in range(500)])
    read = sheet.read_cells(data, "big.csv", 100)
    with pytest.raises(sheet.SheetError) as exc:
        for _row in read:
            pass
    assert exc.value.code == "too_many_rows"


def test_it_reads_excel_csv_with_semicolons_and_windows_encoding():
    data = "Nama Usaha;Kabupaten/Kota\nKopi Café;Kota Malang\n".encode("cp1252")
    assert list(sheet.read_cells(data, "a.csv", 10))[1] == (2, ["Kopi Café", "Kota Malang"])


def test_a_damaged_excel_file_is_refused():
    with pytest.raises(sheet.SheetError) as exc:
        list(sheet.read_cells(b"not a zip", "a.xlsx", 10))
    assert exc.value.code == "unreadable_excel"


def test_an_excel_sheet_without_a_dimension_is_refused_by_counting_its_rows():
    import io

    from openpyxl import Workbook

    book = Workbook(write_only=True)  # writes no <dimension>
    ws = book.create_sheet()
    ws.append(["Nama Usaha", "Kabupaten/Kota"])
    for i in range(300):
        ws.append([f"Usaha {i}", "Kota Malang"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(sheet.SheetError) as exc:
        next(sheet.read_cells(out.getvalue(), "a.xlsx", 100))
    assert exc.value.code == "too_many_rows"
    assert len(list(sheet.read_cells(out.getvalue(), "a.xlsx", 1000))) == 301
