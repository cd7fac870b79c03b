from django.apps import AppConfig


class MissionsConfig(AppConfig):
    name = "misidagang.missions"
    label = "missions"
