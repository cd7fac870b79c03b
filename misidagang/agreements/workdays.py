"""Due dates in Indonesian working days (holidays and cuti bersama from lokal-id). No Django."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lokal import add_working_days, count_working_days


@dataclass(frozen=True)
class DueState:
    state: str  # "overdue" | "due" | "later"
    working_days: int  # days late (overdue) or left until the due date (due, later)


def due_state(due: date, today: date, *, horizon: int) -> DueState:
    """Where an open item stands. Overdue: its due date has passed; `working_days` counts the
    working days since, the due date excluded. Due: it falls within the next `horizon` working
    days; `working_days` counts the working days left before it, today excluded (0 = today)."""
    if due < today:
        late = count_working_days(due + timedelta(days=1), today)
        return DueState("overdue", late)
    left = count_working_days(today + timedelta(days=1), due) if due > today else 0
    return DueState("due" if due <= horizon_end(today, horizon) else "later", left)


def horizon_end(today: date, horizon: int) -> date:
    """The last date counted as 'due soon': `horizon` working days after today."""
    return add_working_days(today, horizon)
