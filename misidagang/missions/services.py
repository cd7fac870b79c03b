"""State changes of missions and participants: the one place views, API and CLI call."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, Q, Sum
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


@transaction.atomic
def participant_save(*, form: Any, actor: User) -> Participant:
    created = form.instance.pk is None
    participant: Participant = form.save(commit=False)
    if "status" in form.changed_data:
        participant.checked_in_at = (
            timezone.now() if participant.status == Participant.Status.CHECKED_IN else None
        )
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
    participant.checked_in_at = timezone.now() if status == Participant.Status.CHECKED_IN else None
    participant.save(update_fields=["status", "checked_in_at"])
    AuditLog.record(actor=actor, action="participant.status", obj=participant, status=status)
    return participant


def program_totals() -> dict[str, int]:
    """Program-wide figures: missions held (not drafts) and their reported totals.
    The deal ledger adds the live missions' totals once deals exist (see deals app)."""
    held = Mission.objects.exclude(status=Mission.Status.DRAFT)
    agg = held.aggregate(
        missions=Count("id"),
        reported=Sum("reported_total_idr"),
        businesses=Sum("reported_delegation"),
    )
    participants = Participant.objects.filter(mission__in=held).aggregate(
        n=Count("id", filter=Q(side="delegation"))
    )
    return {
        "missions": agg["missions"] or 0,
        "total_idr": agg["reported"] or 0,
        "delegation_businesses": (agg["businesses"] or 0) + (participants["n"] or 0),
    }
