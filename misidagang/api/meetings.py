"""Temu bisnis API: requests, scheduler runs, agendas and meeting outcomes.
Every state change goes through `misidagang.meetings.services`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from misidagang.accounts.types import AuthedRequest
from misidagang.api.auth import AUTH, caller
from misidagang.api.schemas import ErrorOut
from misidagang.meetings import access, services
from misidagang.meetings.engine_input import REASONS
from misidagang.meetings.models import Meeting, MeetingRequest, ScheduleRun, Session
from misidagang.missions.access import (
    mission_for_managing,
    mission_for_staff,
    mission_for_viewing,
    staffs,
)
from misidagang.missions.models import Mission, Participant

router = Router(tags=["meetings"])


class RequestIn(Schema):
    counterpart_id: int
    requester_id: int | None = None  # staff acting on a business's behalf; else the caller's
    note: str = ""
    session: str = Session.ANY
    source: str = MeetingRequest.Source.DIRECTORY
    must_meet: bool = False  # organisers only
    accept: bool = False  # staff only: both sides already agreed


class RequestOut(Schema):
    id: int
    requester: dict[str, Any]
    counterpart: dict[str, Any]
    note: str
    status: str
    source: str
    must_meet: bool
    session: str
    expires_at: datetime | None
    created: datetime
    meeting: dict[str, Any] | None


class RespondIn(Schema):
    accept: bool


class RunOut(Schema):
    id: int
    state: str  # queued / running / done / failed / cancelled
    progress: dict[str, Any]  # stage, elapsed_s, meetings, breaks, bound (while it works)
    error: str
    status: str  # the engine's, once done: optimal / feasible / infeasible / unknown
    optimal: bool
    placed: int
    requested: int
    objective: dict[str, Any]
    bound: dict[str, Any]
    solve_s: float
    published: bool
    left_out: list[dict[str, Any]]


class MeetingOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    table: str
    status: str
    outcome: str
    other: dict[str, Any] | None = None  # in an agenda: who the participant meets
    between: list[dict[str, Any]]


class OutcomeIn(Schema):
    status: str  # held / absent
    outcome: str = ""


class MarkOut(Schema):
    meeting: MeetingOut
    replacement: MeetingOut | None


def _party(p: Participant) -> dict[str, Any]:
    return {"id": p.pk, "name": p.business.display_name, "side": p.side}


def _meeting(m: Meeting, mission: Mission) -> dict[str, Any]:
    return {
        "id": m.pk,
        "starts_at": mission.local(m.starts_at),
        "ends_at": mission.local(m.ends_at),
        "table": m.table.name,
        "status": m.status,
        "outcome": m.outcome,
        "between": [_party(m.request.requester), _party(m.request.counterpart)],
    }


def _request(r: MeetingRequest) -> dict[str, Any]:
    meeting = getattr(r, "meeting", None)
    return {
        "id": r.pk,
        "requester": _party(r.requester),
        "counterpart": _party(r.counterpart),
        "note": r.note,
        "status": r.status,
        "source": r.source,
        "must_meet": r.must_meet,
        "session": r.session,
        "expires_at": r.expires_at,
        "created": r.created,
        "meeting": _meeting(meeting, r.mission)
        if meeting and meeting.status != Meeting.Status.CANCELLED
        else None,
    }


def _requests():
    return MeetingRequest.objects.select_related(
        "mission",
        "requester__business",
        "counterpart__business",
        "meeting__table",
        "meeting__request__requester__business",
        "meeting__request__counterpart__business",
    )


def _run(run: ScheduleRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "state": run.state,
        "progress": run.progress,
        "error": run.error,
        "status": run.status,
        "optimal": run.optimal,
        "placed": run.placed,
        "requested": len(run.input.get("meetings", [])) + len(run.left_out),
        "objective": run.output.get("objective", {}),
        "bound": run.bound,
        "solve_s": run.solve_s,
        "published": run.published,
        "left_out": [
            {**x, "explanation": str(REASONS.get(x["reason"], x["reason"]))} for x in run.left_out
        ],
    }


@router.get(
    "/missions/{mission_id}/meeting-requests",
    response=list[RequestOut],
    auth=AUTH,
    summary="Meeting requests: all for staff, its own for a business",
)
def list_requests(request: AuthedRequest, mission_id: int, status: str = ""):
    mission = mission_for_viewing(request.user, mission_id)
    staff, own = staffs(request.user, mission), access.own_participant(request.user, mission)
    if not staff and own is None:
        raise PermissionDenied
    services.requests_expire(mission=mission)
    qs = _requests().filter(mission=mission)
    if not staff:
        qs = qs.involving(own)
    if status:
        qs = qs.filter(status=status)
    return [_request(r) for r in qs]


@router.post(
    "/missions/{mission_id}/meeting-requests", response={201: RequestOut, 422: ErrorOut}, auth=AUTH
)
def create_request(request: AuthedRequest, mission_id: int, payload: RequestIn):
    """A business asks to meet another; staff may pass `requester_id` (on its behalf),
    `accept` and, for organisers, `must_meet`. Repeating it returns the open request."""
    mission = mission_for_viewing(request.user, mission_id)
    staff, own = staffs(request.user, mission), access.own_participant(request.user, mission)
    if not staff and own is None:
        raise PermissionDenied
    people = mission.participants.select_related("business")
    requester = (
        own if payload.requester_id is None else people.filter(pk=payload.requester_id).first()
    )
    counterpart = people.filter(pk=payload.counterpart_id).first()
    if requester is None or counterpart is None:
        return 422, {"detail": _("Pengaju atau mitra temu bukan peserta misi ini.")}
    if payload.source not in MeetingRequest.Source.values:
        return 422, {"detail": _("Sumber permintaan tidak dikenal.")}
    req = services.request_create(
        mission=mission,
        requester=requester,
        counterpart=counterpart,
        actor=request.user,
        note=payload.note,
        session=payload.session,
        source=payload.source,
        must_meet=payload.must_meet,
        accept=payload.accept,
    )
    return 201, _request(_requests().get(pk=req.pk))


def _request_for(request: HttpRequest, request_id: int) -> MeetingRequest:
    req = get_object_or_404(_requests(), pk=request_id)
    mission_for_viewing(request.user, req.mission_id)
    return req


@router.post(
    "/meeting-requests/{request_id}/respond", response={200: RequestOut, 422: ErrorOut}, auth=AUTH
)
def respond(request: AuthedRequest, request_id: int, payload: RespondIn):
    req = _request_for(request, request_id)
    services.request_respond(request=req, accept=payload.accept, actor=request.user)
    return _request(_requests().get(pk=req.pk))


@router.post(
    "/meeting-requests/{request_id}/cancel", response={200: RequestOut, 422: ErrorOut}, auth=AUTH
)
def cancel(request: AuthedRequest, request_id: int, reason: str = ""):
    """`?reason=`: required when the meeting is already scheduled (the partner is told)."""
    req = _request_for(request, request_id)
    services.request_cancel(request=req, actor=request.user, reason=reason)
    return _request(_requests().get(pk=req.pk))


@router.post(
    "/missions/{mission_id}/schedule-runs",
    response={201: RunOut, 422: ErrorOut},
    auth=AUTH,
    summary="Queue a scheduler run on the accepted requests (a preview, not published)",
    description="Answers at once with the run queued; poll GET …/schedule-runs/{run_id} for "
    "`state` and `progress` until `state` is done, failed or cancelled.",
)
def run_scheduler(request: AuthedRequest, mission_id: int):
    mission = mission_for_managing(request.user, mission_id)
    run = services.schedule_preview(mission=mission, actor=request.user)
    return 201, _run(run)


@router.get("/missions/{mission_id}/schedule-runs/{run_id}", response=RunOut, auth=AUTH)
def get_run(request: AuthedRequest, mission_id: int, run_id: int):
    mission = mission_for_managing(request.user, mission_id)
    return _run(get_object_or_404(ScheduleRun, pk=run_id, mission=mission))


@router.post("/missions/{mission_id}/schedule-runs/{run_id}/cancel", response=RunOut, auth=AUTH)
def cancel_run(request: AuthedRequest, mission_id: int, run_id: int):
    mission = mission_for_managing(request.user, mission_id)
    run = get_object_or_404(ScheduleRun, pk=run_id, mission=mission)
    return _run(services.schedule_cancel(run=run, actor=request.user))


@router.post(
    "/missions/{mission_id}/schedule-runs/{run_id}/publish",
    response={200: RunOut, 422: ErrorOut},
    auth=AUTH,
)
def publish(request: AuthedRequest, mission_id: int, run_id: int):
    mission = mission_for_managing(request.user, mission_id)
    run = get_object_or_404(ScheduleRun, pk=run_id, mission=mission)
    services.schedule_publish(run=run, actor=request.user)
    return _run(run)


def _meetings(mission: Mission):
    return (
        Meeting.objects.filter(mission=mission)
        .live()
        .select_related("table", "request__requester__business", "request__counterpart__business")
    )


@router.get(
    "/missions/{mission_id}/participants/{participant_id}/agenda",
    response=list[MeetingOut],
    auth=AUTH,
    summary="A participant's published meetings, times in the mission's zone",
)
def agenda(request: AuthedRequest, mission_id: int, participant_id: int):
    mission = mission_for_viewing(request.user, mission_id)
    participant = access.participant_for_acting(request.user, mission, participant_id)
    out = []
    for m in _meetings(mission).involving(participant):
        item = _meeting(m, mission)
        item["other"] = _party(m.request.other(participant))
        out.append(item)
    return out


@router.get(
    "/missions/{mission_id}/meetings/now",
    response=list[MeetingOut],
    summary="Meetings happening now (public: business names and tables only)",
)
def now(request: HttpRequest, mission_id: int):
    mission = mission_for_viewing(caller(request), mission_id)
    moment = timezone.now()
    live = _meetings(mission).filter(starts_at__lte=moment, ends_at__gt=moment)
    return [{**_meeting(m, mission), "outcome": ""} for m in live]


@router.post(
    "/missions/{mission_id}/meetings/{meeting_id}/outcome",
    response={200: MarkOut, 422: ErrorOut},
    auth=AUTH,
    summary="A clerk marks a meeting held or absent (absence frees the slot)",
)
def outcome(request: AuthedRequest, mission_id: int, meeting_id: int, payload: OutcomeIn):
    mission = mission_for_staff(request.user, mission_id)
    meeting = get_object_or_404(_meetings(mission), pk=meeting_id)
    m, replacement = services.meeting_mark(
        meeting=meeting,
        status=payload.status,
        actor=request.user,
        outcome=payload.outcome,
    )
    rep = _meetings(mission).get(pk=replacement.pk) if replacement else None
    return {"meeting": _meeting(m, mission), "replacement": _meeting(rep, mission) if rep else None}
