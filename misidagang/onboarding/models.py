"""Onboarding: uploaded sheets waiting for their import, the column choices an organisation
made, invitations to sign in, and registrations through a mission's public page."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from misidagang.directory.models import Business, Regency
from misidagang.missions.models import Mission, Participant


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class SheetUpload(models.Model):
    """A sheet uploaded for a mission, kept between its preview and its import (so a
    background task can import it later by id)."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="sheet_uploads")
    side = models.CharField(max_length=10, choices=Participant.Side.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    name = models.CharField(max_length=200)
    data = models.BinaryField()
    digest = models.CharField(max_length=64)
    columns = models.JSONField(default=list, blank=True)  # chosen field per column; [] = guessed
    created = models.DateTimeField(default=timezone.now)
    committed_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.name


class ColumnChoice(models.Model):
    """A header an organisation (or, without one, a user) mapped to a field: remembered for its
    next sheets."""

    owner = models.CharField(max_length=40)  # "org:3" or "user:7"
    header = models.CharField(max_length=200)  # sheet.header_key of the header
    field = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "header"], name="one_choice_per_header")
        ]

    def __str__(self) -> str:
        return f"{self.header} → {self.field}"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A personal, single-use, expiring link to sign in as a business's user. Only the
    SHA-256 of the link's token is stored."""

    class Kind(models.TextChoices):
        OWNER = "owner", _("Pemilik")
        STAFF = "staff", _("Staf")

    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.OWNER)
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="invitations")
    mission = models.ForeignKey(
        Mission, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    email = models.EmailField(blank=True)
    name = models.CharField(max_length=120, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_accepted",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "joined"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "opened" if self.opened_at else "invited"

    def __str__(self) -> str:
        return f"{self.business_id} {self.email} ({self.state})"


class RegistrationPage(models.Model):
    """A mission's public registration page: a short code for its link and QR."""

    mission = models.OneToOneField(
        Mission, on_delete=models.CASCADE, related_name="registration_page"
    )
    code = models.CharField(max_length=16, unique=True)
    side = models.CharField(
        max_length=10, choices=Participant.Side.choices, default=Participant.Side.DELEGATION
    )
    is_open = models.BooleanField(default=True)

    @staticmethod
    def new_code() -> str:
        return secrets.token_urlsafe(6).replace("-", "x").replace("_", "y")

    def __str__(self) -> str:
        return self.code


class Registration(models.Model):
    """A business that registered itself, waiting for the organiser's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="registrations")
    side = models.CharField(max_length=10, choices=Participant.Side.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    name = models.CharField(_("nama usaha"), max_length=200)
    legal_form = models.CharField(_("bentuk usaha"), max_length=12)
    nib = models.CharField(_("NIB"), max_length=13, blank=True)
    scale = models.CharField(_("skala usaha"), max_length=10)
    regency = models.ForeignKey(Regency, verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT)
    contact_person = models.CharField(_("narahubung"), max_length=120)
    phone = models.CharField(_("telepon"), max_length=20)
    email = models.EmailField(_("surel"))
    offers = models.TextField(_("produk yang dijual"), blank=True)
    needs = models.TextField(_("kebutuhan"), blank=True)
    consent_at = models.DateTimeField()
    consent_text = models.TextField()
    address_ip = models.GenericIPAddressField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    business = models.ForeignKey(
        Business, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("alasan"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.name


class MeetingAttendee(models.Model):
    """Which of a business's people attends one of its temu bisnis. Meetings sit above
    onboarding, so the meeting is kept by id (no foreign key up the floors); the agenda
    (meetings) reads these rows down."""

    meeting_id = models.PositiveBigIntegerField()
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting_id", "business"], name="one_attendee")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.user_id}"
