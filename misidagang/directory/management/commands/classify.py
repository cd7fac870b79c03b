"""`classify [FILE] [--btki PATH]`: HS codes for lines of free text, one JSON object per line."""

import sys

from django.core.management.base import BaseCommand

from misidagang.engines.matching.cli import classify_main


class Command(BaseCommand):
    help = "Classify product texts (one per line) into HS codes."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="text file (default: stdin)")
        parser.add_argument("--btki", default=None, help="BTKI 2022 CSV to add to the index")
        parser.add_argument("--top-k", type=int, default=5)

    def handle(self, *args, **options):
        argv = [options["file"]] if options["file"] else []
        if options["btki"]:
            argv += ["--btki", options["btki"]]
        argv += ["--top-k", str(options["top_k"])]
        status = classify_main(argv, stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr)
        if status:
            sys.exit(status)
