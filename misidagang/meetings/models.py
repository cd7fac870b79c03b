"""Business meetings (temu bisnis): the day's configuration, requests, placed meetings and
scheduler runs. Times are stored in UTC; a day's clock times are in the mission's zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from misidagang.missions.models import Mission, Participant


class Session(models.TextChoices):
    ANY = "any", _("Sepanjang hari")
    MORNING = "morning", _("Pagi")
    AFTERNOON = "afternoon", _("Siang")


class MeetingConfig(models.Model):
    """Mission-level rules for temu bisnis."""

    mission = models.OneToOneField(Mission, on_delete=models.CASCADE, related_name="meeting_config")
    request_ttl_hours = models.PositiveIntegerField(
        _("masa berlaku permintaan (jam)"),
        default=24,
        help_text=_("Permintaan yang belum dijawab kedaluwarsa setelah sekian jam."),
    )
    cap_per_participant = models.PositiveIntegerField(
        _("batas temu per peserta"),
        default=12,
        help_text=_("Berlaku bila peserta tidak punya batas sendiri."),
    )
    max_break_spread = models.PositiveIntegerField(
        _("selisih jeda maksimum"),
        default=2,
        help_text=_("Keadilan: selisih jumlah jeda antarpeserta paling banyak sekian."),
    )
    time_limit_s = models.PositiveIntegerField(_("batas waktu penjadwal (detik)"), default=10)

    class Meta:
        verbose_name = _("pengaturan temu bisnis")

    def __str__(self) -> str:
        return str(self.mission)

    @classmethod
    def for_mission(cls, mission: Mission) -> MeetingConfig:
        return cls.objects.get_or_create(mission=mission)[0]


@dataclass(frozen=True)
class Slot:
    """One usable slot of a day; `index` is the slot number within the day and `key`
    ("<day id>:<index>") names it in availability lists."""

    day_id: int
    index: int
    starts_at: datetime
    ends_at: datetime
    morning: bool

    @property
    def key(self) -> str:
        return f"{self.day_id}:{self.index}"


class MeetingDay(models.Model):
    """A day of temu bisnis: `slots` slots of `slot_minutes` from `first_slot`; slots that
    overlap a break (ishoma) are not used; slots starting before `afternoon_from` are morning."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="meeting_days")
    date = models.DateField(_("tanggal"))
    first_slot = models.TimeField(_("slot pertama"), default=time(8, 0))
    slot_minutes = models.PositiveIntegerField(_("lama slot (menit)"), default=20)
    slots = models.PositiveIntegerField(_("jumlah slot"), default=24)
    afternoon_from = models.TimeField(_("sesi siang mulai"), default=time(12, 0))
    breaks = models.JSONField(
        _("jeda"),
        default=list,
        blank=True,
        help_text=_('Daftar [mulai, selesai], mis. [["12:00", "13:00"]] untuk ishoma.'),
    )

    class Meta:
        ordering = ["date", "first_slot"]
        constraints = [models.UniqueConstraint(fields=["mission", "date"], name="one_meeting_day")]
        verbose_name = _("hari temu bisnis")

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y}"

    def clean(self) -> None:
        if not 5 <= self.slot_minutes <= 240:
            raise ValidationError({"slot_minutes": _("Lama slot antara 5 dan 240 menit.")})
        if not 1 <= self.slots <= 96:
            raise ValidationError({"slots": _("Jumlah slot antara 1 dan 96.")})
        self.breaks = parse_breaks(self.breaks)
        self._check_within_mission()

    def _check_within_mission(self) -> None:
        """The day must fall within the mission's start–end dates, in the mission's zone."""
        mission = self.mission
        if not self.date or not mission.starts_at or not mission.ends_at:
            return
        first = mission.local(mission.starts_at).date()
        last = mission.local(mission.ends_at).date()
        if first <= self.date <= last:
            return
        if first == last:
            message = _("Hari temu bisnis harus pada tanggal misi, %(first)s.")
        else:
            message = _("Hari temu bisnis harus dalam masa misi, %(first)s sampai %(last)s.")
        raise ValidationError(
            {
                "date": message
                % {"first": date_format(first, "j F Y"), "last": date_format(last, "j F Y")}
            }
        )

    def break_times(self) -> list[tuple[time, time]]:
        return [
            (time.fromisoformat(a), time.fromisoformat(b)) for a, b in parse_breaks(self.breaks)
        ]

    def all_slots(self) -> list[Slot]:
        """Every usable slot of the day, in order, breaks left out."""
        tz = self.mission.tz
        start = datetime.combine(self.date, self.first_slot, tzinfo=tz)
        length = timedelta(minutes=self.slot_minutes)
        breaks = [
            (datetime.combine(self.date, a, tzinfo=tz), datetime.combine(self.date, b, tzinfo=tz))
            for a, b in self.break_times()
        ]
        noon = datetime.combine(self.date, self.afternoon_from, tzinfo=tz)
        out = []
        for i in range(self.slots):
            s, e = start + i * length, start + (i + 1) * length
            if any(s < b_end and e > b_start for b_start, b_end in breaks):
                continue
            out.append(Slot(self.pk, i, s, e, s < noon))
        return out


def parse_breaks(value: object) -> list[list[str]]:
    """[["12:00", "13:00"], ...] → validated, normalised; raises ValidationError."""
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise ValidationError({"breaks": _("Jeda harus berupa daftar [mulai, selesai].")})
    out = []
    for pair in value:
        try:
            a, b = (time.fromisoformat(str(x).strip().replace(".", ":")) for x in pair)
        except (TypeError, ValueError):
            raise ValidationError({"breaks": _("Jam jeda tidak valid: %s") % (pair,)}) from None
        if b <= a:
            raise ValidationError({"breaks": _("Jeda harus selesai setelah mulai.")})
        out.append([a.strftime("%H:%M"), b.strftime("%H:%M")])
    return sorted(out)


class Table(models.Model):
    """A named table or room where meetings take place."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="meeting_tables")
    number = models.PositiveIntegerField(_("nomor"))
    name = models.CharField(_("nama"), max_length=60)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "number"], name="one_table_number")
        ]
        verbose_name = _("meja")

    def __str__(self) -> str:
        return self.name


class ParticipantAvailability(models.Model):
    """When a participant can meet, with how many people at once, and how many meetings."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="availability"
    )
    session = models.CharField(
        _("ketersediaan"), max_length=10, choices=Session.choices, default=Session.ANY
    )
    blocked = models.JSONField(_("slot tidak tersedia"), default=list, blank=True)  # Slot.key list
    seats = models.PositiveIntegerField(
        _("jumlah kursi"), default=1, help_text=_("Berapa temu bisa dijalani bersamaan.")
    )
    cap = models.PositiveIntegerField(_("batas temu"), null=True, blank=True)

    class Meta:
        verbose_name = _("ketersediaan peserta")

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.session} ×{self.seats}"

    def allows(self, slot: Slot) -> bool:
        if slot.key in (self.blocked or []):
            return False
        if self.session == Session.MORNING:
            return slot.morning
        if self.session == Session.AFTERNOON:
            return not slot.morning
        return True


class RequestQuerySet(models.QuerySet["MeetingRequest"]):
    def open(self) -> RequestQuerySet:
        return self.filter(status__in=MeetingRequest.OPEN)

    def involving(self, participant: Participant) -> RequestQuerySet:
        return self.filter(Q(requester=participant) | Q(counterpart=participant))


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu jawaban")
        ACCEPTED = "accepted", _("Diterima")
        DECLINED = "declined", _("Ditolak")
        CANCELLED = "cancelled", _("Dibatalkan")
        EXPIRED = "expired", _("Kedaluwarsa")

    class Source(models.TextChoices):
        RECOMMENDATION = "recommendation", _("Rekomendasi")
        DIRECTORY = "directory", _("Direktori")
        ORGANISER = "organiser", _("Penyelenggara")

    OPEN = (Status.PENDING, Status.ACCEPTED)

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="+", verbose_name=_("pengaju")
    )
    counterpart = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="+", verbose_name=_("mitra temu")
    )
    pair = models.CharField(max_length=41, editable=False)  # "low-high" participant ids
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    cancel_reason = models.CharField(_("alasan pembatalan"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(
        _("sumber"), max_length=16, choices=Source.choices, default=Source.DIRECTORY
    )
    must_meet = models.BooleanField(_("wajib bertemu"), default=False)
    session = models.CharField(
        _("sesi"), max_length=10, choices=Session.choices, default=Session.ANY
    )
    expires_at = models.DateTimeField(_("kedaluwarsa"), null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            # At most one open request per pair: a repeated submission never doubles.
            models.UniqueConstraint(
                fields=["mission", "pair"],
                condition=Q(status__in=["pending", "accepted"]),
                name="one_open_request_per_pair",
            )
        ]
        verbose_name = _("permintaan temu bisnis")

    def __str__(self) -> str:
        return f"{self.requester.business} → {self.counterpart.business}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pair = self.pair_of(self.requester_id, self.counterpart_id)
        super().save(*args, **kwargs)

    @staticmethod
    def pair_of(a: int, b: int) -> str:
        return f"{min(a, b)}-{max(a, b)}"

    @property
    def priority(self) -> int:
        return 100 if self.must_meet else 10

    def other(self, participant: Participant) -> Participant:
        return self.counterpart if participant.pk == self.requester_id else self.requester


class ScheduleRun(models.Model):
    """One run of the scheduler: what went in, what came out, and whether it was published.
    It runs in the background (`meetings.runs`): `state` says where it is, `progress` what the
    engine reported last (stage, meetings placed and breaks of the best schedule so far, bound).
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Antre")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")
        CANCELLED = "cancelled", _("Dibatalkan")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="schedule_runs")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DONE)
    progress = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    job = models.ForeignKey(
        "tasks.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished = models.DateTimeField(null=True, blank=True)
    input = models.JSONField(default=dict)
    output = models.JSONField(default=dict)
    left_out = models.JSONField(default=list)  # [{"request": id, "reason": code}]
    status = models.CharField(max_length=12, blank=True)  # optimal/feasible/infeasible/unknown
    optimal = models.BooleanField(default=False)
    bound = models.JSONField(default=dict)
    solve_s = models.FloatField(default=0)
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = _("jalannya penjadwal")

    def __str__(self) -> str:
        return f"{self.mission_id}/{self.pk} {self.status}"

    @property
    def placed(self) -> int:
        return len(self.output.get("scheduled", []))

    @property
    def working(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def moved(self) -> int:
        return int(self.output.get("objective", {}).get("moved", 0))


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def live(self) -> MeetingQuerySet:
        return self.exclude(status=Meeting.Status.CANCELLED)

    def involving(self, participant: Participant) -> MeetingQuerySet:
        return self.filter(Q(request__requester=participant) | Q(request__counterpart=participant))


class Meeting(models.Model):
    """An accepted request placed in a slot at a table by a published schedule."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Terjadwal")
        HELD = "held", _("Terlaksana")
        ABSENT = "absent", _("Tidak hadir")
        CANCELLED = "cancelled", _("Dibatalkan")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    day = models.ForeignKey(MeetingDay, on_delete=models.CASCADE, related_name="meetings")
    slot = models.PositiveIntegerField()  # index within the day
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    table = models.ForeignKey(Table, on_delete=models.PROTECT, related_name="meetings")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    outcome = models.CharField(_("hasil"), max_length=500, blank=True)
    run = models.ForeignKey(ScheduleRun, null=True, blank=True, on_delete=models.SET_NULL)
    marked_at = models.DateTimeField(null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "table__number"]
        verbose_name = _("temu bisnis")

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot_key}/{self.table_id}"

    @property
    def slot_key(self) -> str:
        return f"{self.day_id}:{self.slot}"
