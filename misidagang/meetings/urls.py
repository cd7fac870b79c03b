from django.urls import path

from misidagang.meetings.views import event, planning

m = "missions/<int:pk>/temu/"

urlpatterns = [
    path(m, planning.setup, name="meetings_setup"),
    path(m + "config/", planning.config_save, name="meetings_config"),
    path(m + "days/", planning.day_save, name="meetings_day_new"),
    path(m + "days/<int:day_id>/", planning.day_save, name="meetings_day"),
    path(m + "tables/", planning.tables_save, name="meetings_tables"),
    path(
        m + "availability/<int:participant_id>/",
        planning.availability,
        name="meetings_availability",
    ),
    path(m + "runs/", planning.run_create, name="meetings_run_new"),
    path(m + "runs/<int:run_id>/", planning.run_detail, name="meetings_run"),
    path(m + "runs/<int:run_id>/publish/", planning.run_publish, name="meetings_publish"),
    path(m + "runs/<int:run_id>/progress/", planning.run_progress, name="meetings_run_progress"),
    path(m + "runs/<int:run_id>/cancel/", planning.run_cancel, name="meetings_run_cancel"),
    path(m + "requests/", planning.requests_list, name="meetings_requests"),
    path(m + "requests/new/", planning.request_new, name="meetings_request_new"),
    path(
        m + "requests/<int:request_id>/<str:action>/",
        planning.request_action,
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
