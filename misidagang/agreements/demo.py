"""Demo agreements around the demo mission (Jawa Timur – Sumatera Selatan). Idempotent.

Dates are set relative to `today` so the organiser's due list always has something overdue,
something due soon and something later."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from lokal import add_working_days

from misidagang.agreements.models import ActionItem, Agreement, AgreementParty
from misidagang.missions.models import Mission, Organisation

DEMO_MISSION = "Misi Dagang Jawa Timur – Sumatera Selatan"

ORGS = {
    "Pemerintah Provinsi Jawa Timur": ("government", "35"),
    "Pemerintah Provinsi Sumatera Selatan": ("government", "16"),
    "Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur": ("agency", "35"),
    "Dinas Perindustrian dan Perdagangan Provinsi Sumatera Selatan": ("agency", "16"),
    "Jamkrida Jatim": ("jamkrida", "35"),
    "Bank Jatim": ("bank", "35"),
    "Bank Sumsel Babel": ("bank", "16"),
    "Kadin Jawa Timur": ("association", "35"),
    "Kadin Sumatera Selatan": ("association", "16"),
}

# (title, kind, number, sectors, days before today signed, place, summary,
#  parties [(org, signatory, position)], items [(what, who, working days from today, status)])
AGREEMENTS = [
    (
        "Kerja sama perdagangan antardaerah dan pengembangan UMKM Jawa Timur – Sumatera Selatan",
        Agreement.Kind.MOU,
        "120/45/KSDA/2026",
        "perdagangan, UMKM, pangan, investasi",
        48,
        "Surabaya",
        "Kedua pemerintah provinsi sepakat memperlancar arus barang, menyelenggarakan misi "
        "dagang dan temu bisnis secara bergantian, serta bertukar data kebutuhan dan pasokan "
        "komoditas.",
        [
            ("Pemerintah Provinsi Jawa Timur", "Khofifah Indar Parawansa", "Gubernur Jawa Timur"),
            ("Pemerintah Provinsi Sumatera Selatan", "Herman Deru", "Gubernur Sumatera Selatan"),
        ],
        [
            (
                "Menetapkan daftar komoditas unggulan yang dipertukarkan",
                "Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur",
                -6,
                "in_progress",
            ),
            (
                "Menyampaikan data kebutuhan pembeli Sumatera Selatan",
                "Dinas Perindustrian dan Perdagangan Provinsi Sumatera Selatan",
                -2,
                "open",
            ),
            (
                "Menyusun daftar pelaku usaha delegasi Jawa Timur",
                "Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur",
                3,
                "open",
            ),
            (
                "Menyiapkan tempat dan meja temu bisnis di Palembang",
                "Pemerintah Provinsi Sumatera Selatan",
                8,
                "open",
            ),
            (
                "Menandatangani naskah kerja sama teknis antardinas",
                "Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur",
                -20,
                "done",
            ),
        ],
    ),
    (
        "Penjaminan kredit modal kerja bagi UMKM peserta Misi Dagang Jawa Timur – Sumatera Selatan",
        Agreement.Kind.PKS,
        "PKS.021/JKD-JTM/XI/2026",
        "penjaminan, pembiayaan, UMKM",
        20,
        "Surabaya",
        "Jamkrida Jatim menjamin kredit modal kerja yang disalurkan Bank Jatim kepada UMKM "
        "peserta misi untuk memenuhi kontrak hasil temu bisnis, hingga 80% dari plafon.",
        [("Jamkrida Jatim", "", "Direktur Utama"), ("Bank Jatim", "", "Direktur Utama")],
        [
            (
                "Menyusun daftar UMKM peserta yang membutuhkan kredit modal kerja",
                "Bank Jatim",
                1,
                "open",
            ),
            (
                "Menerbitkan sertifikat penjaminan untuk kredit yang disetujui",
                "Jamkrida Jatim",
                25,
                "open",
            ),
            (
                "Melaporkan penyaluran dan penjaminan kepada Disperindag Jatim",
                "Bank Jatim",
                60,
                "open",
            ),
        ],
    ),
    (
        "Layanan transaksi dan pembiayaan perdagangan antardaerah",
        Agreement.Kind.PKS,
        "PKS/BJTM-BSB/2026/017",
        "perbankan, pembayaran, pembiayaan",
        12,
        "Palembang",
        "Bank Jatim dan Bank Sumsel Babel menyediakan rekening penampungan (escrow) dan "
        "pembayaran antarbank bagi transaksi hasil misi dagang.",
        [
            ("Bank Jatim", "", "Direktur Bisnis Menengah, Korporasi dan Jaringan"),
            ("Bank Sumsel Babel", "", "Direktur Pemasaran"),
        ],
        [
            (
                "Membuka layanan rekening penampungan untuk transaksi misi",
                "Bank Sumsel Babel",
                5,
                "open",
            ),
            ("Sosialisasi layanan kepada peserta delegasi", "Bank Jatim", 9, "open"),
        ],
    ),
    (
        "Pasokan kopi robusta Sumatera Selatan untuk industri pengolahan Jawa Timur",
        Agreement.Kind.LOI,
        "",
        "kopi, agroindustri",
        4,
        "Palembang",
        "Kadin kedua provinsi menyatakan minat mempertemukan petani dan koperasi kopi robusta "
        "Sumatera Selatan dengan industri sangrai dan kopi instan di Jawa Timur.",
        [("Kadin Sumatera Selatan", "", "Ketua Umum"), ("Kadin Jawa Timur", "", "Ketua Umum")],
        [
            (
                "Mengumpulkan data produksi kopi robusta per kabupaten",
                "Kadin Sumatera Selatan",
                12,
                "open",
            )
        ],
    ),
]


@transaction.atomic
def load_demo_agreements(*, today: date) -> int:
    """Create the demo agreements that are missing; return how many were created."""
    orgs = {
        name: Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "province_id": province}
        )[0]
        for name, (kind, province) in ORGS.items()
    }
    mission = Mission.objects.filter(name=DEMO_MISSION, is_historical=False).first()
    created = 0
    for title, kind, number, sectors, ago, place, summary, parties, items in AGREEMENTS:
        if Agreement.objects.filter(title=title).exists():
            continue
        signed = today - timedelta(days=ago)
        agreement = Agreement.objects.create(
            title=title,
            kind=kind,
            number=number,
            sectors=sectors,
            summary=summary,
            signed_on=signed,
            signed_place=place,
            mission=mission,
            valid_from=signed,
            valid_until=signed.replace(year=signed.year + (5 if kind == "mou" else 2)),
        )
        for order, (org, name, position) in enumerate(parties):
            AgreementParty.objects.create(
                agreement=agreement,
                organisation=orgs[org],
                signatory_name=name,
                signatory_position=position,
                order=order,
            )
        for what, who, days, status in items:
            due = add_working_days(today, days)
            ActionItem.objects.create(
                agreement=agreement,
                what=what,
                responsible=orgs[who],
                due_on=due,
                status=status,
                done_on=due if status == "done" else None,
            )
        created += 1
    return created
