from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "misidagang.directory"
    label = "directory"
