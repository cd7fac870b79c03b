import time

from django.core.management.base import BaseCommand

from misidagang.notify.services import outbox_send_due


class Command(BaseCommand):
    help = "Send the notifications that are due (e-mail, WhatsApp); --loop keeps sending."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running; poll the outbox.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between polls.")
        parser.add_argument("--limit", type=int, default=200, help="Rows per batch.")

    def handle(self, *args: object, loop: bool, interval: float, limit: int, **opts: object):
        total = 0
        while True:
            n = outbox_send_due(limit=limit)
            total += n
            if n:
                continue
            if not loop:
                break
            time.sleep(interval)
        self.stdout.write(f"Notifikasi diproses: {total}")
