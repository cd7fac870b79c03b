"""Open action items that are due soon or overdue, for the organiser who follows them up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from misidagang.agreements.access import agreements_managed_by
from misidagang.agreements.models import ActionItem
from misidagang.agreements.workdays import DueState, due_state, horizon_end

HORIZON_WORKING_DAYS = 10


@dataclass
class DueItem:
    item: ActionItem
    due: DueState


def due_items(*, user: Any, today: date, horizon: int = HORIZON_WORKING_DAYS) -> list[DueItem]:
    """Overdue items first (most late first), then those due within `horizon` working days."""
    items = (
        ActionItem.objects.filter(
            status__in=ActionItem.OPEN_STATUSES,
            agreement__in=agreements_managed_by(user),
            due_on__lte=horizon_end(today, horizon),
        )
        .select_related("agreement", "responsible")
        .order_by("due_on", "pk")
    )
    return [DueItem(item, due_state(item.due_on, today, horizon=horizon)) for item in items]
