"""Program report over a big ledger on PostgreSQL: 500 missions, up to 1,000,000 deals.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/md_reports_bench \
        .venv/bin/python benchmarks/reports/bench_program.py [--sizes 10000,100000,1000000]

Creates (drops first) the database, migrates, loads the real East Java history, 457 more
missions, then grows the deal ledger with COPY to each size and times the program report
(median of 5 runs after one warm-up) and the public API call. Prints a Markdown table."""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "misidagang.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))

COMMODITIES = [
    ("090111", "kopi arabika"),
    ("090112", "kopi robusta"),
    ("100630", "beras"),
    ("170199", "gula pasir"),
    ("151110", "CPO"),
    ("080290", "pinang"),
    ("030389", "ikan patin"),
    ("240120", "tembakau"),
    ("120190", "kedelai"),
    ("071420", "porang"),
    ("", "kerajinan rotan"),
    ("", "batik tulis"),
    ("040721", "telur ayam"),
    ("100590", "jagung pipil"),
]
DIRECTIONS = ["jual"] * 6 + ["beli"] * 3 + ["investasi"]


def create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def missions(n_total: int) -> list[int]:
    from misidagang.missions.demo import load_history
    from misidagang.missions.models import Mission

    load_history()
    rng = random.Random(7)
    provinces = ["11", "12", "13", "16", "18", "21", "31", "32", "51", "52", "61", "64", "73"]
    existing = Mission.objects.count()
    batch = []
    for i in range(n_total - existing):
        start = datetime(2026, 1, 1, 2, tzinfo=UTC) + timedelta(days=rng.randrange(0, 3 * 365))
        batch.append(
            Mission(
                name=f"Misi bench {i}",
                delegation_province_id="35",
                host_province_id=rng.choice(provinces),
                starts_at=start,
                ends_at=start + timedelta(hours=9),
                status=Mission.Status.CLOSED,
            )
        )
    Mission.objects.bulk_create(batch)
    return list(Mission.objects.filter(is_historical=False).values_list("pk", flat=True))


def copy_deals(mission_ids: list[int], count: int, seed: int) -> None:
    """COPY `count` deals: 95 % confirmed, 2 % voided, a third partly realised."""
    from django.db import connection

    rng = random.Random(seed)
    now = datetime(2026, 11, 1, tzinfo=UTC).isoformat()
    buf = io.StringIO()
    for _ in range(count):
        hs, commodity = rng.choice(COMMODITIES)
        value = rng.randrange(5, 5000) * 1_000_000
        realised = value // rng.choice([1, 2, 3]) if rng.random() < 0.33 else 0
        confirmed = now if rng.random() < 0.95 else r"\N"
        voided = now if rng.random() < 0.02 else r"\N"
        stage = "realisasi" if realised else rng.choice(["komitmen", "kontrak"])
        buf.write(
            f"{rng.choice(mission_ids)}\tCV Penjual\tPT Pembeli\t{rng.choice(DIRECTIONS)}\t{hs}\t"
            f"{commodity}\t{value}\t{stage}\t{realised}\t\tf\tf\t\tdesk\t{now}\t{confirmed}\t"
            f"{voided}\t\t\t{now}\t\n"
        )
    buf.seek(0)
    columns = (
        "mission_id, seller_name, buyer_name, direction, hs, commodity, value_idr, stage, "
        "realised_idr, meeting_ref, wants_financing, wants_guarantee, notes, source, "
        "recorded_at, confirmed_at, voided_at, void_reason, idempotency_key, updated_at, "
        "unit"
    )
    with connection.cursor() as cur:
        with cur.copy(f"COPY deals_deal ({columns}) FROM STDIN") as copy:
            while chunk := buf.read(1 << 20):
                copy.write(chunk)
        cur.execute("ANALYZE deals_deal")


def timed(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    fn()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    url = os.environ["DATABASE_URL"]
    assert url.startswith("postgres"), "PostgreSQL only"
    create_database(url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from misidagang.deals.models import Deal
    from misidagang.reports.program import program_report

    call_command("migrate", verbosity=0)
    ids = missions(500)
    client = Client()
    print(
        "| deals | load (s) | program_report() median (s) | GET /reports/program (s) "
        "| GET /api/v1/reports/program (s) |"
    )
    print("|---:|---:|---:|---:|---:|")
    have = 0
    for size in (int(s) for s in args.sizes.split(",")):
        t = time.perf_counter()
        copy_deals(ids, size - have, seed=size)
        load = time.perf_counter() - t
        have = size
        assert Deal.objects.count() == size
        report = timed(program_report)
        page = timed(lambda: client.get("/reports/program", HTTP_HOST="localhost"))
        api = timed(lambda: client.get("/api/v1/reports/program", HTTP_HOST="localhost"))
        print(f"| {size:,} | {load:.1f} | {report:.3f} | {page:.3f} | {api:.3f} |", flush=True)


if __name__ == "__main__":
    main()
