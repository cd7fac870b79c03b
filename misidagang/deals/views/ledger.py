"""Deal pages: the desk, the business's report, list, detail with its actions, the partner's
queue. Thin: forms read input, `services` change state, `permissions` decide who."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from misidagang import exports
from misidagang.accounts.types import AuthedRequest
from misidagang.deals import access as perms
from misidagang.deals import export, importing, services
from misidagang.deals.forms import (
    AttachForm,
    DecisionForm,
    DeskForm,
    ImportForm,
    RealiseForm,
    ReportForm,
    VoidForm,
)
from misidagang.deals.models import Deal, DealAttachment, Source
from misidagang.deals.tally import mission_tally
from misidagang.directory.models import Listing
from misidagang.downloads import CSV, XLSX, download
from misidagang.errors import refusal_messages, refusal_on_form
from misidagang.missions.access import mission_for_viewing, staffs
from misidagang.missions.models import Mission


def _save(request: AuthedRequest, form: Any, source: str) -> Deal | None:
    """Record the form's deal; None (errors on the form) when the ledger refuses it."""
    try:
        deal, created = services.deal_record(
            mission=form.mission,
            actor=request.user,
            source=source,
            **form.record_kwargs(),
        )
    except services.DealError as exc:
        refusal_on_form(form, exc)
        return None
    upload = form.cleaned_data.get("attachment")
    if created and upload is not None:
        services.deal_attach(
            deal=deal,
            actor=request.user,
            upload=upload,
            content_type=upload.content_type,
        )
    return deal


def _parties(mission: Mission) -> list[str]:
    return [p.business.display_name for p in mission.participants.select_related("business")]


def _commodities(mission: Mission) -> list[str]:
    """What the mission's businesses offer and need: the commodity autocomplete."""
    texts = Listing.objects.filter(business__participations__mission=mission).values_list(
        "text", flat=True
    )
    return sorted(set(texts))


@login_required
def desk(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_viewing(request.user, pk)
    if not staffs(request.user, mission):
        raise PermissionDenied
    form = DeskForm(request.POST or None, request.FILES or None, mission=mission)
    if request.method == "POST" and form.is_valid():
        deal = _save(request, form, Source.DESK)
        if deal is not None:
            messages.success(
                request,
                _("Tersimpan: %(deal)s, %(value)s.")
                % {"deal": deal, "value": f"Rp {deal.value_idr:,}".replace(",", ".")},
            )
            return redirect("deal_desk", mission.pk)
    recent = Deal.objects.filter(mission=mission).select_related("seller", "buyer")[:10]
    return render(
        request,
        "deals/desk.html",
        {
            "mission": mission,
            "form": form,
            "recent": recent,
            "parties": _parties(mission),
            "commodities": _commodities(mission),
            "tally": mission_tally(mission),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def report(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_viewing(request.user, pk)
    if perms.reporting_business(request.user, mission) is None:
        raise PermissionDenied
    business = request.user.business
    if business is None:  # reporting_business() above guarantees one; keeps the type honest
        raise PermissionDenied
    form = ReportForm(
        request.POST or None, request.FILES or None, mission=mission, business=business
    )
    if request.method == "POST" and form.is_valid():
        deal = _save(request, form, Source.BUSINESS)
        if deal is not None:
            messages.success(
                request,
                _(
                    "Transaksi dilaporkan. Transaksi dihitung setelah "
                    "dikonfirmasi mitra atau petugas."
                ),
            )
            return redirect(deal)
    parties = [n for n in _parties(mission) if n != business.display_name]
    return render(
        request,
        "deals/report.html",
        {
            "mission": mission,
            "form": form,
            "parties": parties,
            "business": business,
            "commodities": _commodities(mission),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def deal_import(request: AuthedRequest, pk: int) -> HttpResponse:
    """Upload a CSV/Excel file of deals: the same service as `misidagang importdeals`."""
    mission = mission_for_viewing(request.user, pk)
    if not staffs(request.user, mission):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = importing.import_file(
            mission=mission,
            actor=request.user,
            data=upload.read(),
            name=upload.name or "",
        )
        if not result.errors:
            messages.success(
                request,
                _("%(created)d transaksi diimpor, %(existing)d sudah ada sebelumnya.")
                % {"created": result.created, "existing": result.existing},
            )
            return redirect("deal_list", mission.pk)
    return render(
        request,
        "deals/import.html",
        {
            "mission": mission,
            "form": form,
            "result": result,
            "bad_rows": len({n for n, _m in result.errors}) if result else 0,
            "columns": [str(label) for label, _aliases in importing.COLUMNS.values()],
            "required": [str(importing.COLUMNS[c][0]) for c in importing.REQUIRED],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def deal_import_template(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_viewing(request.user, pk)
    if not staffs(request.user, mission):
        raise PermissionDenied
    return download(importing.template_workbook(), "transaksi-misi-dagang.xlsx", XLSX)


@login_required
def deal_list(request: AuthedRequest, pk: int) -> HttpResponse:
    mission, deals = perms.mission_deals_for(request.user, pk)
    show = request.GET.get("show", "")
    if show == "pending":
        deals = deals.pending()
    elif show == "void":
        deals = deals.filter(voided_at__isnull=False)
    elif show != "all":
        deals = deals.filter(voided_at__isnull=True)
    q = request.GET.get("q", "").strip()
    if q:
        from django.db.models import Q

        deals = deals.filter(
            Q(commodity__icontains=q)
            | Q(seller__name__icontains=q)
            | Q(buyer__name__icontains=q)
            | Q(seller_name__icontains=q)
            | Q(buyer_name__icontains=q)
            | Q(hs__startswith=q)
        )
    page = Paginator(deals.select_related("seller", "buyer"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "deals/list.html",
        {
            "mission": mission,
            "page": page,
            "show": show,
            "q": q,
            "tally": mission_tally(mission),
            "staff": staffs(request.user, mission),
            "query": f"show={show}&q={q}",
        },
    )


def _applicants(deal: Deal) -> list[dict[str, Any]]:
    """The deal's businesses as a lender or guarantor needs them: legal name, NIB, regency,
    contact and what else each has agreed in this mission."""
    out = []
    for business in (deal.seller, deal.buyer):
        if business is None:
            continue
        others = (
            Deal.objects.filter(mission=deal.mission, voided_at__isnull=True)
            .involving(business.pk)
            .exclude(pk=deal.pk)
            .select_related("seller", "buyer")
            .order_by("-value_idr")
        )
        out.append({"business": business, "deals": list(others[:10]), "totals": others.totals()})
    return out


def _detail(request: HttpRequest, deal: Deal, status: int = 200, **forms: Any) -> HttpResponse:
    staff = staffs(request.user, deal.mission)
    current, history = services.current_decisions(deal)
    can_decide = perms.can_decide(request.user, deal)
    return render(
        request,
        "deals/detail.html",
        {
            "mission": deal.mission,
            "deal": deal,
            "staff": staff,
            "versions": deal.versions.select_related("actor").order_by("-id"),
            "attachments": deal.attachments.all(),
            "decisions": current,
            "decision_history": history,
            "can_confirm": perms.can_confirm(request.user, deal),
            "can_decide": can_decide,
            # A lender or guarantor sees whom it is asked about; staff see it too.
            "applicants": _applicants(deal) if can_decide or staff else [],
            "void_form": forms.get("void_form") or VoidForm(),
            "realise_form": forms.get("realise_form") or RealiseForm(),
            "decision_form": forms.get("decision_form") or DecisionForm(),
            "attach_form": AttachForm(),
        },
        status=status,
    )


@login_required
def deal_detail(request: AuthedRequest, pk: int, deal_id: int) -> HttpResponse:
    return _detail(request, perms.deal_for_viewing(request.user, pk, deal_id))


def _act(request: HttpRequest, deal: Deal, action: Any, done: str) -> HttpResponse:
    try:
        action()
        messages.success(request, done)
    except services.DealError as exc:
        refusal_messages(request, exc)
    return redirect(deal)


def _form_error(request: HttpRequest, deal: Deal, form: Any) -> HttpResponse:
    errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
    messages.error(request, " ".join(errors))
    return redirect(deal)


@login_required
@require_POST
def deal_confirm(request: AuthedRequest, pk: int, deal_id: int) -> HttpResponse:
    deal = perms.deal_for_confirming(request.user, pk, deal_id)
    if deal.is_confirmed and not deal.is_void:
        return redirect(deal)  # a second click changes nothing
    if not perms.can_confirm(request.user, deal):
        raise PermissionDenied
    return _act(
        request,
        deal,
        lambda: services.deal_confirm(deal=deal, actor=request.user),
        _("Transaksi dikonfirmasi."),
    )


@login_required
@require_POST
def deal_void(request: AuthedRequest, pk: int, deal_id: int) -> HttpResponse:
    deal = perms.deal_for_staff(request.user, pk, deal_id)
    form = VoidForm(request.POST)
    if not form.is_valid():
        return _form_error(request, deal, form)
    return _act(
        request,
        deal,
        lambda: services.deal_void(
            deal=deal, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        _("Transaksi dibatalkan."),
    )


@login_required
@require_POST
def deal_realise(request: AuthedRequest, pk: int, deal_id: int) -> HttpResponse:
    deal = perms.deal_for_staff(request.user, pk, deal_id)
    form = RealiseForm(request.POST)
    if not form.is_valid():
        return _form_error(request, deal, form)
    return _act(
        request,
        deal,
        lambda: services.deal_realise(
            deal=deal,
            actor=request.user,
            amount_idr=form.cleaned_data["amount"],
            on=form.cleaned_data["on"],
        ),
        _("Realisasi tercatat."),
    )


@login_required
@require_POST
def deal_decide(request: AuthedRequest, pk: int, deal_id: int) -> HttpResponse:
    deal = perms.deal_for_viewing(request.user, pk, deal_id)
    if not perms.can_decide(request.user, deal):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.financing_decide(
                deal=deal,
                actor=request.user,
                institution=request.user.organisation,  # type: ignore[arg-type]  # can_decide checked  # type: ignore[arg-type]  # can_decide checked it
                status=d["status"],
                amount_idr=d["amount"],
                note=d["note"],
                confirm_unusual=d["confirm_unusual"],
            )
        except services.DealError as exc:
            detail = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            for field, errors in detail.items():
                for error in errors:
                    form.add_error("amount" if field == "amount_idr" else None, error)
        else:
            messages.success(request, _("Keputusan tercatat."))
            return redirect(deal)
    # The form comes back with what was typed and why it was refused.
    return _detail(request, deal, status=400, decision_form=form)


@login_required
@require_POST
def deal_attach(request: AuthedRequest, pk: int, deal_id: int) -> HttpResponse:
    deal = perms.deal_for_viewing(request.user, pk, deal_id)
    if not (staffs(request.user, deal.mission) or perms.is_party(request.user, deal)):
        raise PermissionDenied
    form = AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_error(request, deal, form)
    upload = form.cleaned_data["file"]
    services.deal_attach(
        deal=deal,
        actor=request.user,
        upload=upload,
        content_type=upload.content_type,
    )
    messages.success(request, _("Lampiran tersimpan."))
    return redirect(deal)


@login_required
def attachment(request: AuthedRequest, pk: int, deal_id: int, file_id: int) -> FileResponse:
    """Attachments are private: served only to those who may see the deal."""
    deal = perms.deal_for_viewing(request.user, pk, deal_id)
    item = get_object_or_404(DealAttachment, pk=file_id, deal=deal)
    return FileResponse(
        item.file.open("rb"), content_type=item.content_type, filename=item.filename
    )


@login_required
def partner_queue(request: AuthedRequest) -> HttpResponse:
    kind = perms.partner_kind(request.user)
    if kind is None:
        raise PermissionDenied
    missions = Mission.objects.visible_to(request.user)
    deals = (
        Deal.objects.filter(mission__in=missions, voided_at__isnull=True)
        .asking(kind)
        .select_related("seller", "buyer", "mission")
        .prefetch_related("decisions")
    )
    org = request.user.organisation
    if org is None:
        raise PermissionDenied
    rows = []
    for deal in deals[:500]:
        mine = [d for d in deal.decisions.all() if d.institution_id == org.pk]
        rows.append((deal, mine[0] if mine else None))
    return render(request, "deals/partner.html", {"rows": rows, "organisation": org})


@login_required
def deal_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """Organisers and clerks: every row of the mission's ledger, in Excel or CSV."""
    mission = mission_for_viewing(request.user, pk)
    if not staffs(request.user, mission):
        raise PermissionDenied
    if fmt not in ("xlsx", "csv"):
        raise Http404
    table = export.ledger_table(mission)
    name = f"transaksi-misi-{mission.pk}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "xlsx":
        return download(exports.to_xlsx([table]), name, XLSX)
    return download(exports.to_csv(table), name, CSV)
