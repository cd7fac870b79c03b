"""Organiser set-up and scheduling pages, and meeting requests. Event-day pages: event.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from misidagang.accounts.types import AuthedRequest
from misidagang.errors import refusal_messages
from misidagang.meetings import access, services
from misidagang.meetings.forms import (
    AvailabilityForm,
    ConfigForm,
    DayForm,
    RequestForm,
    TablesForm,
)
from misidagang.meetings.models import (
    MeetingConfig,
    MeetingDay,
    MeetingRequest,
    ParticipantAvailability,
    ScheduleRun,
    Table,
)
from misidagang.meetings.views.schedule import progress_context, run_context
from misidagang.missions.access import manages, mission_for_managing, mission_for_viewing, staffs
from misidagang.missions.models import Mission, Participant

# --- organiser: the "Temu bisnis" page ------------------------------------------------------


@login_required
def setup(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    return _setup_page(request, mission)


def _setup_page(
    request: HttpRequest, mission: Mission, status: int = 200, **forms: Any
) -> HttpResponse:
    config = MeetingConfig.for_mission(mission)
    tables = list(Table.objects.filter(mission=mission))
    days = list(MeetingDay.objects.filter(mission=mission).select_related("mission"))
    services.requests_expire(mission=mission)
    counts = MeetingRequest.objects.filter(mission=mission).aggregate(
        pending=Count("id", filter=Q(status="pending")),
        accepted=Count("id", filter=Q(status="accepted")),
        must=Count("id", filter=Q(status="accepted", must_meet=True)),
    )
    context = {
        "mission": mission,
        "config_form": forms.get("config_form") or ConfigForm(instance=config),
        # The form shows the last day: saving the same date edits it, a new date adds a day.
        "day_form": forms.get("day_form")
        or DayForm(instance=days[-1] if days else None, mission=mission),
        "tables_form": forms.get("tables_form")
        or TablesForm(
            initial={"count": len(tables) or 10, "names": "\n".join(t.name for t in tables)}
        ),
        "days": [(d, len(d.all_slots())) for d in days],
        "tables": tables,
        "counts": counts,
        "time_limit": config.time_limit_s,
        "runs": ScheduleRun.objects.filter(mission=mission)[:8],
        "participants": mission.participants.select_related("business", "availability"),
    }
    return render(request, "meetings/setup.html", context, status=status)


@login_required
@require_POST
def config_save(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    form = ConfigForm(request.POST, instance=MeetingConfig.for_mission(mission))
    if not form.is_valid():
        return _setup_page(request, mission, 400, config_form=form)
    services.config_save(config=form.instance, actor=request.user)
    messages.success(request, _("Pengaturan temu bisnis tersimpan."))
    return redirect("meetings_setup", mission.pk)


@login_required
@require_POST
def day_save(request: AuthedRequest, pk: int, day_id: int | None = None) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    day = get_object_or_404(MeetingDay, pk=day_id, mission=mission) if day_id else None
    on = request.POST.get("date")
    if day is None and on:  # the same date again edits that day: a repeat never doubles
        day = MeetingDay.objects.filter(mission=mission, date=on).first()
    form = DayForm(request.POST, instance=day, mission=mission)
    if not form.is_valid():
        return _setup_page(request, mission, 400, day_form=form)
    services.day_save(day=form.instance, actor=request.user)
    messages.success(request, _("Hari temu bisnis tersimpan."))
    return redirect("meetings_setup", mission.pk)


@login_required
@require_POST
def tables_save(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    form = TablesForm(request.POST)
    if not form.is_valid():
        return _setup_page(request, mission, 400, tables_form=form)
    try:
        services.tables_set(mission=mission, names=form.table_names(), actor=request.user)
        messages.success(request, _("Meja tersimpan."))
    except services.MeetingError as exc:
        refusal_messages(request, exc)
    return redirect("meetings_setup", mission.pk)


@login_required
def availability(request: AuthedRequest, pk: int, participant_id: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    participant = get_object_or_404(
        Participant.objects.select_related("business"), pk=participant_id, mission=mission
    )
    instance = ParticipantAvailability.objects.filter(participant=participant).first()
    form = AvailabilityForm(
        request.POST or None,
        instance=instance or ParticipantAvailability(participant=participant),
        mission=mission,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.availability_save(
            participant=participant,
            actor=request.user,
            session=data["session"],
            seats=data["seats"],
            cap=data["cap"],
            blocked=data["blocked"],
        )
        messages.success(
            request, _("Ketersediaan %s tersimpan.") % participant.business.display_name
        )
        return redirect(reverse("meetings_setup", args=[mission.pk]) + "#peserta")
    return render(
        request,
        "meetings/availability.html",
        {"mission": mission, "participant": participant, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def run_create(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    try:
        run = services.schedule_preview(mission=mission, actor=request.user)
    except services.MeetingError as exc:
        refusal_messages(request, exc)
        return redirect("meetings_setup", mission.pk)
    return redirect("meetings_run", mission.pk, run.pk)


@login_required
def run_detail(request: AuthedRequest, pk: int, run_id: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    run = get_object_or_404(ScheduleRun, pk=run_id, mission=mission)
    return render(request, "meetings/run.html", run_context(mission, run))


@login_required
def run_progress(request: AuthedRequest, pk: int, run_id: int) -> HttpResponse:
    """The progress card, polled by htmx while the run works; once it has finished, the
    whole page reloads to show the schedule."""
    mission = mission_for_managing(request.user, pk)
    run = get_object_or_404(ScheduleRun, pk=run_id, mission=mission)
    response = render(request, "meetings/_run_progress.html", progress_context(mission, run))
    if not run.working:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def run_cancel(request: AuthedRequest, pk: int, run_id: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    run = get_object_or_404(ScheduleRun, pk=run_id, mission=mission)
    run = services.schedule_cancel(run=run, actor=request.user)
    if run.state == ScheduleRun.State.CANCELLED:
        messages.success(request, _("Penjadwalan dibatalkan."))
    return redirect("meetings_run", mission.pk, run.pk)


@login_required
@require_POST
def run_publish(request: AuthedRequest, pk: int, run_id: int) -> HttpResponse:
    mission = mission_for_managing(request.user, pk)
    run = get_object_or_404(ScheduleRun, pk=run_id, mission=mission)
    try:
        services.schedule_publish(run=run, actor=request.user)
        messages.success(request, _("Jadwal diterbitkan: %s temu bisnis.") % run.placed)
    except services.MeetingError as exc:
        refusal_messages(request, exc)
    return redirect("meetings_run", mission.pk, run.pk)


# --- requests --------------------------------------------------------------------------------


def _requests_scope(request: HttpRequest, mission: Mission) -> tuple[Participant | None, bool]:
    """(own participant, is staff); PermissionDenied for anyone without a stake."""
    staff = staffs(request.user, mission)
    own = access.own_participant(request.user, mission)
    if not staff and own is None:
        raise PermissionDenied
    return own, staff


@login_required
def requests_list(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_viewing(request.user, pk)
    own, staff = _requests_scope(request, mission)
    services.requests_expire(mission=mission)
    qs = MeetingRequest.objects.filter(mission=mission).select_related(
        "requester__business", "counterpart__business", "created_by", "meeting__table"
    )
    status = request.GET.get("status", "")
    if status in MeetingRequest.Status.values:
        qs = qs.filter(status=status)
    if own is not None and not staff:
        qs = qs.involving(own)
    return render(
        request,
        "meetings/requests.html",
        {
            "mission": mission,
            "own": own,
            "staff": staff,
            "requests": qs[:300],
            "status": status,
            "statuses": MeetingRequest.Status.choices,
            "manager": manages(request.user, mission),
        },
    )


@login_required
def request_new(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_viewing(request.user, pk)
    own, staff = _requests_scope(request, mission)
    manager = manages(request.user, mission)
    initial: dict[str, Any] = {}
    to = request.GET.get("to") or ""
    business = request.GET.get("business") or ""
    target = mission.participants.filter(pk=int(to)).first() if to.isdigit() else None
    if target is None and business.isdigit():
        target = mission.participants.filter(business_id=int(business)).first()
    if target is not None:
        initial["counterpart"] = target.pk
    form = RequestForm(
        request.POST or None,
        initial=initial,
        mission=mission,
        own=own,
        staff=staff,
        manager=manager,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        requester = data.get("requester") or own
        if requester is None:  # staff must pick one (required field); others act as their own
            raise PermissionDenied
        try:
            req = services.request_create(
                mission=mission,
                requester=requester,
                counterpart=data["counterpart"],
                actor=request.user,
                note=data["note"],
                session=data["session"],
                source=MeetingRequest.Source.ORGANISER
                if staff
                else MeetingRequest.Source.DIRECTORY,
                accept=bool(data.get("accept")),
                must_meet=bool(data.get("must_meet")),
            )
            messages.success(
                request,
                _("Permintaan temu bisnis dengan %s tercatat.")
                % req.counterpart.business.display_name,
            )
            return redirect("meetings_requests", mission.pk)
        except services.MeetingError as exc:
            form.add_error(None, exc)
    return render(
        request,
        "meetings/request_form.html",
        {"mission": mission, "form": form, "own": own, "staff": staff, "target": target},
        status=400 if request.method == "POST" else 200,
    )


def _request_of(request: HttpRequest, pk: int, request_id: int) -> MeetingRequest:
    mission = mission_for_viewing(request.user, pk)
    return get_object_or_404(
        MeetingRequest.objects.select_related("requester", "counterpart", "mission"),
        pk=request_id,
        mission=mission,
    )


@login_required
@require_POST
def request_action(request: AuthedRequest, pk: int, request_id: int, action: str) -> HttpResponse:
    req = _request_of(request, pk, request_id)
    user: Any = request.user
    try:
        if action in ("accept", "decline"):
            services.request_respond(request=req, accept=action == "accept", actor=user)
            messages.success(request, _("Jawaban tersimpan."))
        elif action == "cancel":
            services.request_cancel(request=req, actor=user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Permintaan dibatalkan."))
        elif action == "must-meet":
            services.request_set_must_meet(
                request=req, must_meet=request.POST.get("value") == "1", actor=user
            )
    except services.MeetingError as exc:
        refusal_messages(request, exc)
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect("meetings_requests", req.mission_id)
