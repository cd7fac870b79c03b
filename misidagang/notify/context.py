from __future__ import annotations

from django.http import HttpRequest


def bell(request: HttpRequest) -> dict[str, object]:
    """The unread count of the signed-in user's in-app notifications, for the page header.
    Counted only when a template asks (one indexed COUNT)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def unread() -> int:
        from misidagang.notify.models import Notification

        return Notification.objects.inbox(user).unread().count()

    return {"notify_unread": unread}
