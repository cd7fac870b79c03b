"""Jobs: idempotency keys, retries with backoff, refusals, periodic jobs, recovery of a dead
worker's job, and the organisers' page of failed jobs. Jobs run at once here (the immediate
backend), so time is passed in where a retry is due later."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from misidagang.accounts.models import Role
from misidagang.tasks import jobs, periodic, worker
from misidagang.tasks.models import Job, WorkerBeat
from tests.conftest import make_user
from tests.tasks import sample

pytestmark = pytest.mark.django_db


def test_it_runs_a_job_and_keeps_its_result():
    job = jobs.enqueue(sample.add, a=2, b=3)
    job.refresh_from_db()
    assert (job.status, job.result, job.attempts) == ("done", 5, 1)
    assert job.name == "tests.tasks.sample.add" and job.started and job.finished


def test_it_runs_a_job_once_per_key():
    sample.CALLS.clear()
    first = jobs.enqueue(sample.add, key="sum:7", a=3, b=4)
    again = jobs.enqueue(sample.add, key="sum:7", a=3, b=4)
    assert first.pk == again.pk and Job.objects.filter(key="sum:7").count() == 1
    assert sample.CALLS == ["add 3 4"]
    # a second delivery of the same job (a broker re-sending it) does nothing
    assert jobs.execute(first.pk) == "skipped"
    assert sample.CALLS == ["add 3 4"]


def test_it_retries_with_backoff_and_then_succeeds():
    before = timezone.now()
    job = jobs.enqueue(sample.flaky, fail_times=1)
    job.refresh_from_db()
    assert job.status == "queued" and job.attempts == 1
    assert "ConnectionError: server away (attempt 1)" in job.error
    assert before + timedelta(seconds=9) < job.run_after < timezone.now() + timedelta(seconds=11)
    # not due yet: the sweep leaves it alone; once due, it runs
    assert worker.sweep(timezone.now()) == 0
    assert worker.sweep(job.run_after + timedelta(seconds=1)) == 1
    job.refresh_from_db()
    assert (job.status, job.result, job.attempts, job.error) == ("done", "ok", 2, "")


def test_it_doubles_the_wait_and_gives_up_visibly():
    job = jobs.enqueue(sample.flaky, fail_times=99)
    waits = []
    for _ in range(2):
        job.refresh_from_db()
        waits.append((job.run_after - timezone.now()).total_seconds())
        worker.sweep(job.run_after + timedelta(seconds=1))
    job.refresh_from_db()
    assert [round(w) for w in waits] == [10, 20]
    assert (job.status, job.attempts) == ("failed", 3)
    assert "attempt 3" in job.error and "Traceback" in job.traceback
    assert sample.failed_for_good[-1] == job.pk
    assert list(Job.objects.failed()) == [job]


def test_it_fails_a_refusal_at_once():
    job = jobs.enqueue(sample.refused)
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("failed", 1)
    assert "Data tidak lengkap" in job.error


def test_it_queues_each_periodic_job_once_per_period_however_many_workers_tick():
    now = timezone.now()
    first, second = {}, {}  # two workers' memories
    assert "misidagang.meetings.tasks.expire_requests" in periodic.tick(now, first)
    periodic.tick(now, second)
    periodic.tick(now + timedelta(seconds=1), first)
    expiring = Job.objects.filter(name="misidagang.meetings.tasks.expire_requests")
    assert expiring.count() == 1 and expiring.get().status == "done"
    periodic.tick(now + timedelta(minutes=5), second)
    assert expiring.count() == 2


def test_it_puts_back_the_job_of_a_dead_worker_and_leaves_a_live_ones_alone():
    now = timezone.now()
    long_ago = now - timedelta(minutes=5)
    dead = Job.objects.create(
        name="tests.tasks.sample.add", kwargs={"a": 1, "b": 1}, status="running",
        attempts=1, max_attempts=3, worker="w-dead", started=long_ago,
    )  # fmt: skip
    busy = Job.objects.create(
        name="tests.tasks.sample.add", kwargs={"a": 2, "b": 2}, status="running",
        attempts=1, max_attempts=3, worker="w-live", started=long_ago,
    )  # fmt: skip
    WorkerBeat.objects.create(worker="w-dead", seen=long_ago)
    WorkerBeat.objects.create(worker="w-live", seen=now)
    assert worker.recover(now) == [dead.pk]
    dead.refresh_from_db()
    busy.refresh_from_db()
    assert (dead.status, dead.result, dead.attempts) == ("done", 2, 2)
    assert busy.status == "running"


def test_it_fails_a_dead_workers_job_that_is_out_of_attempts():
    job = Job.objects.create(
        name="tests.tasks.sample.add", status="running", attempts=3, max_attempts=3,
        worker="gone", started=timezone.now() - timedelta(minutes=5),
    )  # fmt: skip
    assert worker.recover(timezone.now()) == []
    job.refresh_from_db()
    assert job.status == "failed" and job.error.startswith("WorkerLost")


def test_it_shows_failed_jobs_to_program_wide_organisers_who_can_retry(world, login):
    job = jobs.enqueue(sample.flaky, fail_times=1)
    Job.objects.filter(pk=job.pk).update(status="failed", error="ConnectionError: server away")
    boss = make_user("olga", Role.ORGANISER, program_wide=True)
    page = login(boss).get("/tasks/failed/")
    assert page.status_code == 200
    assert b"flaky" in page.content and b"ConnectionError: server away" in page.content
    for who in ("alice", "bob", "carol", "erin"):
        assert login(world.users[who]).get("/tasks/failed/").status_code == 403
    assert login(None).get("/tasks/failed/").status_code == 302
    assert login(world.alice).post(f"/tasks/{job.pk}/retry/").status_code == 403
    assert login(boss).post(f"/tasks/{job.pk}/retry/").status_code == 302
    job.refresh_from_db()
    assert job.status == "done" and job.result == "ok"
    assert b"Tidak ada pekerjaan yang gagal" in login(boss).get("/tasks/failed/").content


def test_it_lists_jobs_in_the_admin(world, login):
    jobs.enqueue(sample.refused)
    admin = make_user("root", Role.ORGANISER, is_staff=True, is_superuser=True)
    page = login(admin).get("/admin/tasks/job/?status__exact=failed")
    assert page.status_code == 200 and b"Data tidak lengkap" in page.content
