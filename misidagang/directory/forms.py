from __future__ import annotations

from typing import Any, cast

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from misidagang.directory import commodities
from misidagang.directory.models import Business, Certification, Listing, Province, Regency
from misidagang.forms import RupiahField


class BusinessForm(forms.ModelForm):
    website = forms.URLField(label=_("Situs web"), required=False, assume_scheme="https")

    class Meta:
        model = Business
        fields = [
            "name",
            "legal_form",
            "nib",
            "scale",
            "kbli_codes",
            "province",
            "regency",
            "address",
            "contact_person",
            "phone",
            "email",
            "website",
            "description",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "nib": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 13}),
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
            "province": forms.Select(attrs={"data-regencies": "#id_regency"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province = self.data.get("province") or getattr(self.instance, "province_id", None)
        regencies = Regency.objects.all()
        if province:
            regencies = regencies.filter(province_id=province)
        cast(forms.ModelChoiceField, self.fields["regency"]).queryset = regencies
        cast(forms.ModelChoiceField, self.fields["province"]).queryset = Province.objects.all()


class ListingForm(forms.ModelForm):
    # Words are welcome in the HS box ("kopi robusta"): the code is found when it is saved.
    hs = forms.CharField(
        label=_("Kode HS"),
        max_length=commodities.MAX_QUERY,
        required=False,
        help_text=_("Kode atau nama produk: pilih dari daftar yang muncul."),
        widget=forms.TextInput(
            attrs={
                "list": "hs-options",
                "data-hs-search": "1",
                "autocomplete": "off",
                "placeholder": _("cari: kopi, 0901…"),
            }
        ),
    )
    price_min_idr = RupiahField(label=_("Harga terendah per satuan (Rp)"))
    price_max_idr = RupiahField(label=_("Harga tertinggi per satuan (Rp)"))
    certifications = forms.MultipleChoiceField(
        label=_("Sertifikasi"),
        choices=Certification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Listing
        fields = [
            "kind",
            "text",
            "hs",
            "quantity",
            "unit",
            "capacity_per_month",
            "min_order",
            "price_min_idr",
            "price_max_idr",
            "certifications",
        ]

    def clean_hs(self) -> str:
        return commodities.hs_from_input(self.cleaned_data.get("hs", ""))


ListingFormSet = inlineformset_factory(
    Business, Listing, form=ListingForm, extra=1, can_delete=True
)


class DirectoryFilter(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)
    province = forms.ModelChoiceField(
        label=_("Provinsi"),
        queryset=Province.objects.all(),
        required=False,
        empty_label=_("Semua provinsi"),
    )
    commodity = forms.CharField(label=_("Komoditas atau kode HS"), required=False)
    role = forms.ChoiceField(
        label=_("Peran"),
        required=False,
        choices=[("", _("Menjual atau membeli")), ("offer", _("Menjual")), ("need", _("Membeli"))],
    )
