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
