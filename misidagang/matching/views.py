from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from misidagang.accounts.access import is_user
from misidagang.accounts.models import User
from misidagang.accounts.types import AuthedRequest
from misidagang.directory.models import Listing
from misidagang.errors import refusal_messages
from misidagang.matching import services
from misidagang.missions.access import (
    mission_for_staff,
    mission_for_viewing,
    mission_for_watching,
    staffs,
)
from misidagang.missions.models import Mission, Participant


def participant_for(user: User, mission: Mission, participant_id: str | None) -> Participant:
    """A business sees its own recommendations; organisers and clerks of the mission see
    anyone's."""
    if not is_user(user):
        raise PermissionDenied
    staff = staffs(user, mission)
    if participant_id and staff:
        return get_object_or_404(Participant, pk=participant_id, mission=mission)
    own = (
        mission.participants.filter(business_id=user.business_id).first()
        if user.business_id
        else None
    )
    if own is None:
        if staff:
            raise PermissionDenied(_("Pilih peserta."))
        raise PermissionDenied
    return own


@login_required
def recommendations(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_viewing(request.user, pk)
    participant = participant_for(request.user, mission, request.GET.get("participant"))
    view = services.participant_view(mission, participant)
    return render(
        request,
        "matching/recommendations.html",
        {
            "mission": mission,
            "participant": participant,
            "requests": _open_requests(participant),
            **view,
        },
    )


def _open_requests(participant: Participant) -> dict[int, Any]:
    """{the other participant's id: the open request between them}: a card shows it instead of
    offering a second request."""
    from misidagang.meetings.models import MeetingRequest

    out = {}
    for req in (
        MeetingRequest.objects.open()
        .involving(participant)
        .select_related("requester__business", "counterpart__business")
    ):
        other = req.counterpart if req.requester_id == participant.pk else req.requester
        out[other.pk] = req
    return out


@login_required
@require_POST
def dismiss(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_viewing(request.user, pk)
    buyer = participant_for(request.user, mission, request.POST.get("participant"))
    need = get_object_or_404(Listing, pk=request.POST.get("need"), business_id=buyer.business_id)
    seller = get_object_or_404(Participant, pk=request.POST.get("seller"), mission=mission)
    services.recommendation_dismiss(buyer=buyer, need=need, seller=seller, actor=request.user)
    messages.success(
        request,
        _("%(name)s tidak akan direkomendasikan lagi untuk kebutuhan ini.")
        % {"name": seller.business.display_name},
    )
    return redirect(_back(mission, buyer, request))


@login_required
@require_POST
def request_meeting(request: AuthedRequest, pk: int) -> HttpResponse:
    """ "Ajukan temu bisnis" from a recommendation: the meetings app's own request_create."""
    from misidagang.meetings.models import MeetingRequest
    from misidagang.meetings.services import MeetingError, request_create

    mission = mission_for_viewing(request.user, pk)
    me = participant_for(request.user, mission, request.POST.get("participant"))
    other = get_object_or_404(Participant, pk=request.POST.get("counterpart"), mission=mission)
    already = _open_requests(me).get(other.pk)
    if already is not None and already.requester_id == me.pk:
        messages.info(
            request,
            _("Permintaan temu bisnis dengan %(name)s sudah ada (%(status)s).")
            % {"name": other.business.display_name, "status": already.get_status_display()},
        )
        return redirect(_back(mission, me, request))
    try:
        req = request_create(
            mission=mission,
            requester=me,
            counterpart=other,
            actor=request.user,
            note=request.POST.get("note", ""),
            source=MeetingRequest.Source.RECOMMENDATION,
        )
    except MeetingError as err:
        refusal_messages(request, err)
    else:
        if req.requester_id == other.pk:
            messages.info(
                request,
                _("%(name)s sudah mengajukan temu bisnis kepada Anda: jawab permintaannya.")
                % {"name": other.business.display_name},
            )
            return redirect("meetings_requests", pk=mission.pk)
        messages.success(
            request,
            _("Permintaan temu bisnis dengan %(name)s terkirim.")
            % {"name": other.business.display_name},
        )
    return redirect(_back(mission, me, request))


def _back(mission: Mission, participant: Participant, request: AuthedRequest) -> str:
    url = reverse("recommendations", args=[mission.pk])
    if staffs(request.user, mission):
        url += f"?participant={participant.pk}"
    return url


@login_required
def overview(request: AuthedRequest, pk: int) -> HttpResponse:
    """Staff, and viewers (read only): needs without a good partner, best pairs, coverage."""
    mission = mission_for_watching(request.user, pk)
    rec = services.mission_recommendations(mission)
    return render(
        request,
        "matching/overview.html",
        {
            "mission": mission,
            "rec": rec,
            "good": services.GOOD_SCORE,
            "staff": staffs(request.user, mission),
            **services.coverage(mission),
        },
    )


@login_required
@require_POST
def refresh(request: AuthedRequest, pk: int) -> HttpResponse:
    mission = mission_for_staff(request.user, pk)
    rec = services.mission_recommendations(mission, force=True)
    if rec.updating:
        messages.success(request, _("Rekomendasi sedang dihitung ulang di latar."))
    else:
        messages.success(
            request, _("Rekomendasi dihitung ulang dalam %(ms)s ms.") % {"ms": rec.solve_ms}
        )
    return redirect("matching_overview", pk=mission.pk)
