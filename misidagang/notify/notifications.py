"""Notify's own kind: the invitation to sign in (sent by onboarding)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from misidagang.accounts.models import User
from misidagang.notify.kinds import Kind, Message, for_user, mission_context, register


def _invitation(user: User, *, actor: Any = None, url: str = "", mission: Any = None, **data: Any):
    """`announce("invitation", user, actor, url=<sign-in link>, mission=<mission or None>)`."""
    inviter = ""
    if isinstance(actor, User):
        inviter = actor.get_full_name() or actor.get_username()
    ctx = {**mission_context(mission), "url": url, "inviter": inviter}
    ctx["username"] = user.get_username()
    r = for_user(user)
    return [Message(r, {**ctx, "name": r.name})]


def _wa_invitation(ctx: dict[str, Any]) -> list[str]:
    return [ctx["name"], ctx.get("mission_name") or ctx["site_name"], ctx["url"]]


def _invitation_event(user: User, data: dict[str, Any]) -> str:
    mission = data.get("mission")
    return f"invitation:{user.pk}:{mission.pk if mission is not None else ''}"


register(
    Kind(
        name="invitation",
        label=_("Undangan bergabung"),
        build=_invitation,
        channels=("email", "whatsapp"),
        whatsapp=_wa_invitation,
        event=_invitation_event,
    )
)
