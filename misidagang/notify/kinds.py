"""The registry of notification kinds. Each app that notifies declares its kinds in
`<app>/notifications.py` and registers them in its AppConfig.ready(), as pretix's
NotificationType: a name such as `meeting_request.create`, who receives it and what it says.

A kind's `build(obj, actor=..., **data)` returns one `Message` per recipient with a JSON-ready
context (times as ISO strings under keys ending in `_at`; they are shown in the mission's zone
when the message is written, in the recipient's language)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from misidagang.accounts.models import User
from misidagang.directory.models import Business

ALL_CHANNELS = ("inapp", "email", "whatsapp")


@dataclass(frozen=True)
class Recipient:
    """Someone a message goes to: a user (in-app and their addresses), or a business without
    an account (its e-mail and WhatsApp number only)."""

    key: str
    name: str
    user: User | None = None
    email: str = ""
    whatsapp: str = ""
    language: str = "id"

    def address(self, channel: str) -> str:
        if channel == "inapp":
            return f"user:{self.user.pk}" if self.user is not None else ""
        if channel == "email":
            return self.email
        return self.whatsapp


@dataclass
class Message:
    recipient: Recipient
    context: dict[str, Any]


@dataclass(frozen=True)
class Kind:
    name: str
    label: Any  # a lazy translated text for the preferences page
    build: Callable[..., Iterable[Message]]
    channels: tuple[str, ...] = ALL_CHANNELS
    # WhatsApp: the approved template's variables, from the context (the template's name is
    # `whatsapp_template`, one per kind, in each language).
    whatsapp: Callable[[dict[str, Any]], list[str]] | None = None
    attachments: Callable[[dict[str, Any]], list[tuple[str, str, str]]] | None = None
    audience: Any = ""
    event: Callable[[Any, dict[str, Any]], str] | None = None

    @property
    def whatsapp_template(self) -> str:
        return "misidagang_" + self.name.replace(".", "_")

    def event_key(self, obj: Any, data: dict[str, Any]) -> str:
        if self.event is not None:
            return self.event(obj, data)
        return f"{self.name}:{obj.pk}"


REGISTRY: dict[str, Kind] = {}


def register(*kinds: Kind) -> None:
    for kind in kinds:
        REGISTRY[kind.name] = kind


def get(name: str) -> Kind:
    return REGISTRY[name]


def registered() -> list[Kind]:
    return sorted(REGISTRY.values(), key=lambda k: k.name)


# --- recipients -------------------------------------------------------------------------------


def _language(user: User) -> str:
    profile = getattr(user, "notify_profile", None)
    try:
        return profile.language if profile is not None else "id"
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: no profile yet
        return "id"


def user_whatsapp(user: User) -> str:
    if user.business_id and user.business is not None and user.business.whatsapp:
        return user.business.whatsapp
    if not user.phone:
        return ""
    from lokal import parse_phone

    info = parse_phone(user.phone)
    return info.whatsapp if info.valid and info.type == "mobile" and info.whatsapp else ""


def for_user(user: User, name: str = "") -> Recipient:
    return Recipient(
        key=f"user:{user.pk}",
        name=name or user.get_full_name() or user.get_username(),
        user=user,
        email=user.email or (user.business.email if user.business_id and user.business else ""),
        whatsapp=user_whatsapp(user),
        language=_language(user),
    )


def for_business(business: Business) -> list[Recipient]:
    """The business's users (each in their own language), or the business itself by its
    contact e-mail and WhatsApp when it has no account. Prefetch `users__notify_profile`
    when asking for many."""
    users = [u for u in business.users.all() if u.is_active]
    if users:
        out = []
        for u in users:
            u.business = business  # known already: saves a query per user
            out.append(for_user(u, business.display_name))
        return out
    return [
        Recipient(
            key=f"business:{business.pk}",
            name=business.display_name,
            email=business.email,
            whatsapp=business.whatsapp,
        )
    ]


def mission_context(mission: Any) -> dict[str, Any]:
    """What every mission's message shows: its name, zone and place."""
    if mission is None:
        return {}
    return {
        "mission_id": mission.pk,
        "mission_name": mission.name,
        "zone": mission.timezone,
        "zone_abbr": mission.zone_abbr,
        "venue": mission.venue or mission.city_label,
    }


def iso(moment: Any) -> str:
    return moment.isoformat() if moment is not None else ""


def to_each(recipients: Iterable[Recipient], context: dict[str, Any]) -> list[Message]:
    return [Message(r, {**context, "name": r.name}) for r in recipients]
