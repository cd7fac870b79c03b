from django.urls import path

from misidagang.deals.views import ledger, live

m = "missions/<int:pk>/"
d = m + "deals/<int:deal_id>/"
urlpatterns = [
    path(m + "live/", live.live, name="deal_live"),
    path(m + "live/stream", live.live_stream, name="deal_live_stream"),
    path(m + "deals/", ledger.deal_list, name="deal_list"),
    path(m + "deals/desk/", ledger.desk, name="deal_desk"),
    path(m + "deals/report/", ledger.report, name="deal_report"),
    path(m + "deals/import/", ledger.deal_import, name="deal_import"),
    path(m + "deals/export.<str:fmt>", ledger.deal_export, name="deal_export"),
    path(
        m + "deals/import/template.xlsx", ledger.deal_import_template, name="deal_import_template"
    ),
    path(d, ledger.deal_detail, name="deal"),
    path(d + "confirm/", ledger.deal_confirm, name="deal_confirm"),
    path(d + "void/", ledger.deal_void, name="deal_void"),
    path(d + "realise/", ledger.deal_realise, name="deal_realise"),
    path(d + "decide/", ledger.deal_decide, name="deal_decide"),
    path(d + "attach/", ledger.deal_attach, name="deal_attach"),
    path(d + "files/<int:file_id>/", ledger.attachment, name="deal_attachment"),
    path("partner/deals/", ledger.partner_queue, name="partner_queue"),
]
