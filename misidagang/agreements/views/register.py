from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from misidagang.accounts.types import AuthedRequest
from misidagang.agreements import access, services
from misidagang.agreements.due import HORIZON_WORKING_DAYS, due_items
from misidagang.agreements.forms import (
    AgreementFilter,
    AgreementForm,
    ItemFormSet,
    ItemStatusForm,
    PartyFormSet,
)
from misidagang.agreements.models import ActionItem, Agreement
from misidagang.errors import refusal_on_form
from misidagang.missions.models import Mission, Organisation


def register(request: HttpRequest) -> HttpResponse:
    form = AgreementFilter(request.GET or None)
    agreements = (
        Agreement.objects.visible_to(request.user)
        .select_related("mission")
        .prefetch_related("parties__organisation")
        .annotate(
            n_items=Count("items", distinct=True),
            n_open=Count(
                "items", filter=Q(items__status__in=ActionItem.OPEN_STATUSES), distinct=True
            ),
        )
        .order_by("-signed_on", "-pk")
    )
    mission = None
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"].strip()
            agreements = agreements.filter(
                Q(title__icontains=q)
                | Q(number__icontains=q)
                | Q(parties__organisation__name__icontains=q)
            ).distinct()
        if data["kind"]:
            agreements = agreements.filter(kind=data["kind"])
        if data["sector"]:
            agreements = agreements.filter(sectors__icontains=data["sector"].strip())
        if data["year"]:
            agreements = agreements.filter(signed_on__year=data["year"])
        if data["mission"]:
            agreements = agreements.filter(mission_id=data["mission"])
            mission = Mission.objects.visible_to(request.user).filter(pk=data["mission"]).first()
    page = Paginator(agreements, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "agreements/register.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "mission": mission,
            "can_create": access.can_create_agreement(request.user),
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.agreement_for_viewing(request.user, pk)
    items = agreement.items.select_related("responsible", "agreement__mission")
    return render(
        request,
        "agreements/agreement.html",
        {
            "agreement": agreement,
            "parties": agreement.parties.select_related("organisation"),
            "items": [(i, access.can_update_item(request.user, i)) for i in items],
            "can_manage": access.can_manage_agreement(request.user, agreement),
            "sees_documents": access.sees_documents(request.user),
            "statuses": ActionItem.Status.choices,
        },
    )


@login_required
def document(request: AuthedRequest, pk: int) -> FileResponse:
    agreement = access.agreement_for_viewing(request.user, pk)
    if not access.sees_documents(request.user):
        raise PermissionDenied
    if not agreement.document:
        raise Http404
    return FileResponse(
        agreement.document.open("rb"),
        as_attachment=False,
        filename=agreement.document.name.rsplit("/", 1)[-1],
    )


@login_required
def create(request: AuthedRequest) -> HttpResponse:
    if not access.can_create_agreement(request.user):
        raise PermissionDenied
    initial = {}
    if request.GET.get("mission", "").isdigit():
        initial["mission"] = int(request.GET["mission"])
    return _edit(request, Agreement(), initial)


@login_required
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    return _edit(request, access.agreement_for_managing(request.user, pk), {})


def _initial_parties(agreement: Agreement) -> list[dict[str, Any]]:
    if not agreement.pk:
        return []
    return [
        {
            "organisation": p.organisation.name,
            "signatory_name": p.signatory_name,
            "signatory_position": p.signatory_position,
        }
        for p in agreement.parties.select_related("organisation")
    ]


def _initial_items(agreement: Agreement) -> list[dict[str, Any]]:
    if not agreement.pk:
        return []
    return [
        {
            "id": i.pk,
            "what": i.what,
            "who": i.responsible.name if i.responsible else "",
            "contact_person": i.contact_person,
            "due_on": i.due_on,
            "status": i.status,
        }
        for i in agreement.items.select_related("responsible")
    ]


def _edit(request: AuthedRequest, agreement: Agreement, initial: dict[str, Any]) -> HttpResponse:
    post = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = AgreementForm(
        post,
        files,
        instance=agreement,
        initial=initial,
        missions=access.missions_for_agreements(request.user),
    )
    parties = PartyFormSet(post, prefix="parties", initial=_initial_parties(agreement))
    items = ItemFormSet(post, prefix="items", initial=_initial_items(agreement))
    if post is not None and form.is_valid() and parties.is_valid() and items.is_valid():
        try:
            values = dict(form.cleaned_data)
            key = values.pop("submission_key", None)
            saved = services.agreement_save(
                agreement=agreement if agreement.pk else None,
                submission_key=key,
                **values,
                parties=[
                    services.PartyData(**f.cleaned_data) for f in parties.forms if f.cleaned_data
                ],
                items=[
                    services.ItemData(
                        id=f.cleaned_data["id"],
                        what=f.cleaned_data["what"],
                        who=f.cleaned_data["who"],
                        contact_person=f.cleaned_data["contact_person"],
                        due_on=f.cleaned_data["due_on"],
                        status=f.cleaned_data["status"],
                        delete=bool(f.cleaned_data.get("DELETE")),
                    )
                    for f in items.forms
                    if f.cleaned_data
                ],
                actor=request.user,
            )
        except services.AgreementInputError as exc:
            refusal_on_form(form, exc)
        else:
            messages.success(request, _("Perjanjian tersimpan."))
            return redirect(saved)
    return render(
        request,
        "agreements/agreement_form.html",
        {
            "form": form,
            "parties": parties,
            "items": items,
            "agreement": agreement,
            "organisations": Organisation.objects.values_list("name", flat=True),
        },
        status=400 if post is not None else 200,
    )


@login_required
@require_POST
def item_status(request: AuthedRequest, pk: int) -> HttpResponse:
    item = access.item_for_updating(request.user, pk)
    form = ItemStatusForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return HttpResponse(_("Status tidak dikenal."), status=400)
        messages.error(request, _("Status tidak dikenal."))
        return redirect(item.agreement)
    services.action_item_set_status(
        item=item,
        status=form.cleaned_data["status"],
        note=form.cleaned_data["note"],
        actor=request.user,
    )
    if request.htmx:
        item.refresh_from_db()
        return render(
            request,
            "agreements/_item_row.html",
            {
                "i": item,
                "can_update": True,
                "statuses": ActionItem.Status.choices,
                "sees_documents": access.sees_documents(request.user),
            },
        )
    messages.success(request, _("Status tindak lanjut diperbarui."))
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/") else item.agreement.get_absolute_url())


@login_required
def due(request: AuthedRequest) -> HttpResponse:
    if not access.is_organiser(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    rows = due_items(user=request.user, today=today)
    return render(
        request,
        "agreements/due.html",
        {
            "overdue": [r for r in rows if r.due.state == "overdue"],
            "soon": [r for r in rows if r.due.state == "due"],
            "horizon": HORIZON_WORKING_DAYS,
            "today": today,
            "statuses": ActionItem.Status.choices,
        },
    )
