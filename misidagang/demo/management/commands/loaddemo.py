import os
from datetime import date as _date
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from misidagang.agreements.demo import load_demo_agreements
from misidagang.deals.demo import load_demo_deals
from misidagang.meetings.demo import load_demo_meetings
from misidagang.missions.demo import DEMO_DAY, load_demo
from misidagang.notify.demo import load_demo_consent

ROLES = {
    "organiser": "penyelenggara (Disperindag), seluruh program",
    "clerk": "petugas meja misi demo",
    "business": "pelaku usaha delegasi (Jawa Timur)",
    "buyer": "pelaku usaha tuan rumah (Sumatera Selatan)",
    "partner": "bank (Bank Jatim)",
    "jamkrida": "penjaminan (Jamkrida Jatim)",
    "viewer": "pemantau (mis. kantor gubernur)",
}


class Command(BaseCommand):
    help = (
        "Load East Java's mission history, the demo mission with its temu bisnis, deals and "
        "agreements (idempotent, deterministic)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        when = parser.add_mutually_exclusive_group()
        when.add_argument(
            "--today", action="store_true", help="Hold the demo mission today (its own zone)."
        )
        when.add_argument("--date", help=f"Hold it on this day (YYYY-MM-DD; default {DEMO_DAY}).")

    def handle(self, *args: object, seed: int, today: bool, date: str | None, **o: object) -> None:
        day = None
        if today:
            day = timezone.localdate(timezone=ZoneInfo("Asia/Jakarta"))  # the mission's zone
        elif date:
            try:
                day = _date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"--date: {exc}") from None
        result = load_demo(seed=seed, day=day)
        m = result.mission
        verb = "Dimuat" if result.created else "Sudah ada"
        when = m.local(m.starts_at)
        self.stdout.write(
            f"{verb}: {m.name} (id {m.pk}), {m.participants.count()} peserta, "
            f"{when:%d-%m-%Y} {m.local_clock(m.starts_at)}"
        )
        requests = load_demo_meetings(m)
        self.stdout.write(f"Permintaan temu bisnis demo baru: {requests}")
        deals = load_demo_deals(m)
        self.stdout.write(f"Transaksi demo baru: {deals}")
        consents = load_demo_consent(m)
        self.stdout.write(f"Nomor WhatsApp demo yang setuju menerima pesan: {consents}")
        agreements = load_demo_agreements(today=timezone.localdate())
        self.stdout.write(f"Perjanjian demo baru: {agreements}")
        self.stdout.write("Akun demo (nama pengguna / kata sandi):")
        for user, password in result.passwords.items():
            self.stdout.write(f"  {user:10s} {password:18s} {ROLES.get(user, '')}")
        base = os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
        self.stdout.write("Mulai dari sini:")
        for label, path in (
            ("misi", m.get_absolute_url()),
            ("layar total langsung", f"/missions/{m.pk}/live/"),
            ("meja transaksi", f"/missions/{m.pk}/deals/desk/"),
            ("temu bisnis", f"/missions/{m.pk}/temu/"),
            ("dokumentasi API", "/api/v1/docs"),
        ):
            self.stdout.write(f"  {label:22s} {base}{path}")
