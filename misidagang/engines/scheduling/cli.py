"""Command line: `schedule [FILE]` reads the JSON document (or stdin), writes the result."""

from __future__ import annotations

import json
import sys
from typing import IO

from .solver import solve
from .spec import SchedulingInputError

USAGE = "usage: schedule [FILE]   (reads the scheduling JSON from FILE or stdin)"


def main(
    argv: list[str] | None = None,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Run the scheduler; exit 0 on success, 2 on invalid input (the message names the field)."""
    args = sys.argv[1:] if argv is None else argv
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print(USAGE, file=stderr)
        return 2
    try:
        if args and args[0] != "-":
            with open(args[0], encoding="utf-8") as fh:
                text = fh.read()
        else:
            text = stdin.read()
    except OSError as exc:
        print(f"error: cannot read {args[0]}: {exc.strerror}", file=stderr)
        return 2
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"error: $: not valid JSON ({exc.msg} at line {exc.lineno})", file=stderr)
        return 2
    try:
        result = solve(doc)
    except SchedulingInputError as exc:
        print(f"error: {exc.field}: {exc.message}", file=stderr)
        return 2
    json.dump(result, stdout, ensure_ascii=False, indent=1)
    stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
