"""The database backend with a real worker: a job queued in the database is run by a worker
pass; a worker killed with SIGKILL mid-job loses nothing (PostgreSQL: two processes)."""

from __future__ import annotations

import os
import signal
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from misidagang.accounts.models import AuditLog
from misidagang.tasks import jobs
from misidagang.tasks.models import Job, WorkerBeat
from misidagang.tasks.worker import Housekeeper
from tests.tasks import sample
from tests.tasks.helpers import spawn_worker, work_once

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two worker processes share PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
def test_it_queues_in_the_database_and_a_worker_runs_it(database_tasks):
    job = jobs.enqueue(sample.add, key="sum:db", a=20, b=22)
    job.refresh_from_db()
    task_row = DBTaskResult.objects.get(id=job.carrier)
    assert (job.status, task_row.status) == ("queued", "READY")
    work_once()
    job.refresh_from_db()
    task_row.refresh_from_db()
    assert (job.status, job.result, job.worker) == ("done", 42, "test-worker")
    assert task_row.status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_it_runs_the_worker_command_in_batch_and_retries_through_the_database(
    database_tasks, monkeypatch
):
    if connection.vendor == "sqlite":  # an in-memory test database locks whole tables between
        monkeypatch.setattr(Housekeeper, "start", lambda self: None)  # threads: beat once only
    job = jobs.enqueue(sample.flaky, fail_times=1)
    call_command("worker", batch=True, no_periodic=True, interval=0.1)
    job.refresh_from_db()
    # the first attempt failed; its retry is deferred in the database (run_after), not lost
    assert (job.status, job.attempts) == ("queued", 1)
    retry_row = DBTaskResult.objects.get(id=job.carrier)
    assert retry_row.status == "READY" and retry_row.run_after == job.run_after
    DBTaskResult.objects.filter(pk=retry_row.pk).update(run_after=retry_row.enqueued_at)
    call_command("worker", batch=True, no_periodic=True, interval=0.1)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == ("done", 2, "ok")
    assert not WorkerBeat.objects.exists()  # a worker that stops says goodbye


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_it_loses_nothing_when_a_worker_is_killed_mid_job(database_tasks):
    job = jobs.enqueue(sample.slow_once, key="slow:kill", seconds=4)
    first = spawn_worker("doomed", TASKS_WORKER_LOST_S="3")
    try:
        wait_for(
            lambda: Job.objects.filter(pk=job.pk, status="running", worker="doomed").exists(),
            30,
            "the first worker to start the job",
        )
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    job.refresh_from_db()
    assert job.status == "running" and job.progress["attempt"] == 1  # stuck, as it was
    second = spawn_worker("rescuer", TASKS_WORKER_LOST_S="3")
    try:
        wait_for(
            lambda: Job.objects.filter(pk=job.pk, status="done").exists(), 60, "the job to finish"
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=15)
    job.refresh_from_db()
    assert (job.attempts, job.worker, job.result) == (2, "rescuer", "marked")
    marks = AuditLog.objects.filter(action="test.slow_once", object_id=str(job.pk))
    assert marks.count() == 1 and marks.get().data == {"attempt": 2}
    rows = DBTaskResult.objects.order_by("enqueued_at")
    assert [r.status for r in rows] == ["FAILED", "SUCCESSFUL"]  # the dead one is closed
    assert rows[0].worker_ids == ["doomed"]
    assert second.returncode == 0
