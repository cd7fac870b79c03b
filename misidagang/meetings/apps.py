from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "misidagang.meetings"
    label = "meetings"

    def ready(self) -> None:
        from misidagang.meetings import notifications  # noqa: F401  (registers its kinds)
