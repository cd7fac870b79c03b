"""Adding participants from earlier missions in bulk."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from misidagang.accounts.types import AuthedRequest
from misidagang.directory.models import Business
from misidagang.errors import refusal_messages
from misidagang.missions.access import mission_for_managing
from misidagang.missions.models import Participant
from misidagang.onboarding import services
from misidagang.onboarding.forms import EarlierFilter


@login_required
def earlier(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("business") if i.isdigit()]
        try:
            added = services.participants_add(
                actor=request.user,
                mission=mission,
                businesses=Business.objects.filter(pk__in=ids),
                side=request.POST.get("side", ""),
            )
        except services.RegistrationError as exc:
            refusal_messages(request, exc)
        else:
            messages.success(request, _("%(n)d peserta ditambahkan.") % {"n": added})
            return redirect("onboarding", mission.pk)
    form = EarlierFilter(request.GET or None, mission=mission)
    found = Business.objects.filter(participations__isnull=False).exclude(
        participations__mission=mission
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["source"]:
            found = found.filter(participations__mission=data["source"])
        else:
            found = found.filter(~Q(participations__mission=mission))
        if data["side"]:
            found = found.filter(participations__side=data["side"])
        if data["commodity"]:
            found = found.with_commodity(data["commodity"].strip())
        if data["regency"]:
            found = found.filter(regency=data["regency"])
        if data["realised"]:
            # Deals sit above onboarding; the reverse relation is read by name, not imported.
            found = found.filter(
                Q(deals_sold__voided_at__isnull=True, deals_sold__realised_idr__gt=0)
                | Q(deals_sold__voided_at__isnull=True, deals_sold__stage="realisasi")
                | Q(deals_bought__voided_at__isnull=True, deals_bought__realised_idr__gt=0)
                | Q(deals_bought__voided_at__isnull=True, deals_bought__stage="realisasi")
            )
    found = found.select_related("regency").distinct().order_by("name")
    return render(
        request,
        "onboarding/earlier.html",
        {
            "mission": mission,
            "form": form,
            "businesses": found[:300],
            "total": found.count(),
            "sides": Participant.Side.choices,
        },
    )
