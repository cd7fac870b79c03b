"""A database-backend worker for tests: one pass in this process, or a thread beside a live
server, or a separate process (for killing)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker

ROOT = Path(__file__).resolve().parents[2]


def worker(**kw) -> Worker:
    options = dict(
        queue_names=["*"], interval=0.2, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    return Worker(**{**options, **kw})


def work_once() -> None:
    """Run every queued task now, in this thread, then return."""
    worker().run()


class WorkerThread(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.w = worker(batch=False, worker_id="thread-worker")

    def run(self) -> None:
        try:
            self.w.run()
        finally:
            connection.close()

    def stop(self) -> None:
        self.w.running = False
        self.join(timeout=30)


def spawn_worker(worker_id: str, **env: str) -> subprocess.Popen:
    """`misidagang worker` in its own process, on this test's database (PostgreSQL)."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "misidagang.cli",
            "worker",
            "--worker-id",
            worker_id,
            "--no-periodic",
            "--interval",
            "0.2",
        ],  # fmt: skip
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DB_POOL": "0", "TASKS_BACKEND": "database", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
