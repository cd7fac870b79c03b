"""Scheduler run from the API: how fast the POST answers (floor ≤ 1 s) and how soon progress
shows (floor ≤ 5 s), with the demo mission served by `misidagang serve --with-worker`, the
way `make demo` runs it.

    .venv/bin/python benchmarks/tasks/bench_schedule_run.py [--runs 5] [--time-limit 10]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/misidagang_bench_tasks .venv/bin/python …

On SQLite it uses a fresh database in a temporary folder; on PostgreSQL the named database is
migrated and the demo loaded (it is created if missing). Prints one JSON line per run and a
summary line."""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "misidagang.cli"]


def sh(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [*CLI, *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def call(method: str, url: str, token: str) -> tuple[float, dict]:
    req = urllib.request.Request(url, method=method, headers={"Authorization": f"Bearer {token}"})
    started = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as resp:
        body = json.loads(resp.read())
    return time.perf_counter() - started, body


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--time-limit", type=int, default=10)
    ap.add_argument("--port", type=int, default=8391)
    opts = ap.parse_args()
    env = {
        **os.environ,
        "DATA_DIR": tempfile.mkdtemp(prefix="bench-tasks-"),
        "PORT": str(opts.port),
    }
    env.setdefault("TASKS_BACKEND", "database")
    if env.get("DATABASE_URL", "").startswith("postgres"):
        name = env["DATABASE_URL"].rsplit("/", 1)[1]
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True)
    sh(env, "demo", "--no-serve")
    out = sh(env, "shell", "-c", (
        "from misidagang.missions.models import Mission\n"
        "from misidagang.meetings.models import MeetingConfig\n"
        "m = Mission.objects.get(is_historical=False)\n"
        f"MeetingConfig.objects.filter(mission=m).update(time_limit_s={opts.time_limit})\n"
        "print(m.pk)"
    ))  # fmt: skip
    mission = int(out.strip().splitlines()[-1])
    token = sh(env, "createtoken", "organiser").strip().splitlines()[-1]
    server = subprocess.Popen([*CLI, "serve", "--with-worker"], env=env, cwd=ROOT,
                              start_new_session=True, stdout=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{opts.port}/api/v1/missions/{mission}/schedule-runs"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{opts.port}/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        time.sleep(2)  # the worker's start-up
        rows = []
        for i in range(opts.runs):
            t0 = time.perf_counter()
            post_s, run = call("POST", base, token)
            first_progress = running = done = None
            while done is None:
                _, now = call("GET", f"{base}/{run['id']}", token)
                at = time.perf_counter() - t0
                if running is None and now["state"] != "queued":
                    running = at
                if first_progress is None and now["progress"].get("meetings") is not None:
                    first_progress = at
                if now["state"] in ("done", "failed", "cancelled"):
                    done = at
                time.sleep(0.1)
            row = {
                "run": i + 1, "post_s": round(post_s, 3), "state_on_post": run["state"],
                "running_s": round(running or done, 2),
                "progress_s": round(first_progress or done, 2), "done_s": round(done, 2),
                "state": now["state"], "placed": now["placed"], "requested": now["requested"],
                "breaks": now["objective"].get("breaks"),
            }  # fmt: skip
            rows.append(row)
            print(json.dumps(row), flush=True)
        print(json.dumps({
            "database": "postgresql" if "postgres" in env.get("DATABASE_URL", "") else "sqlite",
            "time_limit_s": opts.time_limit,
            "post_max_s": max(r["post_s"] for r in rows),
            "post_median_s": statistics.median(r["post_s"] for r in rows),
            "progress_max_s": max(r["progress_s"] for r in rows),
            "progress_median_s": statistics.median(r["progress_s"] for r in rows),
            "load": os.getloadavg()[0],
        }))  # fmt: skip
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
