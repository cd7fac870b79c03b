from django.urls import path

from misidagang.deals import live_views, views

m = "missions/<int:pk>/"
d = m + "deals/<int:deal_id>/"
urlpatterns = [
    path(m + "live/", live_views.live, name="deal_live"),
    path(m + "live/stream", live_views.live_stream, name="deal_live_stream"),
    path(m + "deals/", views.deal_list, name="deal_list"),
    path(m + "deals/desk/", views.desk, name="deal_desk"),
    path(m + "deals/report/", views.report, name="deal_report"),
    path(m + "deals/amount/", views.amount_echo, name="deal_amount"),
    path(m + "deals/import/", views.deal_import, name="deal_import"),
    path(m + "deals/import/template.xlsx", views.deal_import_template, name="deal_import_template"),
    path(d, views.deal_detail, name="deal"),
    path(d + "confirm/", views.deal_confirm, name="deal_confirm"),
    path(d + "void/", views.deal_void, name="deal_void"),
    path(d + "realise/", views.deal_realise, name="deal_realise"),
    path(d + "decide/", views.deal_decide, name="deal_decide"),
    path(d + "attach/", views.deal_attach, name="deal_attach"),
    path(d + "files/<int:file_id>/", views.attachment, name="deal_attachment"),
    path("partner/deals/", views.partner_queue, name="partner_queue"),
]
