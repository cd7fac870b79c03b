"""Who sees the background jobs: program-wide organisers (and superusers). A job is not tied
to one mission; a mission's own long work (a scheduler run) shows its state on its page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from misidagang.accounts.access import is_user
from misidagang.accounts.models import Role


def oversees_jobs(user: Any) -> bool:
    return is_user(user) and (
        user.is_superuser or (user.role == Role.ORGANISER and bool(user.program_wide))
    )


def require_overseer(user: Any) -> None:
    if not oversees_jobs(user):
        raise PermissionDenied
