from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "misidagang.agreements"
    label = "agreements"
