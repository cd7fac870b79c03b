from django.urls import path

from misidagang.missions import views

urlpatterns = [
    path("missions/new/", views.mission_create, name="mission_create"),
    path("missions/<int:pk>/", views.mission_detail, name="mission"),
    path("missions/<int:pk>/edit/", views.mission_edit, name="mission_edit"),
    path("missions/<int:pk>/participants/new/", views.participant_add, name="participant_add"),
    path(
        "missions/<int:pk>/participants/<int:participant_id>/",
        views.participant_edit,
        name="participant_edit",
    ),
]
