from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "misidagang.api"
    label = "api"
