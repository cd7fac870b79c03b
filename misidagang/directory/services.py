"""State changes of the directory: the one place views, API and CLI call."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from misidagang.accounts.models import AuditLog, User
from misidagang.directory.models import Business, Listing
from misidagang.values import assign


@transaction.atomic
def business_save(
    *,
    actor: User | None,
    business: Business | None = None,
    listings: Iterable[Mapping[str, Any]] | None = None,
    **values: Any,
) -> Business:
    """Create or change a business from validated field values, and log who did it.

    `listings` are its offers and needs to change: each a mapping of Listing fields, with `id`
    (the Listing, or None for a new one) and `delete` (drop it)."""
    created = business is None
    business = (
        Business() if business is None else Business.objects.select_for_update().get(pk=business.pk)
    )
    changed, _many = assign(business, values)
    business.save()
    for data in listings or ():
        _listing_save(business, data)
    AuditLog.record(
        actor=actor,
        action="business.create" if created else "business.update",
        obj=business,
        fields=changed,
    )
    return business


def _listing_save(business: Business, data: Mapping[str, Any]) -> None:
    values = dict(data)
    existing, delete = values.pop("id", None), values.pop("delete", False)
    if existing is not None and existing.business_id != business.pk:
        raise ValueError("listing of another business")
    if delete:
        if existing is not None:
            existing.delete()
        return
    listing = existing or Listing(business=business)
    assign(listing, values)
    listing.save()


def listings_from_formset(formset: Any) -> list[dict[str, Any]]:
    """A validated offers/needs formset as `business_save(listings=…)` takes it (blank extra
    forms left out)."""
    rows = []
    for form in formset.forms:
        data = dict(form.cleaned_data)
        if not data or (not data.get("id") and not form.has_changed()):
            continue
        data.pop("business", None)
        data["delete"] = bool(data.pop("DELETE", False))
        rows.append(data)
    return rows
