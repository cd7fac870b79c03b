"""`misidagang worker`: runs background jobs (Django's Tasks API) until stopped.

On the database backend (the default) this is django-tasks-db's worker loop; on an RQ backend
(TASKS_BACKEND=rq) it is django-rq's worker. Beside it, a thread keeps the heartbeat, queues the
periodic jobs and puts back the jobs of workers that died. Several can run at once (one per
core, on as many hosts as needed): each job runs once."""

from __future__ import annotations

import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.crypto import get_random_string

from misidagang.tasks.worker import Housekeeper


class Command(BaseCommand):
    help = "Run background jobs until stopped (Ctrl-C or SIGTERM finish the current job)."

    def add_arguments(self, parser):
        parser.add_argument("--queues", default="*", help="Comma-separated; '*' for all.")
        parser.add_argument("--interval", type=float, default=0.5, help="Idle poll, seconds.")
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--worker-id", default="")
        parser.add_argument(
            "--no-periodic", action="store_true", help="Do not queue the periodic jobs."
        )

    def handle(self, *args: object, **opts: object) -> None:
        from django_tasks import task_backends
        from django_tasks_db import DatabaseBackend

        worker_id = str(opts["worker_id"] or get_random_string(32))
        backend = task_backends["default"]
        keeper = Housekeeper(worker_id, run_periodic=not opts["no_periodic"])
        if isinstance(backend, DatabaseBackend):
            run = self._database_worker(worker_id, opts)
        elif type(backend).__module__.startswith("django_tasks_rq"):
            run = self._rq_worker(worker_id, opts)
        else:
            raise CommandError(
                f"{type(backend).__name__} needs no worker (TASKS_BACKEND=database or rq)."
            )
        keeper.once()  # alive before the first job is taken
        keeper.start()
        self.stdout.write(f"misidagang worker {worker_id}: {type(backend).__name__}")
        try:
            run()
        finally:
            keeper.stop()

    def _database_worker(self, worker_id: str, opts: dict):
        from django_tasks_db.management.commands.db_worker import Worker

        queues = str(opts["queues"]).split(",")
        worker = Worker(
            queue_names=queues,
            interval=float(opts["interval"]),  # type: ignore[arg-type]
            batch=bool(opts["batch"]),
            backend_name="default",
            startup_delay=False,
            max_tasks=opts["max_tasks"],  # type: ignore[arg-type]
            worker_id=worker_id,
            excluded_queue_names=[],
        )

        def run() -> None:
            worker.configure_signals()
            try:
                worker.run()
            except SystemExit as exc:  # its signal handler exits between jobs
                if exc.code not in (0, None):
                    raise
            sys.stdout.flush()

        return run

    def _rq_worker(self, worker_id: str, opts: dict):
        queues = [q for q in str(opts["queues"]).split(",") if q != "*"] or ["default"]

        def run() -> None:
            call_command(
                "rqworker",
                *queues,
                name=worker_id,
                burst=bool(opts["batch"]),
                job_class="django_tasks_rq.Job",
            )

        return run
