from django.urls import path

from misidagang.agreements.views import followup, register

urlpatterns = [
    path("agreements/", register.register, name="agreements"),
    path("agreements/new/", register.create, name="agreement_create"),
    path("agreements/due/", register.due, name="agreements_due"),
    path("agreements/<int:pk>/", register.detail, name="agreement"),
    path("agreements/<int:pk>/edit/", register.edit, name="agreement_edit"),
    path("agreements/<int:pk>/document/", register.document, name="agreement_document"),
    path("agreements/items/<int:pk>/status/", register.item_status, name="action_item_status"),
]


urlpatterns += [
    path("missions/<int:pk>/followup/", followup.board, name="followup"),
    path("missions/<int:pk>/followup/rounds/", followup.rounds, name="followup_rounds"),
    path(
        "missions/<int:pk>/followup/<int:round_id>/ask-all/",
        followup.ask_all,
        name="followup_ask_all",
    ),
    path(
        "missions/<int:pk>/followup/<int:round_id>/deals/<int:deal_id>/",
        followup.answer,
        name="followup_answer",
    ),
    path("followup/<str:token>/", followup.link, name="followup_link"),
]
