from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from misidagang.accounts.types import AuthedRequest
from misidagang.missions import services
from misidagang.missions.access import (
    can_create_mission,
    manages,
    mission_for_managing,
    mission_for_viewing,
)
from misidagang.missions.forms import MissionForm, ParticipantFilter, ParticipantForm
from misidagang.missions.models import Mission, Participant


def mission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mission = mission_for_viewing(request.user, pk)
    form = ParticipantFilter(request.GET or None)
    participants = mission.participants.select_related(
        "business__regency", "facilitator"
    ).prefetch_related("business__listings")
    if form.is_valid():
        data = form.cleaned_data
        participants = participants.search(data["q"] or "")
        for field in ("side", "role", "status"):
            if data[field]:
                participants = participants.filter(**{field: data[field]})
    counts = mission.participants.aggregate(
        delegation=Count("id", filter=Q(side="delegation")),
        host=Count("id", filter=Q(side="host")),
        checked_in=Count("id", filter=Q(status="checked_in")),
    )
    page = Paginator(participants, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "missions/mission.html",
        {
            "mission": mission,
            "form": form,
            "page": page,
            "counts": counts,
            "query": query.urlencode(),
            "can_manage": manages(request.user, mission),
        },
    )


@login_required
def mission_create(request: AuthedRequest) -> HttpResponse:
    if not can_create_mission(request.user):
        raise PermissionDenied
    return _mission_form(request, None)


@login_required
def mission_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    return _mission_form(request, mission_for_managing(request.user, pk))


def _mission_form(request: AuthedRequest, mission: Mission | None) -> HttpResponse:
    # Times are typed in the mission's own zone.
    zone = request.POST.get("timezone") or (mission.timezone if mission else "Asia/Jakarta")
    from django.utils import timezone as djtz

    with djtz.override(zone):
        form = MissionForm(request.POST or None, instance=mission)
        if request.method == "POST" and form.is_valid():
            saved = services.mission_save(actor=request.user, mission=mission, **form.cleaned_data)
            messages.success(request, _("Misi tersimpan."))
            return redirect(saved)
        return render(
            request,
            "missions/mission_form.html",
            {"form": form, "mission": mission},
            status=400 if request.method == "POST" else 200,
        )


@login_required
def participant_add(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    return _participant_form(request, mission, Participant(mission=mission))


@login_required
def participant_edit(request: AuthedRequest, pk: int, participant_id: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    participant = get_object_or_404(Participant, pk=participant_id, mission=mission)
    return _participant_form(request, mission, participant)


def _participant_form(
    request: AuthedRequest, mission: Mission, participant: Participant
) -> HttpResponse:
    form = ParticipantForm(request.POST or None, instance=participant, mission=mission)
    if request.method == "POST" and form.is_valid():
        services.participant_save(
            actor=request.user,
            mission=mission,
            participant=participant if participant.pk else None,
            **form.cleaned_data,
        )
        messages.success(request, _("Peserta tersimpan."))
        return redirect(mission)
    return render(
        request,
        "missions/participant_form.html",
        {"form": form, "mission": mission, "participant": participant},
        status=400 if request.method == "POST" else 200,
    )
