from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Migrate the database, load the demo and serve it (PORT env, default 8000) with one "
        "background worker beside the server; Ctrl-C stops both."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Load only; do not serve.")
        parser.add_argument(
            "--date", help="Hold a new demo mission on this day (YYYY-MM-DD) instead of today."
        )

    def handle(self, *args: object, no_serve: bool, date: str | None, **options: object) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        # The mission's day is today, so the event-day pages (meetings now, the desk) show it.
        when: dict[str, object] = {"date": date} if date else {"today": True}
        call_command("loaddemo", **when)
        if not no_serve:
            call_command("serve", with_worker=True)
