"""State changes of temu bisnis: the one place the web views, the API and the CLI call."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from misidagang.accounts.models import AuditLog, User
from misidagang.errors import Refused
from misidagang.meetings import access, engine_input, notifications, runs
from misidagang.meetings.models import (
    Meeting,
    MeetingConfig,
    MeetingDay,
    MeetingRequest,
    ParticipantAvailability,
    ScheduleRun,
    Session,
    Table,
)
from misidagang.missions import services as mission_services
from misidagang.missions.access import manages, staffs
from misidagang.missions.models import Mission, Participant
from misidagang.notify.services import announce
from misidagang.tasks.jobs import cancel as cancel_job
from misidagang.tasks.jobs import enqueue

Status = MeetingRequest.Status
CHECKIN_SALT = "misidagang.meetings.checkin"


class MeetingError(Refused):
    """A refused temu-bisnis action, with a translated message for the user."""


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


# --- requests -------------------------------------------------------------------------------


def requests_expire(*, mission: Mission | None = None, now: datetime | None = None) -> int:
    """Pending requests past their time become expired (so they never block a slot); the
    requester is told."""
    qs = MeetingRequest.objects.filter(status=Status.PENDING, expires_at__lte=_now(now))
    if mission is not None:
        qs = qs.filter(mission=mission)
    with transaction.atomic():
        expired = list(qs.select_related("mission", "requester__business", "counterpart__business"))
        if not expired:
            return 0
        n = MeetingRequest.objects.filter(
            pk__in=[r.pk for r in expired], status=Status.PENDING
        ).update(status=Status.EXPIRED)
        for req in expired:
            req.status = Status.EXPIRED
            announce("meeting_request.expire", req, None)
    return n


@transaction.atomic
def request_create(
    *,
    mission: Mission,
    requester: Participant,
    counterpart: Participant,
    actor: User,
    note: str = "",
    source: str = MeetingRequest.Source.DIRECTORY,
    must_meet: bool = False,
    accept: bool = False,
    session: str = Session.ANY,
    now: datetime | None = None,
) -> MeetingRequest:
    """A request from `requester` to meet `counterpart`. Staff may create it already accepted
    (on both businesses' behalf) and mark it must-meet. A repeat returns the open request."""
    now = _now(now)
    if requester.mission_id != mission.pk or counterpart.mission_id != mission.pk:
        raise MeetingError(_("Kedua pelaku usaha harus peserta misi ini."))
    if requester.pk == counterpart.pk or requester.business_id == counterpart.business_id:
        raise MeetingError(_("Pelaku usaha tidak dapat bertemu dengan dirinya sendiri."))
    if not access.can_act_for(actor, requester):
        raise PermissionDenied
    staff = staffs(actor, mission)
    if (accept and not staff) or (must_meet and not manages(actor, mission)):
        raise PermissionDenied
    if session not in Session.values:
        raise MeetingError(_("Sesi tidak dikenal."))
    requests_expire(mission=mission, now=now)
    pair = MeetingRequest.pair_of(requester.pk, counterpart.pk)
    existing = MeetingRequest.objects.open().filter(mission=mission, pair=pair).first()
    if existing is not None:
        return existing
    config = MeetingConfig.for_mission(mission)
    req = MeetingRequest(
        mission=mission,
        requester=requester,
        counterpart=counterpart,
        note=note.strip()[:500],
        source=source,
        must_meet=must_meet,
        session=session,
        created=now,
        created_by=actor,
        expires_at=now + timedelta(hours=config.request_ttl_hours),
    )
    if accept:
        _check_caps(req, config)
        req.status, req.responded_at, req.responded_by = Status.ACCEPTED, now, actor
    try:
        with transaction.atomic():
            req.save()
    except IntegrityError:  # a simultaneous identical submission won the race
        return MeetingRequest.objects.open().get(mission=mission, pair=pair)
    AuditLog.record(
        actor=actor,
        action="meeting_request.create",
        obj=req,
        status=req.status,
        on_behalf=not access.can_act_for_self(actor, requester),
    )
    announce("meeting_request.create", req, actor)
    return req


def _check_caps(req: MeetingRequest, config: MeetingConfig) -> None:
    for p in (req.requester, req.counterpart):
        avail = ParticipantAvailability.objects.filter(participant=p).first()
        cap = avail.cap if avail and avail.cap is not None else config.cap_per_participant
        taken = MeetingRequest.objects.filter(status=Status.ACCEPTED).involving(p)
        if taken.exclude(pk=req.pk).count() >= cap:
            raise MeetingError(
                _("%(name)s sudah mencapai batas %(cap)s temu bisnis.")
                % {"name": p.business.display_name, "cap": cap}
            )


def request_respond(
    *, request: MeetingRequest, accept: bool, actor: User, now: datetime | None = None
) -> MeetingRequest:
    """The counterpart (or staff on its behalf) accepts or declines a pending request."""
    now = _now(now)
    # Lazy expiry first, so it stays done even when the answer is refused.
    requests_expire(mission=request.mission, now=now)
    with transaction.atomic():
        return _respond(request, accept, actor, now)


def _respond(request: MeetingRequest, accept: bool, actor: User, now: datetime) -> MeetingRequest:
    req = (
        MeetingRequest.objects.select_for_update()
        .select_related("requester__business", "counterpart__business", "mission")
        .get(pk=request.pk)
    )
    if not (access.can_act_for_self(actor, req.counterpart) or staffs(actor, req.mission)):
        raise PermissionDenied
    wanted = Status.ACCEPTED if accept else Status.DECLINED
    if req.status == wanted:
        return req  # a repeated answer changes nothing
    if req.status != Status.PENDING:
        raise MeetingError(
            _("Permintaan ini sudah %(status)s.") % {"status": req.get_status_display().lower()}
        )
    if accept:
        _check_caps(req, MeetingConfig.for_mission(req.mission))
    req.status, req.responded_at, req.responded_by = wanted, now, actor
    req.save(update_fields=["status", "responded_at", "responded_by"])
    AuditLog.record(actor=actor, action="meeting_request.respond", obj=req, status=req.status)
    announce("meeting_request.accept" if accept else "meeting_request.decline", req, actor)
    return req


@transaction.atomic
def request_cancel(*, request: MeetingRequest, actor: User, reason: str = "") -> MeetingRequest:
    """Either business (or staff) withdraws a pending or accepted request; a scheduled
    meeting for it is cancelled (that needs a reason, which the partner is told) and its slot
    offered to a waiting request."""
    reason = " ".join(reason.split())[:300]
    req = (
        MeetingRequest.objects.select_for_update()
        .select_related("requester", "counterpart", "mission")
        .get(pk=request.pk)
    )
    if not (access.can_act_for(actor, req.requester) or access.can_act_for(actor, req.counterpart)):
        raise PermissionDenied
    if req.status == Status.CANCELLED:
        return req
    if req.status not in MeetingRequest.OPEN:
        raise MeetingError(_("Hanya permintaan yang masih terbuka yang dapat dibatalkan."))
    meeting = Meeting.objects.filter(request=req, status=Meeting.Status.SCHEDULED).first()
    if meeting is not None and not reason:
        raise MeetingError(
            {"reason": [_("Tulis alasan pembatalan: mitra temu Anda akan diberi tahu.")]}
        )
    req.status = Status.CANCELLED
    req.cancel_reason = reason
    req.save(update_fields=["status", "cancel_reason"])
    if meeting is not None:
        meeting.status = Meeting.Status.CANCELLED
        meeting.save(update_fields=["status"])
        _offer_slot(meeting, actor=actor)
    AuditLog.record(actor=actor, action="meeting_request.cancel", obj=req, reason=reason)
    announce("meeting_request.cancel", req, actor)
    return req


@transaction.atomic
def request_set_must_meet(
    *, request: MeetingRequest, must_meet: bool, actor: User
) -> MeetingRequest:
    if not manages(actor, request.mission):
        raise PermissionDenied
    request.must_meet = must_meet
    request.save(update_fields=["must_meet"])
    AuditLog.record(actor=actor, action="meeting_request.must_meet", obj=request, value=must_meet)
    return request


# --- the day ---------------------------------------------------------------------------------


@transaction.atomic
def availability_save(
    *,
    participant: Participant,
    actor: User,
    session: str,
    seats: int,
    cap: int | None,
    blocked: list[str] | None = None,
) -> ParticipantAvailability:
    if not access.can_act_for(actor, participant):
        raise PermissionDenied
    if seats < 1:
        raise MeetingError(_("Jumlah kursi paling sedikit 1."))
    avail, _created = ParticipantAvailability.objects.update_or_create(
        participant=participant,
        defaults={"session": session, "seats": seats, "cap": cap, "blocked": sorted(blocked or [])},
    )
    AuditLog.record(
        actor=actor, action="meeting.availability", obj=avail, session=session, seats=seats, cap=cap
    )
    return avail


@transaction.atomic
def tables_set(*, mission: Mission, names: list[str], actor: User) -> list[Table]:
    """Tables 1..n named as given (blank names become "Meja n"); tables beyond n are removed
    unless a meeting uses them."""
    if not manages(actor, mission):
        raise PermissionDenied
    names = [n.strip()[:60] for n in names]
    if not names:
        raise MeetingError(_("Sediakan paling sedikit satu meja."))
    extra = Table.objects.filter(mission=mission, number__gt=len(names))
    if Meeting.objects.filter(table__in=extra).live().exists():
        raise MeetingError(_("Meja yang akan dihapus masih dipakai jadwal; terbitkan ulang dulu."))
    extra.delete()
    out = []
    for i, name in enumerate(names, start=1):
        table, _c = Table.objects.update_or_create(
            mission=mission, number=i, defaults={"name": name or _("Meja %s") % i}
        )
        out.append(table)
    AuditLog.record(actor=actor, action="meeting.tables", obj=mission, count=len(out))
    return out


@transaction.atomic
def day_save(*, day: MeetingDay, actor: User) -> MeetingDay:
    if not manages(actor, day.mission):
        raise PermissionDenied
    day.full_clean()
    day.save()
    AuditLog.record(actor=actor, action="meeting.day", obj=day, date=str(day.date))
    return day


@transaction.atomic
def config_save(*, config: MeetingConfig, actor: User) -> MeetingConfig:
    if not manages(actor, config.mission):
        raise PermissionDenied
    config.save()
    AuditLog.record(actor=actor, action="meeting.config", obj=config)
    return config


# --- the schedule ----------------------------------------------------------------------------


@transaction.atomic
def schedule_preview(*, mission: Mission, actor: User, now: datetime | None = None) -> ScheduleRun:
    """Queue a scheduler run on the accepted requests and return it (unpublished): the input is
    fixed now, the engine runs in the background (`runs.schedule_solve`); the run's `state`
    and `progress` tell how far it is."""
    if not manages(actor, mission):
        raise PermissionDenied
    requests_expire(mission=mission, now=now)
    built = engine_input.build(mission, config=MeetingConfig.for_mission(mission))
    if not built.slots:
        raise MeetingError(_("Atur dulu hari dan slot temu bisnis."))
    if not built.tables:
        raise MeetingError(_("Atur dulu meja temu bisnis."))
    run = ScheduleRun.objects.create(
        mission=mission,
        input=built.doc,
        left_out=built.left_out,
        state=ScheduleRun.State.QUEUED,
        progress={"stage": "queued"},
        created=_now(now),
        created_by=actor,
    )
    AuditLog.record(actor=actor, action="schedule.queue", obj=run)
    run.job = enqueue(runs.schedule_solve, key=f"schedule_run:{run.pk}", run_id=run.pk)
    ScheduleRun.objects.filter(pk=run.pk).update(job=run.job)
    run.refresh_from_db()  # a backend that runs jobs at once (tests) has finished it already
    return run


def schedule_cancel(*, run: ScheduleRun, actor: User) -> ScheduleRun:
    """Stop a queued or running run; a running one stops at the engine's next report and keeps
    the best schedule it had (shown, never published)."""
    if not manages(actor, run.mission):
        raise PermissionDenied
    changed = ScheduleRun.objects.filter(
        pk=run.pk, state__in=[ScheduleRun.State.QUEUED, ScheduleRun.State.RUNNING]
    ).update(state=ScheduleRun.State.CANCELLED, finished=timezone.now())
    if changed:
        if run.job_id and run.state == ScheduleRun.State.QUEUED:
            cancel_job(run.job)  # type: ignore[arg-type]
        AuditLog.record(actor=actor, action="schedule.cancel", obj=run)
    run.refresh_from_db()
    return run


def _latest_run(mission: Mission) -> ScheduleRun | None:
    """The run a publish must be: the newest one not cancelled or failed."""
    gone = [ScheduleRun.State.CANCELLED, ScheduleRun.State.FAILED]
    runs_ = ScheduleRun.objects.filter(mission=mission).exclude(state__in=gone)
    return runs_.order_by("-created", "-pk").first()


@transaction.atomic
def schedule_publish(*, run: ScheduleRun, actor: User, now: datetime | None = None) -> ScheduleRun:
    """Make a run the mission's schedule: meetings are placed, moved or withdrawn to match it.
    Meetings already held or marked absent are kept as they are."""
    mission = run.mission
    if not manages(actor, mission):
        raise PermissionDenied
    if run.state != ScheduleRun.State.DONE:
        raise MeetingError(_("Penjadwalan ini belum selesai atau dibatalkan; tidak bisa terbit."))
    latest = _latest_run(mission)
    if latest is None or latest.pk != run.pk:
        raise MeetingError(_("Ada hasil penjadwalan yang lebih baru; terbitkan yang terbaru."))
    if run.published:
        return run
    slots = {s.key: s for s in engine_input.mission_slots(mission)}
    keys, table_ids = run.input["slot_keys"], run.input["table_ids"]
    tables = {t.pk: t for t in Table.objects.filter(mission=mission, pk__in=table_ids)}
    if any(k not in slots for k in keys) or len(tables) != len(table_ids):
        raise MeetingError(_("Hari, slot atau meja berubah sejak penjadwalan; jalankan ulang."))
    accepted = set(
        MeetingRequest.objects.filter(mission=mission, status=Status.ACCEPTED).values_list(
            "pk", flat=True
        )
    )
    existing = {m.request_id: m for m in Meeting.objects.filter(mission=mission)}
    republished = ScheduleRun.objects.filter(mission=mission, published=True).exists()
    before = notifications.snapshot(mission.pk) if republished else None
    placed: set[int] = set()
    for item in run.output.get("scheduled", []):
        rid = int(item["meeting"][1:])
        if rid not in accepted:
            continue
        slot, table = slots[keys[item["slot"]]], tables[table_ids[item["table"]]]
        m = existing.get(rid)
        if m is not None and m.status in (Meeting.Status.HELD, Meeting.Status.ABSENT):
            placed.add(rid)
            continue
        m = m or Meeting(mission=mission, request_id=rid)
        m.day_id, m.slot = slot.day_id, slot.index
        m.starts_at, m.ends_at = slot.starts_at, slot.ends_at
        m.table, m.run, m.status = table, run, Meeting.Status.SCHEDULED
        m.save()
        placed.add(rid)
    Meeting.objects.filter(mission=mission, status=Meeting.Status.SCHEDULED).exclude(
        request_id__in=placed
    ).delete()
    ScheduleRun.objects.filter(mission=mission, published=True).update(published=False)
    run.published, run.published_at, run.published_by = True, _now(now), actor
    run.save(update_fields=["published", "published_at", "published_by"])
    AuditLog.record(actor=actor, action="schedule.publish", obj=run, placed=len(placed))
    if before is None:  # each participant gets their agenda
        announce("schedule.publish", run, actor)
    else:  # only those whose meetings moved, appeared or went
        announce("schedule.change", run, actor, before=before)
    return run


# --- the event -------------------------------------------------------------------------------


@transaction.atomic
def meeting_mark(
    *,
    meeting: Meeting,
    status: str,
    actor: User,
    outcome: str = "",
    now: datetime | None = None,
) -> tuple[Meeting, Meeting | None]:
    """A clerk marks a meeting held or absent (with an optional outcome note), once its slot
    has started (before that nobody can know, organisers included). An absence
    frees the slot: it goes to a waiting request whose two businesses are free then.
    Returns the meeting and the replacement placed in its slot, if any."""
    if not staffs(actor, meeting.mission):
        raise PermissionDenied
    if status not in (Meeting.Status.HELD, Meeting.Status.ABSENT):
        raise MeetingError(_("Status temu tidak dikenal."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise MeetingError(_("Temu ini sudah dibatalkan."))
    now = _now(now)
    if now < meeting.starts_at:  # nobody, organisers included, can know the outcome yet
        mission = meeting.mission
        raise MeetingError(
            _(
                "Temu ini baru dimulai %(day)s pukul %(clock)s; tandai terlaksana atau tidak "
                "hadir setelah itu. Untuk membatalkan temu yang belum berlangsung, batalkan "
                "permintaannya."
            )
            % {
                "day": date_format(mission.local(meeting.starts_at), "l, j F Y"),
                "clock": mission.local_clock(meeting.starts_at),
            }
        )
    was = meeting.status
    meeting.status, meeting.marked_at, meeting.marked_by = status, now, actor
    if outcome.strip():
        meeting.outcome = outcome.strip()[:500]
    meeting.save(update_fields=["status", "marked_at", "marked_by", "outcome"])
    AuditLog.record(actor=actor, action="meeting.mark", obj=meeting, status=status)
    replacement = None
    if status == Meeting.Status.ABSENT and was != Meeting.Status.ABSENT:
        announce("meeting.absent", meeting, actor)
        replacement = _offer_slot(meeting, actor=actor)
    return meeting, replacement


def _busy(participant_id: int, meeting: Meeting) -> int:
    return (
        Meeting.objects.filter(day_id=meeting.day_id, slot=meeting.slot)
        .filter(status__in=[Meeting.Status.SCHEDULED, Meeting.Status.HELD])
        .filter(Q(request__requester_id=participant_id) | Q(request__counterpart_id=participant_id))
        .count()
    )


def _offer_slot(freed: Meeting, *, actor: User) -> Meeting | None:
    """Place the first waiting accepted request (must-meet first, then oldest) whose two
    businesses are available and free in the freed slot, at the freed table."""
    mission = freed.mission
    config = MeetingConfig.for_mission(mission)
    slot = next((s for s in freed.day.all_slots() if s.index == freed.slot), None)
    if slot is None:
        return None
    waiting = (
        MeetingRequest.objects.filter(mission=mission, status=Status.ACCEPTED, meeting__isnull=True)
        .select_related("requester", "counterpart")
        .order_by("-must_meet", "created", "pk")
    )
    for req in waiting:
        ok = True
        for p in (req.requester, req.counterpart):
            avail = ParticipantAvailability.objects.filter(participant=p).first()
            seats = avail.seats if avail else 1
            cap = avail.cap if avail and avail.cap is not None else config.cap_per_participant
            live = Meeting.objects.involving(p).filter(
                status__in=[Meeting.Status.SCHEDULED, Meeting.Status.HELD]
            )
            if (
                (avail and not avail.allows(slot))
                or _busy(p.pk, freed) >= seats
                or (live.count() >= cap)
            ):
                ok = False
                break
        if ok:
            m = Meeting.objects.create(
                mission=mission,
                request=req,
                day_id=freed.day_id,
                slot=freed.slot,
                starts_at=freed.starts_at,
                ends_at=freed.ends_at,
                table_id=freed.table_id,
            )
            AuditLog.record(actor=actor, action="meeting.fill_slot", obj=m, freed=freed.pk)
            return m
    return None


def checkin_token(participant: Participant) -> str:
    return signing.dumps({"p": participant.pk, "m": participant.mission_id}, salt=CHECKIN_SALT)


def participant_from_token(token: str) -> Participant:
    """The participant a check-in token names; raises MeetingError for a forged token."""
    try:
        data: dict[str, Any] = signing.loads(token, salt=CHECKIN_SALT)
        return Participant.objects.select_related("business", "mission").get(
            pk=data["p"], mission_id=data["m"]
        )
    except (signing.BadSignature, KeyError, TypeError, Participant.DoesNotExist):
        raise MeetingError(_("Kode QR tidak sah.")) from None


def participant_check_in(*, token: str, actor: User) -> Participant:
    participant = participant_from_token(token)
    if not staffs(actor, participant.mission):
        raise PermissionDenied
    if participant.status == Participant.Status.CHECKED_IN:
        return participant
    return mission_services.participant_set_status(
        participant=participant, status=Participant.Status.CHECKED_IN, actor=actor
    )
