"""State changes of the directory: the one place views, API and CLI call."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from misidagang.accounts.models import AuditLog, User
from misidagang.directory.models import Business


@transaction.atomic
def business_save(*, form: Any, actor: User | None, formset: Any = None) -> Business:
    """Save a validated BusinessForm (and its offers/needs formset) and log who did it."""
    created = form.instance.pk is None
    business: Business = form.save()
    if formset is not None:
        formset.instance = business
        formset.save()
    AuditLog.record(
        actor=actor,
        action="business.create" if created else "business.update",
        obj=business,
        fields=sorted(form.changed_data),
    )
    return business
