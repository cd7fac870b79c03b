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
