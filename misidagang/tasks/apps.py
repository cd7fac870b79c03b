from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "misidagang.tasks"
    label = "tasks"
    verbose_name = _("Pekerjaan latar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every app's `tasks.py` declares its jobs and periodic jobs; importing them fills the
        # registries the worker reads.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
