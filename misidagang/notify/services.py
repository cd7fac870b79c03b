"""The outbox's state changes. `announce` writes one row per recipient and channel inside the
caller's transaction, next to `AuditLog.record`; `outbox_send_due` (a task, or
`misidagang sendnotifications`) sends them once it has committed."""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from misidagang.accounts.models import AuditLog, User
from misidagang.errors import Refused
from misidagang.notify import kinds
from misidagang.notify.models import Channel, Consent, Notification, Preference, Profile, Status
from misidagang.notify.transports import TransportError, for_channel, whatsapp_on

log = logging.getLogger(__name__)

BACKOFF_S = 60  # first retry after a minute, then 2, 4, 8… minutes
BACKOFF_MAX_S = 6 * 3600
MAX_ATTEMPTS = 8
LEASE_S = 300  # a row claimed by a sender that dies is due again after this


class NotifyError(Refused):
    """A refused notification action (resend of a row that cannot be sent, …)."""


# --- writing the outbox ----------------------------------------------------------------------


def announce(
    kind: str,
    obj: Any,
    actor: User | Any = None,
    *,
    now: datetime | None = None,
    **data: Any,
) -> int:
    """Write the outbox rows of one event: each recipient of `kind` on each channel they get,
    in the current transaction (rolled back with the change). Running twice for the same event
    adds nothing. Returns the number of rows written."""
    k = kinds.get(kind)
    now = now or timezone.now()
    event = k.event_key(obj, data)
    messages = list(k.build(obj, actor=actor, **data))
    if not messages:
        return 0
    users = {m.recipient.user.pk for m in messages if m.recipient.user is not None}
    off = set(
        Preference.objects.filter(user_id__in=users, kind=kind, enabled=False).values_list(
            "user_id", "channel"
        )
    )
    addresses = {m.recipient.whatsapp for m in messages} | {m.recipient.email for m in messages}
    consents = {
        (c.channel, c.address): c.opted_in
        for c in Consent.objects.filter(address__in=addresses - {""})
    }
    wa_on = whatsapp_on()
    mission = getattr(obj, "mission", None) if "mission" not in data else data["mission"]
    seen = set(
        Notification.objects.filter(event=event[:120]).values_list("recipient", "channel")
    )  # already written: announcing twice adds nothing (the unique constraint covers races)
    rows: list[Notification] = []
    for m in messages:
        r = m.recipient
        for channel in k.channels:
            address = r.address(channel)
            if not address or (channel, address) in seen or (r.key, channel) in seen:
                continue
            if r.user is not None and (r.user.pk, channel) in off:
                continue
            if channel == Channel.WHATSAPP and not consents.get((channel, address), False):
                continue  # only numbers whose owner opted in
            if channel == Channel.EMAIL and consents.get((channel, address)) is False:
                continue  # opted out
            seen.add((channel, address))
            if channel == Channel.INAPP:
                status = Status.SENT
            elif channel == Channel.WHATSAPP and not wa_on:
                status = Status.MANUAL  # organisers send it by hand from a wa.me link
            else:
                status = Status.QUEUED
            rows.append(
                Notification(
                    kind=kind,
                    event=event[:120],
                    channel=channel,
                    mission=mission,
                    recipient=r.key,
                    recipient_name=r.name[:200],
                    user=r.user,
                    address=address,
                    language=r.language,
                    context=m.context,
                    status=status,
                    next_attempt_at=now,
                    created=now,
                    sent_at=now if status == Status.SENT else None,
                )
            )
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    if any(r.status == Status.QUEUED for r in rows):
        transaction.on_commit(_kick)
    return len(rows)


_sender_lock = threading.Lock()
_sender_again = threading.Event()


def _kick() -> None:
    """Ask for the outbox to be sent soon, once the change has committed. The one place that
    says what sends: point it at the worker's task (`outbox_send_due`) when there is one.

    NOTIFY_KICK: "thread" (the default: a short-lived thread in this process), "inline"
    (send now, in the request: only for scripts), "none" (a sender running
    `misidagang sendnotifications --loop` picks the rows up)."""
    mode = settings.NOTIFY_KICK
    if mode == "inline":
        outbox_send_due()
    elif mode == "thread":
        _sender_again.set()
        if _sender_lock.acquire(blocking=False):
            threading.Thread(target=_send_in_thread, daemon=True, name="notify-send").start()


def _send_in_thread() -> None:
    try:
        while _sender_again.is_set():
            _sender_again.clear()
            close_old_connections()
            while outbox_send_due():
                pass
    except Exception:  # noqa: BLE001 - a background sender must not die loudly in a request
        log.exception("sending notifications failed")
    finally:
        connection.close()
        _sender_lock.release()


# --- sending ---------------------------------------------------------------------------------


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BACKOFF_S * 2 ** max(attempts - 1, 0), BACKOFF_MAX_S))


def _claim(now: datetime, limit: int) -> list[Notification]:
    """Take up to `limit` due rows for this sender. On PostgreSQL `FOR UPDATE SKIP LOCKED`
    lets several senders run side by side without ever taking the same row; the claim (status
    "sending" with a lease) is committed before anything is sent."""
    with transaction.atomic():
        qs = Notification.objects.due(now).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        ids = list(qs.values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        Notification.objects.filter(pk__in=ids).update(
            status=Status.SENDING, next_attempt_at=now + timedelta(seconds=LEASE_S)
        )
    return list(Notification.objects.filter(pk__in=ids).order_by("channel", "pk"))


def outbox_send_due(now: datetime | None = None, limit: int = 200) -> int:
    """Send up to `limit` due rows; returns how many were handled (sent, retried or failed).
    Idempotent and safe to run in several processes at once."""
    now = now or timezone.now()
    rows = _claim(now, limit)
    by_channel: dict[str, list[Notification]] = {}
    for row in rows:
        by_channel.setdefault(row.channel, []).append(row)
    for channel, batch in by_channel.items():
        try:
            transport = for_channel(channel)()
            with transport:
                for row in batch:
                    _send_one(transport, row, now)
        except TransportError as exc:  # the channel itself is down (SMTP unreachable)
            for row in batch:
                if row.status == Status.SENDING:
                    _failed(row, exc, now)
    return len(rows)


def _send_one(transport: Any, row: Notification, now: datetime) -> None:
    row.attempts += 1
    try:
        provider_id = transport.send(row)
    except TransportError as exc:
        _failed(row, exc, now)
        return
    except Exception as exc:  # noqa: BLE001 - a bug in a template must not stop the batch
        log.exception("notification %s", row.pk)
        _failed(row, TransportError(f"{type(exc).__name__}: {exc}"), now)
        return
    row.status, row.sent_at, row.error = Status.SENT, timezone.now(), ""
    row.provider_id = provider_id or ""
    row.save(update_fields=["status", "sent_at", "error", "provider_id", "attempts"])


def _failed(row: Notification, exc: TransportError, now: datetime) -> None:
    if row.attempts == 0:
        row.attempts = 1
    row.error = exc.message[:500]
    if exc.permanent or row.attempts >= MAX_ATTEMPTS:
        row.status = Status.FAILED
    else:
        row.status, row.next_attempt_at = Status.QUEUED, now + backoff(row.attempts)
    row.save(update_fields=["status", "error", "attempts", "next_attempt_at"])


@transaction.atomic
def notification_resend(*, row: Notification, actor: User) -> Notification:
    """Queue a row again (an organiser's resend from the mission's log)."""
    row = Notification.objects.select_for_update().get(pk=row.pk)
    if row.channel == Channel.INAPP or row.status == Status.MANUAL:
        raise NotifyError(_("Notifikasi ini tidak dikirim lewat antrean."))
    if row.status in (Status.QUEUED, Status.SENDING):
        return row
    row.status, row.next_attempt_at, row.attempts, row.error = Status.QUEUED, timezone.now(), 0, ""
    row.save(update_fields=["status", "next_attempt_at", "attempts", "error"])
    AuditLog.record(actor=actor, action="notification.resend", obj=row, channel=row.channel)
    transaction.on_commit(_kick)
    return row


# --- the in-app list -------------------------------------------------------------------------


def notifications_read(*, user: User, pk: int | None = None) -> int:
    """Mark one (or all) of the user's in-app notifications read."""
    qs = Notification.objects.inbox(user).unread()
    if pk is not None:
        qs = qs.filter(pk=pk)
    now = timezone.now()
    return qs.update(read_at=now, status=Status.READ)


# --- delivery reports ------------------------------------------------------------------------

PROGRESS = {Status.SENT: 1, Status.DELIVERED: 2, Status.READ: 3}


def delivery_report(*, provider_id: str, status: str, at: datetime, error: str = "") -> bool:
    """The Cloud API says a message was delivered, read or failed. Never moves a row back."""
    row = Notification.objects.filter(provider_id=provider_id).first()
    if row is None:
        return False
    fields = []
    if status == "failed":
        row.status, row.error = Status.FAILED, error[:500] or "failed"
        fields = ["status", "error"]
    elif status in ("delivered", "read"):
        if status == "delivered" or row.delivered_at is None:
            row.delivered_at = row.delivered_at or at
            fields.append("delivered_at")
        if status == "read":
            row.read_at = row.read_at or at
            fields.append("read_at")
        if PROGRESS.get(Status(status), 0) > PROGRESS.get(Status(row.status), 0):
            row.status = Status(status)
            fields.append("status")
    if fields:
        row.save(update_fields=sorted(set(fields)))
    return True


# --- consent and preferences -----------------------------------------------------------------


@transaction.atomic
def consent_set(
    *, channel: str, address: str, opted_in: bool, source: str, is_demo: bool = False
) -> Consent:
    """Record an opt-in or opt-out with its time and source; returns the address's consent."""
    now = timezone.now()
    consent, _created = Consent.objects.select_for_update().get_or_create(
        channel=channel, address=address
    )
    if opted_in:
        consent.opted_in, consent.opted_in_at, consent.opted_in_source = True, now, source[:60]
    else:
        consent.opted_in, consent.opted_out_at, consent.opted_out_source = False, now, source[:60]
    consent.is_demo = is_demo
    consent.save()
    if not opted_in:  # what is still waiting for this address is not sent
        Notification.objects.filter(
            channel=channel, address=address, status__in=[Status.QUEUED, Status.MANUAL]
        ).update(status=Status.FAILED, error="opted out")
    AuditLog.record(
        actor=None,
        action="consent.opt_in" if opted_in else "consent.opt_out",
        obj=consent,
        source=source[:60],
    )
    return consent


def consent_of(channel: str, address: str) -> Consent | None:
    return Consent.objects.filter(channel=channel, address=address).first()


@transaction.atomic
def preferences_save(
    *, user: User, enabled: set[tuple[str, str]], language: str | None = None
) -> None:
    """Exactly the (kind, channel) pairs in `enabled` are on for the user."""
    rows = []
    for kind in kinds.registered():
        for channel in kind.channels:
            rows.append((kind.name, channel, (kind.name, channel) in enabled))
    Preference.objects.filter(user=user).delete()
    Preference.objects.bulk_create(
        [Preference(user=user, kind=k, channel=c, enabled=on) for k, c, on in rows if not on]
    )
    if language in {code for code, _label in settings.LANGUAGES}:
        Profile.objects.update_or_create(user=user, defaults={"language": language})
    AuditLog.record(actor=user, action="notification.preferences", obj=user)


def preferences_of(user: User) -> set[tuple[str, str]]:
    """The (kind, channel) pairs the user has turned off."""
    return set(Preference.objects.filter(user=user, enabled=False).values_list("kind", "channel"))
