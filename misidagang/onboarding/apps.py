from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "misidagang.onboarding"
    label = "onboarding"
