from django.core.management.base import BaseCommand

from misidagang.meetings.services import requests_expire


class Command(BaseCommand):
    help = "Mark pending meeting requests past their time as expired (run e.g. every 10 minutes)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Kedaluwarsa: {requests_expire()} permintaan")
