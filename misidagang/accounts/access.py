"""Who is signed in and who may see personal data: the ground floor of every app's `access.py`.
Each app guards its own objects in its own `access.py` (missions, directory, meetings, deals,
agreements); helpers return a bool, or the object, or raise 404/403."""

from __future__ import annotations

from typing import Any

from misidagang.accounts.models import Role


def is_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def sees_personal_data(user: Any) -> bool:
    """Contacts (person, phone, e-mail, address) are for the people running and doing trade,
    never for anonymous visitors or viewers."""
    return is_user(user) and (user.is_superuser or user.role != Role.VIEWER)
