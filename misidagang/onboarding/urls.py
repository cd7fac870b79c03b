from django.urls import path

from misidagang.onboarding.views import earlier, invitations, registration, sheets, team

urlpatterns = [
    path("missions/<int:pk>/onboarding/", invitations.overview, name="onboarding"),
    path("missions/<int:pk>/onboarding/import/", sheets.upload, name="sheet_upload"),
    path(
        "missions/<int:pk>/onboarding/import/<int:upload_id>/",
        sheets.preview,
        name="sheet_preview",
    ),
    path(
        "missions/<int:pk>/onboarding/import/<int:upload_id>/messages.xlsx",
        sheets.annotated,
        name="sheet_annotated",
    ),
    path("missions/<int:pk>/onboarding/invite/", invitations.invite, name="invite"),
    path(
        "missions/<int:pk>/onboarding/invitations/<int:invitation_id>/revoke/",
        invitations.revoke,
        name="invitation_revoke",
    ),
    path(
        "missions/<int:pk>/onboarding/registrations/",
        registration.registrations,
        name="registrations",
    ),
    path(
        "missions/<int:pk>/onboarding/registrations/poster/",
        registration.poster,
        name="registration_poster",
    ),
    path(
        "missions/<int:pk>/onboarding/registrations/<int:registration_id>/",
        registration.decide,
        name="registration_decide",
    ),
    path("missions/<int:pk>/onboarding/earlier/", earlier.earlier, name="earlier"),
    path("daftar/<str:code>/", registration.register, name="register"),
    path("daftar/<str:code>/qr.svg", registration.register_qr, name="register_qr"),
    path("undangan/<str:token>/", invitations.accept, name="invitation"),
    path("businesses/<int:pk>/team/", team.team, name="team"),
]
