from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from misidagang import exports
from misidagang.downloads import CSV, XLSX, download
from misidagang.missions.access import can_create_mission, mission_for_viewing, watches
from misidagang.missions.models import Mission
from misidagang.money import rupiah_short
from misidagang.reports import charts
from misidagang.reports.mission import mission_report
from misidagang.reports.program import program_report, program_totals
from misidagang.reports.tables import mission_tables, program_tables


def _short(amount: int) -> str:
    return rupiah_short(amount, nbsp=False)


def home(request: HttpRequest) -> HttpResponse:
    missions = Mission.objects.visible_to(request.user).select_related(
        "host_province", "delegation_province"
    )
    current = missions.filter(is_historical=False).annotate(
        delegation=Count("participants", filter=Q(participants__side="delegation")),
        host=Count("participants", filter=Q(participants__side="host")),
    )
    return render(
        request,
        "reports/home.html",
        {
            "current": current,
            "history": missions.filter(is_historical=True),
            "totals": program_totals(),
            "can_create": can_create_mission(request.user),
        },
    )


def program(request: HttpRequest) -> HttpResponse:
    """Public: figures only, no personal data."""
    report = program_report()
    years = report["by_year"]
    labels = [str(y["year"]) for y in years]
    context = {
        "report": report,
        "chart_years": charts.bar_chart(
            uid="years",
            title=_("Nilai transaksi per tahun"),
            desc=_(
                "Nilai transaksi misi dagang per tahun; batang kedua: realisasi yang tercatat "
                "di buku transaksi."
            ),
            labels=labels,
            series=[[y["total_idr"] for y in years], [y["realised_idr"] for y in years]],
            names=[_("Nilai transaksi"), _("Realisasi")],
            fmt=_short,
        ),
        "chart_cumulative": charts.line_chart(
            uid="cumulative",
            title=_("Nilai transaksi kumulatif sejak misi pertama"),
            desc=_("Jumlah berjalan nilai transaksi semua misi, per tahun."),
            points=[(str(y["year"]), y["cumulative_idr"]) for y in years],
            fmt=_short,
        ),
        "chart_provinces": charts.hbar_chart(
            uid="provinces",
            title=_("Nilai transaksi per provinsi mitra"),
            desc=_("Provinsi tuan rumah, dari nilai transaksi terbesar."),
            items=[(p["province"], p["total_idr"]) for p in report["by_province"]],
            fmt=_short,
        ),
        "now": timezone.localtime(),
    }
    return render(request, "reports/program.html", context)


def program_export(request: HttpRequest, fmt: str) -> HttpResponse:
    tables = program_tables(program_report())
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        return download(
            exports.to_xlsx(list(tables.values())), f"laporan-program-{stamp}.xlsx", XLSX
        )
    table = request.GET.get("table", "missions")
    if fmt != "csv" or table not in tables:
        raise Http404
    return download(
        exports.to_csv(tables[table]),
        f"laporan-program-{table}-{stamp}.csv",
        CSV,
    )


def mission(request: HttpRequest, pk: int) -> HttpResponse:
    """Public like the mission page: figures and business names, never contacts."""
    m = mission_for_viewing(request.user, pk)
    report = mission_report(m)
    return render(
        request,
        "reports/mission.html",
        {
            "mission": m,
            "report": report,
            "now": timezone.localtime(),
            "chart_directions": charts.hbar_chart(
                uid="directions",
                title=_("Nilai transaksi per arah"),
                desc=_("Jual, beli dan investasi dilihat dari provinsi delegasi."),
                items=[(r["label"], r["total_idr"]) for r in report["by_direction"]],
                fmt=_short,
            ),
            "chart_commodities": charts.hbar_chart(
                uid="commodities",
                title=_("Nilai transaksi per komoditas"),
                desc=_("Komoditas dengan nilai transaksi terbesar."),
                items=[(r["key"], r["total_idr"]) for r in report["by_commodity"][:10]],
                fmt=_short,
            ),
            "can_followup": watches(request.user, m),
        },
    )


def mission_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    m = mission_for_viewing(request.user, pk)
    tables = mission_tables(mission_report(m))
    name = f"laporan-misi-{m.pk}-{timezone.localdate().isoformat()}"
    if fmt == "xlsx":
        return download(exports.to_xlsx(list(tables.values())), f"{name}.xlsx", XLSX)
    table = request.GET.get("table", "commodities")
    if fmt != "csv" or table not in tables:
        raise Http404
    return download(exports.to_csv(tables[table]), f"{name}-{table}.csv", CSV)
