"""A job: one piece of background work as the people running a mission see it (what, for whom,
status, attempts, progress, last error), whatever task backend carries it."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobQuerySet(models.QuerySet["Job"]):
    def failed(self) -> JobQuerySet:
        return self.filter(status=Job.Status.FAILED)


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Antre")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")
        CANCELLED = "cancelled", _("Dibatalkan")

    name = models.CharField(_("pekerjaan"), max_length=200)  # dotted path of the function
    # Enqueueing the same key twice gives the same job: the key makes a job idempotent.
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    queue = models.CharField(max_length=32, default="default")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    max_attempts = models.PositiveIntegerField(default=5)
    run_after = models.DateTimeField(null=True, blank=True)
    progress = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(_("galat"), blank=True)
    traceback = models.TextField(blank=True)
    worker = models.CharField(max_length=64, blank=True)  # who runs (or last ran) it
    carrier = models.CharField(max_length=64, blank=True)  # the task backend's result id
    created = models.DateTimeField(default=timezone.now)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("pekerjaan latar")
        verbose_name_plural = _("pekerjaan latar")
        indexes = [models.Index(fields=["status", "run_after"])]

    def __str__(self) -> str:
        return f"{self.short_name} #{self.pk} {self.status}"

    @property
    def short_name(self) -> str:
        return self.name.rpartition(".")[2]

    def report(self, **values: Any) -> None:
        """A long job tells how far it is (the page polls this): merged into `progress`."""
        self.progress = {**self.progress, **values}
        Job.objects.filter(pk=self.pk).update(progress=self.progress)

    def cancel_requested(self) -> bool:
        return Job.objects.filter(pk=self.pk, status=Job.Status.CANCELLED).exists()


class WorkerBeat(models.Model):
    """A worker process says it is alive every few seconds; a running job whose worker has
    gone quiet is put back in the queue (a worker killed mid-job loses nothing)."""

    worker = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=200, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started = models.DateTimeField(default=timezone.now)
    seen = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("proses pekerja")
        verbose_name_plural = _("proses pekerja")

    def __str__(self) -> str:
        return f"{self.worker} ({self.host}:{self.pid})"
