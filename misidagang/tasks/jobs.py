"""Jobs: background work with an idempotency key, retries with backoff, progress and a
visible error, on Django's Tasks API.

    from misidagang.tasks.jobs import Job, job, enqueue

    @job(retries=4, backoff=10)             # in <app>/tasks.py
    def mission_recount(ctx: Job, *, mission_id: int) -> dict:
        ctx.report(stage="counting", done=0)  # progress the page can poll
        ...
        return {"counted": n}                 # stored as the job's result

    enqueue(mission_recount, key=f"recount:{mission.pk}", mission_id=mission.pk)

A job function takes the running `Job` and JSON-able keyword arguments. It must be idempotent:
a worker killed mid-job makes the job run again from the start. An exception retries it after
`backoff * 2**(attempt-1)` seconds (capped at an hour) until `retries` more attempts are spent;
a refusal (`errors.Refused`) or `Permanent` fails it at once. A failed job keeps its error for
the organisers' page (/tasks/failed/) and Django's admin, where it can be retried."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from traceback import format_exception
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskContext, task
from django_tasks.backends.dummy import DummyBackend
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.utils import normalize_json

from misidagang.errors import Refused
from misidagang.tasks.models import Job

logger = logging.getLogger("misidagang.tasks")

MAX_BACKOFF_S = 3600.0


class Permanent(Exception):
    """Raised by a job that must not be tried again (the input can never work)."""


@dataclass(frozen=True)
class Spec:
    name: str
    func: Callable[..., Any]
    retries: int
    backoff: float
    queue: str
    on_failure: Callable[[Job], None] | None

    def delay(self, attempt: int) -> timedelta:
        return timedelta(seconds=min(MAX_BACKOFF_S, self.backoff * 2 ** max(0, attempt - 1)))


REGISTRY: dict[str, Spec] = {}


def job(
    *,
    retries: int = 4,
    backoff: float = 10.0,
    queue: str = "default",
    on_failure: Callable[[Job], None] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a job. `on_failure(job)` runs once it has finally failed (to mark what it was
    working on). The function itself is returned unchanged, so a test may call it directly."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        name = f"{func.__module__}.{func.__name__}"
        REGISTRY[name] = Spec(name, func, retries, backoff, queue, on_failure)
        func.job_name = name  # type: ignore[attr-defined]
        return func

    return register


def spec_for(name: str) -> Spec:
    if name not in REGISTRY:
        import_string(name)  # importing its module registers it
    return REGISTRY[name]


def enqueue(
    func: Callable[..., Any],
    *,
    key: str | None = None,
    run_after: datetime | None = None,
    **kwargs: Any,
) -> Job:
    """Queue a job; with a `key` already used, the existing job is returned and nothing is
    queued again. Call it inside the transaction of the change that needs the job: on the
    database backend the job and its task commit (or roll back) with that change."""
    spec = spec_for(func.job_name)  # type: ignore[attr-defined]
    values = {
        "name": spec.name,
        "kwargs": normalize_json(kwargs),
        "queue": spec.queue,
        "max_attempts": spec.retries + 1,
        "run_after": run_after,
    }
    with transaction.atomic():
        if key:
            found, created = Job.objects.get_or_create(key=key, defaults=values)
            if not created:
                return found
        else:
            found = Job.objects.create(**values)
        dispatch(found)
    return found


def _same_database(backend: Any) -> bool:
    """Backends whose queue is our database (or none): enqueue inside the transaction."""
    from django_tasks_db import DatabaseBackend

    return isinstance(backend, DatabaseBackend | ImmediateBackend | DummyBackend)


def dispatch(job: Job, now: datetime | None = None) -> None:
    """Hand a queued job to the task backend (`now` is when it is, for a sweep)."""
    backend = run_job.get_backend()
    carrier = run_job.using(queue_name=job.queue)
    if job.run_after and job.run_after > (now or timezone.now()):
        if not backend.supports_defer:
            return  # `sweep` hands it over once it is due
        carrier = carrier.using(run_after=job.run_after)

    def send() -> None:
        result = carrier.enqueue(job.pk)
        Job.objects.filter(pk=job.pk, carrier="").update(carrier=str(result.id))

    if _same_database(backend):
        send()
    else:  # a broker outside the database must not see a job before it is committed
        transaction.on_commit(send)


@task(takes_context=True)
def run_job(context: TaskContext, job_id: int) -> str:
    """The one Django task that carries every job: whatever backend runs it (database, RQ, …)
    runs `run_job(job_id)`, and `execute` does the rest (status, attempts, retries)."""
    ids = context.task_result.worker_ids
    return execute(job_id, worker=ids[-1] if ids else "", carrier=str(context.task_result.id))


def execute(job_id: int, *, worker: str = "", carrier: str = "") -> str:
    """Run a queued job once (the carrier task calls this). A job that is not queued any more
    (done, running elsewhere, cancelled) is left alone: a second delivery does nothing."""
    with transaction.atomic():
        found = Job.objects.select_for_update().filter(pk=job_id).first()
        if found is None or found.status != Job.Status.QUEUED:
            return "skipped"
        found.status, found.attempts = Job.Status.RUNNING, found.attempts + 1
        found.started, found.finished, found.worker = timezone.now(), None, worker[:64]
        found.carrier = carrier[:64]
        found.save(update_fields=["status", "attempts", "started", "finished", "worker", "carrier"])
    spec = spec_for(found.name)
    try:
        result = spec.func(found, **found.kwargs)
    except Exception as exc:
        return _failed(found, spec, exc)
    Job.objects.filter(pk=found.pk, status=Job.Status.RUNNING).update(
        status=Job.Status.DONE,
        result=normalize_json(result),
        finished=timezone.now(),
        error="",
        traceback="",
    )
    return "done"


def _failed(job: Job, spec: Spec, exc: Exception) -> str:
    if Job.objects.filter(pk=job.pk, status=Job.Status.CANCELLED).exists():
        return "cancelled"
    job.error = f"{type(exc).__name__}: {exc}"[:2000]
    job.traceback = "".join(format_exception(exc))[-20000:]
    if not isinstance(exc, Refused | Permanent) and job.attempts < job.max_attempts:
        job.status, job.run_after = Job.Status.QUEUED, timezone.now() + spec.delay(job.attempts)
        job.carrier = ""
        job.save(update_fields=["status", "run_after", "error", "traceback", "carrier"])
        logger.warning(
            "job %s attempt %s failed (%s), retry at %s",
            job,
            job.attempts,
            job.error,
            job.run_after,
        )
        dispatch(job)
        return "retry"
    job.status, job.finished = Job.Status.FAILED, timezone.now()
    job.save(update_fields=["status", "finished", "error", "traceback"])
    logger.error("job %s failed for good: %s", job, job.error)
    if spec.on_failure is not None:
        spec.on_failure(job)
    return "failed"


def retry(job: Job) -> Job:
    """A failed (or cancelled) job queued again now, with a fresh set of attempts."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.status not in (Job.Status.FAILED, Job.Status.CANCELLED):
            return job
        job.status, job.run_after, job.carrier = Job.Status.QUEUED, None, ""
        job.max_attempts = job.attempts + spec_for(job.name).retries + 1
        job.save(update_fields=["status", "run_after", "carrier", "max_attempts"])
        dispatch(job)
    return job


def cancel(job: Job) -> bool:
    """Stop a queued job, or ask a running one to stop (it checks `cancel_requested()`)."""
    changed = Job.objects.filter(
        pk=job.pk, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    ).update(status=Job.Status.CANCELLED, finished=timezone.now())
    return bool(changed)
