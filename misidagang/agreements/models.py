"""Agreements (MoU, PKS, LoI) between organisations, their signatories and action items."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from misidagang.missions.models import Mission, Organisation


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def visible_to(self, user: object) -> AgreementQuerySet:
        """Agreements of a draft mission are seen only by those who can see the mission."""
        visible = Mission.objects.visible_to(user)
        return self.filter(models.Q(mission__isnull=True) | models.Q(mission__in=visible))


class Agreement(models.Model):
    class Kind(models.TextChoices):
        MOU = "mou", _("MoU (Nota Kesepahaman)")
        PKS = "pks", _("PKS (Perjanjian Kerja Sama)")
        LOI = "loi", _("LoI (Surat Minat)")

    title = models.CharField(_("judul"), max_length=300)
    kind = models.CharField(_("jenis"), max_length=3, choices=Kind.choices)
    number = models.CharField(_("nomor"), max_length=120, blank=True)
    sectors = models.CharField(
        _("sektor"), max_length=300, blank=True, help_text=_("Pisahkan dengan koma.")
    )
    summary = models.TextField(_("ringkasan"), blank=True)
    signed_on = models.DateField(_("tanggal ditandatangani"))
    signed_place = models.CharField(_("tempat ditandatangani"), max_length=120, blank=True)
    mission = models.ForeignKey(
        Mission,
        verbose_name=_("misi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
    )
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    document = models.FileField(
        _("dokumen bertanda tangan"), upload_to="agreements/%Y/", blank=True
    )
    # A form carries this key: submitting the same form twice finds the first agreement.
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("perjanjian")
        verbose_name_plural = _("perjanjian")
        indexes = [models.Index(fields=["signed_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreement", args=[self.pk])

    @property
    def sector_list(self) -> list[str]:
        return [s.strip() for s in self.sectors.split(",") if s.strip()]


class AgreementParty(models.Model):
    """One organisation bound by an agreement, and who signed for it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lembaga"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=120, blank=True)
    signatory_position = models.CharField(_("jabatan penanda tangan"), max_length=160, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation"], name="one_party_each")
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class ActionItem(models.Model):
    """Something an agreement commits a party to do, by a date."""

    class Status(models.TextChoices):
        OPEN = "open", _("Belum dimulai")
        IN_PROGRESS = "in_progress", _("Berjalan")
        DONE = "done", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="items")
    what = models.CharField(_("tindak lanjut"), max_length=300)
    responsible = models.ForeignKey(
        Organisation,
        verbose_name=_("penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    contact_person = models.CharField(_("narahubung"), max_length=120, blank=True)
    due_on = models.DateField(_("tenggat"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    done_on = models.DateField(_("tanggal selesai"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")

    def __str__(self) -> str:
        return self.what

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class FollowUpRound(models.Model):
    """A follow-up of a mission's open deals, some months after it (default 1, 3 and 6)."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="followups")
    months_after = models.PositiveSmallIntegerField(_("bulan setelah misi"))
    due_on = models.DateField(_("tanggal tindak lanjut"))

    class Meta:
        ordering = ["mission", "months_after"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "months_after"], name="one_round_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.mission} +{self.months_after}"


class FollowUpAnswer(models.Model):
    """What the parties of a deal said at a round. One per deal and round; a new answer
    replaces the earlier one. Realised amounts go to the ledger through `deal_realise`."""

    class Outcome(models.TextChoices):
        NOT_YET = "not_yet", _("Belum terealisasi")
        PARTLY = "partly", _("Terealisasi sebagian")
        FULLY = "fully", _("Terealisasi penuh")
        CANCELLED = "cancelled", _("Batal")

    class Via(models.TextChoices):
        CLERK = "clerk", _("Dicatat petugas")
        LINK = "link", _("Dijawab lewat tautan")

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="answers")
    deal = models.ForeignKey("deals.Deal", on_delete=models.PROTECT, related_name="followups")
    outcome = models.CharField(_("hasil"), max_length=10, choices=Outcome.choices)
    realised_total_idr = models.PositiveBigIntegerField(
        _("nilai terealisasi sampai saat ini (Rp)"), null=True, blank=True
    )
    realised_on = models.DateField(_("tanggal realisasi"), null=True, blank=True)
    reason = models.CharField(_("alasan"), max_length=300, blank=True)
    via = models.CharField(max_length=5, choices=Via.choices)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "deal"], name="one_answer_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.deal_id}: {self.outcome}"
