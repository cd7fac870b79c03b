"""Indonesian partner matching on our own set (id_pairs.json): hit@1, hit@5, MRR.

    .venv/bin/python -m benchmarks.matching.id_pairs [--verbose]

Every offer is a seller in East Java, every need a buyer in another province; no HS codes are
given, so the engine infers them from the Indonesian text. A need is a hit at k when one of its
known partners is among the first k candidates. Also reported: how often the look-alike decoy
ranks below the best partner.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from misidagang.engines.matching import recommend


def evaluate(verbose: bool = False) -> dict:
    data = json.loads(Path(__file__).with_name("id_pairs.json").read_text())
    keys = [o["key"] for o in data["offers"]]
    participants = [
        {"id": o["key"], "province": "35", "offers": [{"text": o["text"]}]} for o in data["offers"]
    ]
    participants += [
        {"id": f"N{i}", "province": "16", "needs": [{"text": n["text"]}]}
        for i, n in enumerate(data["needs"])
    ]
    result = recommend({"top_k": 10, "cross_province_only": True, "participants": participants})
    hit1 = hit5 = mrr = decoys = decoy_ok = 0.0
    for need, rec in zip(data["needs"], result["recommendations"], strict=True):
        ranked = [c["seller"] for c in rec["candidates"]]
        ranks = [ranked.index(p) + 1 for p in need["partners"] if p in ranked]
        best = min(ranks) if ranks else None
        hit1 += best == 1
        hit5 += best is not None and best <= 5
        mrr += 1 / best if best else 0
        if need.get("decoy"):
            decoys += 1
            d = ranked.index(need["decoy"]) + 1 if need["decoy"] in ranked else 99
            decoy_ok += best is not None and best < d
        if verbose and best != 1:
            print(f"{need['text']!r}: partners {need['partners']} at {best}; top {ranked[:3]}")
    n = len(data["needs"])
    assert keys
    return {
        "needs": n,
        "hit@1": round(100 * hit1 / n, 1),
        "hit@5": round(100 * hit5 / n, 1),
        "MRR": round(mrr / n, 3),
        "decoys beaten": f"{int(decoy_ok)}/{int(decoys)}",
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    print(json.dumps(evaluate(args.verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
