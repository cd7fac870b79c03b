"""Solve the 140 B2B instances (JAIR 74) with our engine and compare with the published values.

    python -m benchmarks.scheduling.run [--limit 60] [--crafted-limit 30] [--only PATTERN]
                                        [--resume] [--out benchmarks/scheduling]

Writes `b2b_results.csv` and `b2b_results.md` (one row per file, updated after each instance).
The instances and published values are read from ../shared/benchmarks/b2b (not shipped with
the repository); without them the benchmark prints a message and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path
from typing import Any

from misidagang.engines.scheduling import solve

from .checker import check
from .dzn import to_doc

DETERMINISTIC = False  # the product default (the portfolio); --deterministic for the opt-in mode
ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "benchmarks" / "b2b"
FIELDS = ["instance", "variant", "participants", "meetings", "limit_s", "status", "scheduled",
          "breaks", "bound", "published", "gap", "verdict", "checker", "wall_s"]  # fmt: skip


def published() -> dict[tuple[str, str], str]:
    """(base, variant) -> published optimum ('-' = proved infeasible), d = 2."""
    out: dict[tuple[str, str], str] = {}
    with open(SHARED / "results_originals_d2.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            out[(row["instance"], "original")] = row["published_opt_breaks_d2"].strip()
    with open(SHARED / "published_crafted_results.csv", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            if row[2].strip() == "2" and row[1] != "original":
                out[(row[0], row[1])] = row[4].strip()
    return out


def verdict(status: str, breaks: int | None, pub: str) -> tuple[str, str]:
    """(gap, verdict): compare our answer with the published one."""
    if pub.startswith("-"):  # one row reads "- (value missing in paper; ...)"
        ok = {"infeasible": "infeasible (agrees)", "unknown": "unknown (published infeasible)"}
        return "", ok.get(status, "WRONG: schedule for a published-infeasible instance")
    if pub in ("", "?"):
        return "", status
    if status == "infeasible":
        return "", "WRONG: reported infeasible"
    if breaks is None:
        return "", "no schedule"
    gap = breaks - int(pub)
    if gap < 0:
        return str(gap), "BELOW published optimum (check!)"
    return str(gap), "at optimum" if gap == 0 else f"+{gap}"


def run_one(path: Path, limit: float, pub: dict[tuple[str, str], str]) -> dict[str, Any]:
    base, variant = path.name.removesuffix(".dzn").split(".", 1)
    doc = to_doc(path.read_text(), d=2, time_limit_s=limit)
    if DETERMINISTIC:  # otherwise the key is absent: what a user gets with no options
        doc["deterministic"] = True
    started = time.monotonic()
    out = solve(doc)
    wall = time.monotonic() - started
    has_schedule = out["status"] in ("optimal", "feasible")
    report = check(doc, out) if has_schedule else None
    breaks = out["objective"]["breaks"] if has_schedule else None
    checked = "" if report is None else "ok" if report["ok"] else "; ".join(report["errors"][:3])
    p = pub.get((base, variant), "?")
    gap, text = verdict(out["status"], breaks, p)
    return {
        "instance": base, "variant": variant, "participants": len(doc["participants"]),
        "meetings": len(doc["meetings"]), "limit_s": limit, "status": out["status"],
        "scheduled": out["objective"]["meetings"], "breaks": "" if breaks is None else breaks,
        "bound": out["bound"].get("breaks", ""), "published": p, "gap": gap, "verdict": text,
        "checker": checked,
        "wall_s": f"{wall:.1f}",
    }  # fmt: skip


def summary(rows: list[dict[str, Any]]) -> list[str]:
    """Counts for RESULTS.md: originals vs the published optimum, crafted variants by verdict."""
    orig = [r for r in rows if r["variant"] == "original"]
    gaps = [int(r["gap"]) for r in orig if str(r["gap"]) not in ("",)]
    crafted = [r for r in rows if r["variant"] != "original"]
    wrong = [r for r in rows if str(r["verdict"]).startswith(("WRONG", "BELOW"))]
    bad_check = [r for r in rows if r["checker"] not in ("", "ok")]
    lines = [
        f"- originals run: {len(orig)}; fully scheduled: "
        f"{sum(1 for r in orig if r['status'] in ('optimal', 'feasible'))}; "
        f"at the published optimum: {sum(1 for g in gaps if g == 0)}; "
        f"worst gap: {max(gaps, default=0)}; proved optimal: "
        f"{sum(1 for r in orig if r['status'] == 'optimal')}; "
        f"max wall: {max((float(r['wall_s']) for r in orig), default=0):.1f} s",
        f"- crafted run: {len(crafted)}; at the published optimum: "
        f"{sum(1 for r in crafted if r['verdict'] == 'at optimum')}; above it: "
        f"{sum(1 for r in crafted if str(r['verdict']).startswith('+'))}; infeasible agreed: "
        f"{sum(1 for r in crafted if r['verdict'] == 'infeasible (agrees)')}; published "
        f"infeasible left unknown: "
        f"{sum(1 for r in crafted if r['verdict'] == 'unknown (published infeasible)')}; "
        f"no schedule for a feasible one: "
        f"{sum(1 for r in crafted if r['verdict'] in ('no schedule', 'unknown'))}",
        f"- wrong answers (infeasible for a feasible one, or below an optimum): {len(wrong)}; "
        f"checker failures: {len(bad_check)}",
    ]
    return lines


def rescore(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        breaks = int(r["breaks"]) if str(r["breaks"]) != "" else None
        r["gap"], r["verdict"] = verdict(r["status"], breaks, r["published"])


def write(rows: list[dict[str, Any]], out_dir: Path) -> None:
    with open(out_dir / "b2b_results.csv", "w", newline="") as fh:
        writer = csv.DictWriter(fh, FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    lines = ["| instance | variant | status | breaks | bound | published | verdict | checker | s |",
             "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in rows:
        cells = [r["instance"], r["variant"], r["status"], r["breaks"], r["bound"],
                 r["published"], r["verdict"], r["checker"], r["wall_s"]]  # fmt: skip
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    (out_dir / "b2b_results.md").write_text("\n".join(summary(rows) + [""] + lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=float, default=60.0, help="seconds per original")
    ap.add_argument("--crafted-limit", type=float, default=60.0, help="seconds per variant")
    ap.add_argument("--only", default="", help="substring of the file names to run")
    ap.add_argument("--resume", action="store_true", help="keep rows already in the CSV")
    ap.add_argument("--rescore", action="store_true", help="only recompute verdicts of the CSV")
    ap.add_argument("--deterministic", action="store_true", help="the opt-in single-worker mode")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = ap.parse_args(argv)
    if not (SHARED / "instances").is_dir():
        print(f"skipped: B2B instances not found at {SHARED} (needs ../shared)")
        return 0
    global DETERMINISTIC
    DETERMINISTIC = args.deterministic
    pub = published()
    rows: list[dict[str, Any]] = []
    if (args.resume or args.rescore) and (args.out / "b2b_results.csv").exists():
        with open(args.out / "b2b_results.csv", newline="") as fh:
            rows = list(csv.DictReader(fh))
    if args.rescore:
        rescore(rows)
        write(rows, args.out)
        print("\n".join(summary(rows)))
        return 0
    done = {(r["instance"], r["variant"]) for r in rows}
    files = sorted(
        (SHARED / "instances").glob("*.dzn"), key=lambda f: (".original" not in f.name, f.name)
    )
    for path in files:
        base, variant = path.name.removesuffix(".dzn").split(".", 1)
        if args.only not in path.name or (base, variant) in done:
            continue
        limit = args.limit if variant == "original" else args.crafted_limit
        row = run_one(path, limit, pub)
        rows.append(row)
        write(rows, args.out)
        keys = ("instance", "variant", "status", "breaks", "published", "verdict", "wall_s")
        print(" ".join(f"{k}={row[k]}" for k in keys), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
