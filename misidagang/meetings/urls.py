from django.urls import path

from misidagang.meetings import event, views

m = "missions/<int:pk>/temu/"

urlpatterns = [
    path(m, views.setup, name="meetings_setup"),
    path(m + "config/", views.config_save, name="meetings_config"),
    path(m + "days/", views.day_save, name="meetings_day_new"),
    path(m + "days/<int:day_id>/", views.day_save, name="meetings_day"),
    path(m + "tables/", views.tables_save, name="meetings_tables"),
    path(
        m + "availability/<int:participant_id>/", views.availability, name="meetings_availability"
    ),
    path(m + "runs/", views.run_create, name="meetings_run_new"),
    path(m + "runs/<int:run_id>/", views.run_detail, name="meetings_run"),
    path(m + "runs/<int:run_id>/publish/", views.run_publish, name="meetings_publish"),
    path(m + "requests/", views.requests_list, name="meetings_requests"),
    path(m + "requests/new/", views.request_new, name="meetings_request_new"),
    path(
        m + "requests/<int:request_id>/<str:action>/",
        views.request_action,
        name="meetings_request_action",
    ),
    path(m + "agenda/<int:participant_id>/", event.agenda, name="meetings_agenda"),
    path(m + "agenda/<int:participant_id>.ics", event.agenda_ics, name="meetings_agenda_ics"),
    path(m + "tables/<int:table_id>/card/", event.table_card, name="meetings_table_card"),
    path(m + "now/", event.board, name="meetings_board"),
    path(m + "desk/", event.desk, name="meetings_desk"),
    path(m + "meetings/<int:meeting_id>/mark/", event.meeting_mark, name="meetings_mark"),
    path("checkin/<str:token>/", event.checkin, name="meetings_checkin"),
]
