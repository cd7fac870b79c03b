from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from misidagang.meetings.engine_input import mission_slots
from misidagang.meetings.models import (
    MeetingConfig,
    MeetingDay,
    ParticipantAvailability,
    Session,
    parse_breaks,
)
from misidagang.missions.models import Mission, Participant


class ConfigForm(forms.ModelForm):
    class Meta:
        model = MeetingConfig
        fields = ["request_ttl_hours", "cap_per_participant", "max_break_spread", "time_limit_s"]

    def clean_time_limit_s(self) -> int:
        value: int = self.cleaned_data["time_limit_s"]
        if not 1 <= value <= 120:
            raise ValidationError(_("Batas waktu antara 1 dan 120 detik."))
        return value


class BreaksField(forms.Field):
    """ "12.00-13.00, 15.00-15.15" ⇄ [["12:00", "13:00"], ["15:00", "15:15"]]."""

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(f"{a.replace(':', '.')}-{b.replace(':', '.')}" for a, b in value)
        return str(value or "")

    def to_python(self, value: Any) -> list[list[str]]:
        text = (value or "").strip()
        if not text:
            return []
        pairs = []
        for part in re.split(r"[,;\n]+", text):
            bits = [b.strip() for b in re.split(r"\s*[-–]\s*", part.strip()) if b.strip()]
            if len(bits) != 2:
                raise ValidationError(_("Tulis jeda sebagai 12.00-13.00, dipisah koma."))
            pairs.append(bits)
        try:
            return parse_breaks(pairs)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["breaks"]) from None


class DayForm(forms.ModelForm):
    breaks = BreaksField(
        label=_("Jeda (ishoma)"),
        required=False,
        help_text=_("mis. 12.00-13.00; slot yang beririsan tidak dipakai."),
    )

    class Meta:
        model = MeetingDay
        fields = ["date", "first_slot", "slot_minutes", "slots", "afternoon_from", "breaks"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "first_slot": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "afternoon_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, mission: Mission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.mission = mission
        # The browser's date picker offers only the mission's dates; clean() enforces them.
        self.fields["date"].widget.attrs.update(
            min=mission.local(mission.starts_at).date().isoformat(),
            max=mission.local(mission.ends_at).date().isoformat(),
        )
        for name in ("first_slot", "afternoon_from"):
            cast(forms.TimeField, self.fields[name]).input_formats = ["%H:%M", "%H.%M", "%H:%M:%S"]


class TablesForm(forms.Form):
    count = forms.IntegerField(label=_("Jumlah meja"), min_value=1, max_value=500)
    names = forms.CharField(
        label=_("Nama meja"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu nama per baris (boleh kosong: Meja 1, Meja 2, …)."),
    )

    def table_names(self) -> list[str]:
        given = [n.strip() for n in self.cleaned_data["names"].splitlines()]
        count = self.cleaned_data["count"]
        return (given + [""] * count)[:count]


def slot_label(slot: Any) -> str:
    return f"{date_format(slot.starts_at.date(), 'D j M')} {slot.starts_at:%H.%M}"


class AvailabilityForm(forms.ModelForm):
    blocked = forms.MultipleChoiceField(
        label=_("Slot tidak tersedia"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ParticipantAvailability
        fields = ["session", "seats", "cap", "blocked"]

    def __init__(self, *args: Any, mission: Mission, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["blocked"]).choices = [
            (s.key, slot_label(s)) for s in mission_slots(mission)
        ]
        cast(forms.IntegerField, self.fields["seats"]).min_value = 1


class ParticipantChoiceField(forms.ModelChoiceField):
    """A participant shown as "Business name (side)"."""

    def label_from_instance(self, obj: Any) -> str:
        return _label(obj)


class RequestForm(forms.Form):
    requester = ParticipantChoiceField(label=_("Pengaju"), queryset=Participant.objects.none())
    counterpart = ParticipantChoiceField(label=_("Mitra temu"), queryset=Participant.objects.none())
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Apa yang ingin dibahas, mis. pasokan kopi 5 ton/bulan."),
    )
    session = forms.ChoiceField(label=_("Sesi"), choices=Session.choices, initial=Session.ANY)
    accept = forms.BooleanField(
        label=_("Kedua pihak sudah setuju (langsung diterima)"), required=False
    )
    must_meet = forms.BooleanField(label=_("Wajib bertemu"), required=False)

    def __init__(
        self,
        *args: Any,
        mission: Mission,
        own: Participant | None,
        staff: bool,
        manager: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        people = mission.participants.select_related("business").order_by("business__name")
        for name in ("requester", "counterpart"):
            cast(ParticipantChoiceField, self.fields[name]).queryset = people
        if not staff:
            del self.fields["requester"], self.fields["accept"]
            if own is not None:
                counterpart = cast(ParticipantChoiceField, self.fields["counterpart"])
                counterpart.queryset = people.exclude(pk=own.pk)
        if not manager:
            del self.fields["must_meet"]


def _label(p: Participant) -> str:
    return f"{p.business.display_name} ({p.get_side_display()})"


class MarkForm(forms.Form):
    status = forms.ChoiceField(choices=[("held", _("Terlaksana")), ("absent", _("Tidak hadir"))])
    outcome = forms.CharField(label=_("Hasil"), required=False, max_length=500)
