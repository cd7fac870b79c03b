from django.core.management.base import BaseCommand, CommandError

from misidagang.meetings.demo import load_demo_meetings
from misidagang.missions.demo import DEMO_MISSION
from misidagang.missions.models import Mission


class Command(BaseCommand):
    help = (
        "Temu-bisnis demo: a day, 20 tables and requests in the demo mission (run loaddemo first)."
    )

    def handle(self, *args: object, **options: object) -> None:
        mission = Mission.objects.filter(name=DEMO_MISSION, is_historical=False).first()
        if mission is None:
            raise CommandError("Misi demo belum dimuat: jalankan `misidagang loaddemo` dulu.")
        made = load_demo_meetings(mission)
        self.stdout.write(f"Temu bisnis demo: {made} permintaan baru di {mission.name}")
