from django.core.management.base import BaseCommand
from django.utils import timezone

from misidagang.agreements.demo import load_demo_agreements
from misidagang.meetings.demo import load_demo_meetings
from misidagang.missions.demo import load_demo
from misidagang.notify.demo import load_demo_consent


class Command(BaseCommand):
    help = (
        "Load East Java's mission history, the demo mission and its agreements "
        "(idempotent, deterministic)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: object, seed: int, **options: object) -> None:
        result = load_demo(seed=seed)
        m = result.mission
        verb = "Dimuat" if result.created else "Sudah ada"
        self.stdout.write(f"{verb}: {m.name} (id {m.pk}), {m.participants.count()} peserta")
        requests = load_demo_meetings(m)
        self.stdout.write(f"Permintaan temu bisnis demo baru: {requests}")
        consents = load_demo_consent(m)
        self.stdout.write(f"Nomor WhatsApp demo yang setuju menerima pesan: {consents}")
        agreements = load_demo_agreements(today=timezone.localdate())
        self.stdout.write(f"Perjanjian demo baru: {agreements}")
        self.stdout.write("Akun demo (nama pengguna / kata sandi):")
        for user, password in result.passwords.items():
            self.stdout.write(f"  {user:10s} {password}")
