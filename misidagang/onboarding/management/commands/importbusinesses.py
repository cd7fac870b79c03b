"""misidagang importbusinesses FILE --mission ID --side delegation|host [--dry-run] [--json]

Exit 0 when the file is (or, with --dry-run, would be) imported whole; 2 when any row is bad
(nothing is written)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from misidagang.missions.models import Mission
from misidagang.onboarding import importing


class Command(BaseCommand):
    help = "Import businesses and participants of a mission from an Excel (.xlsx) or CSV sheet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--mission", type=int, required=True)
        parser.add_argument("--side", choices=["delegation", "host"], required=True)
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        mission = Mission.objects.filter(pk=opts["mission"]).first()
        if mission is None:
            raise CommandError(f"no mission {opts['mission']}")
        call = importing.import_preview if opts["dry_run"] else importing.import_commit
        kwargs: dict[str, Any] = {
            "mission": mission,
            "side": opts["side"],
            "data": path.read_bytes(),
            "name": path.name,
        }
        if not opts["dry_run"]:
            kwargs["actor"] = None
        try:
            result = call(**kwargs)
        except importing.ImportRefused as exc:
            result = exc.preview
        except importing.FileError as exc:
            summary = {
                "rows": 0,
                "created": 0,
                "updated": 0,
                "unchanged": 0,
                "errors": [{"row": 1, "field": "", "message": " ".join(exc.messages)}],
                "warnings": [],
            }
            self._print(summary, opts["json"])
            raise SystemExit(2) from None
        summary = result.summary()
        self._print(summary, opts["json"])
        if summary["errors"]:
            raise SystemExit(2)

    def _print(self, summary: dict[str, Any], as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        self.stdout.write(
            f"rows {summary['rows']}: created {summary['created']}, updated "
            f"{summary['updated']}, unchanged {summary['unchanged']}"
        )
        for e in summary["errors"]:
            self.stderr.write(e["message"])
        for w in summary["warnings"]:
            self.stdout.write(w["message"])
