from django.apps import AppConfig


class DealsConfig(AppConfig):
    name = "misidagang.deals"
    label = "deals"
