from django.contrib import admin
from django.urls import include, path

from misidagang import views
from misidagang.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("misidagang.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("amount/", views.amount_echo, name="amount_echo"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("", include("misidagang.missions.urls")),
    path("", include("misidagang.onboarding.urls")),
    path("", include("misidagang.directory.urls")),
    path("", include("misidagang.matching.urls")),
    path("", include("misidagang.meetings.urls")),
    path("", include("misidagang.deals.urls")),
    path("", include("misidagang.reports.urls")),
    path("", include("misidagang.agreements.urls")),
    path("", include("misidagang.notify.urls")),
    path("", include("misidagang.tasks.urls")),
]
