"""The organisers' page of background jobs that failed, with their error and a retry button."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from misidagang.accounts.types import AuthedRequest
from misidagang.tasks import jobs
from misidagang.tasks.access import require_overseer
from misidagang.tasks.models import Job, WorkerBeat


@login_required
def failed(request: AuthedRequest) -> HttpResponse:
    require_overseer(request.user)
    working = Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
    return render(
        request,
        "tasks/failed.html",
        {
            "failed": Job.objects.failed()[:200],
            "queued": working.filter(status=Job.Status.QUEUED).count(),
            "running": working.filter(status=Job.Status.RUNNING).count(),
            "workers": WorkerBeat.objects.order_by("-seen")[:20],
        },
    )


@login_required
@require_POST
def retry(request: AuthedRequest, job_id: int) -> HttpResponse:
    require_overseer(request.user)
    job = jobs.retry(get_object_or_404(Job, pk=job_id))
    messages.success(request, _("Pekerjaan %(name)s diantrekan lagi.") % {"name": job.short_name})
    return redirect("tasks_failed")
