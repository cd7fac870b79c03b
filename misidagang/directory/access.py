"""Who may create and change which business. Helpers return a bool, or the business, or raise
404/403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from misidagang.accounts.access import is_user
from misidagang.accounts.models import Role
from misidagang.directory.models import Business


def can_edit_business(user: Any, business: Business) -> bool:
    """Its own users; organisers and clerks of a mission it takes part in (program-wide ones of
    any); superusers."""
    if not is_user(user):
        return False
    if user.is_superuser or user.business_id == business.pk:
        return True
    if user.role not in (Role.ORGANISER, Role.CLERK):
        return False
    if user.program_wide:
        return True
    staffed = Q(mission__organisers=user)
    if user.role == Role.CLERK:
        staffed |= Q(mission__clerks=user)
    return business.participations.filter(staffed).exists()


def can_create_business(user: Any) -> bool:
    return is_user(user) and (user.is_superuser or user.role in (Role.ORGANISER, Role.CLERK))


def business_for_editing(user: Any, pk: int) -> Business:
    business = get_object_or_404(Business, pk=pk)
    if not can_edit_business(user, business):
        raise PermissionDenied
    return business
