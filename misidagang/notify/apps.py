from django.apps import AppConfig


class NotifyConfig(AppConfig):
    """The outbox and its transports. On the floor of missions: the apps that notify (meetings,
    deals, agreements) sit above it, declare their kinds in `<app>/notifications.py` and call
    `notify.services.announce` down."""

    name = "misidagang.notify"
    label = "notify"

    def ready(self) -> None:
        from misidagang.notify import notifications  # noqa: F401  (registers its kind)
