"""Who may see and change what. Each helper returns the object or raises 404/403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from misidagang.accounts.models import Role, User
from misidagang.directory.models import Business
from misidagang.missions.models import Mission


def is_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def sees_personal_data(user: Any) -> bool:
    """Contacts (person, phone, e-mail, address) are for the people running and doing trade,
    never for anonymous visitors or viewers."""
    return is_user(user) and (user.is_superuser or user.role != Role.VIEWER)


def can_edit_business(user: Any, business: Business) -> bool:
    if not is_user(user):
        return False
    if user.is_superuser or user.business_id == business.pk:
        return True
    if user.role not in (Role.ORGANISER, Role.CLERK):
        return False
    if user.program_wide:
        return True
    mission_ids = business.participations.values("mission_id")
    return Mission.objects.filter(pk__in=mission_ids).filter(organisers=user).exists() or (
        user.role == Role.CLERK and Mission.objects.filter(pk__in=mission_ids, clerks=user).exists()
    )


def can_create_business(user: Any) -> bool:
    return is_user(user) and (user.is_superuser or user.role in (Role.ORGANISER, Role.CLERK))


def can_create_mission(user: Any) -> bool:
    return is_user(user) and (
        user.is_superuser or (user.role == Role.ORGANISER and user.program_wide)
    )


def mission_for_viewing(user: Any, pk: int) -> Mission:
    mission = get_object_or_404(Mission, pk=pk)
    if mission.status == Mission.Status.DRAFT and not (
        is_user(user) and user.staffs_mission(mission)
    ):
        raise Http404
    return mission


def mission_for_managing(user: Any, pk: int) -> Mission:
    mission = mission_for_viewing(user, pk)
    if not (is_user(user) and user.manages_mission(mission)):
        raise PermissionDenied
    return mission


def mission_for_staff(user: Any, pk: int) -> Mission:
    mission = mission_for_viewing(user, pk)
    if not (is_user(user) and user.staffs_mission(mission)):
        raise PermissionDenied
    return mission


def business_for_editing(user: User, pk: int) -> Business:
    business = get_object_or_404(Business, pk=pk)
    if not can_edit_business(user, business):
        raise PermissionDenied
    return business
