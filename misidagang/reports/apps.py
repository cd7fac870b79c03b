from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "misidagang.reports"
    label = "reports"
