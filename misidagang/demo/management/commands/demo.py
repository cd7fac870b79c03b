from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate the database, load the demo and serve it (PORT env, default 8000)."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Load only; do not serve.")

    def handle(self, *args: object, no_serve: bool, **options: object) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        call_command("loaddemo")
        if not no_serve:
            call_command("serve")
