from django.core.management.base import BaseCommand, CommandError

from misidagang.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Print a new API token for USERNAME (use it as `Authorization: Bearer TOKEN`)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")

    def handle(self, *args: object, username: str, name: str, **options: object) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Pengguna tidak ditemukan: {username}")
        self.stdout.write(ApiToken.issue(user=user, name=name))
