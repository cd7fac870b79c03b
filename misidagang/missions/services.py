"""State changes of missions and participants: the one place views, API and CLI call."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from misidagang.accounts.models import AuditLog, User
from misidagang.missions.models import Mission, Participant


@transaction.atomic
def mission_save(*, form: Any, actor: User) -> Mission:
    created = form.instance.pk is None
    mission: Mission = form.save()
    if created and actor.is_authenticated:
        mission.organisers.add(actor)
    AuditLog.record(
        actor=actor,
        action="mission.create" if created else "mission.update",
        obj=mission,
        fields=sorted(form.changed_data),
    )
    return mission


def _stamp_check_in(participant: Participant) -> None:
    """Checked in: when; any other status: not checked in."""
    checked_in = participant.status == Participant.Status.CHECKED_IN
    participant.checked_in_at = timezone.now() if checked_in else None


@transaction.atomic
def participant_save(*, form: Any, actor: User) -> Participant:
    created = form.instance.pk is None
    participant: Participant = form.save(commit=False)
    if "status" in form.changed_data:
        _stamp_check_in(participant)
    participant.save()
    AuditLog.record(
        actor=actor,
        action="participant.create" if created else "participant.update",
        obj=participant,
        fields=sorted(form.changed_data),
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


def program_totals() -> dict[str, int]:
    """The home page's headline: missions held and their value (reported figures for past
    missions, the ledger for missions run here; see reports.program), and delegation
    businesses taken along."""
    from misidagang.reports.program import mission_rows

    rows = mission_rows()
    held = Mission.objects.exclude(status=Mission.Status.DRAFT)
    reported = held.filter(is_historical=True).aggregate(n=Sum("reported_delegation"))["n"] or 0
    joined = Participant.objects.filter(
        mission__in=held.filter(is_historical=False), side=Participant.Side.DELEGATION
    ).count()
    return {
        "missions": len(rows),
        "total_idr": sum(r.committed_idr for r in rows),
        "delegation_businesses": reported + joined,
    }
