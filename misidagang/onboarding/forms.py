from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from misidagang.directory.models import Business, LegalForm, Regency, Scale, nib_validator
from misidagang.missions.models import Mission, Participant
from misidagang.onboarding.importing import column_choices
from misidagang.onboarding.models import Registration

NO_NUL = RegexValidator(r"^[^\x00]*$", _("Berisi karakter yang tidak sah."))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas Excel (.xlsx) atau CSV"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.csv,.txt"}),
    )
    side = forms.ChoiceField(
        label=_("Pihak"), choices=Participant.Side.choices, initial=Participant.Side.DELEGATION
    )


class ColumnsForm(forms.Form):
    """One choice per column of the sheet: which field it fills."""

    def __init__(self, *args: Any, headers: list[str], columns: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = column_choices()
        for i, header in enumerate(headers):
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=header or _("(tanpa judul)"),
                choices=choices,
                required=False,
                initial=columns[i] if i < len(columns) else "",
            )

    def columns(self) -> list[str]:
        return [self.cleaned_data.get(f"col_{i}", "") or "" for i in range(len(self.fields))]


class AcceptForm(forms.Form):
    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        validators=[
            RegexValidator(r"^[\w.@+-]+$", _("Hanya huruf, angka dan . @ + - _ (tanpa spasi)."))
        ],
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif one:
            try:
                validate_password(one)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class RegistrationForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "Saya menyetujui pemrosesan data usaha dan kontak ini oleh penyelenggara misi untuk "
            "keperluan misi dagang, sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data "
            "Pribadi."
        ),
        required=True,
        error_messages={"required": _("Persetujuan pemrosesan data wajib dicentang.")},
    )
    legal_form = forms.ChoiceField(label=_("Bentuk usaha"), choices=LegalForm.choices)
    scale = forms.ChoiceField(label=_("Skala usaha"), choices=Scale.choices)
    offers = forms.CharField(
        label=_("Produk yang dijual"),
        required=False,
        max_length=2000,
        validators=[NO_NUL],
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("mis. kopi arabika; gula aren")}),
        help_text=_("Pisahkan dengan titik koma atau baris baru."),
    )
    needs = forms.CharField(
        label=_("Kebutuhan"),
        required=False,
        max_length=2000,
        validators=[NO_NUL],
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("mis. kemasan standing pouch")}),
    )

    class Meta:
        model = Registration
        fields = [
            "name",
            "legal_form",
            "nib",
            "scale",
            "regency",
            "contact_person",
            "phone",
            "email",
            "offers",
            "needs",
        ]
        widgets = {
            "nib": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 13}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args: Any, province: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["regency"])
        field.queryset = Regency.objects.filter(province_id=province)
        self.fields["nib"].validators = [nib_validator]
        for name in ("name", "contact_person"):
            self.fields[name].validators.append(NO_NUL)

    def clean_phone(self) -> str:
        probe = Business(phone=self.cleaned_data.get("phone", ""))
        try:
            probe.normalise_phone()
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["phone"]) from None
        return probe.phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("offers") or "").strip() and not (data.get("needs") or "").strip():
            self.add_error("offers", _("Isi paling tidak satu produk yang dijual atau kebutuhan."))
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Alasan penolakan"), max_length=300, validators=[NO_NUL])


class ColleagueForm(forms.Form):
    name = forms.CharField(label=_("Nama rekan"), max_length=120, validators=[NO_NUL])
    email = forms.EmailField(label=_("Surel rekan"), max_length=254)


class EarlierFilter(forms.Form):
    """Businesses of earlier missions, to add to this one."""

    source = forms.ModelChoiceField(
        label=_("Misi sebelumnya"),
        queryset=Mission.objects.none(),
        required=False,
        empty_label=_("Semua misi sebelumnya"),
    )
    commodity = forms.CharField(label=_("Komoditas atau kode HS"), required=False, max_length=100)
    regency = forms.ModelChoiceField(
        label=_("Kabupaten/kota"),
        queryset=Regency.objects.none(),
        required=False,
        empty_label=_("Semua kabupaten/kota"),
    )
    realised = forms.BooleanField(label=_("Punya transaksi terealisasi"), required=False)
    side = forms.ChoiceField(
        label=_("Pihak di misi sebelumnya"),
        required=False,
        choices=[("", _("Semua pihak")), *Participant.Side.choices],
    )

    def __init__(self, *args: Any, mission: Mission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["source"]).queryset = (
            Mission.objects.exclude(pk=mission.pk).filter(participants__isnull=False).distinct()
        )
        cast(forms.ModelChoiceField, self.fields["regency"]).queryset = Regency.objects.filter(
            businesses__participations__isnull=False
        ).distinct()
