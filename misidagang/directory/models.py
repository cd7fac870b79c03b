from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from lokal import parse_phone


class Province(models.Model):
    """The 38 provinces with their Kemendagri code ("35" = Jawa Timur)."""

    code = models.CharField(_("kode"), max_length=2, primary_key=True)
    name = models.CharField(_("nama"), max_length=80)

    class Meta:
        ordering = ["code"]
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")

    def __str__(self) -> str:
        return self.name


class Regency(models.Model):
    """The 514 kabupaten and kota ("35.78" = Kota Surabaya)."""

    code = models.CharField(_("kode"), max_length=5, primary_key=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="regencies")
    name = models.CharField(_("nama"), max_length=80)
    kind = models.CharField(max_length=10)  # kabupaten / kota

    class Meta:
        ordering = ["code"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")

    def __str__(self) -> str:
        return self.name


class LegalForm(models.TextChoices):
    PT = "PT", "PT"
    CV = "CV", "CV"
    UD = "UD", "UD"
    KOPERASI = "KOPERASI", _("Koperasi")
    PERORANGAN = "PERORANGAN", _("Perorangan")


class Scale(models.TextChoices):
    MIKRO = "mikro", _("Mikro")
    KECIL = "kecil", _("Kecil")
    MENENGAH = "menengah", _("Menengah")
    BESAR = "besar", _("Besar")


class Certification(models.TextChoices):
    HALAL = "halal", _("Halal")
    SNI = "sni", "SNI"
    BPOM = "bpom", "BPOM"
    PIRT = "pirt", "PIRT"
    ORGANIK = "organik", _("Organik")


nib_validator = RegexValidator(r"^\d{13}$", _("NIB harus terdiri dari 13 angka."))
hs_validator = RegexValidator(r"^\d{2,8}$", _("Kode HS terdiri dari 2 sampai 8 angka."))
_LEGAL_WORDS = re.compile(r"\b(pt|cv|ud|tbk|koperasi|kop|persero|perorangan)\b")


def name_key(name: str) -> str:
    """A name without legal form, accents, punctuation and spacing: for duplicate checks."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = _LEGAL_WORDS.sub(" ", re.sub(r"[^a-z0-9 ]", " ", text))
    return "".join(text.split())


class BusinessQuerySet(models.QuerySet["Business"]):
    def search(self, q: str) -> BusinessQuerySet:
        q = q.strip()
        if not q:
            return self
        cond = Q(name__icontains=q) | Q(description__icontains=q) | Q(nib=q)
        cond |= Q(listings__text__icontains=q) | Q(listings__hs__startswith=q)
        return self.filter(cond).distinct()

    def with_commodity(self, hs_or_text: str, kind: str | None = None) -> BusinessQuerySet:
        cond = (
            Q(listings__hs__startswith=hs_or_text)
            if hs_or_text.isdigit()
            else Q(listings__text__icontains=hs_or_text)
        )
        if kind:
            cond &= Q(listings__kind=kind)
        return self.filter(cond).distinct()

    def possible_duplicates_of(self, business: Business) -> BusinessQuerySet:
        cond = Q(regency_id=business.regency_id, name_key=business.name_key)
        if business.nib:
            cond |= Q(nib=business.nib)
        return self.filter(cond).exclude(pk=business.pk)

    def flag_duplicates(self) -> set[int]:
        """Ids among these businesses that share a NIB or a name in the same city with
        any other business."""
        from django.db.models import Count

        nib_dupes = (
            Business.objects.exclude(nib="").values("nib").annotate(n=Count("id")).filter(n__gt=1)
        )
        name_dupes = (
            Business.objects.values("regency_id", "name_key")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
        )
        nibs = {row["nib"] for row in nib_dupes}
        keys = {(row["regency_id"], row["name_key"]) for row in name_dupes}
        return {
            b.pk
            for b in self.only("id", "nib", "regency_id", "name_key")
            if b.nib in nibs or (b.regency_id, b.name_key) in keys
        }


class Business(models.Model):
    """A pelaku usaha: a company, cooperative or sole trader."""

    name = models.CharField(_("nama usaha"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    legal_form = models.CharField(_("bentuk usaha"), max_length=12, choices=LegalForm.choices)
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        blank=True,
        db_index=True,
        validators=[nib_validator],
        help_text=_("Nomor Induk Berusaha dari OSS, 13 angka."),
    )
    scale = models.CharField(_("skala usaha"), max_length=10, choices=Scale.choices)
    kbli_codes = models.CharField(
        _("kode KBLI"),
        max_length=200,
        blank=True,
        help_text=_("Pisahkan dengan koma, mis. 10792, 46311."),
    )
    province = models.ForeignKey(
        Province, verbose_name=_("provinsi"), on_delete=models.PROTECT, related_name="businesses"
    )
    regency = models.ForeignKey(
        Regency,
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="businesses",
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    contact_person = models.CharField(_("narahubung"), max_length=120, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    whatsapp = models.CharField(max_length=20, blank=True, editable=False)
    email = models.EmailField(_("surel"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    description = models.TextField(_("deskripsi"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = BusinessQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("pelaku usaha")
        verbose_name_plural = _("pelaku usaha")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.legal_form in (LegalForm.PT, LegalForm.CV, LegalForm.UD):
            return f"{self.legal_form} {self.name}"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("business", args=[self.pk])

    def clean(self) -> None:
        if (
            self.regency_id
            and self.province_id
            and not self.regency_id.startswith(f"{self.province_id}.")
        ):
            raise ValidationError(
                {"regency": _("Kabupaten/kota tidak berada di provinsi yang dipilih.")}
            )
        if self.kbli_codes:
            codes = [c.strip() for c in self.kbli_codes.split(",") if c.strip()]
            if any(not re.fullmatch(r"\d{2,5}", c) for c in codes):
                raise ValidationError({"kbli_codes": _("Kode KBLI terdiri dari 2 sampai 5 angka.")})
            self.kbli_codes = ", ".join(codes)
        self.normalise_phone()

    def normalise_phone(self) -> None:
        """Store the phone in national format and its WhatsApp number (lokal-id rules)."""
        if not self.phone:
            self.whatsapp = ""
            return
        info = parse_phone(self.phone)
        if not info.valid:
            raise ValidationError({"phone": _("Nomor telepon tidak valid: %s") % self.phone})
        self.phone = info.national or self.phone
        self.whatsapp = info.whatsapp if info.type == "mobile" and info.whatsapp else ""

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    @property
    def whatsapp_url(self) -> str:
        return f"https://wa.me/{self.whatsapp}" if self.whatsapp else ""

    @property
    def offers(self) -> models.QuerySet[Listing]:
        return self.listings.filter(kind=Listing.Kind.OFFER)

    @property
    def needs(self) -> models.QuerySet[Listing]:
        return self.listings.filter(kind=Listing.Kind.NEED)


class Listing(models.Model):
    """An offer (what a business sells) or a need (what it wants to buy)."""

    class Kind(models.TextChoices):
        OFFER = "offer", _("Penawaran")
        NEED = "need", _("Kebutuhan")

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="listings")
    kind = models.CharField(_("jenis"), max_length=5, choices=Kind.choices)
    text = models.CharField(_("komoditas / produk"), max_length=300)
    hs = models.CharField(_("kode HS"), max_length=8, blank=True, validators=[hs_validator])
    quantity = models.PositiveBigIntegerField(_("jumlah"), null=True, blank=True)
    unit = models.CharField(_("satuan"), max_length=30, blank=True)
    capacity_per_month = models.PositiveBigIntegerField(
        _("kapasitas per bulan"), null=True, blank=True
    )
    min_order = models.PositiveBigIntegerField(_("pesanan minimum"), null=True, blank=True)
    price_min_idr = models.PositiveBigIntegerField(_("harga terendah (Rp)"), null=True, blank=True)
    price_max_idr = models.PositiveBigIntegerField(_("harga tertinggi (Rp)"), null=True, blank=True)
    certifications = models.JSONField(_("sertifikasi"), default=list, blank=True)

    class Meta:
        ordering = ["business", "kind", "id"]
        verbose_name = _("penawaran/kebutuhan")
        verbose_name_plural = _("penawaran/kebutuhan")
        indexes = [models.Index(fields=["kind", "hs"])]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.price_min_idr and self.price_max_idr and self.price_min_idr > self.price_max_idr:
            raise ValidationError(
                {"price_max_idr": _("Harga tertinggi tidak boleh lebih kecil dari harga terendah.")}
            )
        bad = [c for c in self.certifications if c not in Certification.values]
        if bad:
            raise ValidationError({"certifications": _("Sertifikasi tidak dikenal: %s") % bad})
