from django.apps import AppConfig


class DealsConfig(AppConfig):
    name = "misidagang.deals"
    label = "deals"

    def ready(self) -> None:
        from misidagang.deals import notifications  # noqa: F401  (registers its kinds)
