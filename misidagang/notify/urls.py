from django.urls import path

from misidagang.notify import views

urlpatterns = [
    path("notifications/", views.inbox, name="notify_inbox"),
    path("notifications/read/", views.read_all, name="notify_read_all"),
    path("notifications/<int:pk>/open/", views.open_one, name="notify_open"),
    path("notifications/preferences/", views.preferences, name="notify_preferences"),
    path("notifications/stop/<str:token>/", views.stop, name="notify_stop"),
    path("notifications/whatsapp/webhook/", views.whatsapp_webhook, name="notify_whatsapp_hook"),
    path("missions/<int:pk>/notifications/", views.mission_log, name="notify_mission_log"),
    path(
        "missions/<int:pk>/notifications/<int:row_id>/resend/",
        views.resend,
        name="notify_resend",
    ),
]
