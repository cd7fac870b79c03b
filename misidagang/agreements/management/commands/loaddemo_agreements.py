from django.core.management.base import BaseCommand
from django.utils import timezone

from misidagang.agreements.demo import load_demo_agreements


class Command(BaseCommand):
    help = "Load the demo agreements (MoU, PKS, LoI) around the demo mission. Idempotent."

    def handle(self, *args: object, **options: object) -> None:
        created = load_demo_agreements(today=timezone.localdate())
        self.stdout.write(f"{created} demo agreements created.")
