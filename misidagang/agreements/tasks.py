"""Periodic work of agreements and follow-up, run by `misidagang worker` (no cron)."""

from __future__ import annotations

from datetime import timedelta

from misidagang.agreements.notifications import action_items_due, followups_due
from misidagang.tasks.jobs import Job, job
from misidagang.tasks.periodic import every


@every(timedelta(hours=1))
@job(retries=2, backoff=60)
def agreement_reminders(ctx: Job) -> dict[str, int]:
    """Follow-up rounds opened or unanswered, action items due or overdue (idempotent)."""
    return {"followups": followups_due(), "action_items": action_items_due()}
