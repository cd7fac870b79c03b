from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from misidagang.directory.models import Business
from misidagang.forms import RupiahField
from misidagang.missions.models import Mission, Participant


class MissionForm(forms.ModelForm):
    target_idr = RupiahField(
        label=_("Target transaksi (Rp)"),
        help_text=_("Tulis seperti biasa: 500 jt · 1,5 M · Rp 1.500.000.000"),
    )

    class Meta:
        model = Mission
        fields = [
            "name",
            "theme",
            "delegation_province",
            "host_province",
            "host_regency",
            "venue",
            "starts_at",
            "ends_at",
            "timezone",
            "target_idr",
            "status",
        ]
        widgets = {
            # The browser's picker only takes ISO values, whatever the page's language.
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {"starts_at": _("Waktu setempat di lokasi misi.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            field = cast(forms.DateTimeField, self.fields[name])
            field.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class ParticipantFilter(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)
    side = forms.ChoiceField(
        label=_("Pihak"),
        required=False,
        choices=[("", _("Semua pihak")), *Participant.Side.choices],
    )
    role = forms.ChoiceField(
        label=_("Peran"),
        required=False,
        choices=[("", _("Semua peran")), *Participant.Role.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *Participant.Status.choices],
    )


class ParticipantForm(forms.ModelForm):
    business = forms.ModelChoiceField(label=_("Pelaku usaha"), queryset=Business.objects.all())

    class Meta:
        model = Participant
        fields = ["business", "side", "role", "facilitator", "status"]

    def __init__(self, *args: Any, mission: Mission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mission = mission
        if self.instance.pk:
            self.fields["business"].disabled = True

    def clean_business(self) -> Business:
        business: Business = self.cleaned_data["business"]
        taken = Participant.objects.filter(mission=self.mission, business=business)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Pelaku usaha ini sudah terdaftar di misi ini."))
        return business
