"""Build the scheduling engine's JSON document (DESIGN.md contract) from the database, and
say why each accepted request that cannot go in is left out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from misidagang.meetings.models import (
    Meeting,
    MeetingConfig,
    MeetingRequest,
    ParticipantAvailability,
    Session,
    Slot,
    Table,
)
from misidagang.missions.models import Mission

# Why an accepted request is not in the schedule.
REASON_UNAVAILABLE = "unavailable"
REASON_CAP = "cap"
REASON_NO_ROOM = "no_room"
REASON_ABSENT = "absent"
# What each reason says to an organiser (the page and the API).
REASONS = {
    REASON_UNAVAILABLE: _("tidak ada slot ketika keduanya tersedia"),
    REASON_CAP: _("batas temu peserta tercapai"),
    REASON_NO_ROOM: _("tidak ada slot atau meja tersisa"),
    REASON_ABSENT: _("sudah dijadwalkan, peserta tidak hadir"),
    "not_accepted": _("belum diterima mitra"),
}


@dataclass
class EngineInput:
    doc: dict[str, Any]
    slots: list[Slot]
    tables: list[Table]
    left_out: list[dict[str, Any]] = field(default_factory=list)


def mission_slots(mission: Mission) -> list[Slot]:
    """Every usable slot of every day of the mission, in time order (engine slot = index)."""
    out: list[Slot] = []
    for day in mission.meeting_days.select_related("mission"):
        out.extend(day.all_slots())
    return out


def _allowed(avail: ParticipantAvailability | None, slot: Slot) -> bool:
    return avail is None or avail.allows(slot)


def _in_session(session: str, slot: Slot) -> bool:
    return session == Session.ANY or (slot.morning == (session == Session.MORNING))


def build(mission: Mission, *, config: MeetingConfig) -> EngineInput:
    slots = mission_slots(mission)
    tables = list(Table.objects.filter(mission=mission))
    index = {s.key: i for i, s in enumerate(slots)}
    table_index = {t.pk: i for i, t in enumerate(tables)}
    one_day = len({s.day_id for s in slots}) <= 1
    requests = list(
        MeetingRequest.objects.filter(mission=mission, status=MeetingRequest.Status.ACCEPTED)
        .select_related("requester", "counterpart")
        .order_by("-must_meet", "created", "pk")
    )
    meetings = {
        m.request_id: m for m in Meeting.objects.filter(mission=mission, request__in=requests)
    }
    people = {r.requester_id for r in requests} | {r.counterpart_id for r in requests}
    avails = {
        a.participant_id: a for a in ParticipantAvailability.objects.filter(participant__in=people)
    }
    out = EngineInput(doc={}, slots=slots, tables=tables)
    used: Counter[int] = Counter()
    chosen: list[tuple[MeetingRequest, int | None]] = []
    forced: dict[int, set[int]] = {}  # participant -> slots of meetings already held
    for r in requests:
        held = meetings.get(r.pk)
        if held is not None and held.status == Meeting.Status.ABSENT:
            out.left_out.append({"request": r.pk, "reason": REASON_ABSENT})
            continue
        fixed = None
        if held is not None and held.status == Meeting.Status.HELD and held.slot_key in index:
            fixed = index[held.slot_key]
            for p in (r.requester_id, r.counterpart_id):
                forced.setdefault(p, set()).add(fixed)
        caps = [_cap(avails.get(p), config) for p in (r.requester_id, r.counterpart_id)]
        if fixed is None and (used[r.requester_id] >= caps[0] or used[r.counterpart_id] >= caps[1]):
            out.left_out.append({"request": r.pk, "reason": REASON_CAP})
            continue
        if fixed is None and not any(
            _allowed(avails.get(r.requester_id), s)
            and _allowed(avails.get(r.counterpart_id), s)
            and _in_session(r.session, s)
            for s in slots
        ):
            out.left_out.append({"request": r.pk, "reason": REASON_UNAVAILABLE})
            continue
        used[r.requester_id] += 1
        used[r.counterpart_id] += 1
        chosen.append((r, fixed))

    involved = sorted({p for r, _ in chosen for p in (r.requester_id, r.counterpart_id)})
    participants = []
    for p in involved:
        avail = avails.get(p)
        free = {i for i, s in enumerate(slots) if _allowed(avail, s)} | forced.get(p, set())
        participants.append(
            {"id": f"P{p}", "available": sorted(free), "seats": avail.seats if avail else 1}
        )
    engine_meetings = []
    for r, fixed in chosen:
        session = r.session if one_day and fixed is None else Session.ANY
        engine_meetings.append(
            {
                "id": f"R{r.pk}",
                "between": [f"P{r.requester_id}", f"P{r.counterpart_id}"],
                "priority": r.priority,
                "session": session,
                "fixed_slot": fixed,
            }
        )
    previous = []
    chosen_ids = {r.pk for r, _ in chosen}
    for m in meetings.values():
        if (
            m.request_id in chosen_ids
            and m.status == Meeting.Status.SCHEDULED
            and m.slot_key in index
            and m.table_id in table_index
        ):
            previous.append(
                {
                    "meeting": f"R{m.request_id}",
                    "slot": index[m.slot_key],
                    "table": table_index[m.table_id],
                }
            )
    morning = sum(1 for s in slots if s.morning) if one_day else len(slots)
    out.doc = {
        "slots": len(slots),
        "morning_slots": morning,
        "tables": len(tables),
        "time_limit_s": config.time_limit_s,
        "schedule_all": False,
        "max_break_spread": config.max_break_spread,
        "participants": participants,
        "meetings": engine_meetings,
        "previous": sorted(previous, key=lambda x: x["meeting"]),
        # Ignored by the engine; lets us map its answer back to days and tables.
        "slot_keys": [s.key for s in slots],
        "table_ids": [t.pk for t in tables],
    }
    return out


def _cap(avail: ParticipantAvailability | None, config: MeetingConfig) -> int:
    if avail is not None and avail.cap is not None:
        return avail.cap
    return config.cap_per_participant
