"""Convert a B2B `.dzn` instance (JAIR 74 benchmark) into our scheduling JSON.

Only the fields the instances use are understood: integers, `[| a, b, s | ... |]` (requested
meetings), `[{...}, ...]` (sets, e.g. forbidden slots, 1-based, `{0}` meaning none; precedences,
1-based meeting numbers) and `[i, ...]` (fixed slots, 1-based, 0 meaning not fixed).
Usage: python -m benchmarks.scheduling.dzn FILE.dzn [d] > FILE.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

SESSION = {1: "morning", 2: "afternoon", 3: "any"}


def _items(text: str) -> dict[str, str]:
    text = re.sub(r"%[^\n]*", "", text)
    return {k: v.strip() for k, v in re.findall(r"(\w+)\s*=\s*(.*?);", text, flags=re.S)}


def _set(body: str) -> set[int]:
    out: set[int] = set()
    for part in filter(None, (s.strip() for s in body.split(","))):
        if ".." in part:
            lo, hi = part.split("..")
            out.update(range(int(lo), int(hi) + 1))
        else:
            out.add(int(part))
    return out


def _sets(value: str) -> list[set[int]]:
    return [_set(body) for body in re.findall(r"\{([^}]*)\}", value)]


def _ints(value: str) -> list[int]:
    return [int(v) for v in re.findall(r"-?\d+", value)]


def parse(text: str) -> dict[str, Any]:
    """The raw fields of a dzn file as Python values."""
    raw = _items(text)
    flat = _ints(raw["requested"])
    return {
        "nBusiness": int(raw["nBusiness"]),
        "nMeetings": int(raw["nMeetings"]),
        "nTables": int(raw["nTables"]),
        "nTotalSlots": int(raw["nTotalSlots"]),
        "nMorningSlots": int(raw["nMorningSlots"]),
        "requested": [tuple(flat[i : i + 3]) for i in range(0, len(flat), 3)],
        "forbidden": _sets(raw["forbidden"]),
        "fixed": _ints(raw["fixed"]),
        "precedences": _sets(raw["precedences"]),
    }


def to_doc(text: str, d: int | None = 2, time_limit_s: float = 60.0) -> dict[str, Any]:
    """Our JSON contract: 0-based slots, schedule_all, fairness d, one table per location."""
    r = parse(text)
    if len(r["requested"]) != r["nMeetings"]:
        raise ValueError("requested does not have nMeetings rows")
    participants = []
    for p in range(1, r["nBusiness"] + 1):
        forb = {s - 1 for s in r["forbidden"][p - 1] if s > 0}
        entry: dict[str, Any] = {"id": f"P{p}"}
        if forb:
            entry["available"] = [t for t in range(r["nTotalSlots"]) if t not in forb]
        participants.append(entry)
    meetings = []
    for m, (a, b, session) in enumerate(r["requested"], start=1):
        entry = {"id": f"M{m}", "between": [f"P{a}", f"P{b}"], "session": SESSION[session]}
        fixed = r["fixed"][m - 1] if r["fixed"] else 0
        if fixed:
            entry["fixed_slot"] = fixed - 1
        prec = sorted(r["precedences"][m - 1]) if r["precedences"] else []
        if prec:
            entry["after"] = [f"M{k}" for k in prec]
        meetings.append(entry)
    return {
        "slots": r["nTotalSlots"],
        "morning_slots": r["nMorningSlots"],
        "tables": r["nTables"],
        "time_limit_s": time_limit_s,
        "schedule_all": True,
        "max_break_spread": d,
        "participants": participants,
        "meetings": meetings,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    d = int(args[1]) if len(args) > 1 else 2
    json.dump(to_doc(Path(args[0]).read_text(), d), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
