"""`match [FILE]`: partner recommendations, JSON in (file or stdin), JSON out (stdout)."""

import sys

from django.core.management.base import BaseCommand

from misidagang.engines.matching.cli import match_main


class Command(BaseCommand):
    help = "Recommend trading partners for every need (matching JSON contract, DESIGN.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="input JSON file (default: stdin)")
        parser.add_argument("--indent", type=int, default=None)

    def handle(self, *args, **options):
        argv = [options["file"]] if options["file"] else []
        if options["indent"] is not None:
            argv += ["--indent", str(options["indent"])]
        status = match_main(argv, stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr)
        if status:
            sys.exit(status)
