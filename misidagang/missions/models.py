from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from misidagang.directory.models import Business, Province, Regency


class Organisation(models.Model):
    """Any organisation: a trade office, a bank, Jamkrida, Kadin, an association, a company.
    Facilitators of participants, partner institutions and (later) parties to agreements."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Pemerintah daerah")
        AGENCY = "agency", _("Dinas / instansi")
        JAMKRIDA = "jamkrida", _("Jamkrida")
        BANK = "bank", _("Bank")
        ASSOCIATION = "association", _("Asosiasi / Kadin")
        COMPANY = "company", _("Perusahaan")
        OTHER = "other", _("Lainnya")

    name = models.CharField(_("nama"), max_length=200, unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    province = models.ForeignKey(
        Province, verbose_name=_("provinsi"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("lembaga")
        verbose_name_plural = _("lembaga")

    def __str__(self) -> str:
        return self.name


ZONES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


class MissionQuerySet(models.QuerySet["Mission"]):
    def visible_to(self, user: Any) -> MissionQuerySet:
        """Drafts are seen only by those who run them; everything else is public."""
        public = self.exclude(status=Mission.Status.DRAFT)
        if not getattr(user, "is_authenticated", False):
            return public
        if user.is_superuser or getattr(user, "program_wide", False):
            return self
        return (public | self.filter(organisers=user) | self.filter(clerks=user)).distinct()


class Mission(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        REGISTRATION = "registration", _("Pendaftaran dibuka")
        RUNNING = "running", _("Berlangsung")
        CLOSED = "closed", _("Selesai")

    class Zone(models.TextChoices):
        WIB = "Asia/Jakarta", "WIB (UTC+7)"
        WITA = "Asia/Makassar", "WITA (UTC+8)"
        WIT = "Asia/Jayapura", "WIT (UTC+9)"

    name = models.CharField(_("nama misi"), max_length=200)
    theme = models.CharField(_("tema"), max_length=300, blank=True)
    delegation_province = models.ForeignKey(
        Province,
        verbose_name=_("provinsi delegasi"),
        on_delete=models.PROTECT,
        related_name="missions_sent",
    )
    host_province = models.ForeignKey(
        Province,
        verbose_name=_("provinsi tuan rumah"),
        on_delete=models.PROTECT,
        related_name="missions_hosted",
    )
    host_regency = models.ForeignKey(
        Regency,
        verbose_name=_("kota tuan rumah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="missions_hosted",
    )
    host_city = models.CharField(_("kota"), max_length=100, blank=True)
    venue = models.CharField(_("tempat"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    timezone = models.CharField(
        _("zona waktu"), max_length=16, choices=Zone.choices, default=Zone.WIB
    )
    target_idr = models.PositiveBigIntegerField(_("target transaksi (Rp)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penyelenggara"),
        blank=True,
        related_name="organised_missions",
    )
    clerks = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas meja"),
        blank=True,
        related_name="clerked_missions",
    )
    # A past mission of the program, known from public reports rather than from our ledger.
    is_historical = models.BooleanField(_("riwayat"), default=False)
    date_precision = models.CharField(max_length=5, default="day")  # day / month / year
    reported_total_idr = models.PositiveBigIntegerField(
        _("nilai transaksi dilaporkan (Rp)"), null=True, blank=True
    )
    reported_sell_idr = models.PositiveBigIntegerField(null=True, blank=True)
    reported_buy_idr = models.PositiveBigIntegerField(null=True, blank=True)
    reported_invest_idr = models.PositiveBigIntegerField(null=True, blank=True)
    reported_transactions = models.PositiveIntegerField(null=True, blank=True)
    reported_delegation = models.PositiveIntegerField(null=True, blank=True)
    reported_host = models.PositiveIntegerField(null=True, blank=True)
    led_by = models.CharField(_("dipimpin"), max_length=120, blank=True)
    top_commodities = models.TextField(_("komoditas utama"), blank=True)
    source_urls = models.JSONField(_("sumber"), default=list, blank=True)
    notes = models.TextField(_("catatan"), blank=True)

    objects = MissionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("misi dagang")
        verbose_name_plural = _("misi dagang")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mission", args=[self.pk])

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("Waktu selesai harus setelah waktu mulai.")})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def zone_abbr(self) -> str:
        return ZONES.get(self.timezone, self.timezone)

    def local(self, moment: datetime | None = None) -> datetime:
        return (moment or timezone.now()).astimezone(self.tz)

    def local_clock(self, moment: datetime | None = None) -> str:
        """'18.47 WIB': the Indonesian way of writing a time, in the mission's zone."""
        return f"{self.local(moment):%H.%M} {self.zone_abbr}"

    @property
    def city_label(self) -> str:
        if self.host_city:
            return self.host_city
        return self.host_regency.name if self.host_regency else ""


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def search(self, q: str) -> ParticipantQuerySet:
        if not q.strip():
            return self
        from django.db.models import Q

        q = q.strip()
        return self.filter(
            Q(business__name__icontains=q)
            | Q(business__listings__text__icontains=q)
            | Q(business__listings__hs__startswith=q)
        ).distinct()


class Participant(models.Model):
    """A business taking part in a mission, on the delegation's side or the host's."""

    class Side(models.TextChoices):
        DELEGATION = "delegation", _("Delegasi")
        HOST = "host", _("Tuan rumah")

    class Role(models.TextChoices):
        SELLER = "seller", _("Penjual")
        BUYER = "buyer", _("Pembeli")
        BOTH = "both", _("Penjual & pembeli")

    class Status(models.TextChoices):
        INVITED = "invited", _("Diundang")
        REGISTERED = "registered", _("Terdaftar")
        CONFIRMED = "confirmed", _("Terkonfirmasi")
        CHECKED_IN = "checked_in", _("Hadir")
        ABSENT = "absent", _("Tidak hadir")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="participants")
    business = models.ForeignKey(
        Business,
        verbose_name=_("pelaku usaha"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    side = models.CharField(_("pihak"), max_length=10, choices=Side.choices)
    role = models.CharField(_("peran"), max_length=6, choices=Role.choices, default=Role.BOTH)
    facilitator = models.ForeignKey(
        Organisation,
        verbose_name=_("fasilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["side", "business__name"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "business"], name="one_participation")
        ]
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")

    def __str__(self) -> str:
        return f"{self.business} @ {self.mission}"
