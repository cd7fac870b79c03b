from django.urls import path

from misidagang.reports import views

urlpatterns = [
    path("reports/program", views.program, name="program_report"),
    path("reports/program.<str:fmt>", views.program_export, name="program_export"),
]
