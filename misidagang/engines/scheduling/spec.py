"""Validation of a scheduling document into a typed, index-based problem.

The JSON contract is in DESIGN.md ("Engine contracts"). Unknown fields are ignored; anything
invalid raises `SchedulingInputError` naming the offending field, e.g. `meetings[3].between`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SESSIONS = ("any", "morning", "afternoon")
DEFAULT_TIME_LIMIT_S = 10.0
MAX_TIME_LIMIT_S = 3600.0


class SchedulingInputError(ValueError):
    """Invalid scheduling input; `field` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Participant:
    id: str
    slots: frozenset[int]  # slots where the participant can meet
    seats: int


@dataclass(frozen=True)
class Meeting:
    id: str
    a: int  # participant indices
    b: int
    priority: int
    slots: tuple[int, ...]  # candidate slots (session, availability, fixed slot applied)
    fixed: int | None
    after: tuple[int, ...]  # meetings (indices) that must take place in an earlier slot


@dataclass
class Problem:
    slots: int
    tables: int
    time_limit_s: float
    schedule_all: bool
    max_break_spread: int | None
    deterministic: bool
    participants: list[Participant]
    meetings: list[Meeting]
    previous: dict[int, tuple[int, int | None]] = field(default_factory=dict)  # m -> (slot, table)
    notes: list[str] = field(default_factory=list)  # why a problem is trivially infeasible

    def meetings_of(self) -> list[list[int]]:
        """Meeting indices per participant (a meeting between p and p is not allowed)."""
        out: list[list[int]] = [[] for _ in self.participants]
        for i, m in enumerate(self.meetings):
            out[m.a].append(i)
            out[m.b].append(i)
        return out


def _int(value: Any, name: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchedulingInputError(name, "must be an integer")
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise SchedulingInputError(name, f"must be {bound}, got {value}")
    return value


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise SchedulingInputError(name, "must be a list")
    return value


def _slot_list(value: Any, name: str, slots: int) -> set[int]:
    return {_int(v, f"{name}[{i}]", 0, slots - 1) for i, v in enumerate(_list(value, name))}


def _id(value: Any, name: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int) or str(value) == "":
        raise SchedulingInputError(name, "must be a non-empty string")
    return str(value)


def _participants(doc: dict[str, Any], slots: int) -> list[Participant]:
    out: list[Participant] = []
    seen: set[str] = set()
    for i, raw in enumerate(_list(doc.get("participants"), "participants")):
        name = f"participants[{i}]"
        if not isinstance(raw, dict):
            raise SchedulingInputError(name, "must be an object")
        pid = _id(raw.get("id"), f"{name}.id")
        if pid in seen:
            raise SchedulingInputError(f"{name}.id", f"duplicate id {pid!r}")
        seen.add(pid)
        avail = set(range(slots))
        if raw.get("available") is not None:
            avail = _slot_list(raw["available"], f"{name}.available", slots)
        if raw.get("forbidden") is not None:
            avail -= _slot_list(raw["forbidden"], f"{name}.forbidden", slots)
        seats = _int(raw.get("seats", 1), f"{name}.seats", 1, 1000)
        out.append(Participant(pid, frozenset(avail), seats))
    return out


def _meeting_slots(raw: dict[str, Any], name: str, doc_slots: int, morning: int) -> list[int]:
    session = raw.get("session", "any")
    if session is None:
        session = "any"
    if session not in SESSIONS:
        raise SchedulingInputError(f"{name}.session", f"must be one of {', '.join(SESSIONS)}")
    if session == "morning":
        return list(range(morning))
    if session == "afternoon":
        return list(range(morning, doc_slots))
    return list(range(doc_slots))


def _meetings(doc: dict[str, Any], p: Problem, morning: int) -> None:
    index = {q.id: i for i, q in enumerate(p.participants)}
    raws = _list(doc.get("meetings"), "meetings")
    ids: dict[str, int] = {}
    names: list[str] = []
    for i, raw in enumerate(raws):
        if not isinstance(raw, dict):
            raise SchedulingInputError(f"meetings[{i}]", "must be an object")
        mid = _id(raw.get("id"), f"meetings[{i}].id")
        if mid in ids:
            raise SchedulingInputError(f"meetings[{i}].id", f"duplicate id {mid!r}")
        ids[mid] = i
        names.append(mid)
    for i, raw in enumerate(raws):
        name = f"meetings[{i}]"
        between = raw.get("between")
        if not isinstance(between, list) or len(between) != 2:
            raise SchedulingInputError(f"{name}.between", "must list exactly two participant ids")
        ab = []
        for j, who in enumerate(between):
            if isinstance(who, bool) or not isinstance(who, str | int) or str(who) not in index:
                raise SchedulingInputError(f"{name}.between[{j}]", f"unknown participant {who!r}")
            ab.append(index[str(who)])
        if ab[0] == ab[1]:
            raise SchedulingInputError(f"{name}.between", "a participant cannot meet itself")
        priority = _int(raw.get("priority", 1), f"{name}.priority", 1, 1_000_000)
        fixed = raw.get("fixed_slot")
        if fixed is not None:
            fixed = _int(fixed, f"{name}.fixed_slot", 0, p.slots - 1)
        after: list[int] = []
        for j, other in enumerate(_list(raw.get("after") or [], f"{name}.after")):
            if isinstance(other, bool) or str(other) not in ids or ids[str(other)] == i:
                raise SchedulingInputError(f"{name}.after[{j}]", f"unknown meeting {other!r}")
            after.append(ids[str(other)])
        cand = _meeting_slots(raw, name, p.slots, morning)
        pa, pb = p.participants[ab[0]], p.participants[ab[1]]
        cand = [t for t in cand if t in pa.slots and t in pb.slots]
        if fixed is not None:
            # A fixed meeting is always held in its slot; if session or availability exclude
            # that slot, the problem is infeasible (reported as such, with a note).
            if fixed not in cand:
                p.notes.append(
                    f"{name}.fixed_slot: slot {fixed} is outside the session or availability"
                )
            cand = [fixed] if fixed in cand else []
        meeting = Meeting(
            names[i], ab[0], ab[1], priority, tuple(cand), fixed, tuple(sorted(set(after)))
        )
        p.meetings.append(meeting)


def _previous(doc: dict[str, Any], p: Problem) -> None:
    ids = {m.id: i for i, m in enumerate(p.meetings)}
    for i, raw in enumerate(_list(doc.get("previous") or [], "previous")):
        name = f"previous[{i}]"
        if not isinstance(raw, dict):
            raise SchedulingInputError(name, "must be an object")
        mid = raw.get("meeting")
        if isinstance(mid, bool) or str(mid) not in ids:
            raise SchedulingInputError(f"{name}.meeting", f"unknown meeting {mid!r}")
        slot = _int(raw.get("slot"), f"{name}.slot", 0, p.slots - 1)
        table = raw.get("table")
        if table is not None:
            table = _int(table, f"{name}.table", 0)
        m = ids[str(mid)]
        if m in p.previous:
            raise SchedulingInputError(f"{name}.meeting", f"meeting {mid!r} listed twice")
        p.previous[m] = (slot, table)


def validate(doc: Any) -> Problem:
    """Check a scheduling document and return the problem; raise SchedulingInputError."""
    if not isinstance(doc, dict):
        raise SchedulingInputError("$", "the document must be a JSON object")
    slots = _int(doc.get("slots"), "slots", 1, 10_000)
    morning = _int(doc.get("morning_slots", slots), "morning_slots", 0, slots)
    tables = _int(doc.get("tables"), "tables", 1, 100_000)
    limit = doc.get("time_limit_s", DEFAULT_TIME_LIMIT_S)
    if isinstance(limit, bool) or not isinstance(limit, int | float) or not limit > 0:
        raise SchedulingInputError("time_limit_s", "must be a positive number of seconds")
    schedule_all = doc.get("schedule_all", False)
    if not isinstance(schedule_all, bool):
        raise SchedulingInputError("schedule_all", "must be true or false")
    deterministic = doc.get("deterministic", False)
    if not isinstance(deterministic, bool):
        raise SchedulingInputError("deterministic", "must be true or false")
    spread = doc.get("max_break_spread")
    if spread is not None:
        spread = _int(spread, "max_break_spread", 0, slots)
    p = Problem(
        slots=slots,
        tables=tables,
        time_limit_s=min(float(limit), MAX_TIME_LIMIT_S),
        schedule_all=schedule_all,
        max_break_spread=spread,
        deterministic=deterministic,
        participants=_participants(doc, slots),
        meetings=[],
    )
    _meetings(doc, p, morning)
    _previous(doc, p)
    return p
