"""Who may see and change agreements. Helpers return the object or raise 404/403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from misidagang.accounts.access import is_user, sees_personal_data
from misidagang.accounts.models import Role
from misidagang.agreements.models import ActionItem, Agreement
from misidagang.missions.access import manages
from misidagang.missions.models import Mission


def is_organiser(user: Any) -> bool:
    return is_user(user) and (user.is_superuser or user.role == Role.ORGANISER)


def can_create_agreement(user: Any) -> bool:
    return is_organiser(user)


def missions_for_agreements(user: Any) -> QuerySet[Mission]:
    """The missions an organiser may attach an agreement to."""
    if not is_organiser(user):
        return Mission.objects.none()
    if user.is_superuser or user.program_wide:
        return Mission.objects.all()
    return Mission.objects.filter(organisers=user)


def can_manage_agreement(user: Any, agreement: Agreement) -> bool:
    if not is_organiser(user):
        return False
    if user.is_superuser or user.program_wide or agreement.created_by_id == user.pk:
        return True
    return agreement.mission is not None and manages(user, agreement.mission)


def can_update_item(user: Any, item: ActionItem) -> bool:
    """Organisers who manage the agreement, and the responsible organisation's own staff."""
    if can_manage_agreement(user, item.agreement):
        return True
    return (
        is_user(user)
        and user.role in (Role.PARTNER, Role.BUSINESS)
        and item.responsible_id is not None
        and user.organisation_id == item.responsible_id
    )


def sees_documents(user: Any) -> bool:
    """Signed documents and signatories' names are not for the public."""
    return sees_personal_data(user)


def agreement_for_viewing(user: Any, pk: int) -> Agreement:
    return get_object_or_404(Agreement.objects.visible_to(user).select_related("mission"), pk=pk)


def agreement_for_managing(user: Any, pk: int) -> Agreement:
    agreement = agreement_for_viewing(user, pk)
    if not can_manage_agreement(user, agreement):
        raise PermissionDenied
    return agreement


def item_for_updating(user: Any, pk: int) -> ActionItem:
    visible = Agreement.objects.visible_to(user)
    item = get_object_or_404(
        ActionItem.objects.select_related("agreement__mission", "responsible"),
        pk=pk,
        agreement__in=visible,
    )
    if not can_update_item(user, item):
        raise PermissionDenied
    return item


def agreements_managed_by(user: Any) -> QuerySet[Agreement]:
    if not is_organiser(user):
        return Agreement.objects.none()
    if user.is_superuser or user.program_wide:
        return Agreement.objects.all()
    mine = Mission.objects.filter(organisers=user).values("pk")
    return Agreement.objects.filter(Q(created_by=user) | Q(mission__in=mine))
