"""The background machinery's own periodic job: old finished jobs are pruned."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from misidagang.tasks.jobs import job
from misidagang.tasks.models import Job, WorkerBeat
from misidagang.tasks.periodic import every

KEEP = timedelta(days=14)


@every(timedelta(hours=6))
@job(retries=2)
def prune(ctx: Job) -> dict[str, int]:
    """Finished jobs (and their task rows) older than two weeks; failed ones stay until
    retried. Workers silent for a day are forgotten."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - KEEP
    done, _ = Job.objects.filter(
        status__in=[Job.Status.DONE, Job.Status.CANCELLED], finished__lt=cutoff
    ).delete()
    rows, _ = DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    WorkerBeat.objects.filter(seen__lt=timezone.now() - timedelta(days=1)).delete()
    return {"jobs": done, "task_rows": rows}
