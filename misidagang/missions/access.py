"""Who may see, run and staff which mission. Helpers return a bool, or the mission, or raise
404/403; every app's pages, API and services ask these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from misidagang.accounts.access import is_user
from misidagang.accounts.models import Role
from misidagang.missions.models import Mission


def manages(user: Any, mission: Mission) -> bool:
    """The mission's organisers, program-wide organisers and superusers."""
    if not is_user(user):
        return False
    if user.is_superuser:
        return True
    if user.role != Role.ORGANISER:
        return False
    return bool(user.program_wide) or mission.organisers.filter(pk=user.pk).exists()


def staffs(user: Any, mission: Mission) -> bool:
    """Organisers of the mission and its desk clerks. Remembered on the user object (one
    request's life), so an endpoint's check and its service's rule cost one query, not two."""
    if not is_user(user):
        return False
    known: dict[int, bool] = user.__dict__.setdefault("_staffs", {})
    if mission.pk not in known:
        known[mission.pk] = manages(user, mission) or (
            user.role == Role.CLERK
            and (bool(user.program_wide) or mission.clerks.filter(pk=user.pk).exists())
        )
    return known[mission.pk]


def watches(user: Any, mission: Mission) -> bool:
    """Staff, and viewers: the officials who follow the program (a governor's office, the
    provincial parliament) read every mission's ledger, matching coverage and follow-up, without
    contacts and without changing anything."""
    return staffs(user, mission) or (is_user(user) and user.role == Role.VIEWER)


def can_create_mission(user: Any) -> bool:
    return is_user(user) and (
        user.is_superuser or (user.role == Role.ORGANISER and user.program_wide)
    )


def mission_for_viewing(user: Any, pk: int) -> Mission:
    mission = get_object_or_404(Mission, pk=pk)
    if mission.status == Mission.Status.DRAFT and not staffs(user, mission):
        raise Http404
    return mission


def mission_for_managing(user: Any, pk: int) -> Mission:
    mission = mission_for_viewing(user, pk)
    if not manages(user, mission):
        raise PermissionDenied
    return mission


def mission_for_watching(user: Any, pk: int) -> Mission:
    mission = mission_for_viewing(user, pk)
    if not watches(user, mission):
        raise PermissionDenied
    return mission


def mission_for_staff(user: Any, pk: int) -> Mission:
    mission = mission_for_viewing(user, pk)
    if not staffs(user, mission):
        raise PermissionDenied
    return mission
