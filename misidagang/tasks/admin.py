from django.contrib import admin, messages

from misidagang.tasks import jobs
from misidagang.tasks.models import Job, WorkerBeat


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("pk", "short_name", "key", "status", "attempts", "created", "finished", "error")
    list_filter = ("status", "name", "queue")
    search_fields = ("name", "key", "error")
    readonly_fields = [f.name for f in Job._meta.fields]
    actions = ["retry_jobs"]

    @admin.action(description="Retry the selected failed or cancelled jobs")
    def retry_jobs(self, request, queryset):
        n = 0
        for job in queryset.filter(status__in=[Job.Status.FAILED, Job.Status.CANCELLED]):
            jobs.retry(job)
            n += 1
        self.message_user(request, f"{n} queued again", messages.SUCCESS)

    def has_add_permission(self, request):
        return False


@admin.register(WorkerBeat)
class WorkerBeatAdmin(admin.ModelAdmin):
    list_display = ("worker", "host", "pid", "started", "seen")
    readonly_fields = ("worker", "host", "pid", "started", "seen")
