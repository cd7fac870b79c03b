"""The outbox on the worker: every minute, send what is due (retries whose time has come, rows
written where no sender was kicked). Idempotent: rows are claimed under a lease."""

from __future__ import annotations

from datetime import timedelta

from misidagang.notify.services import outbox_send_due
from misidagang.tasks.jobs import Job, job
from misidagang.tasks.periodic import every


@every(timedelta(minutes=1))
@job(retries=2, backoff=10)
def outbox_send(ctx: Job) -> dict[str, int]:
    sent = 0
    while (n := outbox_send_due()) > 0:
        sent += n
    return {"sent": sent}
