"""`schedule [FILE]`: the meeting scheduler, JSON in (file or stdin), JSON out (stdout)."""

import sys

from django.core.management.base import BaseCommand

from misidagang.engines.scheduling.cli import main


class Command(BaseCommand):
    help = (
        "Schedule one-to-one meetings (scheduling JSON contract, DESIGN.md). Exit 2 on bad input."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="input JSON file (default: stdin)")

    def handle(self, *args: object, **options: object) -> None:
        argv = [str(options["file"])] if options["file"] else []
        status = main(argv, stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr)
        if status:
            sys.exit(status)
