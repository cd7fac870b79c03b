from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


class Role(models.TextChoices):
    ORGANISER = "organiser", _("Penyelenggara")
    CLERK = "clerk", _("Petugas meja")
    BUSINESS = "business", _("Pelaku usaha")
    PARTNER = "partner", _("Lembaga mitra")
    VIEWER = "viewer", _("Pemantau")


class User(AbstractUser):
    """A person who signs in. `role` says what kind of user; `program_wide` lifts an
    organiser's or clerk's rights from the missions they are assigned to, to every mission."""

    role = models.CharField(_("peran"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    program_wide = models.BooleanField(
        _("seluruh program"),
        default=False,
        help_text=_("Berlaku untuk semua misi, bukan hanya misi yang ditugaskan."),
    )
    business = models.ForeignKey(
        "directory.Business",
        verbose_name=_("pelaku usaha"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    organisation = models.ForeignKey(
        "missions.Organisation",
        verbose_name=_("lembaga"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    phone = models.CharField(_("telepon"), max_length=20, blank=True)


class ApiToken(models.Model):
    """A bearer token for the API. Only the SHA-256 of the token is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    name = models.CharField(max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user: User, name: str = "") -> str:
        raw = "md_" + secrets.token_urlsafe(32)
        cls.objects.create(user=user, name=name, digest=cls.hash(raw), prefix=raw[:8])
        return raw

    @classmethod
    def user_for(cls, raw: str) -> User | None:
        token = cls.objects.select_related("user").filter(digest=cls.hash(raw)).first()
        if token is None or not token.user.is_active:
            return None
        now = timezone.now()
        # "Last used" to the minute is enough, and saves a write on every API call.
        if token.last_used is None or now - token.last_used > timedelta(minutes=1):
            cls.objects.filter(pk=token.pk).update(last_used=now)
        return token.user


class AuditLog(models.Model):
    """Who changed what, when. Written by the service functions, never edited."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"

    @classmethod
    def record(
        cls,
        *,
        actor: User | AnonymousUser | None,
        action: str,
        obj: models.Model,
        **data: object,
    ) -> None:
        actor_obj = actor if isinstance(actor, User) else None  # anonymous answers via links
        cls.objects.create(
            actor=actor_obj,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            data=data,
        )
