from django.urls import path

from misidagang.agreements import views

urlpatterns = [
    path("agreements/", views.register, name="agreements"),
    path("agreements/new/", views.create, name="agreement_create"),
    path("agreements/due/", views.due, name="agreements_due"),
    path("agreements/<int:pk>/", views.detail, name="agreement"),
    path("agreements/<int:pk>/edit/", views.edit, name="agreement_edit"),
    path("agreements/<int:pk>/document/", views.document, name="agreement_document"),
    path("agreements/items/<int:pk>/status/", views.item_status, name="action_item_status"),
]

from misidagang.agreements import followup_views  # noqa: E402

urlpatterns += [
    path("missions/<int:pk>/followup/", followup_views.board, name="followup"),
    path("missions/<int:pk>/followup/rounds/", followup_views.rounds, name="followup_rounds"),
    path(
        "missions/<int:pk>/followup/<int:round_id>/deals/<int:deal_id>/",
        followup_views.answer,
        name="followup_answer",
    ),
    path("followup/<str:token>/", followup_views.link, name="followup_link"),
]
