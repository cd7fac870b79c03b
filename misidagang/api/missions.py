from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router

from misidagang.accounts.types import AuthedRequest
from misidagang.api import serializers
from misidagang.api.auth import AUTH, caller
from misidagang.api.schemas import (
    ErrorOut,
    MissionOut,
    ParticipantIn,
    ParticipantOut,
    ParticipantPatch,
)
from misidagang.missions import services
from misidagang.missions.access import mission_for_managing, mission_for_staff, mission_for_viewing
from misidagang.missions.forms import ParticipantForm
from misidagang.missions.models import Mission, Participant

router = Router(tags=["missions"])


def _counted(qs):
    return qs.select_related("delegation_province", "host_province", "host_regency").annotate(
        n_delegation=Count("participants", filter=Q(participants__side="delegation")),
        n_host=Count("participants", filter=Q(participants__side="host")),
    )


@router.get("/missions", response=list[MissionOut], summary="Missions with participant counts")
def list_missions(request: HttpRequest):
    """Public. Drafts appear only to those who run them."""
    missions = _counted(Mission.objects.visible_to(caller(request))).order_by("-starts_at")
    return [serializers.mission(m, m.n_delegation, m.n_host) for m in missions]


@router.get("/missions/{mission_id}", response={200: MissionOut, 404: ErrorOut})
def get_mission(request: HttpRequest, mission_id: int):
    m = mission_for_viewing(caller(request), mission_id)
    m = _counted(Mission.objects.filter(pk=m.pk)).get()
    return serializers.mission(m, m.n_delegation, m.n_host)


def _participants(mission: Mission):
    return mission.participants.select_related(
        "business__province", "business__regency", "facilitator"
    ).prefetch_related("business__listings")


@router.get(
    "/missions/{mission_id}/participants",
    response=list[ParticipantOut],
    auth=AUTH,
    summary="Participants with their offers and needs",
)
def list_participants(
    request: AuthedRequest, mission_id: int, side: str | None = None, q: str = ""
):
    mission = mission_for_viewing(request.user, mission_id)
    participants = _participants(mission).search(q)
    if side:
        participants = participants.filter(side=side)
    return [serializers.participant(p) for p in participants]


@router.post(
    "/missions/{mission_id}/participants",
    response={201: ParticipantOut, 422: ErrorOut},
    auth=AUTH,
)
def add_participant(request: AuthedRequest, mission_id: int, payload: ParticipantIn):
    mission = mission_for_managing(request.user, mission_id)
    data = {
        "business": payload.business_id,
        "side": payload.side,
        "role": payload.role,
        "status": payload.status,
        "facilitator": payload.facilitator_id or "",
    }
    form = ParticipantForm(data, instance=Participant(mission=mission), mission=mission)
    if not form.is_valid():
        return 422, {"detail": _("Data peserta tidak valid."), "errors": form.errors}
    p = services.participant_save(actor=request.user, mission=mission, **form.cleaned_data)
    return 201, serializers.participant(_participants(mission).get(pk=p.pk))


@router.patch(
    "/missions/{mission_id}/participants/{participant_id}",
    response={200: ParticipantOut, 422: ErrorOut},
    auth=AUTH,
    summary="Change a participant's status (check-in, absent…)",
)
def patch_participant(
    request: AuthedRequest, mission_id: int, participant_id: int, payload: ParticipantPatch
):
    mission = mission_for_staff(request.user, mission_id)
    participant = get_object_or_404(Participant, pk=participant_id, mission=mission)
    if payload.status not in Participant.Status.values:
        return 422, {
            "detail": _("Status tidak dikenal."),
            "errors": {
                "status": [_("Pilih salah satu: %s") % ", ".join(Participant.Status.values)]
            },
        }
    services.participant_set_status(
        participant=participant,
        status=payload.status,
        actor=request.user,
    )
    return serializers.participant(_participants(mission).get(pk=participant.pk))
