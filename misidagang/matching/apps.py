from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "misidagang.matching"
    label = "matching"
