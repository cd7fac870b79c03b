"""The desk form (clerks), the business's report form and the small action forms. They turn
what people type ("1,5 M", a business name) into the arguments of `services.deal_record`."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from misidagang.deals.models import Direction, FinancingDecision, Stage
from misidagang.deals.parties import near_names, participant_names
from misidagang.directory import commodities
from misidagang.directory.models import Business
from misidagang.forms import RupiahField
from misidagang.missions.models import Mission

MAX_ATTACHMENT = 10 * 1024 * 1024
ATTACHMENT_TYPES = {
    b"%PDF": ("pdf", "application/pdf"),
    b"\x89PNG": ("png", "image/png"),
    b"\xff\xd8\xff": ("jpg", "image/jpeg"),
    b"RIFF": ("webp", "image/webp"),
}


def sniff(upload: UploadedFile) -> str | None:
    """The content type of a photo or PDF, read from its first bytes (not its name)."""
    head = upload.read(12)
    upload.seek(0)
    for magic, (_ext, content_type) in ATTACHMENT_TYPES.items():
        if head.startswith(magic) and (magic != b"RIFF" or head[8:12] == b"WEBP"):
            return content_type
    return None


def clean_attachment(upload: UploadedFile | None) -> UploadedFile | None:
    if upload is None:
        return None
    if upload.size is not None and upload.size > MAX_ATTACHMENT:
        raise forms.ValidationError(_("Berkas terlalu besar (maksimal 10 MB)."))
    content_type = sniff(upload)
    if content_type is None:
        raise forms.ValidationError(_("Lampiran harus berupa foto (JPG, PNG, WebP) atau PDF."))
    upload.content_type = content_type
    return upload


class _DealFields(forms.Form):
    commodity = forms.CharField(label=_("Komoditas"), max_length=200)
    value = RupiahField(
        label=_("Nilai (Rp)"),
        required=True,
        help_text=_("Tulis seperti biasa: 1,5 M · 750 jt · Rp 1.500.000.000"),
    )
    quantity = forms.CharField(label=_("Jumlah"), max_length=20, required=False)
    unit = forms.CharField(label=_("Satuan"), max_length=30, required=False)
    stage = forms.ChoiceField(label=_("Tahap"), choices=Stage.choices, initial=Stage.KOMITMEN)
    hs = forms.CharField(
        label=_("Kode HS"),
        max_length=commodities.MAX_QUERY,
        required=False,
        help_text=_("Kode atau nama produk; kosongkan: diisi otomatis dari komoditas."),
    )
    wants_financing = forms.BooleanField(label=_("Minta pembiayaan bank"), required=False)
    wants_guarantee = forms.BooleanField(label=_("Minta penjaminan Jamkrida"), required=False)
    meeting_ref = forms.CharField(label=_("Temu bisnis (no.)"), max_length=40, required=False)
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    attachment = forms.FileField(
        label=_("Lampiran (foto/PDF formulir)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)
    outside_party = forms.BooleanField(
        label=_("Ya, mitra di luar peserta misi"),
        required=False,
        help_text=_("Centang bila nama yang diketik memang bukan peserta misi ini."),
    )
    needs_outside = False  # set by clean(): a typed party is not a participant

    def __init__(self, *args: Any, mission: Mission, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        self.mission = mission
        self.fields["commodity"].widget.attrs.update(
            {"list": "commodity-options", "autocomplete": "off", "data-commodity": "1"}
        )
        # A text keyboard (RupiahField): "1,5 M" and "750 jt" need letters.
        self.fields["value"].widget.attrs.update(
            {
                "autocomplete": "off",
                "hx-target": "#amount-echo",
            }
        )
        self.fields["hs"].widget.attrs.update({"list": "hs-options", "data-hs-search": "1"})

    def clean_quantity(self) -> str | None:
        text = (self.cleaned_data.get("quantity") or "").strip().replace(".", "").replace(",", ".")
        if not text:
            return None
        try:
            if float(text) < 0:
                raise ValueError
        except ValueError:
            raise forms.ValidationError(_("Jumlah harus berupa angka, mis. 2,5.")) from None
        return text

    def clean_hs(self) -> str:
        return commodities.hs_from_input(self.cleaned_data.get("hs", ""))

    def clean_attachment(self) -> UploadedFile | None:
        return clean_attachment(self.cleaned_data.get("attachment"))

    def _check_party(self, field: str) -> None:
        """A name that is no participant's needs one explicit confirmation; a near name is
        offered instead (a typo at the desk must not become a party outside the mission)."""
        text = (self.cleaned_data.get(field) or "").strip()
        names = self._names()
        if not text or text.lower() in names:
            return
        self.needs_outside = True
        if self.cleaned_data.get("outside_party"):
            return
        near = near_names(names, text)
        if near:
            message = _("%(name)s bukan peserta misi ini. Maksud Anda %(near)s?") % {
                "name": text,
                "near": _(" atau ").join(b.display_name for b in near),
            }
        else:
            message = _("%(name)s bukan peserta misi ini.") % {"name": text}
        self.add_error(
            field, message + " " + _("Bila memang mitra di luar daftar, centang kotak di bawah.")
        )

    def _names(self) -> dict[str, Business]:
        if not hasattr(self, "_participant_names"):
            self._participant_names = participant_names(self.mission)
        return self._participant_names

    def common(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "commodity": d["commodity"],
            "value_idr": d["value"],
            "quantity": d["quantity"],
            "unit": d["unit"],
            "stage": d["stage"],
            "hs": d["hs"],
            "wants_financing": d["wants_financing"],
            "wants_guarantee": d["wants_guarantee"],
            "meeting_ref": d["meeting_ref"],
            "notes": d["notes"],
            "idempotency_key": d["idempotency_key"],
            "outside_party": d["outside_party"],
        }


class DeskForm(_DealFields):
    """For clerks and organisers: any two parties, the fastest fields first."""

    seller = forms.CharField(label=_("Penjual"), max_length=200)
    buyer = forms.CharField(label=_("Pembeli"), max_length=200)
    direction = forms.ChoiceField(
        label=_("Arah"),
        required=False,
        choices=[("", _("Otomatis (jual/beli)"))] + list(Direction.choices),
    )
    field_order = [
        "seller",
        "buyer",
        "commodity",
        "value",
        "quantity",
        "unit",
        "stage",
        "direction",
        "hs",
        "wants_financing",
        "wants_guarantee",
        "meeting_ref",
        "notes",
        "attachment",
        "idempotency_key",
    ]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        self._check_party("seller")
        self._check_party("buyer")
        return data

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("seller", "buyer"):
            self.fields[name].widget.attrs.update({"list": "party-options", "autocomplete": "off"})
        self.fields["seller"].widget.attrs["autofocus"] = True
        self.fields["seller"].help_text = _("Peserta misi, atau nama mitra di luar daftar.")

    def parties(self) -> dict[str, Any]:
        names = self._names()
        out: dict[str, Any] = {}
        for side in ("seller", "buyer"):
            text = self.cleaned_data[side].strip()
            business = names.get(text.lower())
            out[side], out[f"{side}_name"] = (business, "") if business else (None, text)
        return out

    def record_kwargs(self) -> dict[str, Any]:
        return {**self.common(), **self.parties(), "direction": self.cleaned_data["direction"]}


class ReportForm(_DealFields):
    """For a business user: its own business is one side; it names the other."""

    my_side = forms.ChoiceField(
        label=_("Usaha saya"),
        choices=[("seller", _("menjual")), ("buyer", _("membeli"))],
        widget=forms.RadioSelect,
        initial="seller",
    )
    counterpart = forms.CharField(label=_("Mitra transaksi"), max_length=200)
    field_order = [
        "my_side",
        "counterpart",
        "commodity",
        "value",
        "quantity",
        "unit",
        "stage",
        "hs",
        "wants_financing",
        "wants_guarantee",
        "meeting_ref",
        "notes",
        "attachment",
        "idempotency_key",
    ]

    def __init__(self, *args: Any, business: Business, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.business = business
        self.fields["counterpart"].widget.attrs.update(
            {"list": "party-options", "autocomplete": "off", "autofocus": True}
        )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        self._check_party("counterpart")
        return data

    def record_kwargs(self) -> dict[str, Any]:
        text = self.cleaned_data["counterpart"].strip()
        other = self._names().get(text.lower())
        mine, theirs = (
            ("seller", "buyer") if self.cleaned_data["my_side"] == "seller" else ("buyer", "seller")
        )
        return {
            **self.common(),
            mine: self.business,
            theirs: other,
            f"{theirs}_name": "" if other else text,
        }


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan"), max_length=300, min_length=3)


class RealiseForm(forms.Form):
    amount = RupiahField(label=_("Nilai terealisasi (Rp)"), required=True)
    on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))


class DecisionForm(forms.Form):
    status = forms.ChoiceField(label=_("Keputusan"), choices=FinancingDecision.Status.choices)
    amount = RupiahField(
        label=_("Nilai disetujui (Rp)"),
        help_text=_("Wajib bila disetujui. Tulis seperti biasa: 500 jt · 1,2 M"),
    )
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)
    confirm_unusual = forms.BooleanField(
        label=_("Nilai sudah saya periksa (di atas nilai transaksi atau di bawah Rp 1 juta)"),
        required=False,
    )


class AttachForm(forms.Form):
    file = forms.FileField(label=_("Lampiran (foto/PDF formulir)"))

    def clean_file(self) -> UploadedFile | None:
        return clean_attachment(self.cleaned_data.get("file"))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas Excel (.xlsx) atau CSV"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,.xlsm,.csv,text/csv,application/vnd.ms-excel"}
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_ATTACHMENT:
            raise forms.ValidationError(_("Berkas terlalu besar (maksimal 10 MB)."))
        if not (upload.name or "").lower().endswith((".xlsx", ".xlsm", ".csv", ".txt")):
            raise forms.ValidationError(
                _(
                    "Unggah berkas Excel (.xlsx) atau CSV. "
                    "Berkas .xls lama: simpan ulang sebagai .xlsx."
                )
            )
        return upload
