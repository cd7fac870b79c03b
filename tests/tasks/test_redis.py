"""The same jobs on Redis (django-tasks' RQ backend), run by an RQ worker: no caller changes.
Skipped where Redis (127.0.0.1:6379, or REDIS_URL) or the `redis` extra is absent."""

from __future__ import annotations

import os

import pytest

from misidagang.tasks import jobs
from tests.tasks import sample

django_rq = pytest.importorskip("django_rq")
redis = pytest.importorskip("redis")
URL = os.environ.get("REDIS_URL", f"redis://127.0.0.1:6379/{10 + os.getpid() % 6}")


def reachable() -> bool:
    try:
        return bool(redis.Redis.from_url(URL, socket_connect_timeout=1).ping())
    except redis.exceptions.ConnectionError:
        return False


@pytest.mark.skipif(not reachable(), reason=f"no Redis at {URL}")
@pytest.mark.django_db(transaction=True)
def test_it_runs_the_same_job_through_redis(settings):
    from django_tasks_rq import Job as RQJob
    from rq import SimpleWorker

    settings.RQ_QUEUES = {"default": {"URL": URL}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default")
    queue.empty()
    job = jobs.enqueue(sample.add, key="sum:redis", a=40, b=2)  # sent once committed
    job.refresh_from_db()
    assert job.status == "queued" and queue.count == 1
    worker = django_rq.get_worker(
        "default", job_class=RQJob, worker_class=SimpleWorker, name="rq-test"
    )
    worker.work(burst=True)
    job.refresh_from_db()
    assert (job.status, job.result, job.worker) == ("done", 42, "rq-test")
