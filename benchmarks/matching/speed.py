"""Speed and memory of the recommender.

    .venv/bin/python -m benchmarks.matching.speed [--sizes 10000,30000,100000] [--demo-only]

1. Demo size: a mission built like the demo (46 delegation + 115 host businesses, products
   from misidagang/missions/demo_data.py, half the items without HS so the classifier runs),
   fully recomputed; timed warm (index already built) and reported with the cold first call.
2. Directory scale: N businesses with 3 items each (offers and needs drawn from our lexicon's
   terms, half with HS codes), top-10 for every need; each size runs in a fresh process and
   reports wall time, CPU time (both threads), the time of each phase, peak RSS and the load
   average when it finished (the machine is shared: wall time depends on it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time

from misidagang.engines.matching import recommend


def demo_doc(seed: int = 7) -> dict:
    from misidagang.missions.demo_data import DELEGATION_SECTORS, HOST_SECTORS

    rng = random.Random(seed)

    def items(entries):
        out = []
        for text, hs, unit, low, high, certs in entries:
            out.append(
                {"text": text, "hs": hs if rng.random() < 0.5 else None,
                 "quantity": rng.randint(low, high), "unit": unit,
                 "certifications": list(certs)}
            )  # fmt: skip
        return out

    participants = []
    for side, sectors, count, province in (
        ("J", DELEGATION_SECTORS, 46, "35"),
        ("S", HOST_SECTORS, 115, "16"),
    ):
        for i in range(count):
            _name, _regions, offers, needs = sectors[i % len(sectors)]
            participants.append(
                {"id": f"{side}-{i:03d}", "province": province,
                 "offers": items(offers), "needs": items(needs)}
            )  # fmt: skip
    return {"top_k": 10, "cross_province_only": True, "participants": participants}


def scale_doc(n: int, seed: int = 11) -> dict:
    from misidagang.engines.matching.catalogue import catalogue

    rng = random.Random(seed)
    entries = [e for e in catalogue().entries if len(e.hs) in (4, 6)]
    adjectives = ["", "", "premium", "curah", "kemasan", "grade A", "lokal", "ekspor", "segar"]
    certs = ["halal", "sni", "bpom", "pirt", "organik"]
    participants = []
    for i in range(n):
        items = {"offers": [], "needs": []}
        for _ in range(3):
            e = rng.choice(entries)
            kind = "offers" if rng.random() < 0.5 else "needs"
            items[kind].append(
                {"text": f"{rng.choice(e.terms)} {rng.choice(adjectives)}".strip(),
                 "hs": e.hs if rng.random() < 0.5 else None,
                 "quantity": rng.randint(1, 500), "unit": "ton",
                 "certifications": rng.sample(certs, rng.randint(0, 2))}
            )  # fmt: skip
        participants.append({"id": f"B{i}", "province": str(11 + i % 38), **items})
    return {"top_k": 10, "cross_province_only": False, "participants": participants}


def run_demo() -> None:
    doc = demo_doc()
    n_items = sum(len(p["offers"]) + len(p["needs"]) for p in doc["participants"])
    t0 = time.perf_counter()
    recommend(doc)
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(5):
        t0 = time.perf_counter()
        result = recommend(doc)
        warm.append(time.perf_counter() - t0)
    with_partner = sum(1 for r in result["recommendations"] if r["candidates"])
    print(
        f"demo: {len(doc['participants'])} participants, {n_items} offers+needs, "
        f"{len(result['recommendations'])} needs ({with_partner} with a partner); "
        f"cold {cold:.2f} s (builds the index), warm median {sorted(warm)[2]:.3f} s"
    )


def run_scale(n: int) -> None:
    doc = scale_doc(n)
    n_items = sum(len(p["offers"]) + len(p["needs"]) for p in doc["participants"])
    from misidagang.engines.matching.classifier import get_index

    t0 = time.perf_counter()
    get_index()
    index_s = time.perf_counter() - t0
    from misidagang.engines.matching.recommend import TIMINGS

    t0, c0 = time.perf_counter(), time.process_time()
    result = recommend(doc)
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cands = sum(len(r["candidates"]) for r in result["recommendations"])
    print(json.dumps({"businesses": n, "items": n_items, "needs": len(result["recommendations"]),
                      "candidates": cands, "index_s": round(index_s, 1),
                      "recommend_s": round(took, 1), "cpu_s": round(cpu, 1),
                      "phases_s": TIMINGS, "peak_rss_mb": round(peak),
                      "load": [round(x, 1) for x in os.getloadavg()]}))  # fmt: skip


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--demo-only", action="store_true")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        run_scale(args.one)
        return 0
    run_demo()
    if args.demo_only:
        return 0
    for n in [int(s) for s in args.sizes.split(",")]:
        subprocess.run(
            [sys.executable, "-m", "benchmarks.matching.speed", "--one", str(n)], check=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
