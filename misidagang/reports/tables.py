"""Report data as export tables (headers in the user's language)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from misidagang.exports import Table
from misidagang.reports.program import HISTORY


def source_label(source: str) -> str:
    return _("Riwayat (laporan berita)") if source == HISTORY else _("Buku transaksi")


def program_tables(report: dict[str, Any]) -> dict[str, Table]:
    missions = Table(
        _("Misi"),
        [
            _("Tahun"),
            _("Tanggal"),
            _("Kota"),
            _("Kode provinsi"),
            _("Provinsi"),
            _("Sumber data"),
            _("Nilai transaksi (Rp)"),
            _("Jual (Rp)"),
            _("Beli (Rp)"),
            _("Investasi (Rp)"),
            _("Realisasi (Rp)"),
            _("Jumlah transaksi"),
            _("Komoditas"),
        ],
        [
            [
                r.year,
                r.date,
                r.city,
                r.province_code,
                r.province,
                source_label(r.source),
                r.committed_idr if r.reported else None,
                r.sell_idr,
                r.buy_idr,
                r.invest_idr,
                r.realised_idr,
                r.transactions,
                r.commodities,
            ]
            for r in report["rows"]
        ],
        money=(6, 7, 8, 9, 10),
    )
    years = Table(
        _("Per tahun"),
        [
            _("Tahun"),
            _("Misi"),
            _("Nilai transaksi (Rp)"),
            _("Kumulatif (Rp)"),
            _("Komitmen buku transaksi (Rp)"),
            _("Realisasi (Rp)"),
        ],
        [
            [
                y["year"],
                y["missions"],
                y["total_idr"],
                y["cumulative_idr"],
                y["ledger_committed_idr"],
                y["realised_idr"],
            ]
            for y in report["by_year"]
        ],
        money=(2, 3, 4, 5),
    )
    provinces = Table(
        _("Per provinsi"),
        [
            _("Kode provinsi"),
            _("Provinsi mitra"),
            _("Misi"),
            _("Nilai transaksi (Rp)"),
            _("Realisasi (Rp)"),
        ],
        [
            [p["code"], p["province"], p["missions"], p["total_idr"], p["realised_idr"]]
            for p in report["by_province"]
        ],
        money=(3, 4),
    )
    commodities = Table(
        _("Per komoditas"),
        [
            _("Komoditas"),
            _("Kode HS"),
            _("Sumber data"),
            _("Misi yang menyebut"),
            _("Transaksi"),
            _("Nilai transaksi (Rp)"),
            _("Realisasi (Rp)"),
        ],
        [
            [c["commodity"], "", source_label(HISTORY), c["missions"], None, None, None]
            for c in report["history_commodities"]
        ]
        + [
            [
                c["commodity"],
                c["hs"],
                source_label("buku"),
                None,
                c["deals"],
                c["total_idr"],
                c["realised_idr"],
            ]
            for c in report["ledger_commodities"]
        ],
        money=(5, 6),
    )
    return {
        "missions": missions,
        "years": years,
        "provinces": provinces,
        "commodities": commodities,
    }


def mission_tables(report: dict[str, Any]) -> dict[str, Table]:
    def grouped(name: str, first: str, rows: list[dict[str, Any]], key: str) -> Table:
        return Table(
            name,
            [first, _("Transaksi"), _("Nilai transaksi (Rp)"), _("Realisasi (Rp)")],
            [[r[key], r["deals"], r["total_idr"], r["realised_idr"]] for r in rows],
            money=(2, 3),
        )

    top = Table(
        _("10 transaksi terbesar"),
        [
            _("Komoditas"),
            _("Kode HS"),
            _("Arah"),
            _("Tahap"),
            _("Penjual"),
            _("Pembeli"),
            _("Nilai transaksi (Rp)"),
            _("Realisasi (Rp)"),
        ],
        [
            [
                d.commodity,
                d.hs,
                d.get_direction_display(),
                d.get_stage_display(),
                d.seller_label,
                d.buyer_label,
                d.value_idr,
                d.realised_idr,
            ]
            for d in report["top"]
        ],
        money=(6, 7),
    )
    return {
        "stages": grouped(_("Per tahap"), _("Tahap"), report["by_stage"], "label"),
        "directions": grouped(_("Per arah"), _("Arah"), report["by_direction"], "label"),
        "commodities": grouped(_("Per komoditas"), _("Komoditas"), report["by_commodity"], "key"),
        "regions": grouped(
            _("Per daerah"), _("Kabupaten/kota peserta"), report["by_region"], "label"
        ),
        "facilitators": grouped(
            _("Per fasilitator"), _("Fasilitator"), report["by_facilitator"], "label"
        ),
        "top": top,
    }
