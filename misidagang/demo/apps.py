from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The top floor: the demo loader and the commands that start it need every app, so they
    live above them all (each app keeps its own part of the demo in its `demo.py`)."""

    name = "misidagang.demo"
    label = "demo"
