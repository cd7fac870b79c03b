"""What temu bisnis tells people: requests and their answers, the published schedule (each
participant's own agenda and .ics) and its changes (only to those affected, saying what moved),
reminders the day before and 15 minutes before, and an absence. Registered by
MeetingsConfig.ready(); `reminders_due(now)` is for a periodic task."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from misidagang.accounts.models import User
from misidagang.meetings import ics
from misidagang.meetings.models import Meeting, MeetingRequest, ScheduleRun
from misidagang.missions.models import Participant
from misidagang.notify.kinds import (
    Kind,
    Message,
    for_business,
    iso,
    mission_context,
    register,
    to_each,
)
from misidagang.notify.render import clock, day
from misidagang.notify.services import announce

DAY_BEFORE = timedelta(hours=24)
SOON = timedelta(minutes=15)


def _request_context(req: MeetingRequest) -> dict[str, Any]:
    return {
        **mission_context(req.mission),
        "requester": req.requester.business.display_name,
        "counterpart": req.counterpart.business.display_name,
        "note": req.note,
        "reason": req.cancel_reason,
        "expires_at": iso(req.expires_at),
        "url": reverse("meetings_requests", args=[req.mission_id]),
    }


def _to_participant(p: Participant, ctx: dict[str, Any], **extra: Any) -> list[Message]:
    return to_each(for_business(p.business), {**ctx, **extra})


def _not_actor(parties: Iterable[Participant], actor: Any) -> list[Participant]:
    own = getattr(actor, "business_id", None)
    return [p for p in parties if not own or p.business_id != own]


def _created(req: MeetingRequest, *, actor: Any = None, **data: Any) -> list[Message]:
    if req.status != MeetingRequest.Status.PENDING:
        return []  # made already accepted by staff: both learn it from the schedule
    return _to_participant(
        req.counterpart, _request_context(req), other=req.requester.business.display_name
    )


def _answered(req: MeetingRequest, *, actor: Any = None, **data: Any) -> list[Message]:
    return _to_participant(
        req.requester, _request_context(req), other=req.counterpart.business.display_name
    )


def _cancelled(req: MeetingRequest, *, actor: Any = None, **data: Any) -> list[Message]:
    ctx = _request_context(req)
    out = []
    for p in _not_actor((req.requester, req.counterpart), actor):
        out += _to_participant(p, ctx, other=req.other(p).business.display_name)
    return out


def _wa_request(ctx: dict[str, Any]) -> list[str]:
    return [ctx["name"], ctx["other"], ctx["mission_name"], ctx["url"]]


# --- the schedule ----------------------------------------------------------------------------


def _live_meetings(mission_id: int) -> list[Meeting]:
    return list(
        Meeting.objects.filter(mission_id=mission_id)
        .live()
        .select_related("table", "request__requester__business", "request__counterpart__business")
        .order_by("starts_at", "table__number")
    )


def snapshot(mission_id: int) -> dict[str, dict[str, Any]]:
    """The scheduled meetings as they stand: what a republish is compared with."""
    return {
        str(m.request_id): {
            "starts_at": iso(m.starts_at),
            "table": m.table.name,
            "requester": m.request.requester_id,
            "counterpart": m.request.counterpart_id,
            "names": {
                str(m.request.requester_id): m.request.requester.business.display_name,
                str(m.request.counterpart_id): m.request.counterpart.business.display_name,
            },
        }
        for m in _live_meetings(mission_id)
        if m.status == Meeting.Status.SCHEDULED
    }


def _agendas(mission_id: int) -> tuple[dict[int, list[dict[str, Any]]], dict[str, Any]]:
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    now: dict[str, Any] = {}
    for m in _live_meetings(mission_id):
        req = m.request
        for p, other in ((req.requester, req.counterpart), (req.counterpart, req.requester)):
            rows[p.pk].append(
                {
                    "meeting": m.pk,
                    "starts_at": iso(m.starts_at),
                    "ends_at": iso(m.ends_at),
                    "table": m.table.name,
                    "other": other.business.display_name,
                }
            )
        if m.status == Meeting.Status.SCHEDULED:
            now[str(req.pk)] = {"starts_at": iso(m.starts_at), "table": m.table.name}
    return rows, now


def _participants(ids: Iterable[int]) -> list[Participant]:
    return list(
        Participant.objects.filter(pk__in=list(ids))
        .select_related("business")
        .prefetch_related(
            Prefetch(
                "business__users",
                queryset=User.objects.filter(is_active=True).select_related("notify_profile"),
            )
        )
        .order_by("pk")
    )


def _agenda_context(run: ScheduleRun, p: Participant, agenda: list[dict[str, Any]]):
    mission = run.mission
    return {
        **mission_context(mission),
        "business": p.business.display_name,
        "agenda": agenda,
        "first_at": agenda[0]["starts_at"] if agenda else "",
        "count": len(agenda),
        "url": reverse("meetings_agenda", args=[mission.pk, p.pk]),
    }


def _published(run: ScheduleRun, *, actor: Any = None, **data: Any) -> list[Message]:
    """Every participant with meetings gets their own agenda."""
    agendas, _now = _agendas(run.mission_id)
    out = []
    for p in _participants(agendas):
        out += to_each(for_business(p.business), _agenda_context(run, p, agendas[p.pk]))
    return out


def _changed(
    run: ScheduleRun, *, actor: Any = None, before: dict[str, Any] | None = None, **data: Any
) -> list[Message]:
    """Only the participants whose meetings moved, appeared or went, with what changed."""
    before = before or {}
    agendas, after = _agendas(run.mission_id)
    changes: dict[int, list[dict[str, Any]]] = defaultdict(list)
    requests = {
        str(r.pk): r
        for r in MeetingRequest.objects.filter(
            pk__in=[int(k) for k in set(after) | set(before)]
        ).select_related("requester__business", "counterpart__business")
    }
    for rid in sorted(set(before) | set(after), key=int):
        old, new = before.get(rid), after.get(rid)
        if old and new and (old["starts_at"], old["table"]) == (new["starts_at"], new["table"]):
            continue
        what = "moved" if old and new else ("added" if new else "removed")
        req = requests.get(rid)
        if req is not None:
            ids = [
                (req.requester_id, req.counterpart.business.display_name),
                (req.counterpart_id, req.requester.business.display_name),
            ]
        else:  # the request is gone: the names the snapshot kept
            assert old is not None
            ids = [
                (old["requester"], old["names"][str(old["counterpart"])]),
                (old["counterpart"], old["names"][str(old["requester"])]),
            ]
        for pid, other in ids:
            changes[pid].append(
                {
                    "what": what,
                    "other": other,
                    "old_at": old["starts_at"] if old else "",
                    "old_table": old["table"] if old else "",
                    "new_at": new["starts_at"] if new else "",
                    "new_table": new["table"] if new else "",
                }
            )
    out = []
    for p in _participants(changes):
        ctx = _agenda_context(run, p, agendas.get(p.pk, []))
        ctx["changes"] = changes[p.pk]
        out += to_each(for_business(p.business), ctx)
    return out


def agenda_ics(ctx: dict[str, Any]) -> list[tuple[str, str, str]]:
    events = [
        ics.Event(
            uid=f"temu-{row['meeting']}@misidagang",
            starts_at=datetime.fromisoformat(row["starts_at"]),
            ends_at=datetime.fromisoformat(row["ends_at"]),
            summary=_("Temu bisnis: %s") % row["other"],
            location=f"{row['table']}, {ctx.get('venue', '')}".strip(", "),
        )
        for row in ctx.get("agenda", [])
    ]
    if not events:
        return []
    text = ics.calendar(events, zone=ctx["zone"], name=ctx["mission_name"], abbr=ctx["zone_abbr"])
    return [("agenda.ics", text, "text/calendar")]


def _wa_agenda(ctx: dict[str, Any]) -> list[str]:
    first = ctx.get("first_at")
    return [
        ctx["name"],
        ctx["mission_name"],
        str(ctx.get("count", 0)),
        f"{day(first)} {clock(first)}" if first else "-",
        ctx["url"],
    ]


def _wa_change(ctx: dict[str, Any]) -> list[str]:
    lines = []
    for c in ctx.get("changes", []):
        if c["what"] == "removed":
            lines.append(_("%(other)s dibatalkan") % c)
        else:
            lines.append(f"{c['other']}: {clock(c['new_at'])} {c['new_table']}")
    return [ctx["name"], ctx["mission_name"], "; ".join(lines), ctx["url"]]


# --- one meeting -----------------------------------------------------------------------------


def _meeting_context(m: Meeting) -> dict[str, Any]:
    return {
        **mission_context(m.mission),
        "starts_at": iso(m.starts_at),
        "ends_at": iso(m.ends_at),
        "table": m.table.name,
        "status": m.status,
    }


def _meeting_parties(m: Meeting, *, actor: Any = None, **data: Any) -> list[Message]:
    ctx = _meeting_context(m)
    req = m.request
    out = []
    for p in (req.requester, req.counterpart):
        url = reverse("meetings_agenda", args=[m.mission_id, p.pk])
        out += _to_participant(p, ctx, other=req.other(p).business.display_name, url=url)
    return out


def _wa_meeting(ctx: dict[str, Any]) -> list[str]:
    return [
        ctx["name"],
        ctx["other"],
        f"{day(ctx['starts_at'])} {clock(ctx['starts_at'])}",
        ctx["table"],
    ]


def _reminder_event(name: str):
    return lambda m, data: f"{name}:{m.pk}:{m.starts_at:%Y%m%d%H%M}"


register(
    Kind(
        name="meeting_request.create",
        label=gettext_lazy("Permintaan temu bisnis masuk"),
        build=_created,
        whatsapp=_wa_request,
    ),
    Kind(
        name="meeting_request.accept",
        label=gettext_lazy("Permintaan temu bisnis diterima"),
        build=_answered,
        whatsapp=_wa_request,
    ),
    Kind(
        name="meeting_request.decline",
        label=gettext_lazy("Permintaan temu bisnis ditolak"),
        build=_answered,
        whatsapp=_wa_request,
    ),
    Kind(
        name="meeting_request.cancel",
        label=gettext_lazy("Temu bisnis dibatalkan"),
        build=_cancelled,
        whatsapp=_wa_request,
    ),
    Kind(
        name="meeting_request.expire",
        label=gettext_lazy("Permintaan temu bisnis kedaluwarsa"),
        build=_answered,
        whatsapp=_wa_request,
    ),
    Kind(
        name="schedule.publish",
        label=gettext_lazy("Jadwal temu bisnis terbit"),
        build=_published,
        whatsapp=_wa_agenda,
        attachments=agenda_ics,
    ),
    Kind(
        name="schedule.change",
        label=gettext_lazy("Jadwal temu bisnis berubah"),
        build=_changed,
        whatsapp=_wa_change,
        attachments=agenda_ics,
    ),
    Kind(
        name="meeting.reminder_day",
        label=gettext_lazy("Pengingat sehari sebelum temu"),
        build=_meeting_parties,
        whatsapp=_wa_meeting,
        event=_reminder_event("meeting.reminder_day"),
    ),
    Kind(
        name="meeting.reminder_soon",
        label=gettext_lazy("Pengingat 15 menit sebelum temu"),
        build=_meeting_parties,
        whatsapp=_wa_meeting,
        event=_reminder_event("meeting.reminder_soon"),
    ),
    Kind(
        name="meeting.absent",
        label=gettext_lazy("Temu bisnis ditandai tidak hadir"),
        build=_meeting_parties,
        whatsapp=_wa_meeting,
    ),
)


def reminders_due(now: datetime | None = None) -> int:
    """Reminders of scheduled meetings: the day before (starting within 24 hours, and more than
    an hour away) and 15 minutes before. Idempotent: run it every minute or so; each reminder is
    written once per meeting and time (the outbox's uniqueness)."""
    now = now or timezone.now()
    written = 0
    upcoming = (
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED, starts_at__gt=now, starts_at__lte=now + DAY_BEFORE
        )
        .select_related(
            "mission", "table", "request__requester__business", "request__counterpart__business"
        )
        .order_by("starts_at")
    )
    for m in upcoming:
        left = m.starts_at - now
        kind = "meeting.reminder_soon" if left <= SOON else "meeting.reminder_day"
        if kind == "meeting.reminder_day" and left <= timedelta(hours=1):
            continue
        with transaction.atomic():
            written += announce(kind, m, None, now=now)
    return written
