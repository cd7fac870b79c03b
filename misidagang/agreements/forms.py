"""Forms of the register: the agreement, its parties and its action items."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from misidagang.agreements import documents
from misidagang.agreements.models import ActionItem, Agreement, FollowUpAnswer
from misidagang.forms import RupiahField
from misidagang.missions.models import Mission, Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AgreementForm(forms.ModelForm):
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "number",
            "signed_on",
            "signed_place",
            "mission",
            "sectors",
            "valid_from",
            "valid_until",
            "summary",
            "document",
        ]
        widgets = {
            "signed_on": DATE,
            "valid_from": DATE,
            "valid_until": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "document": forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        }
        help_texts = {"document": _("PDF, JPG atau PNG, paling besar 10 MB.")}

    def __init__(self, *args: Any, missions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["mission"]).queryset = (
            missions if missions is not None else Mission.objects.all()
        )
        if not self.instance.pk and not self.is_bound:
            self.initial["submission_key"] = self.instance.submission_key

    def clean_document(self) -> Any:
        upload = self.cleaned_data.get("document")
        if not isinstance(upload, UploadedFile):
            return upload
        head = upload.read(16)
        upload.seek(0)
        problem = documents.check(upload.name or "", upload.size or 0, head)
        messages = {
            "size": _("Dokumen terlalu besar: paling besar 10 MB."),
            "extension": _("Dokumen harus berupa PDF, JPG atau PNG."),
            "content": _("Isi berkas tidak sesuai dengan jenisnya (PDF, JPG atau PNG)."),
        }
        if problem:
            raise forms.ValidationError(messages[problem])
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("Masa berlaku harus berakhir setelah dimulai."))
        return data


class PartyForm(forms.Form):
    organisation = forms.CharField(
        label=_("Lembaga"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "organisations", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("Jenis lembaga (jika baru)"),
        required=False,
        choices=[("", "—"), *Organisation.Kind.choices],
    )
    signatory_name = forms.CharField(label=_("Nama penanda tangan"), max_length=120, required=False)
    signatory_position = forms.CharField(label=_("Jabatan"), max_length=160, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        name = (data.get("organisation") or "").strip()
        known = Organisation.objects.filter(name__iexact=name).exists() if name else True
        if not known and not data.get("kind"):
            self.add_error("kind", _("Lembaga baru: pilih jenisnya."))
        return data


class BasePartyFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        names = [
            f.cleaned_data["organisation"].strip().lower()
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if len(names) < 2:
            raise forms.ValidationError(_("Perjanjian memerlukan paling sedikit dua pihak."))
        if len(set(names)) != len(names):
            raise forms.ValidationError(_("Setiap lembaga cukup dicantumkan sekali."))


PartyFormSet = forms.formset_factory(
    PartyForm, formset=BasePartyFormSet, extra=1, min_num=2, validate_min=False
)


class ItemForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    what = forms.CharField(label=_("Tindak lanjut"), max_length=300)
    who = forms.CharField(
        label=_("Penanggung jawab"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "organisations", "autocomplete": "off"}),
        help_text=_("Salah satu lembaga yang sudah terdaftar atau pihak perjanjian."),
    )
    contact_person = forms.CharField(label=_("Narahubung"), max_length=120, required=False)
    due_on = forms.DateField(label=_("Tenggat"), widget=DATE)
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionItem.Status.choices, initial=ActionItem.Status.OPEN
    )


ItemFormSet = forms.formset_factory(ItemForm, extra=1, can_delete=True)


class AgreementFilter(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)
    kind = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua jenis")), *Agreement.Kind.choices]
    )
    sector = forms.CharField(label=_("Sektor"), required=False)
    year = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    mission = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)


class FollowUpAnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Apa yang terjadi?"),
        widget=forms.RadioSelect,
        choices=FollowUpAnswer.Outcome.choices,
    )
    realised_total_idr = RupiahField(
        label=_("Nilai terealisasi sampai saat ini (Rp)"),
        min_value=0,
        help_text=_("Jumlah seluruh pengiriman yang sudah dibayar, bukan hanya yang terbaru."),
    )
    realised_on = forms.DateField(
        label=_("Tanggal realisasi terakhir"), required=False, widget=DATE
    )
    reason = forms.CharField(label=_("Alasan (jika batal)"), max_length=300, required=False)


class RoundsForm(forms.Form):
    months = forms.CharField(
        label=_("Bulan setelah misi"),
        initial="1, 3, 6",
        help_text=_("Pisahkan dengan koma, misalnya 1, 3, 6."),
    )

    def clean_months(self) -> list[int]:
        parts = [p.strip() for p in self.cleaned_data["months"].split(",") if p.strip()]
        if not parts or not all(p.isdigit() and 1 <= int(p) <= 36 for p in parts):
            raise forms.ValidationError(_("Tuliskan angka bulan antara 1 dan 36, dipisah koma."))
        return [int(p) for p in parts]
