"""State changes of missions and participants: the one place views, API and CLI call."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from misidagang.accounts.models import AuditLog, User
from misidagang.missions.models import Mission, Participant
from misidagang.values import assign, assign_many


@transaction.atomic
def mission_save(*, actor: User, mission: Mission | None = None, **values: Any) -> Mission:
    """Create a mission (its creator organises it) or change one, from validated field values."""
    created = mission is None
    mission = (
        Mission() if mission is None else Mission.objects.select_for_update().get(pk=mission.pk)
    )
    changed, many = assign(mission, values)
    mission.save()
    assign_many(mission, many)
    if created and actor.is_authenticated:
        mission.organisers.add(actor)
    AuditLog.record(
        actor=actor,
        action="mission.create" if created else "mission.update",
        obj=mission,
        fields=changed,
    )
    return mission


def _stamp_check_in(participant: Participant) -> None:
    """Checked in: when; any other status: not checked in."""
    checked_in = participant.status == Participant.Status.CHECKED_IN
    participant.checked_in_at = timezone.now() if checked_in else None


@transaction.atomic
def participant_save(
    *,
    actor: User,
    mission: Mission | None = None,
    participant: Participant | None = None,
    **values: Any,
) -> Participant:
    """Add a business to a mission (`mission`) or change a participant, from validated values."""
    created = participant is None
    if participant is None:
        participant = Participant(mission=mission)
    else:
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
    changed, _many = assign(participant, values)
    if "status" in changed:
        _stamp_check_in(participant)
    participant.save()
    AuditLog.record(
        actor=actor,
        action="participant.create" if created else "participant.update",
        obj=participant,
        fields=changed,
    )
    return participant


@transaction.atomic
def participant_set_status(
    *, participant: Participant, status: str, actor: User | None
) -> Participant:
    if status not in Participant.Status.values:
        raise ValueError(status)
    participant.status = status
    _stamp_check_in(participant)
    participant.save(update_fields=["status", "checked_in_at"])
    AuditLog.record(actor=actor, action="participant.status", obj=participant, status=status)
    return participant
