"""Periodic work of temu bisnis, run by `misidagang worker` (no cron)."""

from __future__ import annotations

from datetime import timedelta

from misidagang.meetings.services import requests_expire
from misidagang.tasks.jobs import Job, job
from misidagang.tasks.periodic import every


@every(timedelta(minutes=5))
@job(retries=2, backoff=30)
def expire_requests(ctx: Job) -> dict[str, int]:
    """Pending meeting requests past their time become expired (pages do it too, for their
    own mission; this catches the missions nobody is looking at)."""
    return {"expired": requests_expire()}


@every(timedelta(minutes=1))
@job(retries=2, backoff=10)
def meeting_reminders(ctx: Job) -> dict[str, int]:
    """The day-before and 15-minutes-before reminders (idempotent: the outbox writes each
    reminder once per meeting and time, so a late or repeated minute sends nothing twice)."""
    from misidagang.meetings.notifications import reminders_due

    return {"written": reminders_due()}
