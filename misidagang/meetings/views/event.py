"""Event-day pages: agendas (.ics, QR), table cards, the "sekarang berlangsung" board, the
clerks' table-by-table list and check-in by QR."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from misidagang.accounts.types import AuthedRequest, HtmxRequest
from misidagang.errors import refusal_messages
from misidagang.meetings import access, ics, services
from misidagang.meetings.forms import MarkForm
from misidagang.meetings.models import Meeting, Table
from misidagang.missions.access import mission_for_staff, mission_for_viewing, staffs
from misidagang.missions.models import Mission, Participant
from misidagang.onboarding import services as onboarding


def day_heading(mission: Mission, moment: datetime) -> str:
    """'Kamis, 10 Desember 2026': the day of a moment in the mission's zone."""
    return date_format(mission.local(moment), "l, j F Y")


def next_label(mission: Mission, starts_at: datetime, now: datetime) -> str:
    """'08.00 WIB' when it is today in the mission's zone, else the day in front of it."""
    if mission.local(starts_at).date() == mission.local(now).date():
        return mission.local_clock(starts_at)
    return f"{day_heading(mission, starts_at)} · {mission.local_clock(starts_at)}"


def _meetings(mission: Mission):
    return (
        Meeting.objects.filter(mission=mission)
        .live()
        .select_related("table", "request__requester__business", "request__counterpart__business")
    )


def _agenda_participant(request: HttpRequest, pk: int, participant_id: int) -> Participant:
    mission = mission_for_viewing(request.user, pk)
    return access.participant_for_acting(request.user, mission, participant_id)


def _agenda(participant: Participant) -> list[dict[str, Any]]:
    return [
        {"meeting": m, "other": m.request.other(participant)}
        for m in _meetings(participant.mission).involving(participant)
    ]


def _share_text(participant: Participant, rows: list[dict[str, Any]], url: str) -> str:
    mission = participant.mission
    lines = [
        _("Agenda temu bisnis %(name)s – %(mission)s")
        % {"name": participant.business.display_name, "mission": mission.name}
    ]
    day = None
    for r in rows:
        m = r["meeting"]
        if mission.local(m.starts_at).date() != day:
            day = mission.local(m.starts_at).date()
            lines.append(day_heading(mission, m.starts_at))
        lines.append(
            f"{mission.local_clock(m.starts_at)} · {m.table.name} · "
            f"{r['other'].business.display_name}"
        )
    lines.append(url)
    return "\n".join(lines)


@login_required
def agenda(request: AuthedRequest, pk: int, participant_id: int) -> HttpResponse:
    participant = _agenda_participant(request, pk, participant_id)
    rows = _agenda(participant)
    own = request.user.business_id == participant.business_id
    if request.method == "POST" and own:
        # Which of the business's people attends a meeting (several people per business).
        meeting = next(
            (r["meeting"] for r in rows if str(r["meeting"].pk) == request.POST.get("meeting")),
            None,
        )
        chosen = request.POST.get("attendee", "")
        if meeting is not None:
            try:
                onboarding.attendee_set(
                    actor=request.user,
                    business_id=participant.business_id,
                    meeting_id=meeting.pk,
                    user_id=int(chosen) if chosen.isdigit() else 0,
                )
            except onboarding.TeamError as exc:
                refusal_messages(request, exc)
        return redirect(request.path)
    who = onboarding.attendees(participant.business_id, [r["meeting"].pk for r in rows])
    for r in rows:
        r["attendee"] = who.get(r["meeting"].pk)
    people = onboarding.business_people(participant.business_id) if own else []
    url = request.build_absolute_uri()
    checkin = request.build_absolute_uri(
        reverse("meetings_checkin", args=[services.checkin_token(participant)])
    )
    return render(
        request,
        "meetings/agenda.html",
        {
            "mission": participant.mission,
            "participant": participant,
            "rows": rows,
            "qr": mark_safe(ics.qr_svg(checkin)),  # noqa: S308 - SVG made by qrcode from our URL
            "checkin_url": checkin,
            "whatsapp": "https://wa.me/?text=" + quote(_share_text(participant, rows, url)),
            "people": people if len(people) > 1 else [],
        },
    )


@login_required
def agenda_ics(request: AuthedRequest, pk: int, participant_id: int) -> HttpResponse:
    participant = _agenda_participant(request, pk, participant_id)
    mission = participant.mission
    events = [
        ics.Event(
            uid=f"temu-{r['meeting'].pk}@misidagang",
            starts_at=r["meeting"].starts_at,
            ends_at=r["meeting"].ends_at,
            summary=_("Temu bisnis: %s") % r["other"].business.display_name,
            location=f"{r['meeting'].table.name}, {mission.venue or mission.city_label}",
            description=r["meeting"].request.note,
        )
        for r in _agenda(participant)
    ]
    text = ics.calendar(events, zone=mission.timezone, name=mission.name, abbr=mission.zone_abbr)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{participant.pk}.ics"'
    return response


@login_required
def table_card(request: AuthedRequest, pk: int, table_id: int) -> HttpResponse:
    mission = mission_for_staff(request.user, pk)
    table = get_object_or_404(Table, pk=table_id, mission=mission)
    return render(
        request,
        "meetings/table_card.html",
        {
            "mission": mission,
            "table": table,
            "meetings": _meetings(mission).filter(table=table),
        },
    )


def _moment(request: HttpRequest, mission: Mission) -> datetime:
    """Now, or `?at=2026-12-10T09:20` in the mission's zone (to preview the board)."""
    at = request.GET.get("at", "")
    try:
        return datetime.fromisoformat(at).replace(tzinfo=mission.tz) if at else timezone.now()
    except ValueError:
        return timezone.now()


def board(request: HtmxRequest, pk: int) -> HttpResponse:
    """Public screen at the venue: business names and tables only, refreshed by htmx."""
    mission = mission_for_viewing(request.user, pk)
    now = _moment(request, mission)
    live = _meetings(mission)
    current = list(live.filter(starts_at__lte=now, ends_at__gt=now).order_by("table__number"))
    upcoming: list[Meeting] = []
    if not current:
        nxt = live.filter(starts_at__gt=now).order_by("starts_at").first()
        if nxt is not None:
            upcoming = list(live.filter(starts_at=nxt.starts_at).order_by("table__number"))
    template = "meetings/_board.html" if request.htmx else "meetings/board.html"
    return render(
        request,
        template,
        {
            "mission": mission,
            "current": current,
            "upcoming": upcoming,
            "next_label": next_label(mission, upcoming[0].starts_at, now) if upcoming else "",
            "clock": mission.local_clock(now),
            "at": request.GET.get("at", ""),
        },
    )


@login_required
def desk(request: AuthedRequest, pk: int) -> HttpResponse:
    """Clerks' list, table by table, with held / absent buttons."""
    mission = mission_for_staff(request.user, pk)
    meetings = list(_meetings(mission).order_by("table__number", "starts_at"))
    now = timezone.now()
    return render(
        request,
        "meetings/desk.html",
        {
            "mission": mission,
            "groups": [(t, list(ms)) for t, ms in groupby(meetings, key=lambda m: m.table)],
            "now": now,
            "not_started": any(m.starts_at > now for m in meetings),
        },
    )


@login_required
@require_POST
def meeting_mark(request: AuthedRequest, pk: int, meeting_id: int) -> HttpResponse:
    mission = mission_for_staff(request.user, pk)
    meeting = get_object_or_404(Meeting, pk=meeting_id, mission=mission)
    form = MarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih terlaksana atau tidak hadir."))
        return redirect("meetings_desk", mission.pk)
    try:
        _m, replacement = services.meeting_mark(
            meeting=meeting,
            status=form.cleaned_data["status"],
            actor=request.user,
            outcome=form.cleaned_data["outcome"],
        )
        messages.success(request, _("Temu bisnis ditandai: %s.") % _m.get_status_display())
        if replacement is not None:
            messages.success(
                request,
                _("Slot diberikan ke %(a)s – %(b)s.")
                % {
                    "a": replacement.request.requester.business.display_name,
                    "b": replacement.request.counterpart.business.display_name,
                },
            )
    except services.MeetingError as exc:
        refusal_messages(request, exc)
    return redirect(reverse("meetings_desk", args=[mission.pk]) + f"#meja-{meeting.table_id}")


@login_required
def checkin(request: AuthedRequest, token: str) -> HttpResponse:
    """The URL in a participant's QR code: a clerk opens it and confirms the check-in."""
    try:
        participant = services.participant_from_token(token)
    except services.MeetingError as exc:
        return render(request, "meetings/checkin.html", {"error": exc.messages[0]}, status=400)
    if not staffs(request.user, participant.mission):
        raise PermissionDenied
    if request.method == "POST":
        services.participant_check_in(token=token, actor=request.user)
        messages.success(request, _("%s sudah hadir.") % participant.business.display_name)
        return redirect("meetings_checkin", token)
    return render(
        request,
        "meetings/checkin.html",
        {
            "participant": participant,
            "mission": participant.mission,
            "agenda": _agenda(participant),
        },
    )
