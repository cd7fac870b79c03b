"""The outbox (one row per notification: event, recipient, channel), what each user wants to
receive, and consent per address (WhatsApp is sent only to numbers whose owner opted in)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    INAPP = "inapp", _("Di aplikasi")
    EMAIL = "email", _("Surel")
    WHATSAPP = "whatsapp", _("WhatsApp")


class Status(models.TextChoices):
    QUEUED = "queued", _("Antre")
    SENDING = "sending", _("Sedang dikirim")
    MANUAL = "manual", _("Kirim manual (wa.me)")
    SENT = "sent", _("Terkirim")
    DELIVERED = "delivered", _("Diterima")
    READ = "read", _("Dibaca")
    FAILED = "failed", _("Gagal")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def due(self, now: object) -> NotificationQuerySet:
        """Waiting to be sent: queued, or claimed by a sender that died (its lease ran out)."""
        return self.filter(
            status__in=[Status.QUEUED, Status.SENDING], next_attempt_at__lte=now
        ).exclude(channel=Channel.INAPP)

    def inbox(self, user: Any) -> NotificationQuerySet:
        return self.filter(channel=Channel.INAPP, user=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One notification of one event to one recipient on one channel: the outbox row, written
    in the transaction of the change that causes it and sent after it commits."""

    kind = models.CharField(_("jenis"), max_length=64)
    event = models.CharField(max_length=120)  # "meeting_request.create:42": what happened
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    mission = models.ForeignKey(
        "missions.Mission",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    recipient = models.CharField(max_length=40)  # "user:5" or "business:7"
    recipient_name = models.CharField(_("penerima"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    address = models.CharField(_("alamat"), max_length=254)  # e-mail, WhatsApp number, user:id
    language = models.CharField(max_length=8, default="id")
    context = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    provider_id = models.CharField(max_length=128, blank=True, db_index=True)
    error = models.CharField(_("galat"), max_length=500, blank=True)
    created = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            # Never twice for the same event, recipient and channel (announce may run twice).
            models.UniqueConstraint(
                fields=["event", "recipient", "channel"], name="one_notification_per_event"
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["queued", "sending"]),
                name="notify_due",
            ),
            models.Index(fields=["user", "channel", "read_at"], name="notify_inbox"),
            models.Index(fields=["mission", "-created"], name="notify_mission_log"),
        ]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient} ({self.channel}, {self.status})"

    @property
    def when(self) -> object:
        return self.read_at or self.delivered_at or self.sent_at or self.created


class Preference(models.Model):
    """A user's choice for one kind on one channel. No row: on (the default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_preferences"
    )
    kind = models.CharField(max_length=64)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "channel"], name="one_preference")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}/{self.channel}: {self.enabled}"


class Profile(models.Model):
    """What notify keeps of a user: the language messages are written in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_profile"
    )
    language = models.CharField(_("bahasa pesan"), max_length=8, default="id")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"


class Consent(models.Model):
    """Whether the owner of an address agreed to receive messages on it. WhatsApp needs an
    opt-in; e-mail is sent unless opted out. Time and source of each change are kept."""

    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.CharField(max_length=254)
    opted_in = models.BooleanField(default=False)
    opted_in_at = models.DateTimeField(null=True, blank=True)
    opted_in_source = models.CharField(max_length=60, blank=True)
    opted_out_at = models.DateTimeField(null=True, blank=True)
    opted_out_source = models.CharField(max_length=60, blank=True)
    is_demo = models.BooleanField(default=False)  # consent made up by the demo loader

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "address"], name="one_consent_per_address")
        ]
        verbose_name = _("persetujuan pesan")

    def __str__(self) -> str:
        return f"{self.channel}:{self.address} {'in' if self.opted_in else 'out'}"
