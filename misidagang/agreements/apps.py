from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "misidagang.agreements"
    label = "agreements"

    def ready(self) -> None:
        from misidagang.agreements import notifications  # noqa: F401  (registers its kinds)
