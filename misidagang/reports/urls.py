from django.urls import path

from misidagang.reports import views

urlpatterns = [
    path("", views.home, name="home"),
    path("reports/program", views.program, name="program_report"),
    path("reports/program.<str:fmt>", views.program_export, name="program_export"),
]

urlpatterns += [
    path("missions/<int:pk>/report/", views.mission, name="mission_report"),
    path("missions/<int:pk>/report.<str:fmt>", views.mission_export, name="mission_export"),
]
