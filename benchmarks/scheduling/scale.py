"""The scale case: 1,000 participants, 5,000 requested meetings, 24 slots, 150 tables.

    python -m benchmarks.scheduling.scale [--seed 1] [--limit 60] [--write-input FILE]

Generates a mission-like instance (sellers and buyers, a few popular participants, morning-only
and afternoon-only participants, some two-seat delegations, sessions, priorities 1) and solves
it in product mode. 150 tables x 24 slots = 3,600 places < 5,000 requests, so the schedule is
capacity-bound; the floor is >= 99 % of the proved bound on meetings within 60 s.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from misidagang.engines.scheduling import solve

from .checker import check


def generate(seed: int = 1, n: int = 1000, m: int = 5000, slots: int = 24,
             tables: int = 150, cap: int = 30) -> dict[str, Any]:  # fmt: skip
    rng = random.Random(seed)
    morning = slots // 2
    participants: list[dict[str, Any]] = []
    for i in range(n):
        entry: dict[str, Any] = {"id": f"{'S' if i < n * 0.3 else 'B'}{i:04d}"}
        roll = rng.random()
        if roll < 0.08:
            entry["available"] = list(range(morning))
        elif roll < 0.14:
            entry["available"] = list(range(morning, slots))
        elif roll < 0.20:
            entry["forbidden"] = rng.sample(range(slots), 3)
        if rng.random() < 0.05:
            entry["seats"] = 2
        participants.append(entry)
    sellers = [p["id"] for p in participants if p["id"].startswith("S")]
    buyers = [p["id"] for p in participants if p["id"].startswith("B")]
    weight_s = [rng.paretovariate(2.0) for _ in sellers]  # some sellers are in demand
    weight_b = [rng.paretovariate(2.5) for _ in buyers]
    pairs: set[tuple[str, str]] = set()
    count: dict[str, int] = {}
    while len(pairs) < m:  # organisers cap the requests per participant (here at 30)
        a, b = rng.choices(sellers, weight_s)[0], rng.choices(buyers, weight_b)[0]
        if (a, b) in pairs or count.get(a, 0) >= cap or count.get(b, 0) >= cap:
            continue
        pairs.add((a, b))
        count[a], count[b] = count.get(a, 0) + 1, count.get(b, 0) + 1
    meetings = []
    for k, (a, b) in enumerate(sorted(pairs)):
        session = rng.choices(["any", "morning", "afternoon"], [0.8, 0.1, 0.1])[0]
        meetings.append({"id": f"M{k:05d}", "between": [a, b], "session": session})
    return {"slots": slots, "morning_slots": morning, "tables": tables, "time_limit_s": 60,
            "schedule_all": False, "max_break_spread": 2,
            "participants": participants, "meetings": meetings}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=float, default=60.0)
    ap.add_argument("--write-input", type=Path)
    args = ap.parse_args(argv)
    doc = generate(args.seed)
    doc["time_limit_s"] = args.limit
    if args.write_input:
        args.write_input.write_text(json.dumps(doc))
    started = time.monotonic()
    out = solve(doc)
    wall = time.monotonic() - started
    report = check(doc, out)
    bound = out["bound"].get("meetings")
    ratio = out["objective"]["meetings"] / bound if bound else float("nan")
    summary = {
        "status": out["status"],
        "meetings": out["objective"]["meetings"],
        "bound_meetings": bound,
        "ratio": round(ratio, 4),
        "breaks": out["objective"]["breaks"],
        "max_breaks_per_participant": max(report["per_participant"].values()),
        "checker": "ok" if report["ok"] else report["errors"][:5],
        "wall_s": round(wall, 1),
    }
    print(json.dumps(summary))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
