"""The deal ledger: every Rupiah agreed at a mission, its versions, attachments and the
decisions of partner institutions. State changes live in `deals/services.py`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from misidagang.directory.models import hs_validator


class Direction(models.TextChoices):
    """Seen from the delegation's province."""

    JUAL = "jual", _("Jual")
    BELI = "beli", _("Beli")
    INVESTASI = "investasi", _("Investasi")


class Stage(models.TextChoices):
    KOMITMEN = "komitmen", _("Komitmen")
    KONTRAK = "kontrak", _("Kontrak")
    REALISASI = "realisasi", _("Realisasi")


STAGE_ORDER = {Stage.KOMITMEN: 0, Stage.KONTRAK: 1, Stage.REALISASI: 2}


class Source(models.TextChoices):
    DESK = "desk", _("Meja petugas")
    BUSINESS = "business", _("Pelaku usaha")
    API = "api", "API"
    IMPORT = "import", _("Impor")


class DealQuerySet(models.QuerySet["Deal"]):
    def counted(self) -> DealQuerySet:
        """The deals that count in totals: confirmed and not voided."""
        return self.filter(confirmed_at__isnull=False, voided_at__isnull=True)

    def pending(self) -> DealQuerySet:
        return self.filter(confirmed_at__isnull=True, voided_at__isnull=True)

    def involving(self, business_id: int) -> DealQuerySet:
        return self.filter(Q(seller_id=business_id) | Q(buyer_id=business_id))

    def asking(self, kind: str) -> DealQuerySet:
        """Deals asking for an institution of this kind: bank → financing, jamkrida → guarantee."""
        if kind == "bank":
            return self.filter(wants_financing=True)
        if kind == "jamkrida":
            return self.filter(wants_guarantee=True)
        return self.none()

    def totals(self) -> dict[str, int]:
        """Summed by the database, never a counter."""
        agg = self.counted().aggregate(
            total=Sum("value_idr"),
            n=Count("id"),
            realised=Sum("realised_idr"),
            jual=Sum("value_idr", filter=Q(direction=Direction.JUAL)),
            beli=Sum("value_idr", filter=Q(direction=Direction.BELI)),
            investasi=Sum("value_idr", filter=Q(direction=Direction.INVESTASI)),
        )
        return {k: int(v or 0) for k, v in agg.items()}


class Deal(models.Model):
    """A transaksi. Never deleted: voided with a reason. Every change is a DealVersion."""

    mission = models.ForeignKey("missions.Mission", on_delete=models.PROTECT, related_name="deals")
    seller = models.ForeignKey(
        "directory.Business",
        verbose_name=_("penjual"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deals_sold",
    )
    seller_name = models.CharField(_("nama penjual"), max_length=200, blank=True)
    buyer = models.ForeignKey(
        "directory.Business",
        verbose_name=_("pembeli"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deals_bought",
    )
    buyer_name = models.CharField(_("nama pembeli"), max_length=200, blank=True)
    direction = models.CharField(_("arah"), max_length=10, choices=Direction.choices)
    hs = models.CharField(_("kode HS"), max_length=8, blank=True, validators=[hs_validator])
    commodity = models.CharField(_("komoditas"), max_length=200)
    quantity = models.DecimalField(
        _("jumlah"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(_("satuan"), max_length=30, blank=True)
    value_idr = models.PositiveBigIntegerField(_("nilai (Rp)"))
    stage = models.CharField(
        _("tahap"), max_length=10, choices=Stage.choices, default=Stage.KOMITMEN
    )
    realised_idr = models.PositiveBigIntegerField(_("nilai terealisasi (Rp)"), default=0)
    realised_on = models.DateField(_("tanggal realisasi"), null=True, blank=True)
    # The meetings app is built in parallel: a free reference until its model exists.
    meeting_ref = models.CharField(_("temu bisnis"), max_length=40, blank=True)
    wants_financing = models.BooleanField(_("minta pembiayaan bank"), default=False)
    wants_guarantee = models.BooleanField(_("minta penjaminan Jamkrida"), default=False)
    notes = models.TextField(_("catatan"), blank=True)
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals_recorded",
    )
    recorded_at = models.DateTimeField(_("dicatat"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("dikonfirmasi"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals_confirmed",
    )
    voided_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals_voided",
    )
    void_reason = models.CharField(_("alasan pembatalan"), max_length=300, blank=True)
    idempotency_key = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DealQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("transaksi")
        verbose_name_plural = _("transaksi")
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="deal_idempotency_key_per_mission",
            ),
            models.CheckConstraint(
                condition=Q(seller__isnull=False) | ~Q(seller_name=""), name="deal_has_seller"
            ),
            models.CheckConstraint(
                condition=Q(buyer__isnull=False) | ~Q(buyer_name=""), name="deal_has_buyer"
            ),
        ]
        indexes = [models.Index(fields=["mission", "confirmed_at", "voided_at"])]

    def __str__(self) -> str:
        return f"{self.commodity} · {self.seller_label} → {self.buyer_label}"

    def get_absolute_url(self) -> str:
        return reverse("deal", args=[self.mission_id, self.pk])

    @property
    def seller_label(self) -> str:
        return self.seller.display_name if self.seller_id and self.seller else self.seller_name

    @property
    def buyer_label(self) -> str:
        return self.buyer.display_name if self.buyer_id and self.buyer else self.buyer_name

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None

    @property
    def counts(self) -> bool:
        return self.is_confirmed and not self.is_void

    @property
    def status_label(self) -> str:
        if self.is_void:
            return str(_("Dibatalkan"))
        return str(_("Terkonfirmasi")) if self.is_confirmed else str(_("Menunggu konfirmasi"))

    def snapshot(self) -> dict[str, Any]:
        """The fields a version keeps, as JSON."""
        return {
            "seller_id": self.seller_id,
            "seller_name": self.seller_name,
            "buyer_id": self.buyer_id,
            "buyer_name": self.buyer_name,
            "direction": self.direction,
            "hs": self.hs,
            "commodity": self.commodity,
            "quantity": str(self.quantity) if self.quantity is not None else None,
            "unit": self.unit,
            "value_idr": self.value_idr,
            "stage": self.stage,
            "realised_idr": self.realised_idr,
            "realised_on": self.realised_on.isoformat() if self.realised_on else None,
            "meeting_ref": self.meeting_ref,
            "wants_financing": self.wants_financing,
            "wants_guarantee": self.wants_guarantee,
            "notes": self.notes,
            "confirmed": self.is_confirmed,
            "voided": self.is_void,
            "void_reason": self.void_reason,
        }


VERSION_ACTIONS = {
    "create": _("dicatat"),
    "update": _("diubah"),
    "confirm": _("dikonfirmasi"),
    "void": _("dibatalkan"),
    "realise": _("realisasi dicatat"),
}
SNAPSHOT_LABELS = {
    "seller_id": _("Penjual"),
    "seller_name": _("Penjual"),
    "buyer_id": _("Pembeli"),
    "buyer_name": _("Pembeli"),
    "direction": _("Arah"),
    "hs": _("Kode HS"),
    "commodity": _("Komoditas"),
    "quantity": _("Jumlah"),
    "unit": _("Satuan"),
    "value_idr": _("Nilai"),
    "stage": _("Tahap"),
    "realised_idr": _("Nilai terealisasi"),
    "realised_on": _("Tanggal realisasi"),
    "meeting_ref": _("Temu bisnis"),
    "wants_financing": _("Minta pembiayaan bank"),
    "wants_guarantee": _("Minta penjaminan Jamkrida"),
    "notes": _("Catatan"),
    "confirmed": _("Terkonfirmasi"),
    "voided": _("Dibatalkan"),
    "void_reason": _("Alasan pembatalan"),
}


def _shown(field: str, value: Any) -> Any:
    """A snapshot value as a person reads it (the template formats nothing)."""
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if field in ("value_idr", "realised_idr") and isinstance(value, int):
        return f"Rp {value:,}".replace(",", ".")
    if field == "direction" and value:
        return dict(Direction.choices).get(value, value)
    if field == "stage" and value:
        return dict(Stage.choices).get(value, value)
    return value


class DealVersion(models.Model):
    """One change of a deal: who, when, what it was and what it became. Append-only. `action`
    is a code (create, update, confirm, void, realise); `action_label` is for people."""

    deal = models.ForeignKey(Deal, on_delete=models.PROTECT, related_name="versions")
    # Kept on the version so the live stream's event id (latest version of a mission) is one
    # indexed lookup.
    mission = models.ForeignKey("missions.Mission", on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(default=timezone.now)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.deal_id} {self.action} @ {self.at:%Y-%m-%d %H:%M:%S}"

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        before = self.before or {}
        return [(k, before.get(k), v) for k, v in self.after.items() if before.get(k) != v]

    @property
    def action_label(self) -> str:
        return str(VERSION_ACTIONS.get(self.action, self.action))

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(label, old, new) of what changed, in the reader's language."""
        return [
            (str(SNAPSHOT_LABELS.get(k, k)), _shown(k, old), _shown(k, new))
            for k, old, new in self.changed_fields()
            if k not in ("seller_id", "buyer_id") or old or new
        ]


def _attachment_path(instance: DealAttachment, filename: str) -> str:
    return f"deals/{instance.deal.mission_id}/{instance.deal_id}/{filename}"


class DealAttachment(models.Model):
    """A photo or PDF of the signed form."""

    deal = models.ForeignKey(Deal, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("berkas"), upload_to=_attachment_path)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.filename

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class FinancingDecision(models.Model):
    """A partner institution's answer to a deal's financing or guarantee request. The latest
    row per institution is the current decision; earlier rows are its history."""

    class Status(models.TextChoices):
        PROCESS = "process", _("Dalam proses")
        APPROVED = "approved", _("Disetujui")
        DECLINED = "declined", _("Ditolak")

    deal = models.ForeignKey(Deal, on_delete=models.PROTECT, related_name="decisions")
    institution = models.ForeignKey(
        "missions.Organisation",
        verbose_name=_("lembaga"),
        on_delete=models.PROTECT,
        related_name="deal_decisions",
    )
    status = models.CharField(_("keputusan"), max_length=10, choices=Status.choices)
    amount_idr = models.PositiveBigIntegerField(_("nilai disetujui (Rp)"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(amount_idr__isnull=False),
                name="approved_decision_has_amount",
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution_id}: {self.status}"
