"""What runs beside the backend's worker loop, in a thread of `misidagang worker`: a heartbeat,
the periodic jobs, and the recovery of jobs whose worker died."""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from misidagang.tasks import jobs, periodic
from misidagang.tasks.models import Job, WorkerBeat

logger = logging.getLogger("misidagang.tasks")

BEAT_S = 2.0
RESEND_AFTER = timedelta(minutes=2)  # a broker's lost message: send the job again


def lost_after() -> timedelta:
    """A worker silent this long is taken for dead (TASKS_WORKER_LOST_S, default 20 s)."""
    return timedelta(seconds=settings.TASKS_WORKER_LOST_S)


def beat(worker: str, now: datetime) -> None:
    WorkerBeat.objects.update_or_create(
        worker=worker,
        defaults={"seen": now, "host": socket.gethostname()[:200], "pid": os.getpid()},
    )


def recover(now: datetime) -> list[int]:
    """Running jobs whose worker went quiet go back in the queue (or fail, out of attempts).
    Safe from several workers at once: each job is taken under a row lock."""
    lost = lost_after()
    alive = set(WorkerBeat.objects.filter(seen__gte=now - lost).values_list("worker", flat=True))
    stuck = Job.objects.filter(status=Job.Status.RUNNING, started__lt=now - lost)
    requeued = []
    for job_id, worker in stuck.values_list("pk", "worker"):
        if worker in alive:
            continue
        with transaction.atomic():
            job = Job.objects.select_for_update(skip_locked=True).filter(pk=job_id).first()
            if job is None or job.status != Job.Status.RUNNING or job.worker in alive:
                continue
            _close_carrier(job, now)
            job.error = f"WorkerLost: pekerja {job.worker} berhenti saat menjalankan pekerjaan ini"
            if job.attempts < job.max_attempts:
                job.status, job.run_after, job.carrier = Job.Status.QUEUED, now, ""
                job.save(update_fields=["status", "run_after", "carrier", "error"])
                jobs.dispatch(job)
                requeued.append(job.pk)
            else:
                job.status, job.finished = Job.Status.FAILED, now
                job.save(update_fields=["status", "finished", "error"])
                spec = jobs.spec_for(job.name)
                if spec.on_failure is not None:
                    spec.on_failure(job)
        logger.warning("job %s: worker %s lost", job_id, worker)
    return requeued


def _close_carrier(job: Job, now: datetime) -> None:
    """The database backend's row of a dead worker's task stays "running" forever: close it."""
    from django_tasks_db.models import DBTaskResult

    if job.carrier:
        DBTaskResult.objects.filter(id=job.carrier, status="RUNNING").update(
            status="FAILED",
            finished_at=now,
            exception_class_path="misidagang.tasks.worker.WorkerLost",
            traceback=job.error,
        )


def sweep(now: datetime) -> int:
    """Due retries on a backend that cannot defer, and jobs a broker may have lost."""
    backend = jobs.run_job.get_backend()
    if jobs._same_database(backend) and backend.supports_defer:
        return 0  # the job and its task were written in one transaction: nothing is lost
    due = Job.objects.filter(status=Job.Status.QUEUED, run_after__lte=now)
    if backend.supports_defer:
        due = due.filter(run_after__lte=now - RESEND_AFTER)
    n = 0
    for job in due[:500]:
        jobs.dispatch(job, now)
        n += 1
    return n


class Housekeeper(threading.Thread):
    """Every BEAT_S seconds: heartbeat, recovery, periodic jobs, sweep."""

    def __init__(self, worker: str, *, run_periodic: bool = True) -> None:
        super().__init__(name="misidagang-housekeeper", daemon=True)
        self.worker, self.run_periodic = worker, run_periodic
        self.stopping = threading.Event()
        self.seen: dict[str, int] = {}

    def once(self) -> None:
        now = timezone.now()
        beat(self.worker, now)
        recover(now)
        if self.run_periodic:
            periodic.tick(now, self.seen)
        sweep(now)

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                close_old_connections()
                self.once()
            except Exception:  # a database hiccup must not stop the heartbeat for good
                logger.exception("housekeeping failed")
            finally:
                connection.close()
            self.stopping.wait(BEAT_S)

    def stop(self) -> None:
        self.stopping.set()
        if self.is_alive():
            self.join(timeout=5)
        WorkerBeat.objects.filter(worker=self.worker).delete()
