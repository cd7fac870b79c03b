from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from misidagang.deals.importing import expected_columns, import_file
from misidagang.missions.models import Mission


class Command(BaseCommand):
    help = (
        "Import deals from a CSV or Excel file into a mission (the same service as the upload "
        "page /missions/<id>/deals/import/). Columns, Indonesian or English: "
        + expected_columns()
        + ". Every row is checked first; if any row is bad nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--mission", type=int, required=True)
        parser.add_argument(
            "--user",
            required=True,
            help="Username of the importer: a clerk or organiser of the mission.",
        )

    def handle(
        self, *args: object, file: Path, mission: int, user: str | None, **options: object
    ) -> None:
        found = Mission.objects.filter(pk=mission).first()
        if found is None:
            raise CommandError(f"Mission {mission} does not exist.")
        if not file.exists():
            raise CommandError(f"{file}: no such file.")
        actor = get_user_model().objects.filter(username=user).first() if user else None
        if user and actor is None:
            raise CommandError(f"User {user} does not exist.")
        result = import_file(mission=found, actor=actor, data=file.read_bytes(), name=file.name)
        if result.errors:
            for _number, message in result.errors:
                self.stderr.write(message)
            raise CommandError(
                f"{len({n for n, _m in result.errors})} bad row(s) of {result.rows}; "
                "nothing imported."
            )
        self.stdout.write(f"{result.created} deal(s) imported, {result.existing} already there.")
