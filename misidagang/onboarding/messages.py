"""The sheet reader's issue codes as translated messages, and the fields' labels."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from misidagang.onboarding.sheet import Issue, SheetError

FIELD_LABELS: dict[str, Any] = {
    "": _("(abaikan)"),
    "name": _("Nama usaha"),
    "legal_form": _("Bentuk usaha"),
    "nib": _("NIB"),
    "scale": _("Skala usaha"),
    "kbli_codes": _("Kode KBLI"),
    "regency": _("Kabupaten/kota"),
    "address": _("Alamat"),
    "contact_person": _("Narahubung"),
    "phone": _("Telepon / WhatsApp"),
    "email": _("Surel"),
    "website": _("Situs web"),
    "offers": _("Produk yang dijual"),
    "needs": _("Kebutuhan"),
    "capacity": _("Kapasitas per bulan"),
    "description": _("Deskripsi"),
}

TEXTS: dict[str, Any] = {
    "required": _("wajib diisi."),
    "too_long": _("terlalu panjang (paling banyak %(limit)d karakter)."),
    "control_chars": _("berisi karakter yang tidak sah."),
    "nib_digits": _("NIB harus 13 angka, tertulis %(value)s."),
    "nib_scientific": _(
        "NIB tertulis sebagai angka ilmiah (%(value)s); format kolomnya sebagai teks lalu "
        "ketik ulang NIB-nya."
    ),
    "phone_invalid": _("nomor telepon tidak valid: %(value)s."),
    "email_invalid": _("alamat surel tidak valid: %(value)s."),
    "regency_missing": _("kabupaten/kota wajib diisi."),
    "regency_unknown": _("kabupaten/kota %(value)s tidak ada di provinsi ini."),
    "regency_ambiguous": _(
        "kabupaten/kota %(value)s tidak jelas: %(choices)s. Tulis Kab. atau Kota di depannya."
    ),
    "capacity_invalid": _("kapasitas tidak terbaca: %(value)s."),
    "kbli_invalid": _("kode KBLI terdiri dari 2 sampai 5 angka: %(value)s."),
    "scale_unknown": _("skala usaha tidak dikenal: %(value)s (mikro, kecil, menengah, besar)."),
    "not_invitable": _("tanpa surel dan tanpa WhatsApp: tidak dapat diundang."),
    "no_listings": _("belum ada produk yang dijual atau kebutuhan."),
    "duplicate_nib": _("NIB yang sama sudah ada di baris %(row)d."),
    "duplicate_name": _("usaha yang sama sudah ada di baris %(row)d."),
    "other_side": _("usaha ini sudah menjadi peserta misi di pihak lain (%(side)s)."),
}

FILE_TEXTS: dict[str, Any] = {
    "unreadable_excel": _("Berkas Excel tidak terbaca. Simpan ulang sebagai .xlsx."),
    "unreadable_file": _("Berkas tidak terbaca. Unggah berkas Excel (.xlsx) atau CSV (UTF-8)."),
    "too_many_rows": _(
        "Berkas terlalu besar: paling banyak %(limit)d baris per impor. Bagi berkasnya."
    ),
    "no_header": _(
        "Baris judul kolom tidak ditemukan. Sertakan paling tidak kolom nama usaha dan satu "
        "kolom lain (mis. Kabupaten/Kota, NIB, No. HP)."
    ),
    "empty": _("Berkas tidak berisi baris data di bawah judul kolom."),
    "too_big": _("Berkas terlalu besar (paling besar %(mb)d MB)."),
}


def issue_text(issue: Issue) -> str:
    text = TEXTS.get(issue.code, issue.code)
    return str(text) % dict(issue.params) if issue.params else str(text)


def issue_message(number: int, issue: Issue) -> str:
    """'Baris 17, kolom NIB: NIB harus 13 angka, tertulis 1234.'"""
    from django.utils.translation import gettext as g

    return g("Baris %(row)d, kolom %(column)s: %(message)s") % {
        "row": number,
        "column": FIELD_LABELS.get(issue.field, issue.field),
        "message": issue_text(issue),
    }


def file_message(exc: SheetError) -> str:
    text = FILE_TEXTS.get(exc.code, exc.code)
    return str(text) % exc.params if exc.params else str(text)
