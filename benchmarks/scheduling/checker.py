"""Independent checker of a scheduling result against its input document.

Written from DESIGN.md alone (no engine code): recomputes every participant's breaks (maximal
runs of idle slots between two of its meetings), verifies every hard constraint and compares
the reported objective. Usage: python -m benchmarks.scheduling.checker INPUT.json OUTPUT.json
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any


def breaks_of(slots: list[int]) -> int:
    """Number of gaps between the distinct busy slots of one participant."""
    busy = sorted(set(slots))
    return sum(1 for a, b in zip(busy, busy[1:], strict=False) if b > a + 1)


def check(doc: dict[str, Any], out: dict[str, Any]) -> dict[str, Any]:
    """Return {"ok", "errors", "breaks", "meetings", "priority", "moved", "per_participant"}."""
    errors: list[str] = []
    n_slots, tables = doc["slots"], doc["tables"]
    morning = doc.get("morning_slots", n_slots)
    people = {p["id"]: p for p in doc["participants"]}
    meetings = {m["id"]: m for m in doc["meetings"]}
    slot_of: dict[str, int] = {}
    used: Counter[tuple[int, int]] = Counter()
    per_slot: Counter[int] = Counter()
    for row in out["scheduled"]:
        mid, t, k = row["meeting"], row["slot"], row["table"]
        if mid not in meetings:
            errors.append(f"unknown meeting {mid}")
            continue
        if mid in slot_of:
            errors.append(f"{mid} scheduled twice")
        slot_of[mid] = t
        if not 0 <= t < n_slots:
            errors.append(f"{mid}: slot {t} out of range")
        if not (isinstance(k, int) and 0 <= k < tables):
            errors.append(f"{mid}: table {k} out of range")
        used[(t, k)] += 1
        per_slot[t] += 1
    errors += [f"slot {t} table {k} used {c} times" for (t, k), c in used.items() if c > 1]
    errors += [
        f"slot {t}: {c} meetings > {tables} tables" for t, c in per_slot.items() if c > tables
    ]
    listed = set(slot_of) | set(out["unscheduled"])
    if listed != set(meetings) or len(out["unscheduled"]) != len(set(out["unscheduled"])):
        errors.append("scheduled + unscheduled is not exactly the set of meetings")
    if set(slot_of) & set(out["unscheduled"]):
        errors.append("a meeting is both scheduled and unscheduled")
    busy: dict[str, list[int]] = defaultdict(list)
    for mid, t in slot_of.items():
        m = meetings[mid]
        session = m.get("session") or "any"
        if (session == "morning" and t >= morning) or (session == "afternoon" and t < morning):
            errors.append(f"{mid}: slot {t} outside session {session}")
        for pid in m["between"]:
            p = people[pid]
            if p.get("available") is not None and t not in p["available"]:
                errors.append(f"{mid}: {pid} not available in slot {t}")
            if t in (p.get("forbidden") or []):
                errors.append(f"{mid}: slot {t} forbidden for {pid}")
            busy[pid].append(t)
        if m.get("fixed_slot") is not None and m["fixed_slot"] != t:
            errors.append(f"{mid}: fixed to {m['fixed_slot']}, placed in {t}")
        for pred in m.get("after") or []:
            if pred in slot_of and not slot_of[pred] < t:
                errors.append(f"{mid} (slot {t}) not after {pred} (slot {slot_of[pred]})")
    for mid, m in meetings.items():
        if mid not in slot_of and m.get("fixed_slot") is not None:
            errors.append(f"{mid}: fixed meeting left out")
    if doc.get("schedule_all") and len(slot_of) != len(meetings):
        errors.append(f"schedule_all but {len(meetings) - len(slot_of)} meetings left out")
    for pid, ts in busy.items():
        seats = people[pid].get("seats", 1)
        for t, c in Counter(ts).items():
            if c > seats:
                errors.append(f"{pid}: {c} meetings in slot {t} with {seats} seat(s)")
    per = {pid: breaks_of(busy.get(pid, [])) for pid in people}
    d = doc.get("max_break_spread")
    if d is not None and per and max(per.values()) - min(per.values()) > d:
        errors.append(f"break spread {max(per.values()) - min(per.values())} > d={d}")
    moved = sum(1 for r in doc.get("previous") or [] if slot_of.get(r["meeting"]) != r["slot"])
    result = {
        "meetings": len(slot_of),
        "priority": sum(meetings[mid].get("priority", 1) for mid in slot_of),
        "breaks": sum(per.values()),
        "moved": moved,
    }
    for key, value in result.items():
        if out.get("objective", {}).get(key) != value:
            errors.append(f"objective.{key} reported {out['objective'].get(key)}, is {value}")
    return {"ok": not errors, "errors": errors, "per_participant": per, **result}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    doc, out = (json.loads(Path(a).read_text()) for a in args)
    report = check(doc, out)
    report.pop("per_participant")
    print(json.dumps(report, indent=1))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
