from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "misidagang.meetings"
    label = "meetings"
