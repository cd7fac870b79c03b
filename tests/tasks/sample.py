"""Jobs the tests queue (importable by name, as every job must be)."""

from __future__ import annotations

import time

from misidagang.accounts.models import AuditLog
from misidagang.errors import Refused
from misidagang.tasks.jobs import Job, job

CALLS: list[str] = []
failed_for_good: list[int] = []


@job(retries=2, backoff=10)
def add(ctx: Job, *, a: int, b: int) -> int:
    CALLS.append(f"add {a} {b}")
    return a + b


@job(retries=2, backoff=10, on_failure=lambda j: failed_for_good.append(j.pk))
def flaky(ctx: Job, *, fail_times: int) -> str:
    if ctx.attempts <= fail_times:
        raise ConnectionError(f"server away (attempt {ctx.attempts})")
    return "ok"


@job(retries=5)
def refused(ctx: Job) -> None:
    raise Refused("Data tidak lengkap")


@job(retries=1, backoff=1)
def slow_once(ctx: Job, *, seconds: float) -> str:
    """Says it started, works a while, then leaves its one mark: a worker killed meanwhile
    leaves none, and the job run again leaves exactly one."""
    ctx.report(stage="working", attempt=ctx.attempts)
    time.sleep(seconds)
    if not AuditLog.objects.filter(action="test.slow_once", object_id=str(ctx.pk)).exists():
        AuditLog.record(actor=None, action="test.slow_once", obj=ctx, attempt=ctx.attempts)
    return "marked"
