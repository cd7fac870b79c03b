from django.urls import path

from misidagang.tasks import views

urlpatterns = [
    path("tasks/failed/", views.failed, name="tasks_failed"),
    path("tasks/<int:job_id>/retry/", views.retry, name="tasks_retry"),
]
