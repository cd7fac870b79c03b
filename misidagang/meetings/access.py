"""Who may act for which participant in temu bisnis. Helpers return a bool, the object,
or raise PermissionDenied / Http404 like `missions.access`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from misidagang.accounts.access import is_user
from misidagang.missions.access import staffs
from misidagang.missions.models import Mission, Participant


def own_participant(user: Any, mission: Mission) -> Participant | None:
    """The participant of the signed-in business user in this mission, if any."""
    if not is_user(user) or not user.business_id:
        return None
    return (
        mission.participants.select_related("business").filter(business_id=user.business_id).first()
    )


def can_act_for(user: Any, participant: Participant) -> bool:
    """Its own business user, or the mission's organisers and desk clerks (on its behalf)."""
    if not is_user(user):
        return False
    if user.business_id and user.business_id == participant.business_id:
        return True
    return staffs(user, participant.mission)


def participant_for_acting(user: Any, mission: Mission, pk: int) -> Participant:
    participant = get_object_or_404(
        Participant.objects.select_related("business", "mission"), pk=pk, mission=mission
    )
    if not can_act_for(user, participant):
        raise PermissionDenied
    return participant


def can_act_for_self(user: Any, participant: Participant) -> bool:
    """The business user of this very participant (not staff acting on its behalf)."""
    return is_user(user) and bool(user.business_id) and user.business_id == participant.business_id
